//! Speed of the quotation stage: segment + entities, then quotes + speaker summaries on top, over
//! GUM texts repeated to about 20 MB.
//!
//!     cargo run --release --example quotes_speed [GUM_DIR] [MB]
//!
//! GUM_DIR defaults to ../shared/eval/gum (the shared data beside the checkout).

use std::time::Instant;

use newsx::extract::Rules;
use newsx::extract::{entities, quotes, segment};
use newsx::read::layout;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/eval/gum".to_string());
    let mb: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(20.0);
    let mut texts = Vec::new();
    for name in ["news_dev.jsonl", "interview_dev.jsonl"] {
        let path = format!("{dir}/{name}");
        let Ok(data) = std::fs::read_to_string(&path) else {
            eprintln!("skipping {path}: not readable");
            continue;
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("gold lines are JSON");
            if let Some(t) = v["text"].as_str() {
                texts.push(t.to_string());
            }
        }
    }
    if texts.is_empty() {
        eprintln!("no texts found under {dir}");
        return;
    }
    let target = (mb * 1e6) as usize;
    let mut corpus = Vec::new();
    let mut bytes = 0;
    while bytes < target {
        for t in &texts {
            bytes += t.len();
            corpus.push(t.as_str());
        }
    }
    let chars: usize = corpus.iter().map(|t| t.chars().count()).sum();
    let rules = Rules::builtin();

    // Stages before quotes, kept for the quote-only timing.
    let start = Instant::now();
    let prepared: Vec<_> = corpus
        .iter()
        .map(|t| {
            let l = layout::analyse(t, None, &rules.layout);
            let s = segment::split(t, &l, &rules.segment);
            let tokens = rules.tokens(t, &l, &s);
            let e = entities::tag(t, &l, &tokens, &rules.entities);
            (l, s, tokens, e)
        })
        .collect();
    let base = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let mut found = 0usize;
    let mut rows = 0usize;
    for (t, (l, s, tokens, e)) in corpus.iter().zip(&prepared) {
        let q = quotes::find(t, l, s, tokens, e, &rules.quotes);
        rows += quotes::summarise(t, &q).len();
        found += q.len();
    }
    let quote = start.elapsed().as_secs_f64();

    let mb_chars = chars as f64 / 1e6;
    println!(
        "corpus: {} articles, {:.1} M chars, {:.1} MB",
        corpus.len(),
        mb_chars,
        bytes as f64 / 1e6
    );
    println!(
        "layout+segment+entities: {base:.3} s = {:.1} M chars/s",
        mb_chars / base
    );
    println!(
        "layout+segment+entities+quotes+speakers: {:.3} s = {:.1} M chars/s",
        base + quote,
        mb_chars / (base + quote)
    );
    println!(
        "quotes+speakers alone: {quote:.3} s = {:.1} M chars/s ({found} quotes, {rows} speaker rows)",
        mb_chars / quote
    );
}
