//! Reading one input file whole for one article, bounded by `--max-bytes`, with its hash.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::{hash_bytes, ReadFailure};

/// A whole file's bytes, refused when over `max_bytes`.
pub(super) fn read_file_limited(
    path: &Path,
    max_bytes: usize,
) -> Result<Vec<u8>, (&'static str, String)> {
    let mut file = File::open(path).map_err(|e| ("io", e.to_string()))?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so an oversized file is refused without reading all of it.
    (&mut file)
        .take((max_bytes as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ("io", e.to_string()))?;
    if bytes.len() > max_bytes {
        return Err((
            "too_large",
            format!("larger than the limit of {max_bytes} bytes (--max-bytes)"),
        ));
    }
    Ok(bytes)
}

pub(super) fn open_failure(id: String, source: String, e: io::Error) -> ReadFailure {
    ReadFailure {
        id,
        source,
        kind: "io",
        message: e.to_string(),
    }
}

/// A file read whole for one article, and the hash of its bytes.
pub(super) struct WholeFile {
    pub(super) id: String,
    pub(super) source: String,
    pub(super) bytes: Vec<u8>,
    pub(super) hash: String,
}

impl WholeFile {
    pub(super) fn read(
        path: &Path,
        id: String,
        max_bytes: usize,
    ) -> Result<WholeFile, ReadFailure> {
        let source = path.display().to_string();
        match read_file_limited(path, max_bytes) {
            Ok(bytes) => Ok(WholeFile {
                id,
                source,
                hash: hash_bytes(&bytes),
                bytes,
            }),
            Err((kind, message)) => Err(ReadFailure {
                id,
                source,
                kind,
                message,
            }),
        }
    }

    pub(super) fn fail(&self, (kind, message): (&'static str, String)) -> ReadFailure {
        ReadFailure {
            id: self.id.clone(),
            source: self.source.clone(),
            kind,
            message,
        }
    }
}
