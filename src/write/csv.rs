//! The flat CSV tables: one row per record, a header, ids to join on, RFC 4180 quoting.
//! Rows are rendered per article on worker threads and appended in input order by the writer.

use std::borrow::Cow;

use serde::Serialize;

use crate::record::{ArticleRecord, ErrorRecord};

/// Spreadsheet-friendly output: a byte-order mark, CRLF line ends, and formula cells neutralised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvStyle {
    pub excel: bool,
}

impl CsvStyle {
    /// Text as written into a cell. With `excel`, text a spreadsheet would run as a formula
    /// gets a leading apostrophe (OWASP's advice for CSV injection).
    fn cell<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if self.excel && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            Cow::Owned(format!("'{s}"))
        } else {
            Cow::Borrowed(s)
        }
    }

    /// A nullable cell: an empty CSV cell, a blank workbook cell, a Parquet null.
    fn opt<'a>(&self, s: Option<&'a str>) -> Option<Cow<'a, str>> {
        s.map(|s| self.cell(s))
    }

    fn writer<W: std::io::Write>(&self, buf: W) -> csv::Writer<W> {
        csv::WriterBuilder::new()
            .has_headers(false)
            // a writer per table per article: the default 8 KiB buffer, zeroed each time, cost
            // more than the extra flushes into the Vec of a small one
            .buffer_capacity(1024)
            .terminator(if self.excel {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(buf)
    }

    /// The header line of a table, with the BOM first when `excel` is set.
    pub fn header(&self, table: Table) -> Vec<u8> {
        let mut out = Vec::new();
        if self.excel {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let mut w = self.writer(out);
        w.write_record(table.columns()).expect("writing to memory");
        w.into_inner().expect("writing to memory")
    }
}

/// The per-article tables, in the order their buffers appear in `Rows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Articles,
    Sentences,
    Quotes,
    Speakers,
    Entities,
    Mentions,
    Errors,
    SpeakersByName,
}

impl Table {
    pub const PER_ARTICLE: [Table; 6] = [
        Table::Articles,
        Table::Sentences,
        Table::Quotes,
        Table::Speakers,
        Table::Entities,
        Table::Mentions,
    ];

    /// Every table, in the order files and sheets are written.
    pub const ALL: [Table; 8] = [
        Table::Articles,
        Table::Sentences,
        Table::Quotes,
        Table::Speakers,
        Table::SpeakersByName,
        Table::Entities,
        Table::Mentions,
        Table::Errors,
    ];

    /// The table's name: its file name without the extension (`quotes`).
    pub fn name(self) -> &'static str {
        let f = self.file_name();
        &f[..f.len() - ".csv".len()]
    }

    /// Position of the table's rows in [`Rows`], for the per-article tables.
    pub fn per_article_index(self) -> Option<usize> {
        Table::PER_ARTICLE.iter().position(|&t| t == self)
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Table::Articles => "articles.csv",
            Table::Sentences => "sentences.csv",
            Table::Quotes => "quotes.csv",
            Table::Speakers => "speakers.csv",
            Table::Entities => "entities.csv",
            Table::Mentions => "mentions.csv",
            Table::Errors => "errors.csv",
            Table::SpeakersByName => "speakers_by_name.csv",
        }
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Articles => &[
                "article_id",
                "source",
                "title",
                "dateline",
                "byline",
                "chars",
                "sentences",
                "quotes",
                "direct",
                "partial",
                "indirect",
                "speakers",
                "entities",
                "mentions",
                "boilerplate",
                "outlet",
                "published",
                "url",
                "byline_from",
                "wrapped",
            ],
            Table::Sentences => &[
                "article_id",
                "sentence",
                "paragraph",
                "start",
                "end",
                "text",
            ],
            Table::Quotes => &[
                "article_id",
                "quote_id",
                "type",
                "start",
                "end",
                "sentence",
                "speaker",
                "speaker_kind",
                "speaker_title",
                "speaker_mention",
                "speaker_start",
                "speaker_end",
                "cue",
                "rule",
                "text",
                "outlet",
                "published",
                "speaker_org",
                "speaker_entity",
                "speaker_gender",
                "speaker_gender_from",
            ],
            Table::Speakers => &[
                "article_id",
                "name",
                "kind",
                "title",
                "quotes",
                "words",
                "outlet",
                "published",
                "speaker_org",
                "speaker_entity",
                "speaker_gender",
                "speaker_gender_from",
            ],
            Table::Entities => &[
                "article_id",
                "entity_id",
                "type",
                "name",
                "mentions",
                "first",
            ],
            Table::Mentions => &[
                "article_id",
                "entity_id",
                "type",
                "start",
                "end",
                "text",
                "title",
                "rule",
            ],
            Table::Errors => &["article_id", "source", "kind", "message"],
            Table::SpeakersByName => &[
                "name", "kind", "articles", "quotes", "words", "gender", "org",
            ],
        }
    }
}

