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
use crate::write::sink::{Needs, Processed, Rendered, SpeakerTally};

/// Articles are handed to the workers in chunks of about this many bytes of text.
const CHUNK_BYTES: usize = 1 << 20;
const CHUNK_ARTICLES: usize = 2048;
/// Articles with more bytes of text than this are rendered by the sinks straight into their
/// files: their JSON line and CSV rows, some 20x the text, are never held whole beside the record.
pub const RENDER_ON_WORKER_MAX: usize = 1 << 20;

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
    /// Bytes of text over which the sinks render an article ([`RENDER_ON_WORKER_MAX`]).
    pub render_on_worker_max: usize,
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
        let on_worker = bytes <= self.render_on_worker_max;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (record, json) = match cached {
                Some((record, json)) => (record, Some(json)),
                None => {
                    let record = process(&article, self.rules);
                    let json = on_worker
                        .then(|| serde_json::to_string(&record).expect("records serialise"));
                    (record, json)
                }
            };
            let rendered = match json {
                Some(json) if on_worker => Rendered::Ready {
                    rows: self
                        .needs
                        .rows
                        .then(|| Box::new(csvw::render(&record, self.style))),
                    json,
                },
                json => Rendered::ByTheSinks {
                    json_len: json.map_or_else(|| json_len(&record), |j| j.len() as u64),
                },
            };
            (record, rendered)
        }));
        match result {
            Ok((record, rendered)) => Outcome::Done(Processed {
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
                record: (self.needs.record || !on_worker).then(|| Box::new(record)),
                id: article.id,
                source: article.source,
                hash: article.hash,
                bytes,
                rendered,
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

/// Bytes of the record's JSON line, counted without holding it.
fn json_len(record: &ArticleRecord) -> u64 {
    struct Count(u64);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, record).expect("records serialise");
    count.0
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

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::write::csv::Table;
    use crate::write::jsonl::JsonlSink;
    use crate::write::sink::Sink;
    use crate::write::tables::TableSink;
    use crate::write::Output;

    /// A stream whose bytes the test reads back after the sink is finished.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn article() -> Article {
        let text = "“The ferry will run twice a day from May,” Dr. Helen Marsh, the port's \
                    director, said on Monday in Halifax.\n\n\
                    Marsh said the crews had agreed. “=SUM(A1) is not a plan,” she added.\n\n\
                    According to Tom Bekker, the fares stay as they are.";
        Article {
            id: "a1".into(),
            source: "a1.txt".into(),
            text: text.into(),
            title: None,
            meta: Default::default(),
            hash: "h".into(),
            text_extracted: false,
            page: None,
        }
    }

    /// The JSON line, each per-article table's bytes and the JSON length the manifest gets.
    fn written(render_on_worker_max: usize, style: CsvStyle) -> (Vec<Vec<u8>>, u64, bool) {
        let rules = Rules::builtin();
        let work = Work {
            rules: &rules,
            style,
            needs: Needs {
                rows: true,
                record: false,
            },
            reuse: None,
            render_on_worker_max,
        };
        let Outcome::Done(p) = work.outcome(Ok(article())) else {
            panic!("the article is processed");
        };
        let by_sinks = matches!(p.rendered, Rendered::ByTheSinks { .. });
        let streams: Vec<Shared> = (0..=Table::PER_ARTICLE.len())
            .map(|_| Shared::default())
            .collect();
        let out = |i: usize| Output::Stream(Box::new(streams[i].clone()));
        let mut sinks: Vec<Box<dyn Sink>> = vec![Box::new(JsonlSink::new(out(0)))];
        for (i, &t) in Table::PER_ARTICLE.iter().enumerate() {
            sinks.push(Box::new(TableSink::new(t, style, out(i + 1)).unwrap()));
        }
        for mut s in sinks {
            s.article(&p).unwrap();
            s.finish(&Default::default()).unwrap();
        }
        let bytes = streams.iter().map(|s| s.0.lock().unwrap().clone());
        (bytes.collect(), p.json_len(), by_sinks)
    }

    #[test]
    fn a_large_article_rendered_by_the_sinks_writes_the_same_bytes() {
        for excel in [false, true] {
            let style = CsvStyle { excel };
            let (ready, ready_len, ready_by_sinks) = written(usize::MAX, style);
            let (streamed, streamed_len, by_sinks) = written(0, style);
            assert!(!ready_by_sinks && by_sinks);
            assert_eq!(ready_len + 1, ready[0].len() as u64, "JSON line length");
            assert_eq!(ready_len, streamed_len);
            for (i, (a, b)) in ready.iter().zip(&streamed).enumerate() {
                assert_eq!(
                    String::from_utf8_lossy(a),
                    String::from_utf8_lossy(b),
                    "output {i}"
                );
            }
            // Rows beyond the header in the sentences, quotes and mentions tables.
            for i in [2, 3, 6] {
                assert!(
                    ready[i].iter().filter(|&&b| b == b'\n').count() > 1,
                    "output {i}"
                );
            }
        }
    }
}
