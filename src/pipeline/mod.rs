//! The batch: read → extract → write, in parallel chunks, in input order, with bounded memory.
//! One driver for every output: the records go to a set of sinks chosen from the flags (the
//! output folder's files, or JSON Lines on stdout). A rerun reuses the records of articles whose
//! input bytes, rules and version did not change.

mod rerun;
mod work;

pub use work::process;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use rayon::prelude::*;
use thiserror::Error;

use crate::extract::Rules;
use crate::read::{list_sources_except, ArticleStream, Input, Source, STDIN_FAILED};
use crate::record::ErrorRecord;
use crate::write::cells::TypedSink;
use crate::write::csv::{CsvStyle, Table};
use crate::write::jsonl::{self, JsonlSink};
use crate::write::lock::FolderLock;
use crate::write::manifest::{self, Build, ManifestSink};
use crate::write::parquet::ParquetSink;
use crate::write::sink::{self, Needs, Sink, Staged, Totals};
use crate::write::tables::{ErrorTableSink, SpeakerTotalsSink, TableSink};
use crate::write::xlsx::XlsxSink;
use crate::write::{named, remove_stale, Format, Output, Outputs, StagedFile};
use rerun::Previous;
use work::{read_ahead, Outcome, Reuse, Work};

/// The version and a fingerprint of the source it was built from: records made by other code are
/// never reused.
const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("NEWSX_CODE_HASH"));

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
    /// How stdin, CSV/TSV and web pages are read.
    pub formats: crate::read::Formats,
    /// `--errors inline`: a refused article is a line of the JSON Lines stream too.
    pub errors_inline: bool,
    /// Which files a folder run writes: tables, format, workbook.
    pub outputs: Outputs,
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
    /// The run read no article (stdin closed or empty, folders emptied) and left the earlier
    /// output of the folder as it was, rather than replace it with an empty one.
    pub read_nothing: bool,
    /// Workbook cells cut at the spreadsheet limit (`--xlsx`).
    pub cut_cells: usize,
}

#[derive(Debug, Error)]
pub enum PipelineError {
    #[error("{0}")]
    Input(io::Error),
    #[error("writing output: {0}")]
    Output(io::Error),
    #[error("{0}")]
    Threads(String),
    /// Another run is writing into the output folder.
    #[error("{0}")]
    Locked(io::Error),
}

fn style_key(style: CsvStyle, outputs: &Outputs) -> String {
    let csv = if style.excel { "excel" } else { "plain" };
    format!("{csv}{}", outputs.key())
}

/// The sinks of a run into an output folder: every file it holds.
fn folder_sinks(
    dir: &Path,
    config: &Config,
    rules: &Rules,
    cut: &Arc<AtomicUsize>,
) -> io::Result<Vec<Box<dyn Sink>>> {
    let (style, outputs) = (config.style, &config.outputs);
    let file = |name: &str| StagedFile::create(dir, name);
    let mut sinks: Vec<Box<dyn Sink>> = Vec::new();
    if outputs.jsonl {
        let out = Output::File(file(jsonl::FILE_NAME)?);
        sinks.push(Box::new(JsonlSink::new(out)));
    }
    match outputs.format {
        Format::Csv => {
            for &t in &outputs.tables {
                let out = Output::File(file(t.file_name())?);
                sinks.push(match t {
                    Table::Errors => Box::new(ErrorTableSink::new(style, out)?),
                    Table::SpeakersByName => Box::new(SpeakerTotalsSink::new(style, out)),
                    t => Box::new(TableSink::new(t, style, out)?),
                });
            }
        }
        Format::Parquet => {
            let files = ParquetSink::new(dir, &outputs.tables)?;
            sinks.push(Box::new(TypedSink::new(files, &outputs.tables)));
        }
    }
    if let Some(path) = &outputs.xlsx {
        let book = XlsxSink::new(path, &outputs.tables, Arc::clone(cut))?;
        sinks.push(Box::new(TypedSink::new(book, &outputs.tables)));
    }
    let build = Build {
        newsx: BUILD.to_string(),
        rules: rules.hash.clone(),
        style: style_key(style, outputs),
    };
    sinks.push(Box::new(ManifestSink::new(
        build,
        file(manifest::FILE_NAME)?,
    )));
    Ok(sinks)
}

/// The names of the files a run writes into its output folder.
fn output_names() -> Vec<&'static str> {
    let tables = Table::PER_ARTICLE
        .iter()
        .chain(&[Table::Errors, Table::SpeakersByName])
        .map(|t| t.file_name());
    tables
        .chain([jsonl::FILE_NAME, manifest::FILE_NAME])
        .collect()
}

