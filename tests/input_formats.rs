//! CSV/TSV exports and saved web pages, end to end through the real binary: what they become,
//! their bad cases as error rows, reruns, `--max-bytes` and byte-identical output across `-j`.

mod common;

use common::*;
use serde_json::Value;

/// An Excel "CSV UTF-8" export: byte-order mark, CRLF, a cell with line breaks inside quotes,
/// odd column names, extra columns, a ragged row and a row without text.
fn excel_csv() -> String {
    [
        "\u{feff}Story ID,Headline,Body Text,Date Published,Source,Author,Desk,Word Count",
        "c-1,Harbour fees rise,\"KESTREL BAY — Harbour fees will rise by a tenth, the port authority said.\r\n\r\n“We held them for five years,” said harbourmaster Lena Søberg.\",2031-05-02,Bay Herald,Tomás Quill,Business,23",
        "c-2,Short row,Only three cells",
        "c-3,No text,,2031-05-03,Bay Herald,,Business,0",
        ",Untitled,\"The ferry ran late, again, said commuters.\",2031-05-04,Bay Herald,,Metro,7",
    ]
    .join("\r\n")
        + "\r\n"
}

fn by_id(records: &[Value]) -> std::collections::BTreeMap<String, &Value> {
    records
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r))
        .collect()
}

/// Every span of a record points into `text` by code points.
fn spans_hold(record: &Value, text: &str) {
    for list in ["sentences", "quotes", "mentions"] {
        for s in record[list].as_array().unwrap() {
            let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert_eq!(
                chars(text, start, end),
                s["text"].as_str().unwrap(),
                "{list}"
            );
        }
    }
}

/// The ids of the records in `DIR/articles.jsonl`, in order.
fn ids(w: &Work, dir: &str) -> Vec<String> {
    w.articles(dir)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn excel_csv_rows_become_articles_with_mapped_fields_and_bad_rows_become_error_rows() {
    let w = Work::new();
    w.write("in/desk/export.csv", excel_csv());
    let out = w.run(&["extract", "in", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records = w.articles("out");
    let ids: Vec<_> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["c-1", "desk/export.csv:4"],
        "row 4 has no id: FILE:ROW"
    );

    let a = &records[0];
    assert_eq!(
        a["source"], "in/desk/export.csv:1",
        "sources are paths as given on the command line"
    );
    assert_eq!(a["title"], "Harbour fees rise");
    let meta = a["meta"].as_object().unwrap();
    let keys: Vec<_> = meta.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "title",
            "published",
            "outlet",
            "byline",
            "Desk",
            "Word Count"
        ]
    );
    assert_eq!(meta["byline"], "Tomás Quill");
    assert!(
        a.get("text").is_none(),
        "a CSV record does not repeat its cell"
    );
    let cell = "KESTREL BAY — Harbour fees will rise by a tenth, the port authority said.\r\n\r\n“We held them for five years,” said harbourmaster Lena Søberg.";
    spans_hold(a, cell);
    let quote = a["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["type"] == "direct")
        .unwrap();
    assert_eq!(quote["text"], "We held them for five years,");
    assert_eq!(quote["speaker"], "Lena Søberg");
    assert_eq!(a["dateline_place"], "KESTREL BAY");

    let errors = w.csv("out/errors.csv");
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e["article_id"].as_str(), e["kind"].as_str()))
        .collect();
    assert_eq!(got, [("c-2", "ragged_row"), ("c-3", "empty")]);
    assert!(errors[0]["message"].contains("row 2 (line 5) has 3 cells, the header has 8"));
    assert!(stderr(&out).contains("export.csv:2: row 2 (line 5) has 3 cells"));
}

