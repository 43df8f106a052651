//! Article metadata (outlet, published, url, byline) from the input into every table that needs
//! it, read back with a real CSV reader.

mod common;

use common::{ok, Work};
use serde_json::{json, Value};

const TEXT: &str = "By Ana Ruiz\n\nThe depot reopened on Monday. \"The trams run again,\" said \
Piotr Ławniczak, the depot manager. Drivers said the night shifts would return in May.";

fn run(lines: &[Value], extra: &[&str]) -> Work {
    let w = Work::new();
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    w.write("in.jsonl", input);
    let mut args = vec!["extract", "in.jsonl", "-o", "out", "-q"];
    args.extend_from_slice(extra);
    ok(&w.run(&args));
    w
}

#[test]
fn outlet_published_and_url_reach_articles_quotes_and_speakers() {
    let w = run(
        &[
            json!({"id": "t1", "text": TEXT, "outlet": "Gazeta Wrocławska — wydanie",
                 "published": "2026-05-18T06:30:00+02:00", "url": "https://example.org/t1?a=1,2"}),
        ],
        &[],
    );
    let a = &w.csv("out/articles.csv")[0];
    assert_eq!(a["outlet"], "Gazeta Wrocławska — wydanie");
    assert_eq!(a["published"], "2026-05-18T06:30:00+02:00");
    assert_eq!(a["url"], "https://example.org/t1?a=1,2");
    let quotes = w.csv("out/quotes.csv");
    assert!(quotes.len() >= 2, "{quotes:?}");
    for q in &quotes {
        assert_eq!(q["outlet"], "Gazeta Wrocławska — wydanie");
        assert_eq!(q["published"], "2026-05-18T06:30:00+02:00");
    }
    for s in w.csv("out/speakers.csv") {
        assert_eq!(
            (s["outlet"].as_str(), s["published"].as_str()),
            (a["outlet"].as_str(), a["published"].as_str())
        );
    }
    let r = &w.articles("out")[0];
    assert_eq!(r["outlet"], "Gazeta Wrocławska — wydanie");
    assert_eq!(r["url"], "https://example.org/t1?a=1,2");
    // the input's fields are still carried in meta, untouched
    assert_eq!(r["meta"]["published"], "2026-05-18T06:30:00+02:00");
}

#[test]
fn new_columns_come_after_the_old_ones() {
    let w = run(&[json!({"id": "t1", "text": TEXT})], &[]);
    let header = |f: &str| w.read(f).lines().next().unwrap().to_string();
    assert!(header("out/articles.csv")
        .ends_with(",boilerplate,outlet,published,url,byline_from,wrapped"));
    let speaker = ",speaker_org,speaker_entity,speaker_gender,speaker_gender_from";
    assert!(header("out/quotes.csv").ends_with(&format!(",rule,text,outlet,published{speaker}")));
    assert!(
        header("out/speakers.csv").ends_with(&format!(",quotes,words,outlet,published{speaker}"))
    );
    assert_eq!(
        header("out/speakers_by_name.csv"),
        "name,kind,articles,quotes,words,gender,org"
    );
}

#[test]
fn input_byline_is_used_and_the_one_in_the_text_when_there_is_none() {
    let w = run(
        &[
            json!({"id": "given", "text": TEXT, "byline": "Lena Varga, Transport Correspondent"}),
            json!({"id": "list", "text": TEXT, "byline": ["Lena Varga", " ", "Oskar Lind"]}),
            json!({"id": "found", "text": TEXT}),
            json!({"id": "blank", "text": TEXT, "byline": "  "}),
            json!({"id": "none", "text": "The depot reopened on Monday."}),
        ],
        &[],
    );
    let rows = w.csv("out/articles.csv");
    let col = |id: &str, c: &str| rows.iter().find(|r| r["article_id"] == id).unwrap()[c].clone();
    // a string byline is kept whole, as the input wrote it
    assert_eq!(
        col("given", "byline"),
        "Lena Varga, Transport Correspondent"
    );
    assert_eq!(col("given", "byline_from"), "input");
    assert_eq!(col("list", "byline"), "Lena Varga; Oskar Lind");
    assert_eq!(col("found", "byline"), "Ana Ruiz");
    assert_eq!(col("found", "byline_from"), "text");
    assert_eq!(
        col("blank", "byline"),
        "Ana Ruiz",
        "a blank input byline gives way to the text's"
    );
    assert_eq!(col("none", "byline"), "");
    assert_eq!(col("none", "byline_from"), "");
    let records = w.articles("out");
    assert_eq!(records[1]["byline"], json!(["Lena Varga", "Oskar Lind"]));
    assert_eq!(records[1]["byline_from"], "input");
    assert_eq!(records[4]["byline_from"], Value::Null);
}

#[test]
fn numbers_are_written_as_digits_and_other_values_are_left_out() {
    let w = run(
        &[
            json!({"id": "n", "text": TEXT, "published": 20260518, "outlet": "   ",
                 "url": {"href": "x"}}),
        ],
        &[],
    );
    let a = &w.csv("out/articles.csv")[0];
    assert_eq!(a["published"], "20260518");
    assert_eq!(a["outlet"], "");
    assert_eq!(a["url"], "");
    assert_eq!(w.articles("out")[0]["url"], Value::Null);
}

#[test]
fn text_files_have_empty_metadata_columns() {
    let w = Work::new();
    w.write("in/a.txt", TEXT);
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let a = &w.csv("out/articles.csv")[0];
    for c in ["outlet", "published", "url"] {
        assert_eq!(a[c], "", "{c}");
    }
    assert_eq!(a["byline_from"], "text");
}

#[test]
fn excel_neutralises_formula_metadata_in_every_table() {
    let w = run(
        &[
            json!({"id": "x", "text": TEXT, "outlet": "=HYPERLINK(\"http://x\")",
                 "published": "-1", "url": "@x"}),
        ],
        &["--excel"],
    );
    let a = &w.csv("out/articles.csv")[0];
    assert_eq!(a["outlet"], "'=HYPERLINK(\"http://x\")");
    assert_eq!(a["published"], "'-1");
    assert_eq!(a["url"], "'@x");
    for q in w.csv("out/quotes.csv") {
        assert_eq!(q["outlet"], "'=HYPERLINK(\"http://x\")");
    }
    // the JSON record keeps the exact text
    assert_eq!(w.articles("out")[0]["outlet"], "=HYPERLINK(\"http://x\")");
}
