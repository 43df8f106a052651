//! Issue 13's faults table: what a hostile or unlucky batch, folder or machine does to a run.
//! Each test runs the real binary and checks that the run stops, or goes on, as the README says.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::process::{Command, Output, Stdio};

use common::*;

fn article(i: usize) -> String {
    format!(
        "Harbour story {i}\n\nKESTREL BAY — The port board met on day {i}. “We will decide soon,” said Mira Okonjo, the board’s chair.\n"
    )
}

/// Runs newsx in the work folder after `setup` ran in the child, just before exec.
fn run_as(
    w: &Work,
    args: &[&str],
    setup: impl FnMut() -> std::io::Result<()> + Send + Sync + 'static,
) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .current_dir(w.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    unsafe { cmd.pre_exec(setup) };
    cmd.output().unwrap()
}

/// Waits for the child, killing it and failing after 30 s.
fn within_30_s(mut child: std::process::Child, what: &str) -> Output {
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed().as_secs() > 30 {
            let _ = child.kill();
            panic!("{what}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn staged_left(dir: &std::path::Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp") || n == ".newsx.lock")
        .collect()
}

#[test]
fn a_second_run_into_a_locked_output_folder_exits_2_at_once_naming_the_lock() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let before = snapshot(&w.path("out"));
    // This test holds the lock as a running newsx would.
    let lock = std::fs::File::create(w.path("out/.newsx.lock")).unwrap();
    lock.try_lock().unwrap();
    w.write("in/b.txt", article(2));
    let started = std::time::Instant::now();
    let out = w.run(&["extract", "in", "-o", "out", "-q"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(started.elapsed().as_secs() < 5, "did not stop at once");
    assert!(
        stderr(&out).contains("another newsx run"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains(".newsx.lock"), "{}", stderr(&out));
    let now: Vec<_> = snapshot(&w.path("out"))
        .into_iter()
        .filter(|(n, _)| n != ".newsx.lock")
        .collect();
    assert!(now == before, "the locked folder changed");
    drop(lock);
    std::fs::remove_file(w.path("out/.newsx.lock")).unwrap();
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    assert_eq!(w.articles("out").len(), 2);
    assert!(
        staged_left(&w.path("out")).is_empty(),
        "{:?}",
        names(&w.path("out"))
    );
}

#[test]
fn overlapping_runs_into_one_folder_never_leave_a_mix() {
    let w = Work::new();
    let lines: String = (0..300)
        .map(|i| {
            format!(
                "{{\"id\":\"a{i}\",\"text\":{}}}\n",
                serde_json::json!(article(i))
            )
        })
        .collect();
    w.write("in/big.jsonl", &lines);
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(bin())
                .args(["extract", "in", "-o", "out", "-q", "--force", "-j", "1"])
                .current_dir(w.dir.path())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let succeeded = outs.iter().filter(|o| o.status.success()).count();
    assert!(succeeded >= 1);
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(o).contains("another newsx run"), "{}", stderr(o));
    }
    ok(&w.run(&["extract", "in", "-o", "full", "-q", "--force"]));
    let records = |d: &str| {
        snapshot(&w.path(d))
            .into_iter()
            .filter(|(n, _)| n != "manifest.jsonl")
            .collect::<Vec<_>>()
    };
    assert!(
        records("out") == records("full"),
        "overlapping runs left a mix"
    );
}

#[test]
fn a_link_planted_at_a_staged_name_is_not_followed_and_files_get_umask_permissions() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    w.write("elsewhere.csv", "untouched");
    std::fs::create_dir_all(w.path("out")).unwrap();
    for name in ["errors.csv", "articles.jsonl", "quotes.csv"] {
        std::os::unix::fs::symlink(w.path("elsewhere.csv"), w.path(&format!("out/.{name}.tmp")))
            .unwrap();
    }
    let out = run_as(&w, &["extract", "in", "-o", "out", "-q"], || {
        unsafe { libc::umask(0o027) };
        Ok(())
    });
    ok(&out);
    assert_eq!(w.read("elsewhere.csv"), "untouched");
    assert_eq!(w.articles("out").len(), 1);
    for name in [
        "articles.jsonl",
        "errors.csv",
        "quotes.csv",
        "manifest.jsonl",
    ] {
        let mode = std::fs::metadata(w.path(&format!("out/{name}")))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640, "{name}: 0666 less the umask 027");
    }
}

