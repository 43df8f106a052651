//! The entity stage against the hand-made gold of the reference article, when the shared
//! evaluation data is beside the checkout (`#[ignore]`d in a plain `cargo test`; `.ci/run` runs it).

use std::collections::HashMap;

use newsx::extract::Rules;
use newsx::extract::{entities, segment};
use newsx::read::layout;
use newsx::text::CharIndex;

fn shared_file(rel: &str) -> String {
    let here = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!("{here}/../shared/{rel}"))
        .unwrap_or_else(|e| panic!("../shared/{rel}: {e}: this test needs the shared data"))
}

/// The scorer's type classes: GPE, LOC and FAC count as one.
fn coarse(t: &str) -> &str {
    match t {
        "GPE" | "LOC" | "FAC" => "LOC",
        other => other,
    }
}

/// The scorer's span conventions: no leading `the`, no trailing possessive or punctuation.
fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    let lead: String = chars[s..e.min(s + 4)].iter().collect();
    if lead.to_lowercase() == "the " {
        s += 4;
    }
    while e > s && (chars[e - 1].is_whitespace() || ".,;:".contains(chars[e - 1])) {
        e -= 1;
    }
    let tail: String = chars[s..e].iter().collect();
    for suf in ["'s", "’s", "'", "’"] {
        if tail.ends_with(suf) && e - suf.chars().count() > s {
            e -= suf.chars().count();
            break;
        }
    }
    (s, e)
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn seed_article_entities_micro_f1_at_least_0_95() {
    let gold = shared_file("eval/seed/seed.jsonl");
    let rules = Rules::builtin();
    let (mut tp, mut npred, mut ngold) = (0usize, 0usize, 0usize);
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = row["text"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        let mut golds: HashMap<((usize, usize), String), usize> = HashMap::new();
        let mut types = std::collections::HashSet::new();
        for e in row["entities"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["type"].as_str().unwrap(),
            );
            let end = e["end"].as_u64().unwrap() as usize;
            types.insert(coarse(t).to_string());
            *golds
                .entry((trim(&chars, s, end), coarse(t).to_string()))
                .or_default() += 1;
            ngold += 1;
        }
        let l = layout::analyse(text, None, &rules.layout);
        let sents = segment::split(text, &l, &rules.segment);
        let tokens = rules.tokens(text, &l, &sents);
        let found = entities::tag(text, &l, &tokens, &rules.entities);
        let idx = CharIndex::new(text);
        for m in &found.mentions {
            let t = coarse(m.kind.as_str()).to_string();
            if !types.contains(&t) {
                continue;
            }
            npred += 1;
            let (s, e) = idx.span(m.span);
            if let Some(n) = golds.get_mut(&(trim(&chars, s, e), t)) {
                if *n > 0 {
                    *n -= 1;
                    tp += 1;
                }
            }
        }
    }
    let p = tp as f64 / npred.max(1) as f64;
    let r = tp as f64 / ngold.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::EPSILON);
    assert!(
        f1 >= 0.95,
        "micro F1 {f1:.3} (P {p:.3} R {r:.3}, {tp}/{npred}/{ngold})"
    );
}
