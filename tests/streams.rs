//! Streams for engines (issue 12): `newsx extract - -o -` under `rdd.pipe` and the like. Ids that
//! do not clash across processes, refused articles inline so counts match, and exit codes.
//! (Duplicate ids on stdout: tests/extract.rs, `stream_mode_refuses_a_repeated_id_as_folder_mode_does`.)

mod common;

use common::*;
use serde_json::Value;

fn text(i: usize) -> String {
    format!(
        "DUNMORE — The water board met on day {i}. “We will publish the figures,” said Ines Halvorsen, its chair."
    )
}

fn line(fields: &str, i: usize) -> String {
    format!("{{{fields}\"text\":{}}}", serde_json::json!(text(i)))
}

fn lines_of(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn stdin_articles_without_an_id_get_the_hash_of_their_line_the_same_in_every_process() {
    let w = Work::new();
    let (a, b) = (line("", 1), line("", 2));
    // Two "partitions": the same line read by two processes, at different line numbers.
    let one = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q"],
        Some(&format!("{a}\n{b}\n")),
    );
    let two = w.run_with_stdin(&["extract", "-", "-o", "-", "-q"], Some(&format!("{b}\n")));
    ok(&one);
    ok(&two);
    let (one, two) = (ids(&lines_of(&one)), ids(&lines_of(&two)));
    let expected = |l: &str| format!("h{}", &blake3::hash(l.as_bytes()).to_hex()[..16]);
    assert_eq!(one, [expected(&a), expected(&b)]);
    assert_eq!(
        two,
        [expected(&b)],
        "the same line gets the same id wherever it is"
    );
    // A line with its own id keeps it.
    let own = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q"],
        Some(&line("\"id\":\"k-1\",", 3)),
    );
    assert_eq!(ids(&lines_of(&own)), ["k-1"]);
}

#[test]
fn id_prefix_replaces_the_h_of_made_ids_for_jsonl_and_csv_on_stdin() {
    let w = Work::new();
    let out = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q", "--id-prefix", "batch7-"],
        Some(&format!("{}\n", line("", 1))),
    );
    ok(&out);
    let id = &ids(&lines_of(&out))[0];
    assert!(
        id.starts_with("batch7-") && id.len() == "batch7-".len() + 16,
        "{id}"
    );
    let csv = format!(
        "headline,text\nWater,\"{}\"\nRates,\"{}\"\n",
        text(1),
        text(2)
    );
    let out = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q", "--stdin-format", "csv"],
        Some(&csv),
    );
    ok(&out);
    let made = ids(&lines_of(&out));
    assert_eq!(made.len(), 2);
    assert!(
        made.iter().all(|id| id.starts_with('h') && id.len() == 17),
        "{made:?}"
    );
    assert_ne!(made[0], made[1]);
    let bad = w.run_with_stdin(&["extract", "-", "-o", "-", "--id-prefix", ""], Some(""));
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--id-prefix"), "{}", stderr(&bad));
}

#[test]
fn errors_inline_puts_one_line_per_input_line_in_the_stream_and_keep_going_exits_0() {
    let w = Work::new();
    let input = [
        line("\"id\":\"a\",", 1),
        "not json".to_string(),
        line("\"id\":\"b\",", 2),
        "{\"id\":\"c\",\"text\":\"  \"}".to_string(),
        line("\"id\":\"a\",", 3),
    ]
    .join("\n");
    let out = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q", "--errors", "inline"],
        Some(&input),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records = lines_of(&out);
    assert_eq!(records.len(), 5, "one line per input line");
    let kinds: Vec<_> = records
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap_or("ok").to_string())
        .collect();
    assert_eq!(kinds, ["ok", "bad_json", "ok", "empty", "duplicate_id"]);
    assert_eq!(records[3]["id"], "c");
    assert_eq!(records[4]["id"], "a");
    assert!(records[1]["id"].as_str().unwrap().starts_with('h'));
    assert!(records[4]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("same id"));
    assert_eq!(
        records[3].as_object().unwrap().len(),
        2,
        "just id and error"
    );
    // Refused articles still go to stderr, and --keep-going makes only them no failure.
    assert_eq!(stderr(&out).lines().count(), 3, "{}", stderr(&out));
    let kept = w.run_with_stdin(
        &[
            "extract",
            "-",
            "-o",
            "-",
            "-q",
            "--errors",
            "inline",
            "--keep-going",
        ],
        Some(&input),
    );
    assert_eq!(kept.status.code(), Some(0));
    assert_eq!(kept.stdout, out.stdout);
}

#[test]
fn keep_going_exits_0_into_a_folder_with_errors_and_2_still_for_fatal_errors() {
    let w = Work::new();
    w.write("in/a.txt", text(1));
    w.write("in/b.txt", "");
    let out = w.run(&["extract", "in", "-o", "out", "-q", "--keep-going"]);
    ok(&out);
    assert_eq!(w.csv("out/errors.csv").len(), 1);
    let fatal = w.run(&["extract", "missing", "-o", "out2", "-q", "--keep-going"]);
    assert_eq!(fatal.status.code(), Some(2));
    let inline = w.run(&["extract", "in", "-o", "out", "--errors", "inline"]);
    assert_eq!(inline.status.code(), Some(2));
    assert!(
        stderr(&inline).contains("--errors inline needs -o -"),
        "{}",
        stderr(&inline)
    );
}
