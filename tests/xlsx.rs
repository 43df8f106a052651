//! `--xlsx FILE`: the workbook read back with calamine (values and cell types against the CSV of
//! the same run), and converted by LibreOffice headless in an ignored test.

mod common;

use std::collections::BTreeMap;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{ok, Work};
use serde_json::json;

/// Articles whose ids, titles and sentences a spreadsheet would coerce, and one quote longer than
/// a cell can hold.
fn input(w: &Work) {
    let long: String = "the rota must change before the winter timetable starts ".repeat(720);
    let lines = [
        json!({"id": "00123", "title": "3/4", "outlet": "Harbour Gazette", "published": "20260518",
               "text": "Monday, May 18, 2015\n\nThe ferry crews walked out on Monday. \u{201c}We will \
               not sail until the rota changes,\u{201d} said Ilse Marsh, the union steward. =1+1 was \
               painted on the gate."}),
        json!({"id": "1e5", "text": format!("Port staff met on Tuesday. \u{201c}{long}\u{201d} said \
               Ilse Marsh. The company said talks would resume.")}),
        json!({"id": "3/4", "text": "-2 degrees was the low on Wednesday, the harbour office said."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    w.write("in.jsonl", text);
}

fn sheet(path: &std::path::Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn as_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        other => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn workbook_cells_are_typed_like_the_csv_columns_and_nothing_is_coerced() {
    let w = Work::new();
    input(&w);
    let out = w.run(&["extract", "in.jsonl", "-o", "out", "--xlsx", "out.xlsx"]);
    ok(&out);
    let book_path = w.path("out.xlsx");
    let book: Xlsx<_> = open_workbook(&book_path).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "articles",
            "sentences",
            "quotes",
            "speakers",
            "speakers_by_name",
            "entities",
            "mentions",
            "errors"
        ]
    );
    let mut cut = 0;
    for name in &names {
        let rows = sheet(&book_path, name);
        let csv = w.csv(&format!("out/{name}.csv"));
        let header: Vec<String> = rows[0].iter().map(as_text).collect();
        assert_eq!(rows.len() - 1, csv.len(), "{name}: rows");
        for (row, want) in rows[1..].iter().zip(&csv) {
            for (col, cell) in header.iter().zip(row) {
                let want = &want[col];
                match cell {
                    // numbers are numbers, and only the columns the CSV holds digits in
                    Data::Float(f) => assert_eq!(format!("{f}"), *want, "{name}.{col}"),
                    Data::String(s) if want.chars().count() > 32_767 => {
                        cut += 1;
                        assert_eq!(s.chars().count(), 32_767, "{name}.{col}");
                        let marker = format!(" … [cut from {} characters]", want.chars().count());
                        assert!(s.ends_with(&marker), "{name}.{col}: {}", &s[s.len() - 50..]);
                        let kept = s.strip_suffix(&marker).unwrap();
                        assert!(want.starts_with(kept), "{name}.{col}");
                    }
                    Data::String(s) => {
                        assert_eq!(s, want, "{name}.{col}");
                        assert!(!want.is_empty());
                    }
                    Data::Empty => assert_eq!(want, "", "{name}.{col}"),
                    other => panic!("{name}.{col}: {other:?}"),
                }
            }
        }
    }
    assert!(cut >= 1, "the long sentence is cut: {cut}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{cut} workbook cells over 32767")),
        "{stderr}"
    );

    // the values a spreadsheet coerces from CSV stay text
    let articles = sheet(&book_path, "articles");
    let ids: Vec<&Data> = articles[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(
        ids,
        [
            &Data::String("00123".into()),
            &Data::String("1e5".into()),
            &Data::String("3/4".into())
        ]
    );
    assert_eq!(articles[1][2], Data::String("3/4".into()), "title");
    assert_eq!(
        articles[1][16],
        Data::String("20260518".into()),
        "published is text"
    );
    assert!(
        matches!(articles[1][5], Data::Float(_)),
        "chars is a number"
    );
    let sentences = sheet(&book_path, "sentences");
    let texts: Vec<String> = sentences[1..].iter().map(|r| as_text(&r[5])).collect();
    assert!(
        texts.iter().any(|t| t == "Monday, May 18, 2015"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("-2 degrees")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.starts_with("=1+1")), "{texts:?}");
}

#[test]
fn workbook_holds_only_the_listed_tables_and_excel_csv_does_not_reach_it() {
    let w = Work::new();
    input(&w);
    ok(&w.run(&[
        "extract",
        "in.jsonl",
        "-o",
        "out",
        "-q",
        "--excel",
        "--tables",
        "quotes,sentences",
        "--xlsx",
        "book.xlsx",
    ]));
    let book: Xlsx<_> = open_workbook(w.path("book.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["sentences", "quotes"]);
    // --excel puts an apostrophe before =1+1 in the CSV; the workbook's text cell needs none
    let texts: Vec<String> = sheet(&w.path("book.xlsx"), "sentences")[1..]
        .iter()
        .map(|r| as_text(&r[5]))
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("=1+1")), "{texts:?}");
    let csv: BTreeMap<_, _> = w
        .csv("out/sentences.csv")
        .into_iter()
        .map(|r| (r["text"].clone(), ()))
        .collect();
    assert!(csv.keys().any(|t| t.starts_with("'=1+1")), "{csv:?}");
}

#[test]
#[ignore = "needs LibreOffice (run by .ci/run)"]
fn libreoffice_opens_the_workbook_with_ids_and_dates_as_text() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok()
        })
        .expect("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc-nogui");
    let w = Work::new();
    input(&w);
    ok(&w.run(&[
        "extract",
        "in.jsonl",
        "-o",
        "out",
        "-q",
        "--tables",
        "articles,sentences",
        "--xlsx",
        "book.xlsx",
    ]));
    // its own profile folder, so a desktop session's LibreOffice does not swallow the call
    let profile = format!(
        "-env:UserInstallation=file://{}",
        w.path("lo-profile").display()
    );
    let conv = std::process::Command::new(soffice)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(w.path("lo"))
        .arg(w.path("book.xlsx"))
        .output()
        .unwrap();
    assert!(
        conv.status.success(),
        "{}",
        String::from_utf8_lossy(&conv.stderr)
    );
    // sheet -1 writes every sheet as BOOK-SHEET.csv
    let articles = w.read("lo/book-articles.csv");
    let rows: Vec<&str> = articles.lines().collect();
    assert!(rows[1].starts_with("00123,"), "{}", rows[1]);
    assert!(rows[2].starts_with("1e5,"), "{}", rows[2]);
    assert!(rows[3].starts_with("3/4,"), "{}", rows[3]);
    assert!(rows[1].contains(",20260518,"), "{}", rows[1]);
    let sentences = w.read("lo/book-sentences.csv");
    let short: Vec<&str> = sentences.lines().filter(|l| l.len() < 300).collect();
    assert!(
        short
            .iter()
            .any(|l| l.ends_with(",\"Monday, May 18, 2015\"")),
        "{short:#?}"
    );
    assert!(
        short.iter().any(|l| l.contains(",\"-2 degrees was")),
        "{short:#?}"
    );
    assert!(
        short
            .iter()
            .any(|l| l.ends_with(",=1+1 was painted on the gate.")),
        "{short:#?}"
    );
}