/// The sinks of a run to stdout: the JSON Lines stream.
fn stream_sinks(errors_inline: bool) -> Vec<Box<dyn Sink>> {
    let stdout = io::BufWriter::new(io::stdout());
    let sink = JsonlSink::new(Output::Stream(Box::new(stdout)));
    vec![Box::new(if errors_inline {
        sink.with_errors()
    } else {
        sink
    })]
}

pub fn run(config: &Config, rules: &Rules) -> Result<Summary, PipelineError> {
    let started = Instant::now();
    let sources = list_sources_except(&config.inputs, config.out_dir.as_deref())
        .map_err(PipelineError::Input)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;

    let Some(dir) = &config.out_dir else {
        let batch = Batch {
            config,
            rules,
            pool: &pool,
            reuse: None,
            old_ids: HashSet::new(),
        };
        let (mut summary, _) = batch.drive(sources, stream_sinks(config.errors_inline))?;
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok(summary);
    };
    std::fs::create_dir_all(dir).map_err(|e| PipelineError::Output(named(dir, e)))?;
    let _lock = FolderLock::acquire(dir).map_err(|e| match e.kind() {
        io::ErrorKind::WouldBlock => PipelineError::Locked(e),
        _ => PipelineError::Output(e),
    })?;
    remove_stale(dir, &output_names()).map_err(PipelineError::Output)?;

    let style = style_key(config.style, &config.outputs);
    let previous = Previous::load(dir, config.force, |h| {
        h.newsx == BUILD && h.rules == rules.hash && h.style == style
    });
    let mut expected = config.outputs.files(dir);
    expected.extend(config.outputs.xlsx.clone());
    if let Some(mut s) = previous.unchanged(&expected, &sources, config.max_bytes, &config.formats)
    {
        s.seconds = started.elapsed().as_secs_f64();
        return Ok(s);
    }
    // Both the manifest and the records: a run without `articles.jsonl` reprocesses everything.
    let reuse = previous.trusted.as_ref().zip(previous.records.as_ref());
    let reuse = reuse.map(|(m, file)| Reuse {
        old: m.by_id(),
        file,
    });
    let cut = Arc::new(AtomicUsize::new(0));
    let sinks = folder_sinks(dir, config, rules, &cut).map_err(PipelineError::Output)?;
    let batch = Batch {
        config,
        rules,
        pool: &pool,
        reuse: reuse.as_ref(),
        old_ids: previous.ids,
    };
    let (mut summary, staged) = batch.drive(sources, sinks)?;
    let earlier = dir.join(jsonl::FILE_NAME).exists() || dir.join(manifest::FILE_NAME).exists();
    if summary.articles + summary.errors == 0 && earlier {
        drop(staged); // removes the staged files
        summary.wrote = false;
        summary.read_nothing = true;
        summary.seconds = started.elapsed().as_secs_f64();
        return Ok(summary);
    }
    for stale in config.outputs.stale(dir) {
        std::fs::remove_file(&stale).map_err(PipelineError::Output)?;
    }
    sink::commit(staged).map_err(PipelineError::Output)?;
    summary.cut_cells = cut.load(Ordering::Relaxed);
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// One run's fixed parts: what the driver needs besides the inputs and the sinks.
struct Batch<'a> {
    config: &'a Config,
    rules: &'a Rules,
    pool: &'a rayon::ThreadPool,
    reuse: Option<&'a Reuse<'a>>,
    old_ids: HashSet<String>,
}

impl Batch<'_> {
    /// Reads, processes in parallel and hands each outcome to the sinks in input order.
    fn drive(
        self,
        sources: Vec<Source>,
        sinks: Vec<Box<dyn Sink>>,
    ) -> Result<(Summary, Vec<Staged>), PipelineError> {
        let total_bytes: u64 = sources
            .iter()
            .map(|s| {
                s.path()
                    .map_or(0, |p| std::fs::metadata(p).map_or(0, |m| m.len()))
            })
            .sum();
        let progress = progress_bar(self.config.progress, total_bytes);
        let work = Work {
            rules: self.rules,
            style: self.config.style,
            needs: sinks
                .iter()
                .fold(Needs::default(), |n, s| n.union(s.needs())),
            reuse: self.reuse,
            render_on_worker_max: work::RENDER_ON_WORKER_MAX,
        };
        let stream = ArticleStream::new(sources, self.config.max_bytes)
            .formats(&self.config.formats)
            .defer_pages();
        let (tx, rx) = mpsc::sync_channel::<Vec<Outcome>>(1);
        let writer = Writer {
            sinks,
            old_ids: self.old_ids,
            seen: HashSet::new(),
            summary: Summary::default(),
            progress,
        };
        let pool = self.pool;
        let result = std::thread::scope(|scope| {
            let writer = scope.spawn(move || writer.write_all(rx));
            for chunk in read_ahead(scope, stream) {
                let outcomes: Vec<Outcome> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|item| work.outcome(item))
                        .collect()
                });
                if tx.send(outcomes).is_err() {
                    break; // the writer failed; its error is returned below
                }
            }
            drop(tx);
            writer.join().expect("writer thread")
        });
        let (mut summary, staged) = result?;
        summary.wrote = true;
        Ok((summary, staged))
    }
}

