//! Quotes and speakers against the shared gold sets (read at run time; `#[ignore]`d in a plain
//! `cargo test`, run by `.ci/run`, failing when the sets are missing).
//! A light re-implementation of the scorer's rules: spans match at half mutual overlap, speakers
//! when their last words agree.

use newsx::extract::Rules;
use newsx::extract::{extract, quotes::QuoteKind};
use newsx::text::byte_offset;

struct Score {
    gold: usize,
    pred: usize,
    hit: usize,
    speakers: usize,
    speakers_right: usize,
}

fn last_word(s: &str) -> String {
    let s = s.trim_end_matches(['’', '\'', 's']).to_lowercase();
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_string()
}

fn score(path: &str, indirect: bool) -> Option<Score> {
    let data = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}: this test needs the shared data"));
    let rules = Rules::builtin();
    let mut s = Score {
        gold: 0,
        pred: 0,
        hit: 0,
        speakers: 0,
        speakers_right: 0,
    };
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let text = v["text"].as_str()?;
        let Some(gold) = v["quotes"].as_array() else {
            continue;
        };
        let x = extract(text, None, &rules);
        let want = if indirect { "indirect" } else { "direct" };
        let preds: Vec<_> = x
            .quotes
            .iter()
            .filter(|q| (q.kind == QuoteKind::Indirect) == indirect)
            .collect();
        s.pred += preds.len();
        let mut used = vec![false; preds.len()];
        for g in gold.iter().filter(|g| g["type"] == want) {
            s.gold += 1;
            let gs = byte_offset(text, g["start"].as_u64()? as usize);
            let ge = byte_offset(text, g["end"].as_u64()? as usize);
            let found = preds.iter().enumerate().find(|(j, p)| {
                let ov = ge.min(p.span.end) as isize - gs.max(p.span.start) as isize;
                !used[*j] && ov * 2 >= (ge - gs) as isize && ov * 2 >= p.span.len() as isize
            });
            if let Some((j, p)) = found {
                used[j] = true;
                s.hit += 1;
                if let Some(name) = g["speaker"].as_str() {
                    s.speakers += 1;
                    let aliases = g["speaker_aliases"].as_array().cloned().unwrap_or_default();
                    let names: Vec<&str> = std::iter::once(name)
                        .chain(aliases.iter().filter_map(|a| a.as_str()))
                        .collect();
                    let right = p
                        .speaker
                        .name
                        .as_deref()
                        .is_some_and(|n| names.iter().any(|g| last_word(n) == last_word(g)));
                    if right {
                        s.speakers_right += 1;
                    }
                }
            }
        }
    }
    Some(s)
}

fn check(path: &str, indirect: bool, min_recall: f64, min_speakers: f64) {
    let s = score(path, indirect).expect("gold records");
    let recall = s.hit as f64 / s.gold.max(1) as f64;
    let spk = s.speakers_right as f64 / s.speakers.max(1) as f64;
    eprintln!(
        "{path} indirect={indirect}: gold {} pred {} hit {} speakers {}/{}",
        s.gold, s.pred, s.hit, s.speakers_right, s.speakers
    );
    assert!(recall >= min_recall, "recall {recall:.3} < {min_recall}");
    assert!(
        spk >= min_speakers,
        "speaker accuracy {spk:.3} < {min_speakers}"
    );
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn seed_direct_quotes_and_speakers() {
    check("../shared/eval/seed/seed.jsonl", false, 0.97, 0.95);
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn seed_reported_speech_and_speakers() {
    check("../shared/eval/seed/seed.jsonl", true, 0.75, 0.90);
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn gum_news_direct_quotes_and_speakers() {
    check("../shared/eval/gum/news_dev.jsonl", false, 0.92, 0.85);
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn gum_news_reported_speech() {
    check("../shared/eval/gum/news_dev.jsonl", true, 0.60, 0.85);
}
