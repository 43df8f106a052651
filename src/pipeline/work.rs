//! The workers' side of the batch: reading ahead in bounded chunks, and turning one read result
//! into what the sinks get (processed or reused, serialised, rendered), catching any panic.

use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::mpsc;

use crate::extract;
use crate::extract::Rules;
use crate::read::{Article, ArticleStream, ReadFailure, ReadResult};
use crate::record::{ArticleRecord, ErrorRecord};
use crate::write::csv::{self as csvw, CsvStyle};
use crate::write::manifest::Entry;
use crate::write::sink::{Needs, Processed, SpeakerTally};

/// Articles are handed to the workers in chunks of about this many bytes of text.
const CHUNK_BYTES: usize = 1 << 20;
const CHUNK_ARTICLES: usize = 2048;

/// What happened to one article.
pub enum Outcome {
    Done(Processed),
    /// Refused, with the bytes of text it had (for progress).
    Failed(ErrorRecord, usize),
}

/// Processes one article into its output record (the pure part, run on worker threads).
pub fn process(article: &Article, rules: &Rules) -> ArticleRecord {
    let x = extract::extract(&article.text, article.title.as_deref(), rules);
    ArticleRecord::build(article, &x)
}

pub fn failure(f: ReadFailure) -> ErrorRecord {
    ErrorRecord {
        article_id: f.id,
        source: f.source,
        kind: f.kind.to_string(),
        message: f.message,
    }
}

/// The previous run's records, by id, and the file they are in.
pub struct Reuse<'a> {
    pub old: HashMap<&'a str, &'a Entry>,
    pub file: &'a File,
}

impl Reuse<'_> {
    /// The previous record of this article, when its input bytes are the same, wherever they
    /// now are in the input.
    fn record(&self, article: &Article) -> Option<(ArticleRecord, String)> {
        let e = self.old.get(article.id.as_str())?;
        if e.hash != article.hash {
            return None;
        }
        let mut buf = vec![0u8; e.len as usize];
        self.file.read_exact_at(&mut buf, e.offset).ok()?;
        let json = String::from_utf8(buf).ok()?;
        let mut record: ArticleRecord = serde_json::from_str(&json).ok()?;
        if record.id != article.id {
            return None;
        }
        if record.source == article.source {
            return Some((record, json));
        }
        // The same line moved (an export that grows at the top): only `source` differs.
        record.source.clone_from(&article.source);
        let json = serde_json::to_string(&record).ok()?;
        Some((record, json))
    }
}

/// Everything the workers do for one article.
pub struct Work<'a> {
    pub rules: &'a Rules,
    pub style: CsvStyle,
    pub needs: Needs,
    pub reuse: Option<&'a Reuse<'a>>,
}

impl Work<'_> {
    pub fn outcome(&self, item: ReadResult) -> Outcome {
        let article = match item.and_then(Article::complete) {
            Ok(a) => a,
            Err(f) => return Outcome::Failed(failure(f), 0),
        };
        let bytes = article.text.len();
        let cached = self.reuse.and_then(|r| r.record(&article));
        let reused = cached.is_some();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (record, json) = match cached {
                Some(c) => c,
                None => {
                    let record = process(&article, self.rules);
                    let json = serde_json::to_string(&record).expect("records serialise");
                    (record, json)
                }
            };
            let rows = self
                .needs
                .rows
                .then(|| Box::new(csvw::render(&record, self.style)));
            (record, json, rows)
        }));
        match result {
            Ok((record, json, rows)) => Outcome::Done(Processed {
                speakers: record
                    .speakers
                    .iter()
                    .map(|s| SpeakerTally {
                        name: s.name.clone(),
                        kind: s.kind,
                        quotes: s.quotes,
                        words: s.words,
                        gender: s.gender,
                        org: s.org.clone(),
                    })
                    .collect(),
                sentences: record.sentences.len(),
                quotes: record.quotes.len(),
                entities: record.entities.len(),
                record: self.needs.record.then(|| Box::new(record)),
                id: article.id,
                source: article.source,
                hash: article.hash,
                bytes,
                json,
                rows,
                reused,
            }),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown".into());
                Outcome::Failed(
                    ErrorRecord {
                        article_id: article.id,
                        source: article.source,
                        kind: "internal".into(),
                        message: format!(
                            "newsx failed on this article (please report it): {message}"
                        ),
                    },
                    bytes,
                )
            }
        }
    }
}

/// Reads articles on a thread of its own, in chunks bounded in count and bytes, one chunk ahead
/// of the workers: reading overlaps processing and memory does not grow with the batch.
pub fn read_ahead<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    mut stream: ArticleStream,
) -> mpsc::IntoIter<Vec<ReadResult>> {
    let (tx, rx) = mpsc::sync_channel(1);
    scope.spawn(move || loop {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        for item in stream.by_ref() {
            bytes += item.as_ref().map_or(0, Article::size);
            chunk.push(item);
            if bytes >= CHUNK_BYTES || chunk.len() >= CHUNK_ARTICLES {
                break;
            }
        }
        if chunk.is_empty() || tx.send(chunk).is_err() {
            return;
        }
    });
    rx.into_iter()
}