#[derive(Serialize)]
struct ArticleRow<'a> {
    article_id: Cow<'a, str>,
    source: Cow<'a, str>,
    title: Option<Cow<'a, str>>,
    dateline: Option<Cow<'a, str>>,
    byline: Cow<'a, str>,
    chars: usize,
    sentences: usize,
    quotes: usize,
    direct: usize,
    partial: usize,
    indirect: usize,
    speakers: usize,
    entities: usize,
    mentions: usize,
    boilerplate: usize,
    outlet: Option<Cow<'a, str>>,
    published: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
    byline_from: Option<&'a str>,
    wrapped: bool,
}

#[derive(Serialize)]
struct SentenceRow<'a> {
    article_id: Cow<'a, str>,
    sentence: usize,
    paragraph: usize,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct QuoteRow<'a> {
    article_id: Cow<'a, str>,
    quote_id: &'a str,
    #[serde(rename = "type")]
    kind: crate::record::QuoteKind,
    start: usize,
    end: usize,
    sentence: usize,
    speaker: Option<Cow<'a, str>>,
    speaker_kind: crate::record::SpeakerKind,
    speaker_title: Option<Cow<'a, str>>,
    speaker_mention: Option<Cow<'a, str>>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    cue: Option<Cow<'a, str>>,
    rule: &'a str,
    text: Cow<'a, str>,
    outlet: Option<Cow<'a, str>>,
    published: Option<Cow<'a, str>>,
    speaker_org: Option<Cow<'a, str>>,
    speaker_entity: Option<&'a str>,
    speaker_gender: crate::record::Gender,
    speaker_gender_from: Option<crate::record::GenderFrom>,
}

#[derive(Serialize)]
struct SpeakerRow<'a> {
    article_id: Cow<'a, str>,
    name: Cow<'a, str>,
    kind: crate::record::SpeakerKind,
    title: Option<Cow<'a, str>>,
    quotes: usize,
    words: usize,
    outlet: Option<Cow<'a, str>>,
    published: Option<Cow<'a, str>>,
    speaker_org: Option<Cow<'a, str>>,
    speaker_entity: Option<&'a str>,
    speaker_gender: crate::record::Gender,
    speaker_gender_from: Option<crate::record::GenderFrom>,
}

#[derive(Serialize)]
struct EntityRow<'a> {
    article_id: Cow<'a, str>,
    entity_id: &'a str,
    #[serde(rename = "type")]
    kind: crate::record::EntityType,
    name: Cow<'a, str>,
    mentions: usize,
    first: usize,
}

#[derive(Serialize)]
struct MentionRow<'a> {
    article_id: Cow<'a, str>,
    entity_id: &'a str,
    #[serde(rename = "type")]
    kind: crate::record::EntityType,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
    title: Option<Cow<'a, str>>,
    rule: &'a str,
}

#[derive(Serialize)]
struct ErrorRow<'a> {
    article_id: Cow<'a, str>,
    source: Cow<'a, str>,
    kind: &'a str,
    message: Cow<'a, str>,
}

#[derive(Serialize)]
pub struct SpeakerTotalRow<'a> {
    pub name: Cow<'a, str>,
    pub kind: crate::record::SpeakerKind,
    pub articles: usize,
    pub quotes: usize,
    pub words: usize,
    pub gender: crate::record::Gender,
    pub org: Cow<'a, str>,
}

/// One article's rows for each per-article table, already encoded.
pub type Rows = [Vec<u8>; 6];

/// Where the row structs go: CSV bytes here, typed cells for the workbook and Parquet
/// (`cells.rs`). Every format is fed by [`visit`], so their columns cannot drift apart.
pub trait RowOut {
    fn row<T: Serialize>(&mut self, table: Table, row: &T);
}

/// One CSV writer per per-article table.
struct CsvRows {
    writers: Vec<csv::Writer<Vec<u8>>>,
}

impl RowOut for CsvRows {
    fn row<T: Serialize>(&mut self, table: Table, row: &T) {
        let i = table.per_article_index().expect("a per-article table");
        self.writers[i].serialize(row).expect("writing to memory");
    }
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().expect("writing to memory")
}

/// Encodes one row into CSV bytes (no header).
fn encode<T: Serialize>(style: CsvStyle, row: T) -> Vec<u8> {
    let mut w = style.writer(Vec::new());
    w.serialize(row).expect("writing to memory");
    finish(w)
}

