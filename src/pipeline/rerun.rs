//! Reruns: what the previous run into a folder left, and whether any of it can be trusted again.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use crate::pipeline::work::failure;
use crate::pipeline::Summary;
use crate::read::{ArticleStream, Formats, Source};
use crate::write::jsonl;
use crate::write::manifest::{ErrorDigest, Header, Manifest};

/// The previous run's output in a folder.
pub struct Previous {
    /// Ids of the previous run: they tell new from changed even when its records can't be reused.
    pub ids: HashSet<String>,
    /// Its manifest, when it was made by this build, rules and style (the same outputs).
    pub trusted: Option<Manifest>,
    /// Its records, with a trusted manifest: none when `articles.jsonl` was left out.
    pub records: Option<File>,
}

impl Previous {
    pub fn load(dir: &Path, force: bool, expected: impl Fn(&Header) -> bool) -> Previous {
        let manifest = Manifest::load(dir);
        let ids = manifest
            .as_ref()
            .map(|m| m.entries.iter().map(|e| e.id.clone()).collect())
            .unwrap_or_default();
        let trusted = manifest.filter(|m| !force && expected(&m.header));
        let records = trusted
            .as_ref()
            .and_then(|_| File::open(dir.join(jsonl::FILE_NAME)).ok());
        Previous {
            ids,
            trusted,
            records,
        }
    }

    /// When every input is as the manifest recorded it and every file of `outputs` is there,
    /// the previous output is already the answer.
    pub fn unchanged(
        &self,
        outputs: &[PathBuf],
        sources: &[Source],
        max_bytes: usize,
        formats: &Formats,
    ) -> Option<Summary> {
        let m = self.trusted.as_ref()?;
        if !outputs.iter().all(|p| p.exists()) {
            return None;
        }
        unchanged_since(m, sources, max_bytes, formats)
    }
}

/// Reads and hashes every input without processing, comparing with the manifest.
fn unchanged_since(
    old: &Manifest,
    sources: &[Source],
    max_bytes: usize,
    formats: &Formats,
) -> Option<Summary> {
    let mut entries = old.entries.iter();
    let mut errors = Vec::new();
    let mut summary = Summary::default();
    for item in ArticleStream::new(sources.to_vec(), max_bytes).formats(formats) {
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
    let mut digest = ErrorDigest::default();
    errors.iter().for_each(|e| digest.add(e));
    if entries.next().is_some() || digest.finish() != old.header.errors_hash {
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
