//! `--tables LIST`: only the listed files are written, a bad name is a usage error that lists the
//! valid ones, and reruns still work (the manifest is always written) when tables are left out.

mod common;

use common::{ok, Work};

const A: &str = r#"{"id": "a1", "text": "The depot reopened on Monday. \u201cThe trams run again,\u201d said Vera Holm."}"#;
const B: &str = r#"{"id": "b2", "text": "Drivers said the night shifts would return in May."}"#;

fn files(w: &Work, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(w.path(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn only_the_listed_tables_and_the_manifest_are_written() {
    let w = Work::new();
    w.write("in.jsonl", format!("{A}\n"));
    ok(&w.run(&[
        "extract",
        "in.jsonl",
        "-o",
        "out",
        "-q",
        "--tables",
        "quotes,speakers_by_name",
    ]));
    assert_eq!(
        files(&w, "out"),
        ["manifest.jsonl", "quotes.csv", "speakers_by_name.csv"]
    );
    let q = w.csv("out/quotes.csv");
    assert_eq!(q[0]["speaker"], "Vera Holm");
    assert_eq!(w.csv("out/speakers_by_name.csv")[0]["quotes"], "1");
}

#[test]
fn a_rerun_without_articles_jsonl_finds_nothing_changed_then_redoes_a_changed_batch() {
    let w = Work::new();
    w.write("in.jsonl", format!("{A}\n"));
    let args = [
        "extract",
        "in.jsonl",
        "-o",
        "out",
        "--tables",
        "quotes,articles",
    ];
    ok(&w.run(&args));
    let again = w.run(&args);
    ok(&again);
    assert!(
        stderr(&again).contains("nothing changed"),
        "{}",
        stderr(&again)
    );
    w.write("in.jsonl", format!("{A}\n{B}\n"));
    let changed = w.run(&args);
    ok(&changed);
    // no records to reuse: both articles are processed again, a1 counted as changed
    assert!(
        stderr(&changed).contains("1 new, 1 changed, 0 unchanged"),
        "{}",
        stderr(&changed)
    );
    assert_eq!(w.csv("out/articles.csv").len(), 2);
    assert!(!w.path("out/articles.jsonl").exists());
}

#[test]
fn with_articles_jsonl_listed_a_rerun_reuses_records() {
    let w = Work::new();
    w.write("in.jsonl", format!("{A}\n"));
    let args = [
        "extract",
        "in.jsonl",
        "-o",
        "out",
        "--tables",
        "articles.jsonl,quotes",
    ];
    ok(&w.run(&args));
    w.write("in.jsonl", format!("{A}\n{B}\n"));
    let out = w.run(&args);
    ok(&out);
    assert!(
        stderr(&out).contains("1 new, 0 changed, 1 unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        files(&w, "out"),
        ["articles.jsonl", "manifest.jsonl", "quotes.csv"]
    );
}

#[test]
fn leaving_tables_out_removes_their_old_files_and_adding_them_back_writes_them() {
    let w = Work::new();
    w.write("in.jsonl", format!("{A}\n"));
    ok(&w.run(&["extract", "in.jsonl", "-o", "out", "-q"]));
    assert!(w.path("out/sentences.csv").exists());
    ok(&w.run(&[
        "extract", "in.jsonl", "-o", "out", "-q", "--tables", "quotes",
    ]));
    assert_eq!(files(&w, "out"), ["manifest.jsonl", "quotes.csv"]);
    // every table back, although no input changed
    ok(&w.run(&["extract", "in.jsonl", "-o", "out", "-q"]));
    assert_eq!(files(&w, "out").len(), 10, "{:?}", files(&w, "out"));
}

#[test]
fn an_unknown_table_is_a_usage_error_naming_the_flag_and_the_valid_names() {
    let w = Work::new();
    w.write("in.jsonl", format!("{A}\n"));
    let out = w.run(&[
        "extract",
        "in.jsonl",
        "-o",
        "out",
        "--tables",
        "quotes,sentence",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("--tables") && e.contains("'sentence'"), "{e}");
    for name in [
        "articles",
        "sentences",
        "speakers_by_name",
        "errors",
        "articles.jsonl",
    ] {
        assert!(e.contains(name), "{name} listed: {e}");
    }
    assert!(!w.path("out").exists(), "nothing written");
}

#[test]
fn folder_flags_with_stdout_output_are_a_usage_error() {
    let w = Work::new();
    for flag in [
        &["--tables", "quotes"][..],
        &["--format", "parquet"],
        &["--xlsx", "b.xlsx"],
    ] {
        let mut args = vec!["extract", "-", "-o", "-"];
        args.extend_from_slice(flag);
        // refused before stdin is read
        let out = w.run(&args);
        assert_eq!(out.status.code(), Some(2), "{flag:?}");
        assert!(stderr(&out).contains(flag[0]), "{}", stderr(&out));
    }
}
