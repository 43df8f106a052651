//! `--format parquet`: each table read back with the parquet crate's own reader, its column types
//! checked and its values compared with the CSV table of the same input; the README's DuckDB
//! query in an ignored test.

mod common;

use std::fs::File;

use common::Work;
use parquet::basic::{ConvertedType, Repetition, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

const TABLES: [&str; 8] = [
    "articles",
    "sentences",
    "quotes",
    "speakers",
    "speakers_by_name",
    "entities",
    "mentions",
    "errors",
];

fn input(w: &Work) {
    w.write(
        "in/a.jsonl",
        concat!(
            r#"{"id": "00123", "outlet": "Harbour Gazette", "published": "2026-05-18", "text": "#,
            r#""The ferry crews walked out on Monday. \u201cWe will not sail until the rota "#,
            r#"changes,\u201d said Ilse Marsh, the union steward. The company said talks would resume."}"#,
            "\n",
            r#"{"id": "b2", "text": "Port staff met on Tuesday. They said the cranes were idle."}"#,
            "\n",
            r#"{"id": "bad", "text": ""}"#,
            "\n",
        ),
    );
}

/// Rows of a Parquet file as (column, value as the CSV writes it) pairs, nulls as "".
fn rows(path: &std::path::Path) -> Vec<Vec<(String, String)>> {
    let reader = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| {
            row.unwrap()
                .get_column_iter()
                .map(|(name, f)| {
                    let v = match f {
                        Field::Null => String::new(),
                        Field::Str(s) => s.clone(),
                        Field::Long(n) => n.to_string(),
                        other => panic!("{name}: unexpected {other:?}"),
                    };
                    (name.clone(), v)
                })
                .collect()
        })
        .collect()
}

#[test]
fn parquet_tables_hold_the_csv_values_with_integer_offsets_and_nullable_columns() {
    let w = Work::new();
    input(&w);
    let out = w.run(&["extract", "in", "-o", "csv", "-q"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the empty article is an error row"
    );
    let out = w.run(&["extract", "in", "-o", "pq", "-q", "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(1));
    for t in TABLES {
        assert!(
            !w.path(&format!("pq/{t}.csv")).exists(),
            "{t}: no CSV beside Parquet"
        );
        let got = rows(&w.path(&format!("pq/{t}.parquet")));
        let want = w.csv(&format!("csv/{t}.csv"));
        assert_eq!(got.len(), want.len(), "{t}: rows");
        assert!(!got.is_empty(), "{t}: the input gives every table a row");
        for (g, csv_row) in got.iter().zip(&want) {
            assert_eq!(g.len(), csv_row.len(), "{t}: columns");
            for (col, v) in g {
                assert_eq!(v, &csv_row[col], "{t}.{col}");
            }
        }
    }
    // types: offsets and counts are integers; nullable columns are optional, ids required text
    let reader =
        SerializedFileReader::new(File::open(w.path("pq/quotes.parquet")).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let col = |name: &str| {
        (0..schema.num_columns())
            .map(|i| schema.column(i))
            .find(|c| c.name() == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    for name in ["start", "end", "sentence"] {
        assert_eq!(col(name).physical_type(), Physical::INT64, "{name}");
        assert_eq!(
            col(name).self_type().get_basic_info().repetition(),
            Repetition::REQUIRED
        );
    }
    for name in ["speaker_start", "speaker_end"] {
        assert_eq!(col(name).physical_type(), Physical::INT64, "{name}");
        assert_eq!(
            col(name).self_type().get_basic_info().repetition(),
            Repetition::OPTIONAL
        );
    }
    for name in ["article_id", "text", "type"] {
        assert_eq!(col(name).physical_type(), Physical::BYTE_ARRAY, "{name}");
        assert_eq!(col(name).converted_type(), ConvertedType::UTF8, "{name}");
        assert_eq!(
            col(name).self_type().get_basic_info().repetition(),
            Repetition::REQUIRED
        );
    }
    assert_eq!(
        col("speaker").self_type().get_basic_info().repetition(),
        Repetition::OPTIONAL
    );
    // the id keeps its zeros
    let articles = rows(&w.path("pq/articles.parquet"));
    assert_eq!(articles[0][0], ("article_id".into(), "00123".into()));
}

#[test]
fn switching_format_removes_the_other_formats_tables() {
    let w = Work::new();
    input(&w);
    w.run(&["extract", "in", "-o", "out", "-q"]);
    assert!(w.path("out/quotes.csv").exists());
    w.run(&["extract", "in", "-o", "out", "-q", "--format", "parquet"]);
    assert!(
        !w.path("out/quotes.csv").exists(),
        "a stale CSV would not match the Parquet"
    );
    assert!(w.path("out/quotes.parquet").exists());
    w.run(&["extract", "in", "-o", "out", "-q"]);
    assert!(w.path("out/quotes.csv").exists());
    assert!(!w.path("out/quotes.parquet").exists());
}

#[test]
fn excel_with_parquet_is_a_usage_error() {
    let w = Work::new();
    input(&w);
    let out = w.run(&[
        "extract", "in", "-o", "out", "--format", "parquet", "--excel",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--excel"));
}

#[test]
#[ignore = "needs DuckDB (pip duckdb; run by .ci/run)"]
fn the_readme_duckdb_query_runs_on_the_parquet_tables() {
    let w = Work::new();
    input(&w);
    w.run(&["extract", "in", "-o", "out", "-q", "--format", "parquet"]);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- duckdb-query -->")
        .expect("the README's DuckDB query marker");
    let sql = readme[start..]
        .split("```sql\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a sql block after the marker");
    let script = "import duckdb, json, sys\nprint(json.dumps(duckdb.sql(sys.argv[1]).fetchall()))";
    let out = std::process::Command::new("python3")
        .args(["-c", script, sql])
        .current_dir(w.path("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("No module named 'duckdb'"),
        "DuckDB is not installed: .ci/run installs it with pip"
    );
    assert!(out.status.success(), "{stderr}");
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // the README's query: quotes per outlet and speaker kind
    let quotes = rows(&w.path("out/quotes.parquet")).len();
    let answer = answer.as_array().unwrap();
    assert!(
        answer.iter().any(|r| r[0] == "Harbour Gazette"),
        "{answer:?}"
    );
    let total: u64 = answer.iter().map(|r| r[2].as_u64().unwrap()).sum();
    assert_eq!(total as usize, quotes, "{answer:?}");
}