fn progress_bar(enabled: bool, total: u64) -> Option<indicatif::ProgressBar> {
    if !enabled {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    // The size of the inputs is known before reading (files), so bytes give the time left; stdin's is not.
    let template = if total > 0 {
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {msg}"
    } else {
        "{spinner} [{elapsed_precise}] {bytes} ({bytes_per_sec}) {msg}"
    };
    bar.set_style(indicatif::ProgressStyle::with_template(template).expect("valid template"));
    Some(bar)
}

/// The writer thread: takes outcomes in input order, refuses repeated ids, counts, and hands
/// each article and each error to every sink.
struct Writer {
    sinks: Vec<Box<dyn Sink>>,
    old_ids: HashSet<String>,
    seen: HashSet<String>,
    summary: Summary,
    progress: Option<indicatif::ProgressBar>,
}

impl Writer {
    fn write_all(
        mut self,
        rx: mpsc::Receiver<Vec<Outcome>>,
    ) -> Result<(Summary, Vec<Staged>), PipelineError> {
        for outcomes in rx {
            let mut errors = Vec::new();
            for o in outcomes {
                if let Some(e) = self.outcome(o)? {
                    errors.push(e);
                }
            }
            // Errors go to stderr as they happen, after the progress bar's line.
            for e in errors {
                let line = format!("newsx: {}: {} ({})", e.source, e.message, e.kind);
                match &self.progress {
                    Some(p) => p.println(line),
                    None => eprintln!("{line}"),
                }
            }
        }
        if let Some(p) = &self.progress {
            p.finish_and_clear();
        }
        let s = &mut self.summary;
        s.removed = self
            .old_ids
            .iter()
            .filter(|id| !self.seen.contains(*id))
            .count();
        let totals = Totals {
            articles: s.articles,
            errors: s.errors,
            sentences: s.sentences,
            quotes: s.quotes,
            entities: s.entities,
        };
        let mut staged = Vec::new();
        for sink in self.sinks {
            staged.extend(sink.finish(&totals).map_err(PipelineError::Output)?);
        }
        Ok((self.summary, staged))
    }

    /// Hands one outcome to the sinks; returns the error it became, if any.
    fn outcome(&mut self, o: Outcome) -> Result<Option<ErrorRecord>, PipelineError> {
        let (bytes, error) = match o {
            Outcome::Done(a) => {
                if let Some(p) = &self.progress {
                    p.inc(a.bytes as u64);
                    let done = self.seen.len() + 1;
                    if done.is_multiple_of(64) {
                        let per_sec = done as f64 / p.elapsed().as_secs_f64().max(1e-3);
                        p.set_message(format!("{done} articles, {per_sec:.0}/s"));
                    }
                }
                if self.seen.insert(a.id.clone()) {
                    self.article(&a).map_err(PipelineError::Output)?;
                    return Ok(None);
                }
                let e = ErrorRecord {
                    article_id: a.id,
                    source: a.source,
                    kind: "duplicate_id".into(),
                    message: "an earlier article has the same id; this one is left out".into(),
                };
                (0, e)
            }
            // Stdin cannot be read again: the run stops, naming it.
            Outcome::Failed(e, _) if e.kind == STDIN_FAILED => {
                return Err(PipelineError::Input(io::Error::other(e.message)))
            }
            Outcome::Failed(e, bytes) => (bytes, e),
        };
        if let Some(p) = &self.progress {
            p.inc(bytes as u64);
        }
        self.summary.errors += 1;
        for sink in &mut self.sinks {
            sink.error(&error).map_err(PipelineError::Output)?;
        }
        Ok(Some(error))
    }

    fn article(&mut self, a: &sink::Processed) -> io::Result<()> {
        let s = &mut self.summary;
        s.articles += 1;
        s.bytes += a.bytes as u64;
        if a.reused {
            s.unchanged += 1;
        } else if self.old_ids.contains(&a.id) {
            s.changed += 1;
        } else {
            s.new += 1;
        }
        s.sentences += a.sentences;
        s.quotes += a.quotes;
        s.entities += a.entities;
        for sink in &mut self.sinks {
            sink.article(a)?;
        }
        Ok(())
    }
}
