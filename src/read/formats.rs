//! How inputs other than .txt and .jsonl are read: the flags' choices, the same for every file.

use super::{html, table};

/// What `-` on stdin holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StdinFormat {
    #[default]
    Jsonl,
    Csv,
    Tsv,
}

impl std::str::FromStr for StdinFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "jsonl" => Ok(StdinFormat::Jsonl),
            "csv" => Ok(StdinFormat::Csv),
            "tsv" => Ok(StdinFormat::Tsv),
            _ => Err(format!("`{s}` is not jsonl, csv or tsv")),
        }
    }
}

/// How inputs other than .txt and .jsonl are read; the same for every file of a run.
#[derive(Clone, Default)]
pub struct Formats {
    pub stdin: StdinFormat,
    pub columns: table::Columns,
    /// The compiled `html.json` of the run; the built-in one when `None`.
    pub html: Option<std::sync::Arc<html::HtmlRules>>,
    /// `--id-prefix`: what starts the ids made for stdin articles without one (`h` when `None`).
    pub id_prefix: Option<String>,
}

impl Formats {
    pub fn id_prefix(&self) -> &str {
        self.id_prefix.as_deref().unwrap_or("h")
    }
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Formats")
            .field("stdin", &self.stdin)
            .field("columns", &self.columns)
            .field("html", &self.html.as_ref().map(|_| "rules"))
            .field("id_prefix", &self.id_prefix)
            .finish()
    }
}
