//! Finding the sources under the inputs: folders walked recursively in sorted order, with what
//! cannot be read (a folder, a FIFO named `.txt`) kept as a failure for the batch to report, and
//! output folders of newsx itself left out.

use std::io;
use std::path::{Path, PathBuf};

use super::{table, Input, Source};

/// File extensions read from folders, and what each is.
const EXTENSIONS: &[&str] = &["txt", "jsonl", "csv", "tsv", "html", "htm"];

/// Files that together mark a folder as the output of a newsx run: never read as input.
const OUTPUT_MARKERS: &[&str] = &["manifest.jsonl", "articles.jsonl", "errors.csv"];
const LOCK_MARKER: &str = ".newsx.lock";

/// Lists the sources under the inputs, folders walked recursively in sorted order. `output` is
/// this run's output folder: it, and any folder holding a newsx output, is not read.
pub fn list_sources(inputs: &[Input]) -> io::Result<Vec<Source>> {
    list_sources_except(inputs, None)
}

pub fn list_sources_except(inputs: &[Input], output: Option<&Path>) -> io::Result<Vec<Source>> {
    let output = output.and_then(|o| o.canonicalize().ok());
    let mut out = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => out.push(Source::Stdin),
            Input::Path(p) => {
                let meta = std::fs::metadata(p)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
                if meta.is_dir() {
                    let mut found = Vec::new();
                    let walk = Walk {
                        root: p,
                        output: output.as_deref(),
                    };
                    walk.dir(p, &mut found)?;
                    found.sort_by(|a, b| a.0.cmp(&b.0));
                    for (path, failure) in found {
                        out.push(match failure {
                            None => source_for(&path, Some(p)),
                            Some((kind, message)) => Source::Unreadable {
                                id: slash_path(path.strip_prefix(p).unwrap_or(&path)),
                                path,
                                kind,
                                message,
                            },
                        });
                    }
                } else {
                    out.push(source_for(p, None));
                }
            }
        }
    }
    Ok(out)
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn source_for(path: &Path, root: Option<&Path>) -> Source {
    let rel = root
        .and_then(|r| path.strip_prefix(r).ok())
        .unwrap_or_else(|| Path::new(path.file_name().unwrap_or(path.as_os_str())));
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let (path, name) = (path.to_path_buf(), slash_path(rel));
    let id = || slash_path(&rel.with_extension(""));
    match ext.as_deref() {
        Some("jsonl") => Source::Lines { path, name },
        Some("csv") => Source::Table {
            path,
            name,
            kind: table::TableKind::Csv,
        },
        Some("tsv") => Source::Table {
            path,
            name,
            kind: table::TableKind::Tsv,
        },
        Some("html" | "htm") => Source::Html { path, id: id() },
        _ => Source::Text { path, id: id() },
    }
}

/// A path found, with why it cannot be read when it cannot.
type Found = (PathBuf, Option<(&'static str, String)>);

struct Walk<'a> {
    root: &'a Path,
    output: Option<&'a Path>,
}

impl Walk<'_> {
    /// The input folder itself must be readable (an error); a folder below it that is not becomes
    /// a failure of its own and the walk goes on.
    fn dir(&self, dir: &Path, out: &mut Vec<Found>) -> io::Result<()> {
        let unreadable = |e: io::Error, out: &mut Vec<Found>| {
            if dir == self.root {
                return Err(io::Error::new(e.kind(), format!("{}: {e}", dir.display())));
            }
            let message = format!("folder {} not read: {e}", dir.display());
            out.push((dir.to_path_buf(), Some(("unreadable_folder", message))));
            Ok(())
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return unreadable(e, out),
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return unreadable(e, out),
            };
            let path = entry.path();
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => return unreadable(e, out),
            };
            if kind.is_dir() {
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if !hidden && !self.is_output(&path) {
                    self.dir(&path, out)?;
                }
            } else if has_input_extension(&path) {
                // Only regular files are opened: a FIFO would block the batch forever.
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_file() => out.push((path, None)),
                    Ok(m) => {
                        let what = special_kind(&m);
                        let message = format!("{what}, not a regular file: not opened");
                        out.push((path, Some(("not_a_file", message))));
                    }
                    Err(e) => out.push((path, Some(("io", e.to_string())))),
                }
            }
        }
        Ok(())
    }

    /// This run's output folder, or a folder a newsx run wrote or is writing.
    fn is_output(&self, dir: &Path) -> bool {
        if OUTPUT_MARKERS.iter().all(|m| dir.join(m).is_file()) || dir.join(LOCK_MARKER).exists() {
            return true;
        }
        self.output
            .is_some_and(|o| dir.canonicalize().is_ok_and(|d| d == o))
    }
}

fn has_input_extension(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        EXTENSIONS.contains(&e.as_str())
    })
}

fn special_kind(m: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else if t.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}
