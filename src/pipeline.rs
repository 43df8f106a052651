//! The batch: read → extract → write, in parallel chunks, in input order, with bounded memory.
//! A rerun reuses the records of articles whose input bytes, rules and version did not change.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;
use thiserror::Error;

use crate::extract;
use crate::read::{list_sources, Article, ArticleStream, Input, ReadFailure, ReadResult, Source};
use crate::record::{ArticleRecord, ErrorRecord};
use crate::rules::Rules;
use crate::write::csv::{self as csvw, CsvStyle, Rows, SpeakerTotalRow, Table};
use crate::write::manifest::{self, Entry, Header, Manifest};
use crate::write::StagedFile;

/// The version and a fingerprint of the source it was built from: records made by other code are
/// never reused.
const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("NEWSX_CODE_HASH"));

/// Articles are handed to the workers in chunks of about this many bytes of text.
const CHUNK_BYTES: usize = 1 << 20;
const CHUNK_ARTICLES: usize = 2048;

#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<Input>,
    /// `None`: JSON Lines to stdout, no CSV and no manifest.
    pub out_dir: Option<PathBuf>,
    pub jobs: usize,
    pub force: bool,
    pub style: CsvStyle,
    pub max_bytes: usize,
    pub progress: bool,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub articles: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub errors: usize,
    pub sentences: usize,
    pub quotes: usize,
    pub entities: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// False when nothing had changed and the previous output was left as it was.
    pub wrote: bool,
}

#[derive(Debug, Error)]
pub enum PipelineError {
    #[error("{0}")]
    Input(io::Error),
    #[error("writing output: {0}")]
    Output(io::Error),
    #[error("{0}")]
    Threads(String),
}

/// What happened to one article.
enum Outcome {
    Done {
        id: String,
        source: String,
        hash: String,
        bytes: usize,
        json: String,
        rows: Box<Rows>,
        speakers: Vec<(String, crate::extract::quotes::SpeakerKind, usize, usize)>,
        counts: [usize; 3],
        reused: bool,
    },
    Failed(ErrorRecord, usize),
}

/// Processes one article into its output record (the pure part, run on worker threads).
pub fn process(article: &Article, rules: &Rules) -> ArticleRecord {
    let x = extract::extract(&article.text, article.title.as_deref(), rules);
    ArticleRecord::build(article, &x)
}

fn failure(f: ReadFailure) -> ErrorRecord {
    ErrorRecord {
        article_id: f.id,
        source: f.source,
        kind: f.kind.to_string(),
        message: f.message,
    }
}

struct Reuse<'a> {
    old: HashMap<&'a str, &'a Entry>,
    file: File,
}

fn outcome(item: ReadResult, rules: &Rules, style: CsvStyle, reuse: Option<&Reuse>) -> Outcome {
    let article = match item {
        Ok(a) => a,
        Err(f) => return Outcome::Failed(failure(f), 0),
    };
    let bytes = article.text.len();
    let cached = reuse.and_then(|r| {
        let e = r.old.get(article.id.as_str())?;
        if e.hash != article.hash {
            return None;
        }
        let mut buf = vec![0u8; e.len as usize];
        r.file.read_exact_at(&mut buf, e.offset).ok()?;
        let json = String::from_utf8(buf).ok()?;
        let record: ArticleRecord = serde_json::from_str(&json).ok()?;
        (record.id == article.id && record.source == article.source).then_some((record, json))
    });
    let reused = cached.is_some();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (record, json) = match cached {
            Some(c) => c,
            None => {
                let record = process(&article, rules);
                let json = serde_json::to_string(&record).expect("records serialise");
                (record, json)
            }
        };
        let rows = Box::new(csvw::render(&record, style));
        (record, json, rows)
    }));
    match result {
        Ok((record, json, rows)) => Outcome::Done {
            speakers: record
                .speakers
                .iter()
                .map(|s| (s.name.clone(), s.kind, s.quotes, s.words))
                .collect(),
            counts: [
                record.sentences.len(),
                record.quotes.len(),
                record.entities.len(),
            ],
            id: article.id,
            source: article.source,
            hash: article.hash,
            bytes,
            json,
            rows,
            reused,
        },
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
                    message: format!("newsx failed on this article (please report it): {message}"),
                },
                bytes,
            )
        }
    }
}

