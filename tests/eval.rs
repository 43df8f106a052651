//! `newsx eval`: figures per task on a gold file, matching the shared scorer.

mod common;

use common::*;

#[test]
fn eval_scores_sentences_of_a_gold_file() {
    let w = Work::new();
    w.write(
        "gold.jsonl",
        concat!(
            "{\"id\":\"a\",\"text\":\"One here. Two here.\",\"sentences\":[[0,9],[10,19]]}\n",
            "{\"id\":\"b\",\"text\":\"Alpha. Beta.\",\"sentence_texts\":[\"Alpha.\",\"Beta.\"],\"group\":\"g\"}\n",
        ),
    );
    let out = w.run(&["eval", "gold.jsonl", "--json"]);
    ok(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 2);
    assert_eq!(v["sentence_boundaries"]["f1"], 1.0);
    assert_eq!(v["sentence_cases"]["g"]["right"], 1);
    assert_eq!(v["sentence_cases"]["all"]["cases"], 1);
}

#[test]
fn eval_lists_errors_on_request() {
    let w = Work::new();
    // The gold wants one sentence where any splitter finds two: a boundary is reported as wrong.
    w.write(
        "gold.jsonl",
        "{\"id\":\"a\",\"text\":\"One here. Two here.\",\"sentences\":[[0,19]]}\n",
    );
    let out = w.run(&["eval", "gold.jsonl", "--show-errors", "5"]);
    ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("sentence split wrongly: 1"), "{text}");
    assert!(text.contains("One here.|"), "{text}");
}

/// `newsx eval` and `score.py` print the same figures for the same run.
fn agrees_with_the_shared_scorer(set: &str) {
    let shared = shared();
    let gold = shared.join("eval").join(set);
    let w = Work::new();
    let ev = w.run(&["eval", gold.to_str().unwrap(), "--json"]);
    ok(&ev);
    ok(&w.run(&["extract", gold.to_str().unwrap(), "-o", "out", "-q"]));
    let py = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(&gold)
        .arg(w.path("out/articles.jsonl"))
        .arg("--json")
        .output()
        .expect("python3 runs the shared scorer");
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let ours: serde_json::Value = serde_json::from_slice(&ev.stdout).unwrap();
    let theirs: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&ours), keys(&theirs), "{set}: the same figures");
    for key in keys(&theirs) {
        assert_eq!(ours.get(&key), theirs.get(&key), "{set}: {key}");
    }
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn eval_agrees_with_the_shared_scorer_on_the_seed() {
    agrees_with_the_shared_scorer("seed/seed.jsonl");
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn eval_agrees_with_the_shared_scorer_on_gum_news() {
    agrees_with_the_shared_scorer("gum/news_dev.jsonl");
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn eval_agrees_with_the_shared_scorer_on_a_sentence_suite() {
    agrees_with_the_shared_scorer("sentences/pysbd.jsonl");
}

#[test]
#[ignore = "needs ../shared (run by .ci/run)"]
fn eval_agrees_with_the_shared_scorer_on_gum_interviews() {
    agrees_with_the_shared_scorer("gum/interview_dev.jsonl");
}
