//! Command-line flags, parsed by clap into plain structs, then validated into a `Config`.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand};

use crate::read::table::{Columns, Field};
use crate::read::StdinFormat;
use crate::write::{Format, Outputs, Selected};

#[derive(Debug, Parser)]
#[command(
    name = "newsx",
    version,
    about = "Turns batches of news articles into sentences, quotations with speakers, and named entities",
    long_about = "Turns batches of news articles into structured records: sentences, direct and indirect \
quotations with their speakers, and named entities, written as JSON Lines and CSV tables.\n\n\
Run `newsx extract` to process the sample corpus into `output/`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract records from articles (.txt, .jsonl, .csv, .tsv, .html files, folders of them, or - for stdin)
    Extract(ExtractArgs),
    /// Work with rule sets
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Run the pipeline on a gold file and print precision, recall and F1 per task
    Eval(EvalArgs),
    /// Write one self-contained HTML page of the figures of an output folder
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input files or folders (searched recursively for *.txt, *.jsonl, *.csv, *.tsv, *.html, *.htm); - reads stdin (--stdin-format)
    #[arg(default_value = "corpus")]
    pub inputs: Vec<String>,
    /// Output folder; - writes articles as JSON Lines to stdout instead (no CSV, no manifest)
    #[arg(short, long, default_value = "output")]
    pub output: String,
    /// Worker threads (default: all cores)
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar and no summary line
    #[arg(short, long)]
    pub quiet: bool,
    /// Reprocess every article, ignoring the records of the previous run
    #[arg(long)]
    pub force: bool,
    /// CSV for spreadsheets: UTF-8 byte-order mark, CRLF line ends, formula-like cells prefixed with '
    #[arg(long)]
    pub excel: bool,
    #[command(flatten)]
    pub rules: RulesArg,
    /// Articles larger than this many bytes are refused (an errors.csv row)
    #[arg(long, default_value_t = 8 << 20, value_name = "BYTES")]
    pub max_bytes: usize,
    #[command(flatten)]
    pub formats: FormatArgs,
    #[command(flatten)]
    pub stream: StreamArgs,
    #[command(flatten)]
    pub outputs: OutputArgs,
}

/// Which files a run into a folder writes.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write only these tables, comma-separated: articles, sentences, quotes, speakers, speakers_by_name, entities, mentions, errors, articles.jsonl
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = Selected::parse)]
    pub tables: Option<Vec<Selected>>,
    /// Format of the tables: csv or parquet (one .parquet file per table)
    #[arg(long, default_value = "csv", value_name = "FORMAT",
          value_parser = clap::builder::PossibleValuesParser::new(["csv", "parquet"])
              .map(|s| if s == "parquet" { Format::Parquet } else { Format::Csv }))]
    pub format: Format,
    /// Also write the tables as one Excel workbook, a sheet per table, cells typed
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
}

impl OutputArgs {
    pub fn outputs(&self) -> Outputs {
        let mut o = Outputs {
            format: self.format,
            xlsx: self.xlsx.clone(),
            ..Outputs::default()
        };
        if let Some(names) = &self.tables {
            o.select(names);
        }
        o
    }

    /// Flags that need an output folder, for the error `-o -` gives with them.
    pub fn folder_only(&self) -> Option<&'static str> {
        if self.tables.is_some() {
            Some("--tables")
        } else if self.format != Format::Csv {
            Some("--format")
        } else if self.xlsx.is_some() {
            Some("--xlsx")
        } else {
            None
        }
    }
}

/// How CSV/TSV tables and stdin are read.
#[derive(Debug, Args)]
pub struct FormatArgs {
    /// What - on stdin holds: jsonl, csv or tsv
    #[arg(long, default_value = "jsonl", value_name = "FORMAT",
          value_parser = clap::builder::PossibleValuesParser::new(["jsonl", "csv", "tsv"])
              .map(|s| s.parse::<StdinFormat>().expect("a listed value")))]
    pub stdin_format: StdinFormat,
    /// CSV/TSV: the column holding the article text (default: text, body, content or article)
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,
    /// CSV/TSV: read field FIELD (id, title, published, outlet, byline, url) from column NAME; repeatable
    #[arg(long = "column", value_name = "FIELD=NAME", value_parser = Columns::parse_mapping)]
    pub columns: Vec<(Field, String)>,
}

impl FormatArgs {
    pub fn columns(&self) -> Columns {
        let mut named: Vec<(Field, String)> = self
            .text_column
            .iter()
            .map(|n| (Field::Text, n.clone()))
            .collect();
        named.extend(self.columns.iter().cloned());
        Columns { named }
    }
}

#[derive(Debug, Args)]
pub struct RulesArg {
    /// Folder of rule files; each file present replaces the built-in one of that name
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Write the built-in rule files into DIR, to edit and pass back with --rules DIR
    Export {
        /// Folder to write into (created if missing)
        dir: PathBuf,
    },
    /// Check a rule folder and report the first problem, without reading any article
    Check {
        /// Folder of rule files
        dir: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file: JSON Lines with id, text and any of sentences, sentence_texts, entities, quotes
    pub gold: PathBuf,
    #[command(flatten)]
    pub rules: RulesArg,
    /// Print up to N errors of each kind
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub show_errors: usize,
    /// Print the figures as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output folder of `newsx extract` (its CSV tables are read)
    pub dir: PathBuf,
    /// HTML file to write (default: DIR/report.html)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// No summary line
    #[arg(short, long)]
    pub quiet: bool,
}

/// For engines that pipe articles through newsx (`rdd.pipe`): ids, refused articles, exit codes.
#[derive(Debug, Args)]
pub struct StreamArgs {
    /// Ids made for stdin articles without one start with P (default h) and end in 16 hex digits of the hash of the line
    #[arg(long, value_name = "P", value_parser = non_empty)]
    pub id_prefix: Option<String>,
    /// Where refused articles go: stderr (and errors.csv), or inline as {"id", "error": {"kind", "message"}} lines in the -o - stream
    #[arg(long, default_value = "stderr", value_name = "WHERE",
          value_parser = clap::builder::PossibleValuesParser::new(["stderr", "inline"]))]
    pub errors: String,
    /// Exit 0 when only some articles were refused (fatal errors still exit 2)
    #[arg(long)]
    pub keep_going: bool,
}

fn non_empty(s: &str) -> Result<String, String> {
    if s.is_empty() || s.chars().any(char::is_whitespace) {
        return Err("must be non-empty, without spaces".into());
    }
    Ok(s.to_string())
}
