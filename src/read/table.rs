//! CSV and TSV exports as articles: one article per row, the columns found by name and mapped onto
//! the same fields a JSON Lines article has. Memory per row is bounded by `--max-bytes`.

use std::io::{self, BufRead, Read};

use serde_json::{Map, Value};

use super::{encoding, Article, ReadFailure, ReadResult};

/// The fields a column can feed, with the header names each is found by (compared after
/// lower-casing and turning runs of other characters into `_`), most preferred first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Text,
    Title,
    Published,
    Outlet,
    Byline,
    Url,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Id,
        Field::Text,
        Field::Title,
        Field::Published,
        Field::Outlet,
        Field::Byline,
        Field::Url,
    ];

    /// The JSON Lines field name, which is also the key in `meta`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Text => "text",
            Field::Title => "title",
            Field::Published => "published",
            Field::Outlet => "outlet",
            Field::Byline => "byline",
            Field::Url => "url",
        }
    }

    /// Header names (normalised) this field is found by. These are the column names of common
    /// exports and scrapers, part of the documented interface like JSON Lines' field names.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "article_id", "doc_id", "story_id"],
            Field::Text => &[
                "text",
                "body",
                "content",
                "article",
                "body_text",
                "article_text",
                "full_text",
                "maintext",
            ],
            Field::Title => &["title", "headline"],
            Field::Published => &[
                "published",
                "date",
                "published_at",
                "publish_date",
                "date_published",
                "date_publish",
                "pub_date",
            ],
            Field::Outlet => &[
                "outlet",
                "source",
                "publication",
                "publisher",
                "source_domain",
            ],
            Field::Byline => &["byline", "author", "authors"],
            Field::Url => &["url", "link", "canonical_url"],
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == s)
    }
}

/// `--text-column` and `--column FIELD=NAME`: columns named by the user, ahead of the built-in names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub named: Vec<(Field, String)>,
}

impl Columns {
    /// Parses one `--column FIELD=NAME` value.
    pub fn parse_mapping(arg: &str) -> Result<(Field, String), String> {
        let (field, name) = arg
            .split_once('=')
            .ok_or_else(|| format!("`{arg}` is not FIELD=NAME"))?;
        let f = Field::parse(field.trim()).ok_or_else(|| {
            let known: Vec<_> = Field::ALL.iter().map(|f| f.key()).collect();
            format!("unknown field `{field}` (fields: {})", known.join(", "))
        })?;
        if name.is_empty() {
            return Err(format!("`{arg}` names no column"));
        }
        Ok((f, name.to_string()))
    }

    fn flag_for(&self, field: Field) -> String {
        match field {
            Field::Text => "--text-column".into(),
            f => format!("--column {}=...", f.key()),
        }
    }
}

/// Comma- or tab-separated; both quoted as Excel and pandas write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableKind {
    Csv,
    Tsv,
}

impl TableKind {
    fn delimiter(self) -> u8 {
        match self {
            TableKind::Csv => b',',
            TableKind::Tsv => b'\t',
        }
    }
}

fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// What each column of a file becomes.
#[derive(Debug)]
struct Mapping {
    text: usize,
    id: Option<usize>,
    /// The `meta` key of every column other than id and text.
    keys: Vec<Option<String>>,
    /// Hash of the header and its mapping: renaming a column or a flag changes every row's hash.
    signature: [u8; 32],
}

