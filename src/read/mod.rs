//! Finding inputs (folders, .txt, .jsonl, .csv/.tsv, .html, stdin) and turning them into
//! articles, one at a time.

pub mod encoding;
mod file;
mod formats;
pub mod html;
pub mod layout;
pub mod table;
mod walk;
mod wrap;

use file::{open_failure, WholeFile};
pub use formats::{Formats, StdinFormat};
pub use walk::{list_sources, list_sources_except};

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// One article as read: the text exactly as it was (less a leading BOM) and its metadata.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    /// Where it came from: a file path, or `path:line` for a JSON Lines record.
    pub source: String,
    pub text: String,
    /// The headline given by the input (JSON Lines `title`), if any.
    pub title: Option<String>,
    /// Fields of a JSON Lines record other than `id` and `text`, carried through untouched.
    pub meta: Map<String, Value>,
    /// Hash of the raw input bytes, for incremental reruns.
    pub hash: String,
    /// The text was extracted from markup (a web page), not read as is: the record carries it,
    /// so every span can be checked against it.
    pub text_extracted: bool,
    /// A web page whose text is still to be extracted (see `complete`).
    pub page: Option<Box<html::Page>>,
}

impl Article {
    /// Extracts a page read with `ArticleStream::defer_pages`; any other article as it is.
    pub fn complete(mut self) -> ReadResult {
        let Some(page) = self.page.take() else {
            return Ok(self);
        };
        match page.extract() {
            Ok((text, meta)) => {
                self.title = meta
                    .get("title")
                    .and_then(|v| v.as_str())
                    .map(str::to_string);
                self.text = text;
                self.meta = meta;
                Ok(self)
            }
            Err((kind, message)) => Err(ReadFailure {
                id: self.id,
                source: self.source,
                kind,
                message,
            }),
        }
    }

    /// Bytes it holds: its text, or the page still to extract. Bounds the chunks read ahead.
    pub fn size(&self) -> usize {
        self.text.len() + self.page.as_ref().map_or(0, |p| p.len())
    }
}

/// Why an article could not be read. The batch goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFailure {
    pub id: String,
    pub source: String,
    pub kind: &'static str,
    pub message: String,
}

pub type ReadResult = Result<Article, ReadFailure>;

#[derive(Debug, Clone)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// Something that yields articles: a .txt file, a .jsonl file, or stdin.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Text {
        path: PathBuf,
        id: String,
    },
    /// `name` is the path relative to the input folder: ids of lines without one are `name:LINE`.
    Lines {
        path: PathBuf,
        name: String,
    },
    /// A CSV or TSV file; `name` as for `Lines`, ids of rows without one are `name:ROW`.
    Table {
        path: PathBuf,
        name: String,
        kind: table::TableKind,
    },
    /// A saved web page; `id` as for `Text`.
    Html {
        path: PathBuf,
        id: String,
    },
    Stdin,
    /// Found but not to be read: a folder that could not be listed, a FIFO named `.txt`.
    Unreadable {
        path: PathBuf,
        id: String,
        kind: &'static str,
        message: String,
    },
}

impl Source {
    /// The file it reads, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Text { path, .. }
            | Source::Lines { path, .. }
            | Source::Table { path, .. }
            | Source::Html { path, .. }
            | Source::Unreadable { path, .. } => Some(path),
            Source::Stdin => None,
        }
    }
}

/// Streams articles from sources in order, one at a time, so memory does not grow with the batch.
pub struct ArticleStream {
    sources: std::vec::IntoIter<Source>,
    lines: Option<LineReader>,
    table: Option<table::TableReader>,
    max_bytes: usize,
    formats: Formats,
    defer_pages: bool,
}

struct LineReader {
    /// For ids: `name:LINE`.
    name: String,
    /// For error messages and `source`: `path:LINE`.
    path: String,
    reader: Box<dyn BufRead + Send>,
    line_no: usize,
    buf: Vec<u8>,
    /// Stdin: a line without an id gets this prefix and the hash of its bytes, not `-:LINE`.
    hash_ids: Option<String>,
}

