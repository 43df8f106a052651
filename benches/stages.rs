//! Throughput of each stage (single-threaded) and of the whole run (the release binary, all cores),
//! over a corpus from `../shared/bench/make_corpus.py`.
//!
//!     cargo bench --bench stages                      # 100 MB corpus, made on first use
//!     NEWSX_BENCH_MB=20 cargo bench --bench stages    # a smaller one
//!     NEWSX_BENCH_CORPUS=DIR cargo bench --bench stages

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use newsx::extract::Rules;
use newsx::extract::{entities, quotes, segment};
use newsx::read::layout;
use newsx::read::{list_sources, ArticleStream, Input};
use newsx::record::ArticleRecord;
use newsx::write::csv::{render, CsvStyle};

fn corpus() -> PathBuf {
    if let Ok(dir) = std::env::var("NEWSX_BENCH_CORPUS") {
        return dir.into();
    }
    let mb: f64 = std::env::var("NEWSX_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100.0);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(format!("target/bench-corpus-{mb}mb"));
    if !dir.exists() {
        let script = root.join("../shared/bench/make_corpus.py");
        let status = Command::new("python3")
            .arg(&script)
            .args(["--mb", &mb.to_string(), "--out"])
            .arg(&dir)
            .status()
            .expect("python3 runs ../shared/bench/make_corpus.py");
        assert!(status.success(), "make_corpus.py failed");
    }
    dir
}

fn report(name: &str, bytes: usize, chars: usize, took: Duration) {
    let s = took.as_secs_f64();
    println!(
        "{name:28} {:8.1} MB/s {:8.1} M chars/s  ({:.2} s)",
        bytes as f64 / 1e6 / s,
        chars as f64 / 1e6 / s,
        s
    );
}

/// Peak resident memory of a child process, read from /proc while it runs.
fn run_measuring_memory(cmd: &mut Command) -> (bool, Duration, u64) {
    let started = Instant::now();
    let mut child = cmd.spawn().expect("newsx starts");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_path) {
            if let Some(line) = s.lines().find(|l| l.starts_with("VmHWM:")) {
                let kb: u64 = line
                    .split_whitespace()
                    .nth(1)
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(0);
                peak_kb = peak_kb.max(kb);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            return (status.success(), started.elapsed(), peak_kb);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing: only run when asked.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = corpus();
    let rules = Rules::builtin();
    let sources = list_sources(&[Input::Path(dir.clone())]).unwrap();
    let articles: Vec<_> = ArticleStream::new(sources, usize::MAX)
        .filter_map(Result::ok)
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let chars: usize = articles.iter().map(|a| a.text.chars().count()).sum();
    println!(
        "corpus {}: {} articles, {:.1} MB",
        dir.display(),
        articles.len(),
        bytes as f64 / 1e6
    );
    println!("single thread, per stage:");

    let t = Instant::now();
    let layouts: Vec<_> = articles
        .iter()
        .map(|a| layout::analyse(&a.text, a.title.as_deref(), &rules.layout))
        .collect();
    report("layout", bytes, chars, t.elapsed());

    let t = Instant::now();
    let sentences: Vec<_> = articles
        .iter()
        .zip(&layouts)
        .map(|(a, l)| segment::split(&a.text, l, &rules.segment))
        .collect();
    report("segment", bytes, chars, t.elapsed());

    let t = Instant::now();
    let streams: Vec<_> = articles
        .iter()
        .zip(&layouts)
        .zip(&sentences)
        .map(|((a, l), s)| rules.tokens(&a.text, l, s))
        .collect();
    report("tokens", bytes, chars, t.elapsed());

    let t = Instant::now();
    let ents: Vec<_> = articles
        .iter()
        .zip(&layouts)
        .zip(&streams)
        .map(|((a, l), t)| entities::tag(&a.text, l, t, &rules.entities))
        .collect();
    report("entities", bytes, chars, t.elapsed());

    let t = Instant::now();
    let quotes: Vec<_> = articles
        .iter()
        .zip(&layouts)
        .zip(&sentences)
        .zip(&streams)
        .zip(&ents)
        .map(|((((a, l), s), t), e)| quotes::find(&a.text, l, s, t, e, &rules.quotes))
        .collect();
    report("quotes + speakers", bytes, chars, t.elapsed());

    let t = Instant::now();
    let summaries: Vec<_> = articles
        .iter()
        .zip(&quotes)
        .map(|(a, q)| quotes::summarise(&a.text, q))
        .collect();
    report("speaker summaries", bytes, chars, t.elapsed());

    let t = Instant::now();
    let mut out_bytes = 0;
    for (i, a) in articles.iter().enumerate() {
        let x = newsx::extract::Extraction {
            layout: layouts[i].clone(),
            sentences: sentences[i].clone(),
            entities: ents[i].clone(),
            quotes: quotes[i].clone(),
            speakers: summaries[i].clone(),
        };
        let rec = ArticleRecord::build(a, &x);
        out_bytes += serde_json::to_string(&rec).unwrap().len();
        out_bytes += render(&rec, CsvStyle::default())
            .iter()
            .map(Vec::len)
            .sum::<usize>();
    }
    report("records + JSON + CSV", bytes, chars, t.elapsed());
    println!("  ({:.1} MB of output)", out_bytes as f64 / 1e6);

    let t = Instant::now();
    for a in &articles {
        std::hint::black_box(newsx::extract::extract(&a.text, a.title.as_deref(), &rules));
    }
    report("all stages", bytes, chars, t.elapsed());

    let out = tempfile_dir();
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("whole run, release binary, {jobs} threads:");
    let (ok, took, peak_kb) = run_measuring_memory(
        Command::new(env!("CARGO_BIN_EXE_newsx"))
            .args(["extract", "-q", "--force", "-o"])
            .arg(&out)
            .arg(&dir),
    );
    assert!(ok, "newsx extract failed");
    report("newsx extract (full)", bytes, chars, took);
    println!("  peak memory {:.0} MB", peak_kb as f64 / 1024.0);
    let (ok, took, peak_kb) = run_measuring_memory(
        Command::new(env!("CARGO_BIN_EXE_newsx"))
            .args(["extract", "-q", "-o"])
            .arg(&out)
            .arg(&dir),
    );
    assert!(ok);
    report("newsx extract (unchanged)", bytes, chars, took);
    println!("  peak memory {:.0} MB", peak_kb as f64 / 1024.0);
    let _ = std::fs::remove_dir_all(&out);
}

fn tempfile_dir() -> PathBuf {
    let p = std::env::temp_dir().join(format!("newsx-bench-{}", std::process::id()));
    std::fs::create_dir_all(&p).unwrap();
    p
}