fn map_header(header: &[&str], columns: &Columns) -> Result<Mapping, (&'static str, String)> {
    let norm: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let listing = || header.join(", ");
    let mut role: Vec<Option<Field>> = vec![None; header.len()];
    for (field, name) in &columns.named {
        let i = header
            .iter()
            .position(|h| h == name)
            .or_else(|| norm.iter().position(|h| *h == normalise(name)))
            .ok_or_else(|| {
                (
                    "no_text_column",
                    format!(
                        "{} {name}: no such column (columns: {})",
                        columns.flag_for(*field),
                        listing()
                    ),
                )
            })?;
        if role[i].is_some_and(|r| r != *field) {
            return Err((
                "bad_header",
                format!("column `{name}` is named for two fields by --text-column/--column"),
            ));
        }
        role[i] = Some(*field);
    }
    for field in Field::ALL {
        if role.contains(&Some(field)) {
            continue;
        }
        let found = field
            .names()
            .iter()
            .find_map(|n| (0..header.len()).find(|&i| role[i].is_none() && norm[i] == *n));
        if let Some(i) = found {
            role[i] = Some(field);
        }
    }
    let text = role.iter().position(|r| *r == Some(Field::Text)).ok_or((
        "no_text_column",
        format!(
            "no text column: name one `text`, `body`, `content` or `article`, or pass \
             --text-column NAME (columns: {})",
            listing()
        ),
    ))?;
    let id = role.iter().position(|r| *r == Some(Field::Id));
    let mut keys = Vec::with_capacity(header.len());
    let mut seen = std::collections::HashSet::new();
    for (i, h) in header.iter().enumerate() {
        let key = match role[i] {
            Some(Field::Id | Field::Text) => None,
            Some(f) => Some(f.key().to_string()),
            // A pandas index column has no name: it is carried as `column_N`.
            None if h.trim().is_empty() => Some(format!("column_{}", i + 1)),
            None => Some(h.to_string()),
        };
        if let Some(k) = &key {
            if !seen.insert(k.clone()) {
                return Err(("bad_header", format!("two columns are both `{k}`")));
            }
        }
        keys.push(key);
    }
    let mut h = blake3::Hasher::new();
    for (i, k) in keys.iter().enumerate() {
        let tag = if i == text {
            "\u{1}text"
        } else if Some(i) == id {
            "\u{1}id"
        } else {
            k.as_deref().unwrap_or_default()
        };
        h.update(tag.as_bytes());
        h.update(&[0]);
    }
    Ok(Mapping {
        text,
        id,
        keys,
        signature: *h.finalize().as_bytes(),
    })
}

/// Follows the raw bytes beside the CSV parser to catch a quoted cell that goes on after its
/// closing quote (`"Yes," she said` in a TSV written without quoting): the parser would silently
/// drop those quotation marks, which the quote stage needs.
#[derive(Debug, Default)]
struct QuoteCheck {
    state: u8,
    bad: bool,
}

const FIELD_START: u8 = 0;
const UNQUOTED: u8 = 1;
const QUOTED: u8 = 2;
const QUOTE_IN_QUOTED: u8 = 3;

impl QuoteCheck {
    fn feed(&mut self, mut b: &[u8], delim: u8) {
        while let Some(&c) = b.first() {
            match self.state {
                FIELD_START => {
                    if c == b'"' {
                        self.state = QUOTED;
                    } else if c != delim && c != b'\n' && c != b'\r' {
                        self.state = UNQUOTED;
                    }
                    b = &b[1..];
                }
                UNQUOTED => match memchr::memchr3(delim, b'\n', b'\r', b) {
                    Some(i) => {
                        self.state = FIELD_START;
                        b = &b[i + 1..];
                    }
                    None => return,
                },
                QUOTED => match memchr::memchr(b'"', b) {
                    Some(i) => {
                        self.state = QUOTE_IN_QUOTED;
                        b = &b[i + 1..];
                    }
                    None => return,
                },
                _ => {
                    self.state = if c == b'"' {
                        QUOTED
                    } else if c == delim || c == b'\n' || c == b'\r' {
                        FIELD_START
                    } else {
                        self.bad = true;
                        UNQUOTED
                    };
                    b = &b[1..];
                }
            }
        }
    }
}

/// One record as parsed, before it is checked.
struct Row {
    /// Physical line where the record starts.
    line: u64,
    too_large: bool,
    bad_quote: bool,
    unclosed: bool,
}

/// Reads the rows of one CSV or TSV file (or stdin) as articles.
pub struct TableReader {
    /// For ids: `name:ROW`.
    name: String,
    /// For error messages and `source`: `path:ROW`.
    path: String,
    kind: TableKind,
    columns: Columns,
    input: Option<Box<dyn Read + Send>>,
    reader: Option<Box<dyn BufRead + Send>>,
    core: csv_core::Reader,
    mapping: Option<Mapping>,
    out: Vec<u8>,
    ends: Vec<usize>,
    check: QuoteCheck,
    /// Data rows read so far (the header is row 0).
    row: usize,
    done: bool,
    /// Stdin: a row without an id gets this prefix and the hash of its cells, not `-:ROW`.
    pub hash_ids: Option<String>,
}

