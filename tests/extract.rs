//! `newsx extract` end to end: the real binary on fixture folders in temporary directories.

mod common;

use common::*;
use serde_json::Value;

const ARTICLE: &str = "Harbour bridge vote delayed\n\nPORTO — The council postponed the vote on Tuesday. “We need more time,” said Tomás Ferreira, the mayor of Porto.\n\nFerreira said the bridge would reopen in May.\n\nFollow\n";

fn fixture() -> Work {
    let w = Work::new();
    w.write("in/porto.txt", ARTICLE);
    w.write(
        "in/sub/zoë.txt",
        "KRAKÓW, Poland — Zoë Brontë-Hall played Dvořák. “It’s a dream,” she said.\n",
    );
    w
}

#[test]
fn extract_writes_every_output_file() {
    let w = fixture();
    let out = w.run(&["extract", "in", "-o", "out"]);
    ok(&out);
    for f in [
        "articles.jsonl",
        "articles.csv",
        "sentences.csv",
        "quotes.csv",
        "speakers.csv",
        "entities.csv",
        "mentions.csv",
        "errors.csv",
        "speakers_by_name.csv",
        "manifest.jsonl",
    ] {
        assert!(w.path(&format!("out/{f}")).exists(), "{f} missing");
    }
    let arts = w.articles("out");
    let ids: Vec<_> = arts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["porto", "sub/zoë"],
        "ids are paths relative to the input folder, in order"
    );
    assert!(stderr(&out).contains("2 articles"), "{}", stderr(&out));
    // No temporary files are left behind.
    assert!(std::fs::read_dir(w.path("out")).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));
}

#[test]
fn every_span_is_a_code_point_offset_into_the_text_as_read() {
    let w = fixture();
    ok(&w.run(&["extract", "in", "-o", "out"]));
    let texts = [
        ARTICLE.to_string(),
        std::fs::read_to_string(w.path("in/sub/zoë.txt")).unwrap(),
    ];
    for (a, text) in w.articles("out").iter().zip(&texts) {
        let check = |v: &Value| {
            let (s, e) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
            assert_eq!(chars(text, s, e), v["text"].as_str().unwrap(), "{v}");
        };
        for key in ["sentences", "quotes", "mentions", "boilerplate"] {
            a[key].as_array().unwrap().iter().for_each(check);
        }
        for q in a["quotes"].as_array().unwrap() {
            for key in ["speaker_mention", "cue"] {
                if !q[key].is_null() {
                    check(&q[key]);
                }
            }
        }
        assert_eq!(a["chars"].as_u64().unwrap() as usize, text.chars().count());
    }
}

