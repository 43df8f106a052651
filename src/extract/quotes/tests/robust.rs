//! Odd and real input: every quote names its rule, nothing panics, the seed and GUM texts run.

use super::*;

#[test]
fn every_quote_names_its_rule_and_summary_counts_words() {
    let text = "“One two three,” said Nora Quist. “Four five.”\nQuist said the count was over.";
    let qs = run(text);
    assert!(qs.iter().all(|q| !q.rule.is_empty()));
    let rows = summarise(text, &qs);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Nora Quist");
    assert_eq!(rows[0].quotes, 3);
    assert_eq!(rows[0].words, 3 + 2 + 4);
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "\"",
        "“",
        "”x",
        "'",
        "said",
        "according to",
        "“A,” said",
        ", said he",
        "é said “ü",
        "\n\n“\n”\n",
    ] {
        let _ = run(text);
    }
}

#[test]
#[ignore = "needs ../shared"]
fn seed_article_finds_most_of_its_quotes() {
    let t = std::fs::read_to_string("../shared/seeds/000_5064e0e4a95fe05b.txt")
        .expect("../shared/seeds is beside the checkout");
    let qs = run(&t);
    assert!(qs.len() >= 25);
}

#[test]
#[ignore = "needs ../shared"]
fn every_gum_text_and_its_prefixes_run_without_panics() {
    let data = std::fs::read_to_string("../shared/eval/gum/news_dev.jsonl")
        .expect("../shared/eval is beside the checkout");
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap_or("");
        for (i, _) in text.char_indices().step_by(211) {
            let _ = run(&text[..i]);
            let _ = run(&text[i..]);
        }
    }
}
