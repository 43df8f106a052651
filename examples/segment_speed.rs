//! Times the sentence splitter alone, single-threaded, on news text.
//!
//! Loads the texts of every `*.jsonl` in a folder (default `../shared/eval/gum`),
//! repeats them to about 50 MB, finds paragraphs (not timed), then times `split_paragraph` over all of them.
//!
//!     cargo run --release --example segment_speed [FOLDER] [MEGABYTES]

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsx::extract::segment::split_paragraph;
use newsx::extract::Rules;
use newsx::read::layout::paragraphs;
use newsx::text::Span;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let folder = args.next().map(PathBuf::from).unwrap_or_else(|| {
        ["../shared/eval/gum"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_dir())
            .unwrap_or_else(|| PathBuf::from("../shared/eval/gum"))
    });
    let megabytes: usize = args.next().map_or(Ok(50), |s| s.parse())?;

    let texts = load_texts(&folder)?;
    anyhow::ensure!(!texts.is_empty(), "no texts found in {}", folder.display());
    let mut corpus = Vec::new();
    let mut bytes = 0;
    while bytes < megabytes << 20 {
        for t in &texts {
            bytes += t.len();
            corpus.push(t.as_str());
        }
    }
    let paras: Vec<(&str, Vec<Span>)> = corpus.iter().map(|t| (*t, paragraphs(t))).collect();
    let chars: usize = corpus.iter().map(|t| t.chars().count()).sum();
    let rules = Rules::builtin();

    let mut best = f64::MAX;
    let mut sentences = 0;
    let mut out = Vec::new();
    for _ in 0..3 {
        sentences = 0;
        let start = Instant::now();
        for (text, ps) in &paras {
            for &p in ps {
                out.clear();
                split_paragraph(text, p, &rules.segment, &mut out);
                sentences += out.len();
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} texts from {}, {:.1} MB, {} chars, {} sentences",
        texts.len(),
        folder.display(),
        bytes as f64 / 1e6,
        chars,
        sentences
    );
    println!(
        "best of 3: {:.3} s = {:.1} M chars/s ({:.1} MB/s)",
        best,
        chars as f64 / best / 1e6,
        bytes as f64 / best / 1e6
    );
    Ok(())
}

fn load_texts(folder: &Path) -> anyhow::Result<Vec<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(&f)?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
        }
    }
    Ok(texts)
}