impl TableReader {
    pub fn new(
        input: Box<dyn Read + Send>,
        name: String,
        path: String,
        kind: TableKind,
        columns: &Columns,
    ) -> Self {
        TableReader {
            name,
            path,
            kind,
            columns: columns.clone(),
            input: Some(input),
            reader: None,
            core: csv_core::ReaderBuilder::new()
                .delimiter(kind.delimiter())
                .build(),
            mapping: None,
            out: vec![0; 4096],
            ends: vec![0; 64],
            check: QuoteCheck::default(),
            row: 0,
            done: false,
            hash_ids: None,
        }
    }

    fn file_failure(&mut self, kind: &'static str, message: String) -> Option<ReadResult> {
        self.done = true;
        Some(Err(ReadFailure {
            id: self.name.clone(),
            source: self.path.clone(),
            kind,
            message,
        }))
    }

    /// Reads one record into `out`/`ends`; `None` at the end of the input. A record over
    /// `max_bytes` is read to its end but not kept.
    fn read_record(&mut self, max_bytes: usize) -> io::Result<Option<(Row, usize)>> {
        let reader = self.reader.as_mut().expect("opened");
        let delim = self.kind.delimiter();
        self.check = QuoteCheck::default();
        let (mut nout, mut nend, mut raw) = (0usize, 0usize, 0usize);
        let mut too_large = false;
        let mut line = None;
        loop {
            let input = reader.fill_buf()?;
            let line_before = self.core.line();
            let (res, nin, o, e) =
                self.core
                    .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
            if line.is_none() {
                // Blank lines before a record are skipped: it starts at its first other byte.
                if let Some(p) = input[..nin].iter().position(|b| *b != b'\n' && *b != b'\r') {
                    line =
                        Some(line_before + memchr::memchr_iter(b'\n', &input[..p]).count() as u64);
                }
            }
            self.check.feed(&input[..nin], delim);
            reader.consume(nin);
            raw += nin;
            nout += o;
            nend += e;
            use csv_core::ReadRecordResult as R;
            match res {
                R::InputEmpty => {}
                R::OutputFull | R::OutputEndsFull if raw > max_bytes || too_large => {
                    // Too large: keep parsing to the record's end, keep nothing.
                    too_large = true;
                    if res == R::OutputFull {
                        nout = 0;
                    } else {
                        nend = 0;
                    }
                }
                R::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                R::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                R::Record => {
                    let unclosed = self.check.state == QUOTED;
                    let row = Row {
                        line: line.unwrap_or(self.core.line()),
                        too_large: too_large || raw > max_bytes,
                        bad_quote: self.check.bad,
                        unclosed,
                    };
                    return Ok(Some((row, nend)));
                }
                R::End => return Ok(None),
            }
        }
    }

    fn fields(&self, nend: usize) -> Vec<&[u8]> {
        let mut start = 0;
        self.ends[..nend]
            .iter()
            .map(|&end| {
                let f = &self.out[start..end];
                start = end;
                f
            })
            .collect()
    }

    fn open(&mut self, max_bytes: usize) -> Result<(), (&'static str, String)> {
        let input = self.input.take().expect("opened once");
        self.reader = Some(encoding::utf8_reader(input).map_err(|e| ("io", e.to_string()))?);
        let (row, nend) = match self.read_record(max_bytes) {
            Ok(Some(r)) => r,
            Ok(None) => return Err(("empty", "no header row: the file is empty".into())),
            Err(e) => return Err(read_error(e)),
        };
        if row.too_large {
            return Err((
                "too_large",
                format!("header row larger than the limit of {max_bytes} bytes (--max-bytes)"),
            ));
        }
        let fields = self.fields(nend);
        if fields.iter().any(|f| f.contains(&0)) {
            return Err((
                "binary",
                "NUL bytes in the header: not a text table (UTF-16 without a byte-order mark?)"
                    .into(),
            ));
        }
        let header: Vec<&str> = fields
            .iter()
            .map(|f| std::str::from_utf8(f))
            .collect::<Result<_, _>>()
            .map_err(|_| ("invalid_utf8", not_utf8("the header")))?;
        self.mapping = Some(map_header(&header, &self.columns)?);
        Ok(())
    }

