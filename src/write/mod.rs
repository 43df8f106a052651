//! Output formats and the files they go to, each behind a [`sink::Sink`]: JSON Lines, the CSV
//! tables, the rerun manifest. Every file is written under a temporary name and renamed into
//! place when the run is complete.

pub mod cells;
pub mod csv;
pub mod jsonl;
pub mod lock;
pub mod manifest;
pub mod parquet;
pub mod sink;
pub mod tables;
pub mod xlsx;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::TempPath;

use sink::Staged;

/// A file being written under a temporary name in its folder, renamed to `DIR/NAME` when the
/// batch is committed, and removed if the run fails before (or the process dies: see
/// [`remove_stale`]). Created exclusively with a random name, so a link planted at a staged name
/// is never followed; with the permissions a plain new file gets under the umask.
pub struct StagedFile {
    pub tmp: TempPath,
    pub dest: PathBuf,
    pub out: BufWriter<File>,
}

/// Every staged file ends so: [`remove_stale`] knows them by it.
const STAGED_SUFFIX: &str = ".newsx.tmp";

impl StagedFile {
    pub fn create(dir: &Path, name: &str) -> io::Result<Self> {
        let dest = dir.join(name);
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(STAGED_SUFFIX)
            .permissions(std::fs::Permissions::from_mode(0o666))
            .tempfile_in(dir)
            .map_err(|e| named(&dest, e))?;
        let (file, tmp) = file.into_parts();
        Ok(StagedFile {
            tmp,
            dest,
            out: BufWriter::with_capacity(1 << 20, file),
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes).map_err(|e| named(&self.dest, e))
    }

    /// Flushes to the operating system; the caller renames once every file of the run is flushed.
    /// No fsync: a killed process loses nothing the kernel holds, and waiting for the disk would
    /// cost more than the processing of a large batch (see the README's note on power loss).
    pub fn finish(mut self) -> io::Result<Staged> {
        self.out.flush().map_err(|e| named(&self.dest, e))?;
        Ok(Staged {
            tmp: self.tmp,
            dest: self.dest,
            last: false,
        })
    }
}

/// An I/O error that names the file it happened to (the OS's message names none).
pub fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Removes the staged files a killed run left in `dir` (the caller holds the folder's lock, so
/// no other run is writing them), and those of older versions, named `.NAME.tmp`.
pub fn remove_stale(dir: &Path, names: &[&str]) -> io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| named(dir, e))? {
        let entry = entry.map_err(|e| named(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let legacy = names.iter().any(|n| name == format!(".{n}.tmp"));
        let staged = name.starts_with('.') && name.ends_with(STAGED_SUFFIX);
        if (staged || legacy) && !entry.file_type().map_err(|e| named(dir, e))?.is_dir() {
            std::fs::remove_file(entry.path()).map_err(|e| named(&entry.path(), e))?;
            removed += 1;
        }
    }
    Ok(removed)
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

/// For rendering straight into the output (serde_json, the csv crate); errors name the file.
impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::File(f) => f.out.write(buf).map_err(|e| named(&f.dest, e)),
            Output::Stream(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::File(f) => f.out.flush().map_err(|e| named(&f.dest, e)),
            Output::Stream(w) => w.flush(),
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