/// Reads articles on a thread of its own, in chunks bounded in count and bytes, one chunk ahead
/// of the workers: reading overlaps processing and memory does not grow with the batch.
fn read_ahead<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    mut stream: ArticleStream,
) -> mpsc::IntoIter<Vec<ReadResult>> {
    let (tx, rx) = mpsc::sync_channel(1);
    scope.spawn(move || loop {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        for item in stream.by_ref() {
            bytes += item.as_ref().map_or(0, |a| a.text.len());
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

fn style_key(style: CsvStyle) -> String {
    if style.excel { "excel" } else { "plain" }.to_string()
}

fn errors_hash(errors: &[ErrorRecord]) -> String {
    let mut h = blake3::Hasher::new();
    for e in errors {
        for f in [&e.article_id, &e.source, &e.kind, &e.message] {
            h.update(f.as_bytes());
            h.update(&[0]);
        }
    }
    h.finalize().to_hex()[..32].to_string()
}

/// Reads and hashes every input without processing: if nothing changed since the manifest,
/// the previous output is already the answer.
fn unchanged_since(old: &Manifest, sources: &[Source], max_bytes: usize) -> Option<Summary> {
    let mut entries = old.entries.iter();
    let mut errors = Vec::new();
    let mut summary = Summary::default();
    for item in ArticleStream::new(sources.to_vec(), max_bytes) {
        match item {
            Ok(a) => {
                let e = entries.next()?;
                if e.id != a.id || e.hash != a.hash || e.source != a.source {
                    return None;
                }
                summary.bytes += a.text.len() as u64;
                summary.articles += 1;
            }
            Err(f) => errors.push(failure(f)),
        }
    }
    if entries.next().is_some() || errors_hash(&errors) != old.header.errors_hash {
        return None;
    }
    summary.unchanged = summary.articles;
    summary.errors = errors.len();
    summary.sentences = old.header.sentences;
    summary.quotes = old.header.quotes;
    summary.entities = old.header.entities;
    for e in &errors {
        eprintln!("newsx: {}: {} ({})", e.source, e.message, e.kind);
    }
    Some(summary)
}

pub fn run(config: &Config, rules: &Rules) -> Result<Summary, PipelineError> {
    let started = Instant::now();
    let sources = list_sources(&config.inputs).map_err(PipelineError::Input)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;

    let Some(dir) = &config.out_dir else {
        return run_to_stdout(config, rules, sources, &pool, started);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        PipelineError::Output(io::Error::new(e.kind(), format!("{}: {e}", dir.display())))
    })?;

    let header_ok = |h: &Header| {
        h.newsx == BUILD && h.rules == rules.hash && h.style == style_key(config.style)
    };
    // Ids of the previous run tell new from changed even when its records can't be reused.
    let previous = Manifest::load(dir);
    let old_ids: HashSet<String> = previous
        .as_ref()
        .map(|m| m.entries.iter().map(|e| e.id.clone()).collect())
        .unwrap_or_default();
    let old = previous.filter(|m| !config.force && header_ok(&m.header));
    let old_jsonl = old
        .as_ref()
        .and_then(|_| File::open(dir.join("articles.jsonl")).ok());
    let old = old.filter(|_| old_jsonl.is_some());
    if let Some(m) = &old {
        let outputs_present = Table::PER_ARTICLE
            .iter()
            .chain(&[Table::Errors, Table::SpeakersByName])
            .all(|t| dir.join(t.file_name()).exists());
        if outputs_present {
            if let Some(mut s) = unchanged_since(m, &sources, config.max_bytes) {
                s.seconds = started.elapsed().as_secs_f64();
                return Ok(s);
            }
        }
    }
    let reuse = old.as_ref().map(|m| Reuse {
        old: m.by_id(),
        file: old_jsonl.unwrap(),
    });

    let total_bytes: u64 = sources
        .iter()
        .map(|s| match s {
            Source::Text { path, .. } | Source::Lines { path, .. } => {
                std::fs::metadata(path).map_or(0, |m| m.len())
            }
            Source::Stdin => 0,
        })
        .sum();
    let progress = progress_bar(config.progress, total_bytes);

    let stream = ArticleStream::new(sources, config.max_bytes);
    let style = config.style;
    let (tx, rx) = mpsc::sync_channel::<Vec<Outcome>>(1);
    let reuse_ref = reuse.as_ref();

    let result = std::thread::scope(|scope| {
        let writer = scope.spawn(move || write_all(dir, style, rx, rules, old_ids, progress));
        for chunk in read_ahead(scope, stream) {
            let outcomes: Vec<Outcome> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| outcome(item, rules, style, reuse_ref))
                    .collect()
            });
            if tx.send(outcomes).is_err() {
                break; // the writer failed; its error is returned below
            }
        }
        drop(tx);
        writer.join().expect("writer thread")
    });
    let mut summary = result.map_err(PipelineError::Output)?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.wrote = true;
    Ok(summary)
}