    pub fn next(&mut self, max_bytes: usize) -> Option<ReadResult> {
        if self.done {
            return None;
        }
        if self.mapping.is_none() {
            if let Err((kind, message)) = self.open(max_bytes) {
                return self.file_failure(kind, message);
            }
        }
        loop {
            let (row, nend) = match self.read_record(max_bytes) {
                Ok(Some(r)) => r,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    let (kind, message) = read_error(e);
                    let at = format!("after row {}: {message}", self.row);
                    return self.file_failure(kind, at);
                }
            };
            self.row += 1;
            let fields = if row.too_large {
                Vec::new()
            } else {
                self.fields(nend)
            };
            if !row.too_large && fields.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue; // a row of empty cells, as spreadsheets leave at the end
            }
            return Some(self.article(&row, &fields, max_bytes));
        }
    }

    fn article(&self, row: &Row, fields: &[&[u8]], max_bytes: usize) -> ReadResult {
        let m = self.mapping.as_ref().expect("mapped");
        let n = self.row;
        let where_ = format!("row {n} (line {})", row.line);
        let mut id = format!("{}:{n}", self.name);
        let source = format!("{}:{n}", self.path);
        if let (Some(prefix), false) = (&self.hash_ids, row.too_large) {
            let mut h = blake3::Hasher::new();
            for f in fields {
                h.update(&(f.len() as u64).to_le_bytes());
                h.update(f);
            }
            id = super::hash_id(prefix, &h.finalize().to_hex());
        }
        // A ragged row's id is still taken when the row reaches its column, so it can be found.
        if !row.too_large {
            let cell = m.id.and_then(|i| fields.get(i));
            if let Some(s) = cell.and_then(|c| std::str::from_utf8(c).ok()) {
                if !s.trim().is_empty() {
                    id = s.to_string();
                }
            }
        }
        let fail = |kind: &'static str, message: String| ReadFailure {
            id: id.clone(),
            source: source.clone(),
            kind,
            message,
        };
        if row.too_large {
            return Err(fail(
                "too_large",
                format!("{where_} is larger than the limit of {max_bytes} bytes (--max-bytes)"),
            ));
        }
        if row.unclosed {
            return Err(fail(
                "bad_quoting",
                format!("{where_}: a quoted cell is never closed; the rest of the file is in it"),
            ));
        }
        if row.bad_quote {
            return Err(fail(
                "bad_quoting",
                format!(
                    "{where_}: a quoted cell goes on after its closing quote (a file written \
                     without quoting?); its quotation marks would be lost"
                ),
            ));
        }
        if fields.len() != m.keys.len() {
            return Err(fail(
                "ragged_row",
                format!(
                    "{where_} has {} cells, the header has {}",
                    fields.len(),
                    m.keys.len()
                ),
            ));
        }
        let mut cells = Vec::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            let s = std::str::from_utf8(f).map_err(|_| {
                fail(
                    "invalid_utf8",
                    not_utf8(&format!("{where_}, column {}", i + 1)),
                )
            })?;
            cells.push(s);
        }
        let raw = cells[m.text];
        let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if text.contains('\0') {
            return Err(fail("binary", format!("{where_}: NUL character in text")));
        }
        if text.trim().is_empty() {
            return Err(fail("empty", format!("{where_}: no text")));
        }
        let mut meta = Map::new();
        for (key, cell) in m.keys.iter().zip(&cells) {
            if let Some(k) = key {
                if !cell.trim().is_empty() {
                    meta.insert(k.clone(), Value::String(cell.to_string()));
                }
            }
        }
        let title = meta
            .get("title")
            .and_then(Value::as_str)
            .map(str::to_string);
        let mut h = blake3::Hasher::new();
        h.update(&m.signature);
        for f in fields {
            h.update(&(f.len() as u64).to_le_bytes());
            h.update(f);
        }
        Ok(Article {
            id,
            source,
            text: text.to_string(),
            title,
            meta,
            hash: h.finalize().to_hex()[..32].to_string(),
            text_extracted: false,
            page: None,
        })
    }
}

fn not_utf8(what: &str) -> String {
    format!(
        "{what} is not UTF-8 (Latin-1 or Windows-1252?): save the file as UTF-8 \
         (Excel: \"CSV UTF-8\")"
    )
}

fn read_error(e: io::Error) -> (&'static str, String) {
    if e.kind() == io::ErrorKind::InvalidData {
        ("invalid_utf16", e.to_string())
    } else {
        ("io", e.to_string())
    }
}

#[cfg(test)]
mod tests;