#[test]
fn tsv_files_and_stdin_tables_read_like_csv() {
    let w = Work::new();
    let tsv = "id\ttext\tsection\nt-1\t\"Rain closed the pass, officials said.\"\tWeather\nt-2\tThe pass reopened on Friday.\tWeather\n";
    w.write("in/a.tsv", tsv);
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let files = w.articles("out");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["meta"]["section"], "Weather");

    let out = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q", "--stdin-format", "tsv"],
        Some(tsv),
    );
    ok(&out);
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], "-:1");
    assert_eq!(lines[0]["sentences"], files[0]["sentences"]);

    let csv = "text\nNo id here.\n";
    let out = w.run_with_stdin(
        &["extract", "-", "-o", "-", "-q", "--stdin-format", "csv"],
        Some(csv),
    );
    ok(&out);
    // A stdin row without an id gets the hash of its cells (see tests/streams.rs).
    let row: Value =
        serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert!(
        row["id"].as_str().unwrap().starts_with('h'),
        "{}",
        row["id"]
    );
    assert_eq!(row["source"], "-:1");
    // jsonl stays the default for -.
    let out = w.run_with_stdin(&["extract", "-", "-o", "-", "-q"], Some(csv));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad_json"));
}

#[test]
fn columns_named_by_flags_and_their_errors() {
    let w = Work::new();
    w.write(
        "in/x.csv",
        "uid,Story,Paper,text\nk9,The bridge opened on time.,Daily Lamp,ignored\n",
    );
    ok(&w.run(&[
        "extract",
        "in",
        "-o",
        "out",
        "-q",
        "--text-column",
        "Story",
        "--column",
        "outlet=Paper",
        "--column",
        "id=uid",
    ]));
    let r = &w.articles("out")[0];
    assert_eq!(r["id"], "k9");
    assert_eq!(r["meta"]["outlet"], "Daily Lamp");
    assert_eq!(r["meta"]["text"], "ignored");
    assert_eq!(r["sentences"][0]["text"], "The bridge opened on time.");

    // A column that is not there: an error row naming the flag; a bad flag: exit 2.
    let out = w.run(&["extract", "in", "-o", "out2", "-q", "--text-column", "Body"]);
    assert_eq!(out.status.code(), Some(1));
    let e = &w.csv("out2/errors.csv")[0];
    assert_eq!(
        (e["article_id"].as_str(), e["kind"].as_str()),
        ("x.csv", "no_text_column")
    );
    assert!(e["message"]
        .starts_with("--text-column Body: no such column (columns: uid, Story, Paper, text)"));
    let out = w.run(&["extract", "in", "-o", "out3", "--column", "auther=Paper"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--column") && stderr(&out).contains("unknown field `auther`"));
    let out = w.run(&["extract", "-", "--stdin-format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn encodings_other_than_utf8_are_decoded_when_marked_and_refused_otherwise() {
    let w = Work::new();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "id\ttext\r\nu-1\t“Ça va,” said Zoë Brandl.\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    w.write("in/unicode.tsv", &utf16);
    w.write(
        "in/ansi.csv",
        b"id,text\na-1,Caf\xe9 owners met.\na-2,Plain ASCII row.\n",
    );
    w.write("in/excel.txt", &utf16);
    let out = w.run(&["extract", "in", "-o", "out", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let ids = ids(&w, "out");
    assert_eq!(ids, ["a-2", "u-1"]);
    let kinds: Vec<_> = w
        .csv("out/errors.csv")
        .iter()
        .map(|e| (e["article_id"].clone(), e["kind"].clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("a-1".into(), "invalid_utf8".into()),
            ("excel".into(), "utf16".into())
        ]
    );
}

fn copy_pages(w: &Work, dir: &str) {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    for e in std::fs::read_dir(fixtures).unwrap() {
        let p = e.unwrap().path();
        w.write(
            &format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()),
            std::fs::read(&p).unwrap(),
        );
    }
}

#[test]
fn web_pages_give_the_story_without_boilerplate_and_their_metadata() {
    let w = Work::new();
    copy_pages(&w, "pages");
    ok(&w.run(&["extract", "pages", "-o", "out", "-q"]));
    let records = w.articles("out");
    let r = by_id(&records);
    assert_eq!(
        r.keys().collect::<Vec<_>>(),
        ["amp", "div_br", "news_site", "no_jsonld"]
    );
    for rec in &records {
        let text = rec["text"].as_str().expect("HTML records carry their text");
        spans_hold(rec, text);
        assert_eq!(rec["chars"].as_u64().unwrap(), text.chars().count() as u64);
        for junk in [
            "cookie",
            "Share",
            "Advertisement",
            "Related",
            "More from",
            "Most read",
            "Subscribe",
            "Sign up",
            "Comments",
            "Copyright",
            "Home",
            "Photo:",
            "Accept",
        ] {
            assert!(!text.contains(junk), "{}: `{junk}` in {text}", rec["id"]);
        }
        assert!(!text.contains("\n\n") && !text.contains("  "), "{text}");
    }

    let news = r["news_site"];
    let meta = news["meta"].as_object().unwrap();
    assert_eq!(meta["title"], "Ferry crews walk out over night shifts");
    assert_eq!(
        meta["byline"],
        serde_json::json!(["Marisol Eddings", "Teodor Vance"])
    );
    assert_eq!(meta["published"], "2031-04-14T06:10:00+01:00");
    assert_eq!(meta["outlet"], "The Calder Courier");
    assert_eq!(
        meta["url"],
        "https://courier.example/news/2031/ferry-crews-walk-out"
    );
    assert_eq!(
        news["headline"]["text"],
        "Ferry crews walk out over night shifts"
    );
    assert_eq!(
        news["byline"],
        serde_json::json!(["Marisol Eddings", "Teodor Vance"])
    );
    assert_eq!(news["dateline_place"], "PORT CALDER");
    let text = news["text"].as_str().unwrap();
    assert!(text.contains("the crews’ union branch"), "entities decoded");
    assert!(text.contains("a day's pay"));
    assert_eq!(
        text.matches("Nobody listened until the boats stopped.")
            .count(),
        1,
        "the pull quote repeats the story and is left out"
    );
    let speakers: Vec<_> = news["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker"].as_str())
        .collect();
    assert!(speakers.contains(&"Hallam Orr"), "{speakers:?}");

    // Meta tags and <title> without JSON-LD; the outlet's name leaves the title.
    let plain = r["no_jsonld"]["meta"].as_object().unwrap();
    assert_eq!(plain["title"], "Orchard growers count frost losses");
    assert_eq!(plain["byline"], serde_json::json!(["Priya Ashworth"]));
    assert_eq!(plain["outlet"], "Valley Ledger");
    assert_eq!(plain["published"], "2031-02-03");

    // <br><br> paragraphs in a table layout; source line breaks inside are spaces.
    let br = r["div_br"]["text"].as_str().unwrap();
    assert_eq!(br.lines().count(), 4, "{br}");
    assert!(br.starts_with("SKERRY HEAD -- A diary kept by the last keeper"));

    // An AMP page: JSON-LD @graph references resolved, amp-* boilerplate dropped.
    let amp = r["amp"]["meta"].as_object().unwrap();
    assert_eq!(amp["byline"], serde_json::json!(["Zofia Lindqvist"]));
    assert_eq!(amp["outlet"], "Metro Post");
    assert_eq!(r["amp"]["quotes"][0]["speaker"], "Bartholomew Achebe");
}

#[test]
fn bad_pages_are_error_rows_and_the_batch_goes_on() {
    let w = Work::new();
    w.write("in/ok.html", "<p>The vote passed, the clerk said.</p>");
    w.write("in/empty.htm", "<html><head><title>Nothing</title></head><body><nav><a href=/>Home</a></nav></body></html>");
    w.write("in/latin.html", b"<p>Caf\xe9 owners met.</p>");
    w.write(
        "in/declared.html",
        b"<meta charset=iso-8859-1><p>Caf\xe9 owners met.</p>",
    );
    let out = w.run(&["extract", "in", "-o", "out", "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let ids = ids(&w, "out");
    assert_eq!(ids, ["declared", "ok"]);
    assert!(w
        .read("out/articles.jsonl")
        .contains("\"text\":\"Café owners met.\""));
    let kinds: Vec<_> = w
        .csv("out/errors.csv")
        .iter()
        .map(|e| (e["article_id"].clone(), e["kind"].clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("empty".into(), "no_article_text".into()),
            ("latin".into(), "invalid_utf8".into())
        ]
    );
}

#[test]
fn max_bytes_refuses_big_rows_and_pages_and_keeps_the_rest() {
    let w = Work::new();
    let long = "The tide rose. ".repeat(100);
    w.write(
        "in/t.csv",
        format!("id,text\nbig_row,\"{long}\"\nsmall_row,Short one.\n"),
    );
    w.write("in/big.html", format!("<p>{long}</p>"));
    w.write("in/small.html", "<p>A short page.</p>");
    let out = w.run(&["extract", "in", "-o", "out", "-q", "--max-bytes", "600"]);
    assert_eq!(out.status.code(), Some(1));
    let ids = ids(&w, "out");
    assert_eq!(ids, ["small", "small_row"]);
    let errors = w.csv("out/errors.csv");
    let kinds: Vec<_> = errors
        .iter()
        .map(|e| (e["article_id"].as_str(), e["kind"].as_str()))
        .collect();
    // A row too large to keep is not parsed for its id: it goes by FILE:ROW.
    assert_eq!(kinds, [("big", "too_large"), ("t.csv:1", "too_large")]);
}

#[test]
fn a_changed_row_or_page_reprocesses_only_that_article() {
    let w = Work::new();
    let rows = |third: &str| {
        format!("id,text,desk\nr1,The mill closed on Monday.,A\nr2,Workers gathered outside.,A\nr3,{third},A\n")
    };
    w.write("in/t.csv", rows("The owner said little."));
    copy_pages(&w, "in/pages");
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));

    w.write("in/t.csv", rows("The owner said nothing at all."));
    let page = w
        .read("in/pages/amp.html")
        .replace("three weeks", "two weeks");
    w.write("in/pages/amp.html", page);
    let out = w.run(&["extract", "in", "-o", "out"]);
    ok(&out);
    let summary = stderr(&out).lines().last().unwrap().to_string();
    assert!(
        summary.contains("(0 new, 2 changed, 5 unchanged, 0 removed)"),
        "{summary}"
    );
    ok(&w.run(&["extract", "in", "-o", "full", "-q", "--force"]));
    assert_eq!(snapshot(&w.path("out")), snapshot(&w.path("full")));

    // Renaming a column changes the rows' meta: they are reprocessed. Calling the text column
    // `body` instead of `text` changes nothing.
    let renamed =
        |header: &str| rows("The owner said nothing at all.").replace("id,text,desk", header);
    w.write("in/t.csv", renamed("id,body,desk"));
    let out = w.run(&["extract", "in", "-o", "out"]);
    assert!(stderr(&out).contains("nothing changed"), "{}", stderr(&out));
    w.write("in/t.csv", renamed("id,text,section"));
    let out = w.run(&["extract", "in", "-o", "out"]);
    let summary = stderr(&out).lines().last().unwrap().to_string();
    assert!(summary.contains("3 changed, 4 unchanged"), "{summary}");
    let out = w.run(&["extract", "in", "-o", "out"]);
    assert!(stderr(&out).contains("nothing changed"), "{}", stderr(&out));
}

#[test]
fn output_is_byte_identical_whatever_the_jobs_for_every_format() {
    let w = Work::new();
    copy_pages(&w, "in/pages");
    w.write("in/export.csv", excel_csv());
    let mut tsv = String::from("id\ttext\n");
    for i in 0..300 {
        tsv.push_str(&format!(
            "row{i}\t\"“Stop {i} is open,” said the driver, Ada Nwosu. Passengers cheered.\"\n"
        ));
    }
    w.write("in/many.tsv", tsv);
    let mut snaps = Vec::new();
    for j in ["1", "2", "8"] {
        let dir = format!("out{j}");
        let out = w.run(&["extract", "in", "-o", &dir, "-q", "-j", j]);
        assert_eq!(out.status.code(), Some(1), "the export has two bad rows");
        snaps.push(snapshot(&w.path(&dir)));
        let out = w.run(&["extract", "in", "-o", "-", "-q", "-j", j]);
        snaps
            .last_mut()
            .unwrap()
            .push(("stdout".into(), out.stdout));
    }
    assert_eq!(snaps[0], snaps[1]);
    assert_eq!(snaps[0], snaps[2]);
    assert_eq!(w.articles("out1").len(), 4 + 2 + 300);
}