impl LineReader {
    fn new(name: String, path: String, reader: Box<dyn BufRead + Send>) -> Self {
        LineReader {
            name,
            path,
            reader,
            line_no: 0,
            buf: Vec::new(),
            hash_ids: None,
        }
    }
}

impl ArticleStream {
    pub fn new(sources: Vec<Source>, max_bytes: usize) -> Self {
        ArticleStream {
            sources: sources.into_iter(),
            lines: None,
            table: None,
            max_bytes,
            formats: Formats::default(),
            defer_pages: false,
        }
    }

    /// Reads stdin, tables and web pages as `formats` says.
    pub fn formats(mut self, formats: &Formats) -> Self {
        self.formats = formats.clone();
        self
    }

    /// Yields web pages unextracted: the consumer calls `Article::complete` on its own threads.
    pub fn defer_pages(mut self) -> Self {
        self.defer_pages = true;
        self
    }

    fn html_rules(&mut self) -> std::sync::Arc<html::HtmlRules> {
        self.formats
            .html
            .get_or_insert_with(|| std::sync::Arc::new(html::HtmlRules::builtin()))
            .clone()
    }
}

impl Iterator for ArticleStream {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        loop {
            if let Some(lines) = &mut self.lines {
                match next_line(lines, self.max_bytes) {
                    // A read that failed would fail again: one error, and the file is over.
                    Some(Err(f)) if f.kind == "io" => {
                        let stdin = lines.path == "-";
                        self.lines = None;
                        return Some(Err(if stdin { stdin_failed(f) } else { f }));
                    }
                    Some(item) => return Some(item),
                    None => self.lines = None,
                }
            }
            if let Some(t) = &mut self.table {
                match t.next(self.max_bytes) {
                    Some(Err(f)) if f.kind == "io" && f.source == "-" => {
                        self.table = None;
                        return Some(Err(stdin_failed(f)));
                    }
                    Some(item) => return Some(item),
                    None => self.table = None,
                }
            }
            match self.sources.next()? {
                Source::Table { path, name, kind } => {
                    let shown = path.display().to_string();
                    match File::open(&path) {
                        Ok(f) => {
                            self.table = Some(table::TableReader::new(
                                Box::new(f),
                                name,
                                shown,
                                kind,
                                &self.formats.columns,
                            ))
                        }
                        Err(e) => return Some(Err(open_failure(name, shown, e))),
                    }
                }
                Source::Html { path, id } => {
                    let rules = self.html_rules();
                    let item = html::read_page(&path, id, self.max_bytes, &rules);
                    return Some(if self.defer_pages {
                        item
                    } else {
                        item.and_then(Article::complete)
                    });
                }
                Source::Stdin if self.formats.stdin != StdinFormat::Jsonl => {
                    let kind = match self.formats.stdin {
                        StdinFormat::Tsv => table::TableKind::Tsv,
                        _ => table::TableKind::Csv,
                    };
                    let mut t = table::TableReader::new(
                        Box::new(io::stdin()),
                        "-".into(),
                        "-".into(),
                        kind,
                        &self.formats.columns,
                    );
                    t.hash_ids = Some(self.formats.id_prefix().to_string());
                    self.table = Some(t);
                }
                Source::Text { path, id } => {
                    return Some(read_text_file(&path, id, self.max_bytes))
                }
                Source::Unreadable {
                    path,
                    id,
                    kind,
                    message,
                } => {
                    return Some(Err(ReadFailure {
                        id,
                        source: path.display().to_string(),
                        kind,
                        message,
                    }))
                }
                Source::Lines { path, name } => {
                    let shown = path.display().to_string();
                    match File::open(&path) {
                        Ok(f) => {
                            self.lines = Some(LineReader::new(
                                name,
                                shown,
                                Box::new(BufReader::with_capacity(1 << 16, f)),
                            ))
                        }
                        Err(e) => return Some(Err(open_failure(name, shown, e))),
                    }
                }
                Source::Stdin => {
                    let mut lines = LineReader::new(
                        "-".into(),
                        "-".into(),
                        Box::new(BufReader::new(io::stdin())),
                    );
                    lines.hash_ids = Some(self.formats.id_prefix().to_string());
                    self.lines = Some(lines);
                }
            }
        }
    }
}

