//! Speed of the entity stage alone, and a dump of its mentions with the rule behind each.
//!
//!     cargo run --release --example entities_speed [FILE.jsonl ...]
//!     cargo run --release --example entities_speed -- --dump FILE.jsonl
//!
//! Without files it reads the GUM texts in ../shared/eval/gum/ and tags them over and over until
//! about 20 MB have passed; layout, sentences and tokens are computed once beforehand, so only `tag` is
//! timed (and once more with the token stream built each time).

use std::time::Instant;

use newsx::extract::Rules;
use newsx::extract::{entities, segment};
use newsx::read::layout;
use newsx::text::CharIndex;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.first().is_some_and(|a| a == "--dump" || a == "--text");
    if args.first().is_some_and(|a| a == "--text") {
        // tag the texts given on the command line
        let rules = Rules::builtin();
        for text in &args[1..] {
            let l = layout::analyse(text, None, &rules.layout);
            let s = segment::split(text, &l, &rules.segment);
            let t = rules.tokens(text, &l, &s);
            let found = entities::tag(text, &l, &t, &rules.entities);
            for m in &found.mentions {
                println!(
                    "{:8} {:40} {:30} title={:?}",
                    m.kind.as_str(),
                    m.span.of(text),
                    m.rule,
                    m.title.map(|t| t.of(text))
                );
            }
        }
        return;
    }
    let mut files: Vec<String> = args.into_iter().filter(|a| a != "--dump").collect();
    if files.is_empty() {
        for name in ["news_dev", "interview_dev"] {
            for dir in ["../shared/eval/gum"] {
                let p = format!("{dir}/{name}.jsonl");
                if std::path::Path::new(&p).exists() {
                    files.push(p);
                    break;
                }
            }
        }
    }
    let mut docs: Vec<(String, String)> = Vec::new();
    for f in &files {
        let Ok(body) = std::fs::read_to_string(f) else {
            eprintln!("cannot read {f}");
            continue;
        };
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let id = v["id"].as_str().unwrap_or("").to_string();
            let text = v["text"].as_str().unwrap_or("").to_string();
            docs.push((id, text));
        }
    }
    if docs.is_empty() {
        eprintln!("no input texts: pass JSONL files");
        return;
    }
    let rules = Rules::builtin();
    let prepared: Vec<_> = docs
        .iter()
        .map(|(id, text)| {
            let l = layout::analyse(text, None, &rules.layout);
            let s = segment::split(text, &l, &rules.segment);
            let t = rules.tokens(text, &l, &s);
            (id, text, l, s, t)
        })
        .collect();
    if dump {
        for (id, text, l, _, t) in &prepared {
            let found = entities::tag(text, l, t, &rules.entities);
            let idx = CharIndex::new(text);
            for m in &found.mentions {
                let (a, b) = idx.span(m.span);
                let row = serde_json::json!({
                    "id": id, "start": a, "end": b, "type": m.kind.as_str(),
                    "text": m.span.of(text), "rule": m.rule,
                    "entity": found.entities[m.entity].name,
                });
                println!("{row}");
            }
        }
        return;
    }
    let chars_per_round: usize = prepared
        .iter()
        .map(|(_, t, _, _, _)| t.chars().count())
        .sum();
    let rounds = (20_000_000 / chars_per_round.max(1)).max(1);
    let start = Instant::now();
    let mut mentions = 0usize;
    for _ in 0..rounds {
        for (_, text, l, _, t) in &prepared {
            mentions += entities::tag(text, l, t, &rules.entities).mentions.len();
        }
    }
    let alone = start.elapsed().as_secs_f64();
    let start = Instant::now();
    for _ in 0..rounds {
        for (_, text, l, s, _) in &prepared {
            let t = rules.tokens(text, l, s);
            std::hint::black_box(entities::tag(text, l, &t, &rules.entities));
        }
    }
    let with_tokens = start.elapsed().as_secs_f64();
    let chars = (chars_per_round * rounds) as f64;
    println!(
        "entities: {chars} chars in {alone:.3} s = {:.1}M chars/s ({mentions} mentions); \
         tokens + entities: {:.1}M chars/s",
        chars / alone / 1e6,
        chars / with_tokens / 1e6
    );
}