#[test]
fn stale_staged_files_of_a_killed_run_are_removed_by_the_next_run() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    w.write("out/.articles.jsonl.Xy12Ab.newsx.tmp", "half a record");
    w.write("out/.errors.csv.tmp", "from an older version");
    w.write("out/notes.txt", "the user's own file");
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let left = names(&w.path("out"));
    assert!(left.iter().all(|n| !n.ends_with(".tmp")), "{left:?}");
    assert_eq!(w.read("out/notes.txt"), "the user's own file");
}

/// A full disk, as the writer meets it: writes fail part way. RLIMIT_FSIZE makes every write past
/// the limit fail (EFBIG, with SIGXFSZ ignored) for this process only, root or not.
fn small_disk() -> std::io::Result<()> {
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let lim = libc::rlimit {
            rlim_cur: 64 << 10,
            rlim_max: 64 << 10,
        };
        if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

#[test]
fn a_write_that_fails_names_the_file_removes_staged_files_and_keeps_the_last_output() {
    let w = Work::new();
    w.write("in/0.txt", article(0));
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let before = snapshot(&w.path("out"));
    for i in 1..400 {
        w.write(&format!("in/{i}.txt"), article(i));
    }
    let out = run_as(&w, &["extract", "in", "-o", "out", "-q"], small_disk);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        [
            "articles.jsonl",
            "sentences.csv",
            "quotes.csv",
            "mentions.csv"
        ]
        .iter()
        .any(|f| err.contains(&format!("out/{f}"))),
        "the message names no file: {err}"
    );
    assert!(
        staged_left(&w.path("out")).is_empty(),
        "{:?}",
        names(&w.path("out"))
    );
    assert!(
        snapshot(&w.path("out")) == before,
        "the last good output changed"
    );
}

#[test]
#[ignore = "needs root and tmpfs mounts (run by .ci/run)"]
fn a_full_disk_names_the_file_and_leaves_no_staged_file() {
    let w = Work::new();
    let mnt = w.path("small");
    std::fs::create_dir_all(&mnt).unwrap();
    let status = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&mnt)
        .status()
        .expect("mount");
    assert!(
        status.success(),
        "this test needs root and `mount -t tmpfs`"
    );
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    for i in 0..400 {
        w.write(&format!("in/{i}.txt"), article(i));
    }
    let out = w.run(&["extract", "in", "-o", "small/out", "-q"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("small/out/"), "{}", stderr(&out));
    assert!(stderr(&out).contains("No space left"), "{}", stderr(&out));
    assert!(
        staged_left(&w.path("small/out")).is_empty(),
        "{:?}",
        names(&w.path("small/out"))
    );
}

#[test]
fn a_fifo_named_txt_in_an_input_folder_is_not_opened_and_the_batch_goes_on() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    w.write("in/c.txt", article(3));
    let fifo = std::ffi::CString::new(w.path("in/b.txt").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let child = Command::new(bin())
        .args(["extract", "in", "-o", "out", "-q"])
        .current_dir(w.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that opened the FIFO would wait for a writer forever.
    let status = within_30_s(child, "newsx hangs on a FIFO").status;
    assert_eq!(status.code(), Some(1));
    let ids: Vec<_> = w
        .articles("out")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "c"]);
    let errors = w.csv("out/errors.csv");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["kind"], "not_a_file");
    assert_eq!(errors[0]["article_id"], "b.txt");
    assert!(errors[0]["message"].contains("FIFO"), "{:?}", errors[0]);
}

