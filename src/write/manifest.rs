//! The rerun manifest: which articles the output holds, from which input bytes, under which rules
//! and version, and where each one's JSON line sits in `articles.jsonl` so it can be reused.
//! One JSON line per article, written as the run goes, then the header as the last line.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::record::ErrorRecord;
use crate::write::jsonl;
use crate::write::sink::{Processed, Sink, Staged, Totals};
use crate::write::StagedFile;

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

/// A hash over the error rows of a batch, in order.
pub struct ErrorDigest(blake3::Hasher);

impl Default for ErrorDigest {
    fn default() -> Self {
        ErrorDigest(blake3::Hasher::new())
    }
}

impl ErrorDigest {
    pub fn add(&mut self, e: &ErrorRecord) {
        for f in [&e.article_id, &e.source, &e.kind, &e.message] {
            self.0.update(f.as_bytes());
            self.0.update(&[0]);
        }
    }

    pub fn finish(&self) -> String {
        self.0.finalize().to_hex()[..32].to_string()
    }
}

/// The header fields fixed before the batch starts.
pub struct Build {
    pub newsx: String,
    pub rules: String,
    pub style: String,
}

/// Writes an entry per article as the batch goes and the header at the end.
pub struct ManifestSink {
    build: Build,
    file: StagedFile,
    /// Where the next article's line starts in `articles.jsonl`.
    offset: u64,
    errors: ErrorDigest,
}

impl ManifestSink {
    pub fn new(build: Build, file: StagedFile) -> Self {
        ManifestSink {
            build,
            file,
            offset: 0,
            errors: ErrorDigest::default(),
        }
    }
}

impl Sink for ManifestSink {
    fn article(&mut self, a: &Processed) -> io::Result<()> {
        let entry = Entry {
            id: a.id.clone(),
            source: a.source.clone(),
            hash: a.hash.clone(),
            offset: self.offset,
            len: a.json_len(),
        };
        self.offset += jsonl::line_len(a.json_len());
        write_line(&mut self.file.out, &entry)
    }

    fn error(&mut self, e: &ErrorRecord) -> io::Result<()> {
        self.errors.add(e);
        Ok(())
    }

    fn finish(mut self: Box<Self>, t: &Totals) -> io::Result<Vec<Staged>> {
        let header = Header {
            newsx: self.build.newsx.clone(),
            rules: self.build.rules.clone(),
            style: self.build.style.clone(),
            articles: t.articles,
            errors: t.errors,
            errors_hash: self.errors.finish(),
            sentences: t.sentences,
            quotes: t.quotes,
            entities: t.entities,
        };
        write_line(&mut self.file.out, &header)?;
        let mut staged = self.file.finish()?;
        staged.last = true;
        Ok(vec![staged])
    }
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}