/// The kind of a failure to read stdin: the run cannot go on (stdin cannot be read again), so
/// the pipeline stops with it instead of writing an error row.
pub const STDIN_FAILED: &str = "stdin_failed";

fn stdin_failed(f: ReadFailure) -> ReadFailure {
    ReadFailure {
        kind: STDIN_FAILED,
        message: format!("reading stdin: {}", f.message),
        ..f
    }
}

/// The id of a stdin article that has none: the prefix (`h` unless `--id-prefix`) and 16 hex
/// digits of the hash of its input bytes, the same in every process that reads the same line.
pub fn hash_id(prefix: &str, hash: &str) -> String {
    format!("{prefix}{}", &hash[..16])
}

fn hash_bytes(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_string()
}

fn read_text_file(path: &Path, id: String, max_bytes: usize) -> ReadResult {
    let mut f = WholeFile::read(path, id, max_bytes)?;
    let text = decode(std::mem::take(&mut f.bytes)).map_err(|e| f.fail(e))?;
    let WholeFile {
        id, source, hash, ..
    } = f;
    Ok(Article {
        id,
        source,
        text,
        title: None,
        meta: Map::new(),
        hash,
        text_extracted: false,
        page: None,
    })
}

/// UTF-8 without a leading BOM; NUL bytes mean a binary file, not an article.
fn decode(mut bytes: Vec<u8>) -> Result<String, (&'static str, String)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if matches!(
        encoding::Bom::sniff(&bytes),
        encoding::Bom::Utf16Le | encoding::Bom::Utf16Be
    ) {
        return Err((
            "utf16",
            "UTF-16 text: save it as UTF-8 (an Excel \"Unicode text\" export is a table: name it .tsv)"
                .into(),
        ));
    }
    if let Some(pos) = memchr::memchr(0, &bytes) {
        return Err(("binary", format!("NUL byte at byte {pos}: not a text file")));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        (
            "invalid_utf8",
            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })?;
    if text.trim().is_empty() {
        return Err(("empty", "no text".into()));
    }
    Ok(text)
}

fn fail_at(id: &str, source: &str, kind: &'static str, message: String) -> Option<ReadResult> {
    Some(Err(ReadFailure {
        id: id.to_string(),
        source: source.to_string(),
        kind,
        message,
    }))
}

fn next_line(lines: &mut LineReader, max_bytes: usize) -> Option<ReadResult> {
    loop {
        lines.buf.clear();
        lines.line_no += 1;
        let source = format!("{}:{}", lines.path, lines.line_no);
        let fallback_id = format!("{}:{}", lines.name, lines.line_no);
        let fail = |kind, message| fail_at(&fallback_id, &source, kind, message);
        let n = match read_line_limited(&mut *lines.reader, &mut lines.buf, max_bytes) {
            Ok(n) => n,
            Err(e) => return fail("io", e.to_string()),
        };
        if n == 0 {
            return None;
        }
        if n > max_bytes {
            return fail(
                "too_large",
                format!("line longer than the limit of {max_bytes} bytes (--max-bytes)"),
            );
        }
        let mut line: &[u8] = &lines.buf;
        if lines.line_no == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line = &line[3..];
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let hash = hash_bytes(line);
        let fallback_id = match &lines.hash_ids {
            Some(prefix) => hash_id(prefix, &hash),
            None => fallback_id,
        };
        let fail = |kind, message| fail_at(&fallback_id, &source, kind, message);
        let value: Value = match serde_json::from_slice(line) {
            Ok(v) => v,
            Err(e) => {
                let kind = if std::str::from_utf8(line).is_err() {
                    "invalid_utf8"
                } else {
                    "bad_json"
                };
                return fail(kind, format!("not a JSON object: {e}"));
            }
        };
        let Value::Object(mut obj) = value else {
            return fail("bad_json", "not a JSON object".into());
        };
        let id = match obj.shift_remove("id") {
            Some(Value::String(s)) => s,
            Some(Value::Number(n)) => n.to_string(),
            _ => fallback_id.clone(),
        };
        let fail = |kind, message| fail_at(&id, &source, kind, message);
        let text = match obj.shift_remove("text") {
            Some(Value::String(s)) => s,
            Some(_) => return fail("bad_json", "`text` is not a string".into()),
            None => return fail("bad_json", "no `text` field".into()),
        };
        let text = match text.strip_prefix('\u{feff}') {
            Some(t) => t.to_string(),
            None => text,
        };
        if text.contains('\0') {
            return fail("binary", "NUL character in text".into());
        }
        if text.trim().is_empty() {
            return fail("empty", "no text".into());
        }
        let title = match obj.get("title") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        };
        return Some(Ok(Article {
            id,
            source,
            text,
            title,
            meta: obj,
            hash,
            text_extracted: false,
            page: None,
        }));
    }
}