/// Switches the child to the user `nobody` when the test runs as root (CI does): root reads a
/// folder whatever its permissions say.
fn not_root() -> std::io::Result<()> {
    unsafe {
        if libc::geteuid() == 0 && (libc::setgid(65534) != 0 || libc::setuid(65534) != 0) {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

#[test]
fn an_unreadable_subfolder_is_an_error_row_naming_it_and_the_batch_goes_on() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    w.write("in/locked/b.txt", article(2));
    w.write("in/z.txt", article(3));
    std::fs::create_dir_all(w.path("out")).unwrap();
    for (p, mode) in [
        ("", 0o755),
        ("in", 0o755),
        ("out", 0o777),
        ("in/locked", 0o000),
    ] {
        std::fs::set_permissions(w.path(p), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let out = run_as(&w, &["extract", "in", "-o", "out", "-q"], not_root);
    std::fs::set_permissions(w.path("in/locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("in/locked"), "{}", stderr(&out));
    let ids: Vec<_> = w
        .articles("out")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "z"]);
    let errors = w.csv("out/errors.csv");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["kind"], "unreadable_folder");
    assert_eq!(errors[0]["article_id"], "locked");
    assert!(
        errors[0]["message"].contains("in/locked"),
        "{:?}",
        errors[0]
    );
}

#[test]
fn an_output_folder_inside_the_input_folder_is_never_read_as_input() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    w.write("in/b.txt", article(2));
    ok(&w.run(&["extract", "in", "-o", "in/out", "-q"]));
    // Reruns, and a run into another folder, read the same two articles and nothing else.
    let again = w.run(&["extract", "in", "-o", "in/out", "--force"]);
    ok(&again);
    assert!(stderr(&again).contains("2 articles"), "{}", stderr(&again));
    ok(&w.run(&["extract", "in", "-o", "other", "-q"]));
    assert_eq!(w.articles("other").len(), 2);
    assert!(w.csv("other/errors.csv").is_empty());
    assert_eq!(w.articles("in/out").len(), 2);
}

#[test]
fn stdin_that_fails_on_every_read_stops_the_run_with_exit_2_naming_stdin() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let before = snapshot(&w.path("out"));
    for args in [
        &["extract", "-", "-o", "out", "-q"][..],
        &["extract", "-", "-o", "-", "-q"],
        &["extract", "-", "-o", "out", "-q", "--stdin-format", "csv"],
    ] {
        // Reading a folder fails with EISDIR every time, as `newsx extract - < folder` does.
        let folder = std::fs::File::open(w.path("in")).unwrap();
        let child = Command::new(bin())
            .args(args)
            .current_dir(w.dir.path())
            .stdin(Stdio::from(folder))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = within_30_s(child, "newsx keeps reading a failing stdin");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("reading stdin"), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert!(
            snapshot(&w.path("out")) == before,
            "{args:?}: the earlier output changed"
        );
    }
}

#[test]
fn stdin_closed_or_empty_into_a_folder_with_earlier_output_leaves_it_alone_with_exit_1() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let before = snapshot(&w.path("out"));
    for stdin in [None, Some(""), Some("\n\n")] {
        let out = w.run_with_stdin(&["extract", "-", "-o", "out", "-q"], stdin);
        assert_eq!(out.status.code(), Some(1), "{stdin:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("read no article"), "{}", stderr(&out));
        assert!(stderr(&out).contains("left as it was"), "{}", stderr(&out));
        assert!(
            snapshot(&w.path("out")) == before,
            "{stdin:?}: the earlier output changed"
        );
        assert!(staged_left(&w.path("out")).is_empty());
    }
    // Into a new folder an empty stdin still gives an (empty) output.
    ok(&w.run_with_stdin(&["extract", "-", "-o", "new", "-q"], Some("")));
    assert!(w.articles("new").is_empty());
}
