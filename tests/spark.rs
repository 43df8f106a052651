//! The README's Spark recipe (`scripts/spark/newsx_spark.py`: `rdd.pipe` through `newsx extract -`)
//! run with local PySpark on the GUM news articles, its Parquet output read back with the parquet
//! crate: records in = records out, ids unique, and the quotes those of a direct run of the file.
//! Ignored in a plain `cargo test` (it needs pyspark, java and ../shared); `.ci/run` installs
//! pyspark and runs it, and it fails, not passes, when any of them is missing.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use common::{bin, ok, Work};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use parquet::schema::types::Type;
use serde_json::Value;

/// A quote as compared: type, span, speaker (empty when none) and text.
type Quote = (String, u64, u64, String, String);

fn require(program: &str, args: &[&str], what: &str) {
    let out = Command::new(program).args(args).output();
    let found = out.as_ref().is_ok_and(|o| o.status.success());
    assert!(
        found,
        "this test needs {what} ({program} {}: {:?}); .ci/run installs it",
        args.join(" "),
        out.map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
    );
}

/// The rows of every part file of a Spark Parquet dataset, only the named columns, each as
/// (column, field) pairs.
fn dataset(dir: &Path, columns: &[&str]) -> Vec<BTreeMap<String, Field>> {
    let mut parts: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    parts.sort();
    assert!(!parts.is_empty(), "{}: no part files", dir.display());
    let mut rows = Vec::new();
    for part in parts {
        let reader = SerializedFileReader::new(File::open(&part).unwrap()).unwrap();
        let schema = reader.metadata().file_metadata().schema();
        let fields: Vec<_> = schema
            .get_fields()
            .iter()
            .filter(|f| columns.contains(&f.name()))
            .cloned()
            .collect();
        assert_eq!(
            fields.len(),
            columns.len(),
            "{}: {columns:?}",
            part.display()
        );
        let projection = Type::group_type_builder(schema.name())
            .with_fields(fields)
            .build()
            .unwrap();
        for row in reader.get_row_iter(Some(projection)).unwrap() {
            let row = row.unwrap();
            rows.push(
                row.get_column_iter()
                    .map(|(name, f)| (name.clone(), f.clone()))
                    .collect(),
            );
        }
    }
    rows
}

fn text(row: &BTreeMap<String, Field>, column: &str) -> String {
    match &row[column] {
        Field::Str(s) => s.clone(),
        Field::Null => String::new(),
        other => panic!("{column}: not text: {other:?}"),
    }
}

fn int(row: &BTreeMap<String, Field>, column: &str) -> u64 {
    match &row[column] {
        Field::Long(n) => *n as u64,
        other => panic!("{column}: not an integer: {other:?}"),
    }
}

