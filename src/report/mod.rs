//! `newsx report`: one self-contained HTML page of figures an audit team asks of a batch, read
//! back from the CSV tables of an extract run (streamed, never the JSON records).
//!
//! tables (read a CSV by column name) → tally (count in one pass) → summary (rank and cap) →
//! page (the frame) with overview, rankings and groups (the sections) and svg (the charts).

mod dates;
mod groups;
mod overview;
mod page;
mod rankings;
mod summary;
mod svg;
mod tables;
mod tally;

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use summary::Summary;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error("{path}: not found; `newsx report` reads the folder an `newsx extract -o DIR` run wrote", path = .path.display())]
    Missing { path: PathBuf },
    #[error("{path}: no `{column}` column; is this a table written by newsx?", path = .path.display())]
    Column { path: PathBuf, column: String },
    #[error("{path}: {source}", path = .path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{path}: {source}", path = .path.display())]
    Csv { path: PathBuf, source: csv::Error },
    #[error("writing {path}: {source}", path = .path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// What `write` did, for the summary line.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
    pub articles: u64,
}

/// Reads the tables in `dir` and counts them into the report's figures.
pub fn summarise(dir: &Path) -> Result<Summary, ReportError> {
    Ok(Summary::from_tally(tally::Tally::read(dir)?))
}

/// The report page of the tables in `dir`.
pub fn render(dir: &Path) -> Result<(Summary, String), ReportError> {
    let summary = summarise(dir)?;
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string());
    let html = page::render(&summary, &name);
    Ok((summary, html))
}

/// Writes the report of `dir` to `out`, under a temporary name first like every output file.
pub fn write(dir: &Path, out: &Path) -> Result<Written, ReportError> {
    let (summary, html) = render(dir)?;
    let fail = |source| ReportError::Write {
        path: out.to_path_buf(),
        source,
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = out
        .file_name()
        .ok_or_else(|| {
            fail(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            ))
        })?
        .to_string_lossy();
    let mut file = crate::write::StagedFile::create(parent, &name).map_err(fail)?;
    file.write(html.as_bytes()).map_err(fail)?;
    crate::write::sink::commit(vec![file.finish().map_err(fail)?]).map_err(fail)?;
    Ok(Written {
        path: out.to_path_buf(),
        bytes: html.len() as u64,
        articles: summary.articles,
    })
}

/// Text for HTML and SVG, `&<>"'` escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `12,345`.
fn num(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `21.7%`; a dash when there is nothing to divide by.
fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".into();
    }
    format!("{:.1}%", 100.0 * part as f64 / whole as f64)
}

/// `38 (52.1%)`, where the sentence has given the denominator.
fn share(part: u64, whole: u64) -> String {
    format!("{} ({})", num(part), pct(part, whole))
}

/// `412 of 1,530 (26.9%)`: a share always with its denominator.
fn of(part: u64, whole: u64) -> String {
    format!("{} of {} ({})", num(part), num(whole), pct(part, whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_with_thousands_and_shares_with_denominators() {
        assert_eq!(num(0), "0");
        assert_eq!(num(999), "999");
        assert_eq!(num(1000), "1,000");
        assert_eq!(num(1234567), "1,234,567");
        assert_eq!(of(1, 3), "1 of 3 (33.3%)");
        assert_eq!(pct(0, 0), "–");
        assert_eq!(
            esc(r#"<a href="x">O'Neil & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
    }
}
