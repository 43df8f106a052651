//! The sink interface, ripgrep-style: the pipeline hands every article, in input order, and every
//! refused article to each sink of a set; a sink owns one output (a file, a table, stdout).
//! Adding an output format is adding a sink; the pipeline does not change.

use std::io;
use std::path::PathBuf;

use crate::record::SpeakerKind;
use crate::record::{ArticleRecord, ErrorRecord};
use crate::write::csv::Rows;

/// One article as the sinks see it, after the workers processed (or reused) it.
pub struct Processed {
    pub id: String,
    pub source: String,
    /// Hash of the article's input bytes, for reruns.
    pub hash: String,
    /// Bytes of text.
    pub bytes: usize,
    /// The JSON line and CSV rows, or what the sinks need to render them themselves.
    pub rendered: Rendered,
    /// The record itself: `Some` when a sink asked for it (writers that lay out cells themselves)
    /// and when its rendering was left to the sinks.
    pub record: Option<Box<ArticleRecord>>,
    pub speakers: Vec<SpeakerTally>,
    pub sentences: usize,
    pub quotes: usize,
    pub entities: usize,
    /// The record came from the previous run's output.
    pub reused: bool,
}

/// An article's JSON line and CSV rows: rendered on a worker, or, for a large article, left to
/// each sink to render from the record straight into its file, so that neither is ever held
/// whole (an 8 MiB article's JSON line alone is over 80 MB).
pub enum Rendered {
    Ready {
        /// The record as one JSON line, without the line end.
        json: String,
        /// Every per-article CSV table's rows: `Some` when a sink asked for them.
        rows: Option<Box<Rows>>,
    },
    /// `Processed::record` is `Some`; the JSON line is this many bytes, without the line end.
    ByTheSinks { json_len: u64 },
}

impl Processed {
    /// Bytes of the article's JSON line, without the line end.
    pub fn json_len(&self) -> u64 {
        match &self.rendered {
            Rendered::Ready { json, .. } => json.len() as u64,
            Rendered::ByTheSinks { json_len } => *json_len,
        }
    }

    /// The record, when the sinks render it themselves.
    pub fn to_render(&self) -> &ArticleRecord {
        self.record
            .as_deref()
            .expect("the record is kept when the sinks render it")
    }
}

/// One speaker of one article, for batch totals.
pub struct SpeakerTally {
    pub name: String,
    pub kind: SpeakerKind,
    pub quotes: usize,
    pub words: usize,
    pub gender: crate::record::Gender,
    pub org: Option<String>,
}

/// What a sink needs the workers to prepare for each article, besides the JSON line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub rows: bool,
    pub record: bool,
}

impl Needs {
    pub fn union(self, other: Needs) -> Needs {
        Needs {
            rows: self.rows || other.rows,
            record: self.record || other.record,
        }
    }
}

/// Totals of the batch as written, for sinks that end with a summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub articles: usize,
    pub errors: usize,
    pub sentences: usize,
    pub quotes: usize,
    pub entities: usize,
}

pub trait Sink: Send {
    fn needs(&self) -> Needs {
        Needs::default()
    }
    /// An article accepted into the output, in input order.
    fn article(&mut self, article: &Processed) -> io::Result<()>;
    /// An article refused (unreadable, too large, a repeated id...), in input order.
    fn error(&mut self, _error: &ErrorRecord) -> io::Result<()> {
        Ok(())
    }
    /// The batch is over: write what comes last, flush, and hand back the files to put in place.
    fn finish(self: Box<Self>, totals: &Totals) -> io::Result<Vec<Staged>>;
}

/// A finished file under its temporary name, waiting to be renamed into place.
#[derive(Debug)]
pub struct Staged {
    /// Removed when dropped: a run that fails leaves no staged file behind.
    pub tmp: tempfile::TempPath,
    pub dest: PathBuf,
    /// Renamed after every other file, and its old copy removed before any is: the rerun
    /// manifest, so that a run killed among the renames leaves none and the next run redoes all.
    pub last: bool,
}

/// Puts a finished batch's files in place.
pub fn commit(staged: Vec<Staged>) -> io::Result<()> {
    let (last, first): (Vec<_>, Vec<_>) = staged.into_iter().partition(|s| s.last);
    for s in &last {
        match std::fs::remove_file(&s.dest) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(crate::write::named(&s.dest, e))
            }
            _ => {}
        }
    }
    for s in first.into_iter().chain(last) {
        let dest = s.dest;
        s.tmp
            .persist(&dest)
            .map_err(|e| crate::write::named(&dest, e.error))?;
    }
    Ok(())
}