/// Quotes per article id, sorted, from an `articles.jsonl` of a direct run.
fn direct_quotes(articles_jsonl: &str) -> BTreeMap<String, Vec<Quote>> {
    articles_jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|a| {
            let mut quotes: Vec<Quote> = a["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| {
                    (
                        q["type"].as_str().unwrap().to_string(),
                        q["start"].as_u64().unwrap(),
                        q["end"].as_u64().unwrap(),
                        q["speaker"].as_str().unwrap_or("").to_string(),
                        q["text"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            quotes.sort();
            (a["id"].as_str().unwrap().to_string(), quotes)
        })
        .collect()
}

#[test]
#[ignore = "needs pyspark, java and ../shared (run by .ci/run)"]
fn the_spark_recipe_gives_every_record_once_with_the_quotes_of_a_direct_run() {
    let gold = common::shared().join("eval/gum/news_dev.jsonl");
    require(
        "java",
        &["-version"],
        "a Java runtime (Debian's default-jre-headless)",
    );
    require(
        "python3",
        &["-c", "import pyspark"],
        "PySpark (pip install pyspark)",
    );
    let w = Work::new();
    // The gold articles (each with an id), then one article without an id (it gets a content
    // hash, the same in whichever partition) and a line that is not JSON (an inline error record).
    let mut input = std::fs::read_to_string(&gold).unwrap();
    let own_ids = input.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(
        own_ids > 4,
        "{}: fewer articles than partitions",
        gold.display()
    );
    let no_id_line = own_ids + 1;
    input.push_str(concat!(
        r#"{"text": "The ferry ran late all week. \u201cWe lost two crews to the flu,\u201d "#,
        r#"said Odile Brandvik, the operator's manager. Passengers said the delays were tiring."}"#,
        "\n",
        "{this line is not JSON\n",
    ));
    w.write("in.jsonl", &input);
    let lines_in = own_ids + 2;

    let recipe = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/spark/newsx_spark.py");
    let started = Instant::now();
    let out = Command::new("python3")
        .arg(recipe)
        .args([
            "in.jsonl",
            "spark",
            "--master",
            "local[2]",
            "--partitions",
            "4",
        ])
        .arg("--newsx")
        .arg(bin())
        .current_dir(w.dir.path())
        .output()
        .unwrap();
    let took = started.elapsed();
    ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let counts: Value = serde_json::from_str(stdout.lines().last().expect("a counts line"))
        .unwrap_or_else(|e| panic!("counts: {e}\n{stdout}"));
    eprintln!("spark recipe: {counts} in {:.1} s", took.as_secs_f64());
    assert_eq!(counts["partitions"], 4, "{counts}");
    assert_eq!(counts["records_in"], lines_in, "{counts}");
    assert_eq!(counts["records_out"], lines_in, "{counts}");
    assert_eq!(counts["unique_ids"], lines_in, "{counts}");

    // What the recipe wrote, read back without Spark.
    let articles = dataset(&w.path("spark/articles"), &["id"]);
    let errors = dataset(&w.path("spark/errors"), &["id", "kind"]);
    assert_eq!(
        articles.len() + errors.len(),
        lines_in,
        "records in = records out"
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(text(&errors[0], "kind"), "bad_json");
    let ids: Vec<String> = articles
        .iter()
        .chain(&errors)
        .map(|r| text(r, "id"))
        .collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids repeat: {ids:?}");

    let mut spark_quotes: BTreeMap<String, Vec<Quote>> = articles
        .iter()
        .map(|r| (text(r, "id"), Vec::new()))
        .collect();
    let columns = ["article_id", "type", "start", "end", "speaker", "text"];
    for q in dataset(&w.path("spark/quotes"), &columns) {
        let quote = (
            text(&q, "type"),
            int(&q, "start"),
            int(&q, "end"),
            text(&q, "speaker"),
            text(&q, "text"),
        );
        spark_quotes
            .get_mut(&text(&q, "article_id"))
            .expect("a quote of an article written")
            .push(quote);
    }
    spark_quotes.values_mut().for_each(|v| v.sort());

    // The direct run of the same file: its made ids are FILE:LINE, the stream's content hashes.
    let direct = w.run(&["extract", "in.jsonl", "-o", "direct", "-q"]);
    assert_eq!(direct.status.code(), Some(1), "the line that is not JSON");
    let mut expected = direct_quotes(&w.read("direct/articles.jsonl"));
    let made = expected
        .remove(&format!("in.jsonl:{no_id_line}"))
        .expect("the article without an id, in the direct run");
    let hashed: Vec<&String> = spark_quotes
        .keys()
        .filter(|id| !expected.contains_key(*id))
        .collect();
    assert_eq!(hashed.len(), 1, "one made id: {hashed:?}");
    assert!(hashed[0].starts_with('h'), "{}", hashed[0]);
    let hashed = hashed[0].clone();
    assert!(!made.is_empty(), "the made-up article has a quote");
    assert_eq!(spark_quotes.remove(&hashed).unwrap(), made, "{hashed}");
    assert_eq!(expected.len(), own_ids);
    let total: usize = expected.values().map(Vec::len).sum();
    assert!(total > 0, "the direct run found quotes");
    for (id, quotes) in &expected {
        assert_eq!(spark_quotes.get(id), Some(quotes), "{id}");
    }
    assert_eq!(spark_quotes.len(), expected.len());
}
