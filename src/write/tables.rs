//! CSV table sinks: one per per-article table, the errors table, and the batch's speaker totals.
//! Rows are rendered by `csv.rs` (per article, on worker threads); these sinks put them in files.

use std::collections::BTreeMap;
use std::io;

use crate::record::ErrorRecord;
use crate::record::{Gender, SpeakerKind};
use crate::write::csv::{self as csvw, CsvStyle, SpeakerTotalRow, Table};
use crate::write::sink::{Needs, Processed, Rendered, Sink, Staged, Totals};
use crate::write::Output;

/// One per-article table (`sentences.csv`, ...): its header, then each article's rows.
pub struct TableSink {
    table: Table,
    style: CsvStyle,
    /// Position of the table's rows in `Rows`.
    index: usize,
    out: Output,
}

impl TableSink {
    pub fn new(table: Table, style: CsvStyle, mut out: Output) -> io::Result<Self> {
        let index = Table::PER_ARTICLE
            .iter()
            .position(|&t| t == table)
            .expect("a per-article table");
        out.write(&style.header(table))?;
        Ok(TableSink {
            table,
            style,
            index,
            out,
        })
    }
}

impl Sink for TableSink {
    fn needs(&self) -> Needs {
        Needs {
            rows: true,
            ..Needs::default()
        }
    }

    fn article(&mut self, a: &Processed) -> io::Result<()> {
        match &a.rendered {
            Rendered::Ready { rows, .. } => {
                let rows = rows.as_ref().expect("rows rendered for a table sink");
                self.out.write(&rows[self.index])
            }
            Rendered::ByTheSinks { .. } => {
                csvw::render_table(a.to_render(), self.style, self.table, &mut self.out)
            }
        }
    }

    fn finish(self: Box<Self>, _: &Totals) -> io::Result<Vec<Staged>> {
        self.out.finish()
    }
}

/// `errors.csv`: one row per refused article.
pub struct ErrorTableSink {
    style: CsvStyle,
    out: Output,
}

impl ErrorTableSink {
    pub fn new(style: CsvStyle, mut out: Output) -> io::Result<Self> {
        out.write(&style.header(Table::Errors))?;
        Ok(ErrorTableSink { style, out })
    }
}

impl Sink for ErrorTableSink {
    fn article(&mut self, _: &Processed) -> io::Result<()> {
        Ok(())
    }

    fn error(&mut self, e: &ErrorRecord) -> io::Result<()> {
        self.out.write(&csvw::render_error(e, self.style))
    }

    fn finish(self: Box<Self>, _: &Totals) -> io::Result<Vec<Staged>> {
        self.out.finish()
    }
}

/// Each speaker's articles, quotes and words across the batch, for `speakers_by_name`.
#[derive(Default)]
pub struct SpeakerTotals {
    totals: BTreeMap<(String, SpeakerKind), Total>,
}

/// One speaker across the batch: [articles, quotes, words], the articles that gave them as
/// female and as male, and the organisations they spoke for with their article counts.
#[derive(Default)]
struct Total {
    counts: [usize; 3],
    genders: [usize; 2],
    orgs: BTreeMap<String, usize>,
}

impl Total {
    /// The gender most of their articles give; unknown when none does or they disagree evenly.
    fn gender(&self) -> Gender {
        let [f, m] = self.genders;
        match f.cmp(&m) {
            std::cmp::Ordering::Greater => Gender::Female,
            std::cmp::Ordering::Less => Gender::Male,
            std::cmp::Ordering::Equal => Gender::Unknown,
        }
    }

    /// The organisation most of their articles name (the first by name on a tie).
    fn org(&self) -> &str {
        let mut best: Option<(&String, usize)> = None;
        for (o, &n) in &self.orgs {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((o, n));
            }
        }
        best.map_or("", |(o, _)| o.as_str())
    }
}

impl SpeakerTotals {
    pub fn add(&mut self, a: &Processed) {
        for s in &a.speakers {
            let key = (s.name.clone(), s.kind);
            let t = self.totals.entry(key).or_default();
            t.counts[0] += 1;
            t.counts[1] += s.quotes;
            t.counts[2] += s.words;
            match s.gender {
                Gender::Female => t.genders[0] += 1,
                Gender::Male => t.genders[1] += 1,
                Gender::Unknown => {}
            }
            if let Some(o) = &s.org {
                *t.orgs.entry(o.clone()).or_default() += 1;
            }
        }
    }

    /// The rows, most-quoted first; ties by name so the order never depends on the run.
    pub fn rows(self) -> impl Iterator<Item = SpeakerTotalRow<'static>> {
        let mut totals: Vec<_> = self.totals.into_iter().collect();
        totals.sort_by(|a, b| {
            b.1.counts[1]
                .cmp(&a.1.counts[1])
                .then_with(|| a.0.cmp(&b.0))
        });
        totals.into_iter().map(|((name, kind), t)| {
            let [articles, quotes, words] = t.counts;
            SpeakerTotalRow {
                name: name.into(),
                kind,
                articles,
                quotes,
                words,
                gender: t.gender(),
                org: t.org().to_string().into(),
            }
        })
    }
}

/// `speakers_by_name.csv`: each speaker's articles, quotes and words across the batch.
pub struct SpeakerTotalsSink {
    style: CsvStyle,
    out: Output,
    totals: SpeakerTotals,
}

impl SpeakerTotalsSink {
    pub fn new(style: CsvStyle, out: Output) -> Self {
        SpeakerTotalsSink {
            style,
            out,
            totals: SpeakerTotals::default(),
        }
    }
}

impl Sink for SpeakerTotalsSink {
    fn article(&mut self, a: &Processed) -> io::Result<()> {
        self.totals.add(a);
        Ok(())
    }

    fn finish(mut self: Box<Self>, _: &Totals) -> io::Result<Vec<Staged>> {
        self.out.write(&self.style.header(Table::SpeakersByName))?;
        for row in std::mem::take(&mut self.totals).rows() {
            self.out
                .write(&csvw::render_speaker_total(row, self.style))?;
        }
        self.out.finish()
    }
}
