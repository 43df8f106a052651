//! Output formats and the files they go to: CSV tables, JSON Lines, the rerun manifest.
//! Every file is written under a temporary name and renamed into place when the run is complete.

pub mod csv;
pub mod manifest;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written to `DIR/.NAME.tmp`, renamed to `DIR/NAME` by `commit`.
pub struct StagedFile {
    pub tmp: PathBuf,
    pub dest: PathBuf,
    pub out: BufWriter<File>,
    pub written: u64,
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
            written: 0,
        })
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.written += bytes.len() as u64;
        self.out.write_all(bytes)
    }

    /// Flushes to the operating system; the caller renames once every file of the run is flushed.
    /// No fsync: a killed process loses nothing the kernel holds, and waiting for the disk would
    /// cost more than the processing of a large batch (see the README's note on power loss).
    pub fn finish(mut self) -> io::Result<(PathBuf, PathBuf)> {
        self.out.flush()?;
        Ok((self.tmp, self.dest))
    }
}