/// Renders one article's rows for every per-article table.
pub fn render(r: &ArticleRecord, style: CsvStyle) -> Rows {
    let mut out = CsvRows {
        writers: (0..6).map(|_| style.writer(Vec::new())).collect(),
    };
    visit(r, style, &mut out);
    let mut w = out.writers.into_iter().map(finish);
    std::array::from_fn(|_| w.next().expect("six tables"))
}

/// One table's rows, encoded straight into a file or stream; the first error is kept.
struct TableRows<W: std::io::Write> {
    table: Table,
    writer: csv::Writer<W>,
    error: Option<csv::Error>,
}

impl<W: std::io::Write> RowOut for TableRows<W> {
    fn row<T: Serialize>(&mut self, table: Table, row: &T) {
        if table == self.table && self.error.is_none() {
            self.error = self.writer.serialize(row).err();
        }
    }
}

/// Renders one article's rows of one per-article table into `out`, the same bytes as
/// [`render`] gives, without holding them (a large article's, rendered by its sink).
pub fn render_table(
    r: &ArticleRecord,
    style: CsvStyle,
    table: Table,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let mut rows = TableRows {
        table,
        writer: style.writer(out),
        error: None,
    };
    visit(r, style, &mut rows);
    match rows.error.map(csv::Error::into_kind) {
        None => {}
        Some(csv::ErrorKind::Io(e)) => return Err(e),
        Some(e) => return Err(std::io::Error::other(format!("{e:?}"))),
    }
    rows.writer.flush()
}

/// Hands one article's rows of every per-article table, in table order, to `out`.
pub fn visit(r: &ArticleRecord, style: CsvStyle, out: &mut impl RowOut) {
    use crate::record::QuoteKind::*;
    let c = |s| style.cell(s);
    let id = c(&r.id);
    let count = |k| r.quotes.iter().filter(|q| q.kind == k).count();
    let byline = r.byline.join("; ");
    // Repeated on every quote and speaker row so counts by outlet or month need no join.
    let outlet = style.opt(r.outlet.as_deref());
    let published = style.opt(r.published.as_deref());
    let article = ArticleRow {
        article_id: id.clone(),
        source: c(&r.source),
        title: style.opt(r.title.as_deref()),
        dateline: style.opt(r.dateline.as_ref().map(|d| d.text.as_str())),
        byline: c(&byline),
        chars: r.chars,
        sentences: r.sentences.len(),
        quotes: r.quotes.len(),
        direct: count(Direct),
        partial: count(Partial),
        indirect: count(Indirect),
        speakers: r.speakers.len(),
        entities: r.entities.len(),
        mentions: r.mentions.len(),
        boilerplate: r.boilerplate.len(),
        outlet: outlet.clone(),
        published: published.clone(),
        url: style.opt(r.url.as_deref()),
        byline_from: r.byline_from.map(|b| b.as_str()),
        wrapped: r.layout.wrapped,
    };
    out.row(Table::Articles, &article);
    for (i, s) in r.sentences.iter().enumerate() {
        let row = SentenceRow {
            article_id: id.clone(),
            sentence: i,
            paragraph: s.paragraph,
            start: s.start,
            end: s.end,
            text: c(&s.text),
        };
        out.row(Table::Sentences, &row);
    }
    for q in &r.quotes {
        let row = QuoteRow {
            article_id: id.clone(),
            quote_id: &q.id,
            kind: q.kind,
            start: q.start,
            end: q.end,
            sentence: q.sentence,
            speaker: style.opt(q.speaker.as_deref()),
            speaker_kind: q.speaker_kind,
            speaker_title: style.opt(q.speaker_title.as_deref()),
            speaker_mention: style.opt(q.speaker_mention.as_ref().map(|m| m.text.as_str())),
            speaker_start: q.speaker_mention.as_ref().map(|m| m.start),
            speaker_end: q.speaker_mention.as_ref().map(|m| m.end),
            cue: style.opt(q.cue.as_ref().map(|m| m.text.as_str())),
            rule: &q.rule,
            text: c(&q.text),
            outlet: outlet.clone(),
            published: published.clone(),
            speaker_org: style.opt(q.speaker_org.as_deref()),
            speaker_entity: q.speaker_entity.as_deref(),
            speaker_gender: q.speaker_gender,
            speaker_gender_from: q.speaker_gender_from,
        };
        out.row(Table::Quotes, &row);
    }
    for s in &r.speakers {
        let row = SpeakerRow {
            article_id: id.clone(),
            name: c(&s.name),
            kind: s.kind,
            title: style.opt(s.title.as_deref()),
            quotes: s.quotes,
            words: s.words,
            outlet: outlet.clone(),
            published: published.clone(),
            speaker_org: style.opt(s.org.as_deref()),
            speaker_entity: s.entity.as_deref(),
            speaker_gender: s.gender,
            speaker_gender_from: s.gender_from,
        };
        out.row(Table::Speakers, &row);
    }
    for e in &r.entities {
        let row = EntityRow {
            article_id: id.clone(),
            entity_id: &e.id,
            kind: e.kind,
            name: c(&e.name),
            mentions: e.mentions,
            first: e.first,
        };
        out.row(Table::Entities, &row);
    }
    for m in &r.mentions {
        let row = MentionRow {
            article_id: id.clone(),
            entity_id: &m.entity,
            kind: m.kind,
            start: m.start,
            end: m.end,
            text: c(&m.text),
            title: style.opt(m.title.as_deref()),
            rule: &m.rule,
        };
        out.row(Table::Mentions, &row);
    }
}

