//! Output that stays bounded in the input (issue 13): speaker fields cut at the limit the README
//! states, and articles over a mebibyte written by the sinks straight into the files.

mod common;

use common::*;

use newsx::record::MAX_SPEAKER_FIELD_CHARS as LIMIT;

/// A word of `n` letters, made up, which the tagger reads as a name.
fn long_word(n: usize) -> String {
    let syllables = ["ka", "ro", "vi", "ne", "tu", "sa", "mo", "li"];
    let mut w: String = (0..n / 2).map(|i| syllables[(i * 5 + i / 3) % 8]).collect();
    w[..1].make_ascii_uppercase();
    w
}

#[test]
fn the_readme_states_the_speaker_field_limit() {
    let readme = include_str!("../README.md");
    let stated = format!("are cut at {LIMIT} characters");
    assert!(readme.contains(&stated), "README: {stated}");
}

#[test]
fn a_speaker_name_or_title_of_thousands_of_letters_is_cut_to_the_limit_on_every_quote() {
    let w = Work::new();
    let name = long_word(20_000);
    let title_word = long_word(9_000).to_lowercase();
    let mut text = format!("“The depot stays open,” said Marta {name} in the morning.\n\n");
    for _ in 0..5 {
        text.push_str("“The crews agreed,” she added.\n\n");
    }
    text.push_str(&format!(
        "“The fares hold,” said Jonas Keller, the head of the {title_word} union.\n\n"
    ));
    w.write("in/a.txt", &text);
    ok(&w.run(&["extract", "in", "-o", "out"]));
    let record = &w.articles("out")[0];
    let quotes = record["quotes"].as_array().unwrap();
    let marta: Vec<&str> = quotes
        .iter()
        .filter_map(|q| q["speaker"].as_str())
        .filter(|s| s.starts_with("Marta "))
        .collect();
    assert!(marta.len() >= 5, "{marta:?}");
    for q in quotes {
        for field in ["speaker", "speaker_title", "speaker_org"] {
            let n = q[field].as_str().map_or(0, |s| s.chars().count());
            assert!(n <= LIMIT, "{field}: {n} characters");
        }
    }
    assert!(marta.iter().all(|s| s.chars().count() == LIMIT));
    let keller = quotes.iter().find(|q| q["speaker"] == "Jonas Keller");
    let title = keller.and_then(|q| q["speaker_title"].as_str());
    assert!(
        title.is_some_and(|t| t.chars().count() == LIMIT),
        "{title:?}"
    );
    for row in w.csv("out/quotes.csv") {
        assert!(row["speaker"].chars().count() <= LIMIT);
        assert!(row["speaker_title"].chars().count() <= LIMIT);
    }
    for row in w.csv("out/speakers.csv") {
        assert!(row["name"].chars().count() <= LIMIT);
    }
    // The entity keeps its whole name: it is written once, not once per quote.
    let entities = record["entities"].as_array().unwrap();
    assert!(entities
        .iter()
        .any(|e| e["name"].as_str().is_some_and(|n| n.len() > 20_000)));
}

/// An invented paragraph of quotes, repeated past a mebibyte.
fn large_article() -> String {
    let para = "“We will keep the night buses,” said Ilse Marrow, who runs the depot in Brackley. \
                Marrow said the drivers had agreed. “Nobody wants them gone,” she added.\n\n";
    para.repeat((1 << 20) / para.len() + 200)
}

#[test]
fn an_article_over_a_mebibyte_written_by_the_sinks_is_reused_and_matches_a_full_run() {
    let w = Work::new();
    w.write("in/a.txt", large_article());
    w.write("in/b.txt", "“The bridge opens on Friday,” said Ravi Olsen.");
    ok(&w.run(&["extract", "in", "-o", "out"]));
    let lines = w.read("out/articles.jsonl");
    assert!(lines.len() > 10 << 20, "{} bytes", lines.len());
    assert_eq!(w.articles("out").len(), 2);

    // Reusing both needs the manifest's offset and length of each line right.
    w.write("in/c.txt", "“The ferry stays,” said Ada Brun.");
    let out = w.run(&["extract", "in", "-o", "out"]);
    ok(&out);
    let summary = stderr(&out).lines().last().unwrap_or_default().to_string();
    assert!(
        summary.contains("(1 new, 0 changed, 2 unchanged, 0 removed)"),
        "{summary}"
    );
    ok(&w.run(&["extract", "in", "-o", "full", "--force"]));
    assert_eq!(snapshot(&w.path("out")), snapshot(&w.path("full")));

    let streamed = w.run(&["extract", "in/a.txt", "-o", "-"]);
    ok(&streamed);
    let first = w
        .read("full/articles.jsonl")
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(String::from_utf8(streamed.stdout).unwrap(), first + "\n");
}
