//! The output folder's lock: one run at a time writes into a folder, and a second one stops at
//! once instead of mixing its files with the first one's.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::write::named;

pub const FILE_NAME: &str = ".newsx.lock";

/// An advisory lock (flock) on `DIR/.newsx.lock`, held until dropped; the file is removed then.
pub struct FolderLock {
    path: PathBuf,
    _file: File,
}

impl FolderLock {
    /// Takes the lock, or fails at once with `WouldBlock` when another run holds it.
    pub fn acquire(dir: &Path) -> io::Result<FolderLock> {
        let path = dir.join(FILE_NAME);
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| named(&path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        format!(
                        "another newsx run is writing into {} (it holds {}); wait for it to end",
                        dir.display(),
                        path.display()
                    ),
                    ))
                }
                Err(TryLockError::Error(e)) => return Err(named(&path, e)),
            }
            // A run that ends removes the file: a lock on a file already removed locks nothing.
            let held = file.metadata().map_err(|e| named(&path, e))?;
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.ino() == held.ino() && m.dev() == held.dev() => {
                    return Ok(FolderLock { path, _file: file })
                }
                _ => continue,
            }
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Removed while still held, then unlocked when the file closes.
        let _ = std::fs::remove_file(&self.path);
    }
}
