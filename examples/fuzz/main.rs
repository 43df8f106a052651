//! The fuzz harness: mutated articles through the whole article pipeline as library calls, each
//! checked against the invariants of check.rs; a panic or a broken invariant is a finding, saved
//! with a shrunk copy. Deterministic: execution I of seed S is always the same input.
//!
//!     cargo run --release --example fuzz -- --seconds 60 [--workers 2] [--jobs-check target/release/newsx]
//!     cargo run --release --example fuzz -- --execs 10000000 --workers 2
//!     cargo run --release --example fuzz -- --only 123456      # print the input of one execution
//!     cargo run --release --example fuzz -- --replay FILE ...  # check saved inputs
//!
//! Exit code 1 when there was a finding (or the -j outputs differ).

mod check;
mod jobs;
mod mutate;
mod seeds;

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clap::Parser;
use newsx::extract::Rules;

use mutate::Rng;

#[derive(Parser)]
struct Args {
    /// Stop after this many seconds.
    #[arg(long)]
    seconds: Option<f64>,
    /// Stop after this many executions (all workers together).
    #[arg(long)]
    execs: Option<u64>,
    /// The run's seed: with it, execution I is always the same input.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads running executions.
    #[arg(long, default_value_t = 1)]
    workers: usize,
    /// Folder of `.txt` articles to start from (the invented seeds are always added).
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Where findings are saved.
    #[arg(long, default_value = "target/fuzz-findings")]
    findings: PathBuf,
    /// One execution in this many is a big article (50–250 KB).
    #[arg(long, default_value_t = 4000)]
    big_every: u64,
    /// Stop after this many findings.
    #[arg(long, default_value_t = 20)]
    max_findings: usize,
    /// Print the input of execution I and check it.
    #[arg(long)]
    only: Option<u64>,
    /// Check these saved inputs instead of fuzzing.
    #[arg(long, num_args = 1..)]
    replay: Vec<PathBuf>,
    /// Run a sample of mutated articles through this newsx binary with -j1 and -j2 and compare.
    #[arg(long)]
    jobs_check: Option<PathBuf>,
    /// Articles in the -j sample.
    #[arg(long, default_value_t = 600)]
    jobs_sample: u64,
}

thread_local! {
    /// The last panic's message and place, taken by the hook so the harness can report it.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Execution `i`'s input.
fn input(seeds: &[String], seed: u64, big_every: u64, i: u64) -> String {
    let mut rng = Rng::new(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ i);
    let base = rng.pick(seeds);
    if big_every > 0 && rng.below(big_every as usize) == 0 {
        let mut text = mutate::big(&mut rng, base);
        mutate::mutate(&mut rng, &mut text);
        return text;
    }
    // Mostly a window of a few hundred bytes: small articles keep executions fast.
    let mut text = if rng.one_in(8) {
        base.clone()
    } else {
        let a = mutate::boundary(&mut rng, base);
        let mut b = (a + 50 + rng.below(700)).min(base.len());
        while !base.is_char_boundary(b) {
            b += 1;
        }
        base[a..b].to_string()
    };
    mutate::mutate(&mut rng, &mut text);
    text
}

/// Checks one input; `Err` is the finding's description.
fn verdict(text: &str, rules: &Rules) -> Result<(), String> {
    match panic::catch_unwind(AssertUnwindSafe(|| check::run(text, rules))) {
        Ok(r) => r,
        Err(_) => Err(format!(
            "panic: {}",
            PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "?".into())
        )),
    }
}

/// The kind of a finding, so shrinking keeps the same failure: a panic's place, or the first
/// words of a broken invariant.
fn kind(msg: &str) -> String {
    match msg.strip_prefix("panic: ") {
        Some(p) => format!("panic {}", p.split(": ").next().unwrap_or("")),
        None => msg.split_whitespace().take(2).collect::<Vec<_>>().join(" "),
    }
}

