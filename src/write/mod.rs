//! Output formats and the files they go to, each behind a [`sink::Sink`]: JSON Lines, the CSV
//! tables, the rerun manifest. Every file is written under a temporary name and renamed into
//! place when the run is complete.

pub mod cells;
pub mod csv;
pub mod jsonl;
pub mod manifest;
pub mod parquet;
pub mod sink;
pub mod tables;
pub mod xlsx;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use sink::Staged;

/// A file being written to `DIR/.NAME.tmp`, renamed to `DIR/NAME` when the batch is committed.
pub struct StagedFile {
    pub tmp: PathBuf,
    pub dest: PathBuf,
    pub out: BufWriter<File>,
}

impl StagedFile {
    pub fn create(dir: &Path, name: &str) -> io::Result<Self> {
        let tmp = dir.join(format!(".{name}.tmp"));
        let file = File::create(&tmp)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", tmp.display())))?;
        Ok(StagedFile {
            tmp,
            dest: dir.join(name),
            out: BufWriter::with_capacity(1 << 20, file),
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    /// Flushes to the operating system; the caller renames once every file of the run is flushed.
    /// No fsync: a killed process loses nothing the kernel holds, and waiting for the disk would
    /// cost more than the processing of a large batch (see the README's note on power loss).
    pub fn finish(mut self) -> io::Result<Staged> {
        self.out.flush()?;
        Ok(Staged {
            tmp: self.tmp,
            dest: self.dest,
            last: false,
        })
    }
}

/// Where a sink writes: a staged file in the output folder, or a stream (stdout).
pub enum Output {
    File(StagedFile),
    Stream(Box<dyn Write + Send>),
}

impl Output {
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Output::File(f) => f.write(bytes),
            Output::Stream(w) => w.write_all(bytes),
        }
    }

    /// Flushes; a file is handed back to be renamed into place.
    pub fn finish(self) -> io::Result<Vec<Staged>> {
        match self {
            Output::File(f) => Ok(vec![f.finish()?]),
            Output::Stream(mut w) => {
                w.flush()?;
                Ok(Vec::new())
            }
        }
    }
}

/// The table files of a folder run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Csv,
    Parquet,
}

impl Format {
    pub fn file_name(self, table: csv::Table) -> String {
        match self {
            Format::Csv => table.file_name().to_string(),
            Format::Parquet => parquet::file_name(table),
        }
    }
}

/// What a run into a folder writes, besides the manifest (always written, for reruns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    /// The tables, in `Table::ALL` order.
    pub tables: Vec<csv::Table>,
    /// `articles.jsonl`, which also holds the records a rerun reuses.
    pub jsonl: bool,
    pub format: Format,
    /// `--xlsx FILE`: a workbook of the same tables.
    pub xlsx: Option<PathBuf>,
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs {
            tables: csv::Table::ALL.to_vec(),
            jsonl: true,
            format: Format::Csv,
            xlsx: None,
        }
    }
}

/// One name of a `--tables` list: a table, or the JSON Lines file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    Table(csv::Table),
    Jsonl,
}

impl Selected {
    /// Valid names: a table's name (`quotes`), or `articles.jsonl`.
    pub fn parse(name: &str) -> Result<Selected, String> {
        let name = name.trim();
        if name == jsonl::FILE_NAME {
            return Ok(Selected::Jsonl);
        }
        csv::Table::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .map(Selected::Table)
            .ok_or_else(|| {
                let valid: Vec<&str> = csv::Table::ALL.iter().map(|t| t.name()).collect();
                format!(
                    "unknown table '{name}'; valid names: {}, {}",
                    valid.join(", "),
                    jsonl::FILE_NAME
                )
            })
    }
}

impl Outputs {
    /// The outputs of a `--tables` list (every name valid), in the fixed table order.
    pub fn select(&mut self, names: &[Selected]) {
        self.jsonl = names.contains(&Selected::Jsonl);
        self.tables = csv::Table::ALL
            .into_iter()
            .filter(|t| names.contains(&Selected::Table(*t)))
            .collect();
    }

    /// Every file a run with these outputs leaves in `dir` (the manifest and workbook aside).
    pub fn files(&self, dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .tables
            .iter()
            .map(|&t| dir.join(self.format.file_name(t)))
            .collect();
        if self.jsonl {
            files.push(dir.join(jsonl::FILE_NAME));
        }
        files
    }

    /// Files of newsx's in `dir` that a run with these outputs does not write: left from a run
    /// with other tables or another format, they would no longer match the rest.
    pub fn stale(&self, dir: &Path) -> Vec<PathBuf> {
        let kept = self.files(dir);
        let mut all: Vec<PathBuf> = csv::Table::ALL
            .iter()
            .flat_map(|&t| [Format::Csv, Format::Parquet].map(|f| dir.join(f.file_name(t))))
            .collect();
        all.push(dir.join(jsonl::FILE_NAME));
        all.into_iter()
            .filter(|p| !kept.contains(p) && p.exists())
            .collect()
    }

    /// The part of the rerun key these outputs add: empty for the default outputs, so the
    /// manifests of earlier versions stay valid.
    pub fn key(&self) -> String {
        let mut key = String::new();
        let all = Outputs::default();
        if self.tables != all.tables || self.jsonl != all.jsonl {
            let mut names: Vec<&str> = self.tables.iter().map(|t| t.name()).collect();
            if self.jsonl {
                names.push(jsonl::FILE_NAME);
            }
            key.push_str(&format!(";tables={}", names.join(",")));
        }
        if self.format == Format::Parquet {
            key.push_str(";format=parquet");
        }
        if let Some(x) = &self.xlsx {
            key.push_str(&format!(";xlsx={}", x.display()));
        }
        key
    }
}