/// Hands one refused article's `errors` row to `out`.
pub fn visit_error(e: &ErrorRecord, style: CsvStyle, out: &mut impl RowOut) {
    let row = ErrorRow {
        article_id: style.cell(&e.article_id),
        source: style.cell(&e.source),
        kind: &e.kind,
        message: style.cell(&e.message),
    };
    out.row(Table::Errors, &row);
}

/// Hands one `speakers_by_name` row to `out`.
pub fn visit_speaker_total(row: SpeakerTotalRow<'_>, style: CsvStyle, out: &mut impl RowOut) {
    let name = style.cell(&row.name).into_owned();
    let org = style.cell(&row.org).into_owned();
    let row = SpeakerTotalRow {
        name: name.into(),
        org: org.into(),
        ..row
    };
    out.row(Table::SpeakersByName, &row);
}

/// Collects the CSV bytes of rows of tables other than the per-article ones.
struct OneRow {
    style: CsvStyle,
    bytes: Vec<u8>,
}

impl RowOut for OneRow {
    fn row<T: Serialize>(&mut self, _: Table, row: &T) {
        self.bytes.extend(encode(self.style, row));
    }
}

pub fn render_error(e: &ErrorRecord, style: CsvStyle) -> Vec<u8> {
    let mut out = OneRow {
        style,
        bytes: Vec::new(),
    };
    visit_error(e, style, &mut out);
    out.bytes
}

pub fn render_speaker_total(row: SpeakerTotalRow<'_>, style: CsvStyle) -> Vec<u8> {
    let mut out = OneRow {
        style,
        bytes: Vec::new(),
    };
    visit_speaker_total(row, style, &mut out);
    out.bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_style_neutralises_formula_cells_only() {
        let x = CsvStyle { excel: true };
        assert_eq!(x.cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(x.cell("+1"), "'+1");
        assert_eq!(x.cell("-2"), "'-2");
        assert_eq!(x.cell("@cmd"), "'@cmd");
        assert_eq!(x.cell("\tx"), "'\tx");
        assert_eq!(x.cell("plain = text"), "plain = text");
        assert_eq!(CsvStyle::default().cell("=SUM(A1)"), "=SUM(A1)");
    }

    #[test]
    fn excel_header_has_bom_and_crlf() {
        let h = CsvStyle { excel: true }.header(Table::Errors);
        assert!(h.starts_with("\u{feff}article_id,".as_bytes()));
        assert!(h.ends_with(b"message\r\n"));
        let plain = CsvStyle::default().header(Table::Errors);
        assert_eq!(plain, b"article_id,source,kind,message\n");
    }

    #[test]
    fn column_lists_match_row_structs() {
        // The header is written from `columns()`; rows from the structs: they must agree.
        let rec: ArticleRecord = serde_json::from_value(serde_json::json!({
            "id": "a", "source": "s", "title": null, "headline": null, "dateline": null,
            "dateline_place": null, "byline": [], "boilerplate": [], "chars": 2, "meta": {},
            "sentences": [{"start": 0, "end": 2, "text": "Hi", "paragraph": 0}],
            "quotes": [{"id": "q1", "type": "direct", "start": 0, "end": 2, "text": "Hi",
                        "speaker": null, "speaker_mention": null, "speaker_kind": "none",
                        "speaker_title": null, "cue": null, "sentence": 0, "rule": "r"}],
            "speakers": [{"name": "X", "kind": "named", "title": null, "quotes": 1, "words": 1}],
            "entities": [{"id": "e1", "type": "PERSON", "name": "X", "mentions": 1, "first": 0}],
            "mentions": [{"start": 0, "end": 1, "text": "X", "type": "PERSON", "entity": "e1",
                          "title": null, "rule": "r"}]
        }))
        .unwrap();
        let rows = render(&rec, CsvStyle::default());
        for (table, buf) in Table::PER_ARTICLE.iter().zip(&rows) {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(&buf[..]);
            let rec = rdr.records().next().unwrap().unwrap();
            assert_eq!(rec.len(), table.columns().len(), "{}", table.file_name());
        }
    }
}