/// Reads one line, keeping at most `max + 1` bytes of it so a huge line cannot exhaust memory.
/// Returns the full length of the line read (which may exceed what was kept).
fn read_line_limited(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<usize> {
    let mut total = 0;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if buf.len() <= max {
            let keep = take.min(max.saturating_add(1) - buf.len());
            buf.extend_from_slice(&chunk[..keep]);
        }
        total += take;
        r.consume(take);
        if done {
            if buf.last() == Some(&b'\n') {
                buf.pop();
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
            }
            return Ok(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_drops_bom_and_keeps_crlf() {
        let t = decode(b"\xEF\xBB\xBFHi.\r\nThere.".to_vec()).unwrap();
        assert_eq!(t, "Hi.\r\nThere.");
    }

    #[test]
    fn decode_refuses_binary_and_invalid_utf8() {
        assert_eq!(decode(b"a\0b".to_vec()).unwrap_err().0, "binary");
        assert_eq!(decode(b"caf\xe9".to_vec()).unwrap_err().0, "invalid_utf8");
        assert_eq!(decode(b"  \n".to_vec()).unwrap_err().0, "empty");
    }

    #[test]
    fn jsonl_lines_become_articles_with_meta_carried_through() {
        let data = "{\"id\":\"a\",\"text\":\"One.\",\"title\":\"T\",\"x\":[1]}\n\nnot json\n{\"text\":\"Two.\"}\n";
        let mut lr = LineReader::new(
            "f.jsonl".into(),
            "in/f.jsonl".into(),
            Box::new(io::Cursor::new(data.as_bytes().to_vec())),
        );
        let a = next_line(&mut lr, 1000).unwrap().unwrap();
        assert_eq!((a.id.as_str(), a.title.as_deref()), ("a", Some("T")));
        assert_eq!(a.meta.get("x"), Some(&serde_json::json!([1])));
        let bad = next_line(&mut lr, 1000).unwrap().unwrap_err();
        assert_eq!((bad.kind, bad.id.as_str()), ("bad_json", "f.jsonl:3"));
        let b = next_line(&mut lr, 1000).unwrap().unwrap();
        assert_eq!(b.id, "f.jsonl:4");
        assert!(next_line(&mut lr, 1000).is_none());
    }

    #[test]
    fn overlong_jsonl_line_is_refused_and_the_next_line_still_read() {
        let data = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n",
            "a".repeat(100)
        );
        let mut lr = LineReader::new(
            "f".into(),
            "f".into(),
            Box::new(io::Cursor::new(data.into_bytes())),
        );
        assert_eq!(
            next_line(&mut lr, 50).unwrap().unwrap_err().kind,
            "too_large"
        );
        assert_eq!(next_line(&mut lr, 50).unwrap().unwrap().text, "ok");
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn no_size_limit_does_not_overflow_into_reading_nothing() {
        let dir = std::env::temp_dir().join(format!("newsx-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(&path, "Some text.").unwrap();
        let a = read_text_file(&path, "a".into(), usize::MAX).unwrap();
        assert_eq!(a.text, "Some text.");
        let mut buf = Vec::new();
        let mut r = io::Cursor::new(b"line\n".to_vec());
        assert_eq!(read_line_limited(&mut r, &mut buf, usize::MAX).unwrap(), 5);
        assert_eq!(buf, b"line");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
