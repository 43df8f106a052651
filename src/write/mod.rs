//! Output formats and the files they go to, each behind a [`sink::Sink`]: JSON Lines, the CSV
//! tables, the rerun manifest. Every file is written under a temporary name and renamed into
//! place when the run is complete.

pub mod csv;
pub mod jsonl;
pub mod manifest;
pub mod sink;
pub mod tables;

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
