//! The rerun manifest: which articles the output holds, from which input bytes, under which rules
//! and version, and where each one's JSON line sits in `articles.jsonl` so it can be reused.
//! One JSON line per article, written as the run goes, then the header as the last line.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "manifest.jsonl";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub newsx: String,
    pub rules: String,
    /// Output options that change bytes (such as `--excel`): a change reprocesses everything.
    pub style: String,
    pub articles: usize,
    pub errors: usize,
    /// Totals, so a run that finds nothing changed can still report them.
    pub sentences: usize,
    pub quotes: usize,
    pub entities: usize,
    /// Hash of the error rows, so an unchanged run can tell its errors did not change either.
    pub errors_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub source: String,
    pub hash: String,
    /// Byte offset and length of the article's line in `articles.jsonl`.
    pub offset: u64,
    pub len: u64,
}

pub struct Manifest {
    pub header: Header,
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// Reads a manifest; `None` when there is none or it cannot be trusted (then everything is redone).
    pub fn load(dir: &Path) -> Option<Manifest> {
        let file = File::open(dir.join(FILE_NAME)).ok()?;
        let mut entries = Vec::new();
        let mut last = None;
        for line in BufReader::new(file).lines() {
            let line = line.ok()?;
            if let Some(prev) = last.replace(line) {
                entries.push(serde_json::from_str(&prev).ok()?);
            }
        }
        let header: Header = serde_json::from_str(&last?).ok()?;
        (entries.len() == header.articles).then_some(Manifest { header, entries })
    }

    pub fn by_id(&self) -> HashMap<&str, &Entry> {
        self.entries.iter().map(|e| (e.id.as_str(), e)).collect()
    }
}

pub fn write_entry(out: &mut impl Write, e: &Entry) -> io::Result<()> {
    serde_json::to_writer(&mut *out, e)?;
    out.write_all(b"\n")
}

pub fn write_header(out: &mut impl Write, h: &Header) -> io::Result<()> {
    serde_json::to_writer(&mut *out, h)?;
    out.write_all(b"\n")
}