#[test]
fn layout_finds_headline_dateline_and_boilerplate_and_sentences_skip_boilerplate() {
    let w = fixture();
    ok(&w.run(&["extract", "in", "-o", "out"]));
    let a = &w.articles("out")[0];
    assert_eq!(a["title"], "Harbour bridge vote delayed");
    assert_eq!(a["dateline"]["text"], "PORTO");
    assert_eq!(a["boilerplate"][0]["text"], "Follow");
    let sentences: Vec<_> = a["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(sentences.first(), Some(&"Harbour bridge vote delayed"));
    assert!(!sentences.contains(&"Follow"));
    // A quote is found and the quote id is stable.
    assert_eq!(a["quotes"][0]["text"], "We need more time,");
    assert_eq!(a["quotes"][0]["id"], "q1");
}

#[test]
fn jsonl_input_keeps_metadata_and_numbers_lines_without_id() {
    let w = Work::new();
    w.write(
        "a.jsonl",
        "{\"id\":\"x1\",\"text\":\"One sentence here.\",\"title\":\"Given title\",\"url\":\"https://e.com/1\",\"extra\":{\"k\":1}}\n{\"text\":\"No id here.\"}\n",
    );
    ok(&w.run(&["extract", "a.jsonl", "-o", "out"]));
    let arts = w.articles("out");
    assert_eq!(arts[0]["id"], "x1");
    assert_eq!(arts[0]["title"], "Given title");
    assert_eq!(arts[0]["meta"]["url"], "https://e.com/1");
    assert_eq!(arts[0]["meta"]["extra"]["k"], 1);
    assert_eq!(arts[1]["id"], "a.jsonl:2");
}

#[test]
fn stdin_is_read_as_json_lines_and_stdout_gets_records() {
    let w = Work::new();
    let out = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q"],
        Some("{\"id\":\"s\",\"text\":\"Hello there. Bye now.\"}\n"),
    );
    ok(&out);
    let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["id"], "s");
    assert_eq!(rec["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_articles_become_error_rows_and_the_batch_goes_on() {
    let w = Work::new();
    w.write(
        "in/good.txt",
        "A good article. It has “balanced quotes,” he said.",
    );
    w.write(
        "in/unbalanced.txt",
        "He said “this never closes. And more text follows.",
    );
    w.write("in/empty.txt", "");
    w.write("in/latin1.txt", b"caf\xe9 society");
    w.write("in/binary.txt", b"\x00\x01\x02binary");
    w.write(
        "in/lines.jsonl",
        "{\"id\":\"ok\",\"text\":\"Fine.\"}\nthis is not json\n{\"id\":\"nt\"}\n",
    );
    let out = w.run(&["extract", "in", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let ids: Vec<_> = w
        .articles("out")
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["good", "ok", "unbalanced"]);
    let errors = w.csv("out/errors.csv");
    let kinds: Vec<_> = errors
        .iter()
        .map(|e| (e["article_id"].as_str(), e["kind"].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("binary", "binary"),
            ("empty", "empty"),
            ("latin1", "invalid_utf8"),
            ("lines.jsonl:2", "bad_json"),
            ("nt", "bad_json"),
        ]
    );
    let err = stderr(&out);
    assert!(
        err.contains("latin1.txt") && err.contains("invalid UTF-8"),
        "{err}"
    );
}

#[test]
fn oversized_article_is_refused() {
    let w = Work::new();
    w.write("in/big.txt", "word ".repeat(1000));
    w.write("in/small.txt", "Small.");
    let out = w.run(&["extract", "in", "-o", "out", "--max-bytes", "100"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(w.csv("out/errors.csv")[0]["kind"], "too_large");
    assert_eq!(w.articles("out").len(), 1);
}

#[test]
fn duplicate_ids_keep_the_first_article() {
    let w = Work::new();
    w.write(
        "a.jsonl",
        "{\"id\":\"d\",\"text\":\"First.\"}\n{\"id\":\"d\",\"text\":\"Second.\"}\n",
    );
    let out = w.run(&["extract", "a.jsonl", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(w.articles("out")[0]["sentences"][0]["text"], "First.");
    assert_eq!(w.csv("out/errors.csv")[0]["kind"], "duplicate_id");
}

#[test]
fn stream_mode_refuses_a_repeated_id_as_folder_mode_does() {
    let w = Work::new();
    let input = "{\"id\":\"d\",\"text\":\"First.\"}\n{\"id\":\"d\",\"text\":\"Second.\"}\n{\"id\":\"e\",\"text\":\"Third.\"}\n";
    let out = w.run_with_stdin(&["extract", "-", "-o", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records: Vec<Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<_> = records
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["sentences"][0]["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("d", "First."), ("e", "Third.")]);
    let err = stderr(&out);
    assert!(err.contains("-:2") && err.contains("duplicate_id"), "{err}");
    assert!(
        err.contains("2 articles") && err.contains("1 errors"),
        "{err}"
    );
}

#[test]
fn output_is_byte_identical_whatever_the_jobs() {
    let w = fixture();
    for i in 0..40 {
        w.write(
            &format!("in/many/{i:02}.txt"),
            format!("{ARTICLE}\nExtra paragraph number {i}.\n"),
        );
    }
    ok(&w.run(&["extract", "in", "-o", "one", "-j", "1"]));
    ok(&w.run(&["extract", "in", "-o", "two", "-j", "2"]));
    ok(&w.run(&["extract", "in", "-o", "eight", "-j", "8"]));
    let one = snapshot(&w.path("one"));
    assert_eq!(one, snapshot(&w.path("two")));
    assert_eq!(one, snapshot(&w.path("eight")));
}

#[test]
fn csv_tables_open_with_a_real_reader_and_keep_quotes_commas_and_newlines() {
    let w = Work::new();
    w.write(
        "a.jsonl",
        "{\"id\":\"tricky, \\\"id\\\"\",\"text\":\"“Yes, “no,” and\\nmaybe,” she said.\\n=SUM(A1) is not a formula here.\"}\n",
    );
    ok(&w.run(&["extract", "a.jsonl", "-o", "out"]));
    for t in [
        "articles",
        "sentences",
        "quotes",
        "speakers",
        "entities",
        "mentions",
        "errors",
        "speakers_by_name",
    ] {
        w.csv(&format!("out/{t}.csv")); // asserts every row has the header's width
    }
    let sentences = w.csv("out/sentences.csv");
    assert_eq!(sentences[0]["article_id"], "tricky, \"id\"");
    assert!(sentences
        .iter()
        .any(|s| s["text"] == "=SUM(A1) is not a formula here."));
}

#[test]
fn excel_flag_writes_bom_crlf_and_neutralises_formulas() {
    let w = Work::new();
    w.write("in/f.txt", "=HYPERLINK(\"x\") is risky.\n+1 is too.\n");
    ok(&w.run(&["extract", "in", "-o", "out", "--excel"]));
    let raw = std::fs::read(w.path("out/sentences.csv")).unwrap();
    assert!(raw.starts_with("\u{feff}article_id".as_bytes()));
    assert!(raw.windows(2).any(|p| p == b"\r\n"));
    assert!(
        !raw.iter()
            .enumerate()
            .any(|(i, &b)| b == b'\n' && raw[i - 1] != b'\r'),
        "bare LF"
    );
    let mut r = csv::ReaderBuilder::new().from_reader(&raw[3..]);
    let texts: Vec<String> = r.records().map(|r| r.unwrap()[5].to_string()).collect();
    assert_eq!(texts, ["'=HYPERLINK(\"x\") is risky.", "'+1 is too."]);
    // JSON keeps the text exactly as read.
    assert_eq!(
        w.articles("out")[0]["sentences"][0]["text"],
        "=HYPERLINK(\"x\") is risky."
    );
}

#[test]
fn writing_into_a_closed_pipe_ends_quietly() {
    let w = Work::new();
    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&format!(
            "{{\"id\":\"{i}\",\"text\":\"Sentence number {i}. Another one.\"}}\n"
        ));
    }
    w.write("big.jsonl", lines);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' extract big.jsonl -o - -q | head -c 10; exit ${{PIPESTATUS:-0}}",
            bin().display()
        ))
        .current_dir(w.dir.path())
        .output()
        .unwrap();
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn missing_input_and_bad_flags_exit_2_with_a_clear_message() {
    let w = Work::new();
    let out = w.run(&["extract", "nope", "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
    let out = w.run(&["extract", "--jobs", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--jobs"), "{}", stderr(&out));
    let out = w.run(&["extract", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_explains_every_flag() {
    let out = Work::new().run(&["extract", "--help"]);
    ok(&out);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--output",
        "--jobs",
        "--quiet",
        "--force",
        "--excel",
        "--rules",
        "--max-bytes",
    ] {
        assert!(help.contains(flag), "{flag} not in help:\n{help}");
    }
    let out = Work::new().run(&["--version"]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("newsx "));
}

#[test]
fn committed_output_matches_a_fresh_run_of_the_corpus() {
    // Regenerate with: cargo run --release -- extract corpus -o output --force
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let w = Work::new();
    let status = std::process::Command::new(bin())
        .args(["extract", "corpus", "-o"])
        .arg(w.path("fresh"))
        .args(["-q", "--force"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
    // The manifest is for reruns and carries a fingerprint of the build: it is not committed.
    let records = |s: Vec<(String, Vec<u8>)>| {
        s.into_iter()
            .filter(|(n, _)| n != "manifest.jsonl")
            .collect::<Vec<_>>()
    };
    let committed = records(snapshot(&root.join("output")));
    let fresh = records(snapshot(&w.path("fresh")));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&committed), names(&fresh));
    for ((name, a), (_, b)) in committed.iter().zip(&fresh) {
        assert!(
            a == b,
            "output/{name} differs from a fresh run: regenerate with `cargo run --release -- extract corpus -o output --force`"
        );
    }
}

#[test]
fn transcript_turns_are_direct_quotes_of_the_labelled_speaker() {
    let w = Work::new();
    w.write(
        "in/radio.txt",
        "Minister Ruth Okoro answers listeners\n\nFinance Minister Ruth Okoro took calls on the morning show.\n\nHOST: Will bread prices fall?\n\nMINISTER OKORO: Not this year, but the tax on flour ends in June.\n\nHOST: Thank you, minister.\n",
    );
    ok(&w.run(&["extract", "in", "-o", "out"]));
    let arts = w.articles("out");
    let turns: Vec<(String, String)> = arts[0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["rule"] == "transcript")
        .map(|q| {
            assert_eq!(q["type"], "direct");
            let text = q["text"].as_str().unwrap().to_string();
            (text, q["speaker"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        turns,
        [
            ("Will bread prices fall?".to_string(), "host".to_string()),
            (
                "Not this year, but the tax on flour ends in June.".to_string(),
                "Ruth Okoro".to_string()
            ),
            ("Thank you, minister.".to_string(), "host".to_string()),
        ]
    );
}