/// Shrinks a failing input by deleting ever smaller runs of code points while it fails the same way.
fn shrink(text: &str, rules: &Rules, want: &str) -> String {
    let mut cur: Vec<char> = text.chars().collect();
    let mut chunk = (cur.len() / 2).max(1);
    let mut tries = 0;
    while chunk >= 1 && tries < 4000 {
        let mut i = 0;
        let mut progress = false;
        while i < cur.len() && tries < 4000 {
            let mut cand = cur.clone();
            cand.drain(i..(i + chunk).min(cand.len()));
            let s: String = cand.iter().collect();
            tries += 1;
            if verdict(&s, rules).is_err_and(|m| kind(&m) == want) {
                cur = cand;
                progress = true;
            } else {
                i += chunk;
            }
        }
        if !progress {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    cur.into_iter().collect()
}

fn save(dir: &Path, name: &str, text: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(name);
    std::fs::write(&path, text).expect("findings folder is writable");
    path
}

fn main() {
    let args = Args::parse();
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{place}: {msg}")));
    }));
    let rules = Rules::builtin();

    if !args.replay.is_empty() {
        let mut bad = 0;
        for p in &args.replay {
            let text = std::fs::read_to_string(p).expect("replay file is UTF-8 text");
            match verdict(&text, &rules) {
                Ok(()) => println!("{}: ok", p.display()),
                Err(m) => {
                    bad += 1;
                    println!("{}: {m}", p.display())
                }
            }
        }
        std::process::exit(i32::from(bad > 0));
    }

    let seeds = seeds::load(&args.corpus);
    if let Some(i) = args.only {
        let text = input(&seeds, args.seed, args.big_every, i);
        println!("{text:?}");
        println!("{}", verdict(&text, &rules).err().unwrap_or("ok".into()));
        return;
    }

    let mut failed = false;
    if let Some(bin) = &args.jobs_check {
        let sample: Vec<String> = (0..args.jobs_sample)
            .map(|i| input(&seeds, args.seed ^ 0xA5A5, args.big_every.min(50), i))
            .collect();
        let t = Instant::now();
        match jobs::compare(bin, &sample) {
            Ok(summary) => println!("-j1 / -j2: {summary} ({:.1} s)", t.elapsed().as_secs_f64()),
            Err(e) => {
                println!("-j1 / -j2: {e}");
                failed = true;
            }
        }
    }

    let next = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let findings: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let kinds: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let deadline = args.seconds.map(Duration::from_secs_f64);
    let limit = args.execs.unwrap_or(u64::MAX);
    let start = Instant::now();
    println!(
        "fuzz: seed {}, {} seed texts, {} worker(s)",
        args.seed,
        seeds.len(),
        args.workers
    );
    std::thread::scope(|s| {
        for _ in 0..args.workers.max(1) {
            s.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= limit || deadline.is_some_and(|d| start.elapsed() >= d) {
                        break;
                    }
                    let text = input(&seeds, args.seed, args.big_every, i);
                    let result = verdict(&text, &rules);
                    done.fetch_add(1, Ordering::Relaxed);
                    let Err(msg) = result else {
                        continue;
                    };
                    let k = kind(&msg);
                    // One report per kind of failure: the same bug found again adds nothing.
                    if kinds.lock().unwrap().contains(&k) {
                        continue;
                    }
                    kinds.lock().unwrap().push(k.clone());
                    let small = shrink(&text, &rules, &k);
                    save(&args.findings, &format!("exec-{i}.txt"), &text);
                    let p = save(&args.findings, &format!("exec-{i}.min.txt"), &small);
                    let line = format!("exec {i}: {msg}\n  shrunk to {small:?} ({})", p.display());
                    println!("{line}");
                    let mut f = findings.lock().unwrap();
                    f.push(line);
                    if f.len() >= args.max_findings {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            });
        }
        // Progress every ten seconds, from the main thread.
        let mut last = 0;
        while !s_done(&next, limit, &stop, deadline, start) {
            std::thread::sleep(Duration::from_millis(200));
            let t = start.elapsed().as_secs();
            if t >= last + 10 {
                last = t;
                let n = done.load(Ordering::Relaxed);
                println!(
                    "{t:>6} s  {n:>11} execs  {:>8.0} execs/s",
                    n as f64 / start.elapsed().as_secs_f64()
                );
            }
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let n = done.load(Ordering::Relaxed);
    let f = findings.lock().unwrap();
    println!(
        "done: {n} execs in {secs:.1} s = {:.0} execs/s, {} finding(s)",
        n as f64 / secs,
        f.len()
    );
    if failed || !f.is_empty() {
        std::process::exit(1);
    }
}

/// Whether the workers are finished (the counter past the limit, the time up, or stopped).
fn s_done(
    next: &AtomicU64,
    limit: u64,
    stop: &AtomicBool,
    deadline: Option<Duration>,
    start: Instant,
) -> bool {
    stop.load(Ordering::Relaxed)
        || next.load(Ordering::Relaxed) >= limit
        || deadline.is_some_and(|d| start.elapsed() >= d)
}
