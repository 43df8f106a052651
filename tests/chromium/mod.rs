//! A real headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! JSON messages ended by NUL, the browser reading fd 3 and writing fd 4): load a page, collect
//! console errors and network requests, evaluate JavaScript, take screenshots.
#![allow(dead_code)]

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

/// Debian's `chromium` (or `NEWSX_CHROMIUM`); a test that needs it fails loudly without it.
pub fn binary() -> PathBuf {
    if let Some(p) = std::env::var_os("NEWSX_CHROMIUM") {
        return PathBuf::from(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "this test needs Chromium: install Debian's package (apt-get install -y chromium) or set \
         NEWSX_CHROMIUM to the browser's path"
    );
}

pub struct Chromium {
    child: Child,
    to_browser: std::io::PipeWriter,
    from_browser: mpsc::Receiver<Value>,
    next_id: u64,
    session: String,
    /// Every event received so far, in order.
    pub events: Vec<Value>,
    profile: tempfile::TempDir,
}

impl Chromium {
    /// Starts a browser with a fresh profile and opens one blank page of the given size.
    pub fn launch(width: u32, height: u32) -> Chromium {
        let bin = binary();
        let profile = tempfile::tempdir().unwrap();
        let (browser_reads, to_browser) = std::io::pipe().unwrap();
        let (from_reader, browser_writes) = std::io::pipe().unwrap();
        let log = File::create(profile.path().join("chromium.log")).unwrap();
        let mut cmd = Command::new(&bin);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("p").display()
        ))
        .arg(format!("--window-size={width},{height}"))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
        let (r, w) = (browser_reads.as_raw_fd(), browser_writes.as_raw_fd());
        // SAFETY: only async-signal-safe calls between fork and exec. Both ends are first moved
        // above 4 so that placing one on 3 or 4 cannot close the other.
        unsafe {
            cmd.pre_exec(move || {
                let r2 = libc::fcntl(r, libc::F_DUPFD_CLOEXEC, 10);
                let w2 = libc::fcntl(w, libc::F_DUPFD_CLOEXEC, 10);
                if r2 < 0 || w2 < 0 || libc::dup2(r2, 3) < 0 || libc::dup2(w2, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        drop(browser_reads);
        drop(browser_writes);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(from_reader);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match r.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        if buf.last() == Some(&0) {
                            buf.pop();
                        }
                        let Ok(v) = serde_json::from_slice::<Value>(&buf) else {
                            continue;
                        };
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let mut c = Chromium {
            child,
            to_browser,
            from_browser: rx,
            next_id: 0,
            session: String::new(),
            events: Vec::new(),
            profile,
        };
        let target = c.browser_call("Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached = c.browser_call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        c.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            c.call(&format!("{domain}.enable"), json!({}));
        }
        c.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        c
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if session {
            msg["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .unwrap_or_else(|e| panic!("{method}: writing to Chromium: {e}\n{}", self.log()));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.from_browser.recv_timeout(left).unwrap_or_else(|e| {
                panic!("{method}: no answer from Chromium ({e})\n{}", self.log())
            });
            if v["id"].as_u64() == Some(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method}: Chromium answered with an error: {err}");
                }
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    fn browser_call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    /// A command to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Waits for an event of the page; returns it.
    pub fn wait_for(&mut self, method: &str) -> Value {
        let seen = self.events.iter().position(|e| e["method"] == method);
        if let Some(i) = seen {
            return self.events.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .from_browser
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("waiting for {method}: {e}\n{}", self.log()));
            if v["method"] == method {
                return v;
            }
            self.events.push(v);
        }
    }

    /// Opens a page and waits for its load event; returns the time that took.
    pub fn load(&mut self, path: &Path) -> Duration {
        let url = format!("file://{}", path.canonicalize().unwrap().display());
        self.events.retain(|e| e["method"] != "Page.loadEventFired");
        let started = Instant::now();
        let nav = self.call("Page.navigate", json!({"url": url}));
        assert!(nav.get("errorText").is_none(), "loading {url}: {nav}");
        self.wait_for("Page.loadEventFired");
        started.elapsed()
    }

    /// Evaluates an expression in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("evaluating {expression}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Console errors and warnings, uncaught exceptions, failed loads, and requests that left the
    /// page's own file (a self-contained page makes none).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or("") {
                "Runtime.consoleAPICalled"
                    if ["error", "warning", "assert"]
                        .contains(&p["type"].as_str().unwrap_or("")) =>
                {
                    out.push(format!("console {}: {}", p["type"], p["args"]));
                }
                "Runtime.exceptionThrown" => {
                    out.push(format!("exception: {}", p["exceptionDetails"]))
                }
                "Log.entryAdded"
                    if ["error", "warning"]
                        .contains(&p["entry"]["level"].as_str().unwrap_or("")) =>
                {
                    out.push(format!("log: {}", p["entry"]));
                }
                "Network.loadingFailed" => out.push(format!("failed load: {p}")),
                "Network.requestWillBeSent" => {
                    let url = p["request"]["url"].as_str().unwrap_or("");
                    if !(url.starts_with("file:")
                        || url.starts_with("about:")
                        || url.starts_with("data:"))
                    {
                        out.push(format!("network request: {url}"));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// A PNG of the whole page (or of `clip`: x, y, width, height in CSS pixels) into `path`.
    pub fn screenshot(&mut self, path: &Path, clip: Option<[f64; 4]>) {
        let [x, y, w, h] = clip.unwrap_or_else(|| {
            let m = self.call("Page.getLayoutMetrics", json!({}));
            let size = &m["cssContentSize"];
            [
                0.0,
                0.0,
                size["width"].as_f64().unwrap(),
                size["height"].as_f64().unwrap(),
            ]
        });
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true,
                   "clip": {"x": x, "y": y, "width": w, "height": h, "scale": 1}}),
        );
        let png = base64(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).unwrap();
    }

    /// The page printed to PDF, as a print would lay it out.
    pub fn pdf(&mut self) -> Vec<u8> {
        let r = self.call("Page.printToPDF", json!({"printBackground": true}));
        base64(r["data"].as_str().unwrap())
    }

    fn log(&self) -> String {
        let log =
            std::fs::read_to_string(self.profile.path().join("chromium.log")).unwrap_or_default();
        format!("chromium log:\n{log}")
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let mut bytes = serde_json::to_vec(&json!({"id": 0, "method": "Browser.close"})).unwrap();
        bytes.push(0);
        let _ = self.to_browser.write_all(&bytes);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the protocol's encoding of binary results).
fn base64(s: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a') as u32 + 26,
            b'0'..=b'9' => (c - b'0') as u32 + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let digits: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | value(c) << (18 - 6 * i));
        out.extend(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn base64_decodes_padding_and_every_digit() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGk="), b"hi");
    assert_eq!(base64("aGV5"), b"hey");
    assert_eq!(base64("+/8="), [0xfb, 0xff]);
}