fn progress_bar(enabled: bool, total: u64) -> Option<indicatif::ProgressBar> {
    if !enabled {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}) {msg}",
        )
        .expect("valid template"),
    );
    Some(bar)
}

fn write_all(
    dir: &Path,
    style: CsvStyle,
    rx: mpsc::Receiver<Vec<Outcome>>,
    rules: &Rules,
    old_ids: HashSet<String>,
    progress: Option<indicatif::ProgressBar>,
) -> io::Result<Summary> {
    let mut jsonl = StagedFile::create(dir, "articles.jsonl")?;
    let mut tables = Vec::new();
    for t in Table::PER_ARTICLE {
        let mut f = StagedFile::create(dir, t.file_name())?;
        f.write(&style.header(t))?;
        tables.push(f);
    }
    let mut man = StagedFile::create(dir, manifest::FILE_NAME)?;
    let mut summary = Summary::default();
    let mut entries = 0;
    let mut errors = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut speakers: BTreeMap<(String, crate::extract::quotes::SpeakerKind), [usize; 3]> =
        BTreeMap::new();

    for outcomes in rx {
        for o in outcomes {
            match o {
                Outcome::Done {
                    id,
                    source,
                    hash,
                    bytes,
                    json,
                    rows,
                    speakers: spk,
                    counts,
                    reused,
                } => {
                    if let Some(p) = &progress {
                        p.inc(bytes as u64);
                    }
                    if !seen.insert(id.clone()) {
                        errors.push(ErrorRecord {
                            article_id: id,
                            source,
                            kind: "duplicate_id".into(),
                            message: "an earlier article has the same id; this one is left out"
                                .into(),
                        });
                        continue;
                    }
                    summary.articles += 1;
                    summary.bytes += bytes as u64;
                    if reused {
                        summary.unchanged += 1;
                    } else if old_ids.contains(&id) {
                        summary.changed += 1;
                    } else {
                        summary.new += 1;
                    }
                    summary.sentences += counts[0];
                    summary.quotes += counts[1];
                    summary.entities += counts[2];
                    for (name, kind, quotes, words) in spk {
                        let t = speakers.entry((name, kind)).or_default();
                        t[0] += 1;
                        t[1] += quotes;
                        t[2] += words;
                    }
                    let offset = jsonl.written;
                    jsonl.write(json.as_bytes())?;
                    jsonl.write(b"\n")?;
                    let entry = Entry {
                        id,
                        source,
                        hash,
                        offset,
                        len: json.len() as u64,
                    };
                    manifest::write_entry(&mut man.out, &entry)?;
                    entries += 1;
                    for (f, buf) in tables.iter_mut().zip(rows.iter()) {
                        f.write(buf)?;
                    }
                }
                Outcome::Failed(e, bytes) => {
                    if let Some(p) = &progress {
                        p.inc(bytes as u64);
                    }
                    errors.push(e);
                }
            }
        }
        // Errors go to stderr as they happen, after the progress bar's line.
        for e in errors.iter().skip(summary.errors) {
            let line = format!("newsx: {}: {} ({})", e.source, e.message, e.kind);
            match &progress {
                Some(p) => p.println(line),
                None => eprintln!("{line}"),
            }
        }
        summary.errors = errors.len();
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    summary.removed = old_ids.iter().filter(|id| !seen.contains(*id)).count();

    let mut err_file = StagedFile::create(dir, Table::Errors.file_name())?;
    err_file.write(&style.header(Table::Errors))?;
    for e in &errors {
        err_file.write(&csvw::render_error(e, style))?;
    }

    // Most-quoted first; ties by name so the order never depends on the run.
    let mut totals: Vec<_> = speakers.into_iter().collect();
    totals.sort_by(|a, b| b.1[1].cmp(&a.1[1]).then_with(|| a.0.cmp(&b.0)));
    let mut by_name = StagedFile::create(dir, Table::SpeakersByName.file_name())?;
    by_name.write(&style.header(Table::SpeakersByName))?;
    for ((name, kind), [articles, quotes, words]) in &totals {
        by_name.write(&csvw::render_speaker_total(
            SpeakerTotalRow {
                name: name.as_str().into(),
                kind: *kind,
                articles: *articles,
                quotes: *quotes,
                words: *words,
            },
            style,
        ))?;
    }

    let header = Header {
        newsx: BUILD.to_string(),
        rules: rules.hash.clone(),
        style: style_key(style),
        articles: entries,
        errors: errors.len(),
        errors_hash: errors_hash(&errors),
        sentences: summary.sentences,
        quotes: summary.quotes,
        entities: summary.entities,
    };
    manifest::write_header(&mut man.out, &header)?;

    let mut staged = vec![jsonl.finish()?];
    for f in tables {
        staged.push(f.finish()?);
    }
    staged.push(err_file.finish()?);
    staged.push(by_name.finish()?);
    let man = man.finish()?;
    // The old manifest goes first and the new one comes last: a run killed between the renames
    // leaves no manifest, and the next run then redoes everything instead of trusting a mix.
    match std::fs::remove_file(&man.1) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    for (tmp, dest) in staged {
        std::fs::rename(tmp, dest)?;
    }
    std::fs::rename(man.0, man.1)?;
    Ok(summary)
}

fn run_to_stdout(
    config: &Config,
    rules: &Rules,
    sources: Vec<Source>,
    pool: &rayon::ThreadPool,
    started: Instant,
) -> Result<Summary, PipelineError> {
    let stream = ArticleStream::new(sources, config.max_bytes);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    std::thread::scope(|scope| -> Result<(), PipelineError> {
        for chunk in read_ahead(scope, stream) {
            let outcomes: Vec<Outcome> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| outcome(item, rules, config.style, None))
                    .collect()
            });
            for o in outcomes {
                match o {
                    Outcome::Done {
                        json,
                        bytes,
                        counts,
                        ..
                    } => {
                        summary.articles += 1;
                        summary.new += 1;
                        summary.bytes += bytes as u64;
                        summary.sentences += counts[0];
                        summary.quotes += counts[1];
                        summary.entities += counts[2];
                        writeln!(out, "{json}").map_err(PipelineError::Output)?;
                    }
                    Outcome::Failed(e, _) => {
                        eprintln!("newsx: {}: {} ({})", e.source, e.message, e.kind);
                        summary.errors += 1;
                    }
                }
            }
        }
        Ok(())
    })?;
    out.flush().map_err(PipelineError::Output)?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.wrote = true;
    Ok(summary)
}
