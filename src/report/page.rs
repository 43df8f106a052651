//! The report page's frame: head, style sheet, contents, the figures as JSON, and the table and
//! traceability helpers every section uses.

use std::fmt::Write;

use super::summary::{Row, Summary};
use super::svg::Series;
use super::{esc, num};
use super::{groups, overview, rankings};

/// `speaker_kind` colours (Okabe and Ito's palette, readable with colour-blindness) and the ink
/// that reaches 4.5:1 contrast on each.
pub const KIND_SERIES: [Series; 6] = [
    Series {
        label: "named",
        fill: "#0072B2",
        ink: "#ffffff",
    },
    Series {
        label: "unnamed",
        fill: "#E69F00",
        ink: "#000000",
    },
    Series {
        label: "organisation",
        fill: "#009E73",
        ink: "#000000",
    },
    Series {
        label: "pronoun, unresolved",
        fill: "#CC79A7",
        ink: "#000000",
    },
    Series {
        label: "no speaker found",
        fill: "#C8C8C8",
        ink: "#000000",
    },
    Series {
        label: "other",
        fill: "#F0E442",
        ink: "#000000",
    },
];

pub const GENDER_SERIES: [Series; 3] = [
    Series {
        label: "female",
        fill: "#D55E00",
        ink: "#000000",
    },
    Series {
        label: "male",
        fill: "#56B4E9",
        ink: "#000000",
    },
    Series {
        label: "unknown",
        fill: "#C8C8C8",
        ink: "#000000",
    },
];

const STYLE: &str = r#"
:root { --ink: #1a1a1a; --muted: #555; --rule: #d9d9d9; --link: #005a8c; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: #fff; margin: 0 auto; max-width: 980px; padding: 24px 28px 64px; }
header h1 { font-size: 28px; margin: 0 0 4px; }
header p { margin: 0; color: var(--muted); }
h2 { font-size: 21px; margin: 44px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 24px 0 6px; }
p { margin: 6px 0; max-width: 72ch; }
.from { color: var(--muted); font-size: 13px; }
.from code, td code { font-size: 12px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f3f3f3; padding: 0 3px; border-radius: 3px; }
nav { margin: 18px 0 8px; padding: 10px 16px; border: 1px solid var(--rule); border-radius: 6px; }
nav ol { margin: 0; padding-left: 20px; columns: 2; }
a { color: var(--link); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; margin: 12px 0; }
.tile { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; }
.tile b { display: block; font-size: 24px; font-variant-numeric: tabular-nums; }
.tile span { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--ink); }
.n { text-align: right; white-space: nowrap; }
tr.sum td { font-style: italic; color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 0 28px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 10px 0; }
svg.chart .label, svg.chart .value, svg.chart .legend { font: 13px system-ui, sans-serif; fill: var(--ink); }
svg.chart .inbar { font: 600 12px system-ui, sans-serif; }
svg.chart .axis { font: 11px system-ui, sans-serif; fill: var(--muted); }
details summary { cursor: pointer; color: var(--link); font-size: 13px; }
.ids { font-size: 12px; margin: 2px 0 6px; overflow-wrap: anywhere; }
.note { border-left: 4px solid #E69F00; padding: 6px 12px; background: #fff8e6; max-width: none; }
dl.defs dt { font-weight: 600; margin-top: 8px; }
dl.defs dd { margin: 0 0 0 18px; max-width: 72ch; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  section, figure, table { break-inside: avoid-page; }
  details::details-content { content-visibility: visible; display: block; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The sections in page order: anchor and heading, as the contents list shows them.
pub const SECTIONS: [(&str, &str); 10] = [
    ("totals", "The batch at a glance"),
    ("sources", "Named, unnamed and organisation sources"),
    ("gender", "Gender of quoted people"),
    ("people", "Most quoted people and organisations"),
    ("outlets", "By outlet"),
    ("months", "By month"),
    ("entities", "Most mentioned entities by type"),
    ("phrases", "Phrases for unnamed sources"),
    ("unnamed", "Articles with the most unnamed sources"),
    ("method", "How the figures are counted"),
];

pub fn render(s: &Summary, dir_name: &str) -> String {
    let mut out = String::with_capacity(64 << 10);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsx {version}">
<title>newsx report: {dir}</title>
<style>{STYLE}</style>
</head>
<body>
<header><h1>Quotes and sources in {dir}</h1>
<p>{articles} articles, read from the CSV tables of <code>{dir}</code> by newsx {version}.</p></header>
<nav aria-label="Contents"><ol>"#,
        version = env!("CARGO_PKG_VERSION"),
        dir = esc(dir_name),
        articles = num(s.articles),
    );
    for (id, heading) in SECTIONS {
        let _ = write!(out, r##"<li><a href="#{id}">{heading}</a></li>"##);
    }
    out.push_str("</ol></nav>\n<main>\n");
    let mut p = Page { out };
    overview::totals(&mut p, s);
    overview::sources(&mut p, s);
    overview::gender(&mut p, s);
    rankings::people(&mut p, s);
    groups::groups(&mut p, s, s.outlets.as_ref(), "outlets");
    groups::groups(&mut p, s, s.months.as_ref(), "months");
    rankings::entities(&mut p, s);
    rankings::phrases(&mut p, s);
    rankings::unnamed(&mut p, s);
    overview::method(&mut p);
    let mut out = p.out;
    out.push_str("</main>\n");
    // The figures for programs and tests; `<` escaped so no text can end the block.
    let json = serde_json::to_string(s)
        .expect("figures serialise")
        .replace('<', "\\u003c");
    let _ = write!(
        out,
        "<script type=\"application/json\" id=\"newsx-figures\">{json}</script>\n</body>\n</html>\n"
    );
    out
}

/// The page being written, with the pieces the sections share.
pub struct Page {
    pub out: String,
}

impl Page {
    pub fn section(&mut self, id: &str) {
        let heading = SECTIONS
            .iter()
            .find(|(i, _)| *i == id)
            .map_or(id, |(_, h)| h);
        let _ = write!(
            self.out,
            "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{heading}</h2>\n"
        );
    }

    pub fn end_section(&mut self) {
        self.out.push_str("</section>\n");
    }

    /// A paragraph of HTML written by the caller (its text already escaped).
    pub fn p(&mut self, html: &str) {
        let _ = writeln!(self.out, "<p>{html}</p>");
    }

    /// Which rows of which table a figure counts.
    pub fn from(&mut self, html: &str) {
        let _ = writeln!(self.out, "<p class=\"from\">From {html}</p>");
    }

    pub fn note(&mut self, html: &str) {
        let _ = writeln!(self.out, "<p class=\"note\">{html}</p>");
    }

    pub fn figure(&mut self, svg: &str) {
        let _ = writeln!(self.out, "<figure>{svg}</figure>");
    }

    /// A table: `head` cells (a leading `#` right-aligns a numeric column), rows of HTML cells.
    pub fn table(&mut self, caption: &str, head: &[&str], rows: &[Vec<String>]) {
        let numeric: Vec<bool> = head.iter().map(|h| h.starts_with('#')).collect();
        let _ = write!(self.out, "<table>");
        if !caption.is_empty() {
            let _ = write!(self.out, "<caption>{caption}</caption>");
        }
        self.out.push_str("<thead><tr>");
        for h in head {
            let (class, text) = match h.strip_prefix('#') {
                Some(t) => (" class=\"n\"", t),
                None => ("", *h),
            };
            let _ = write!(self.out, "<th scope=\"col\"{class}>{text}</th>");
        }
        self.out.push_str("</tr></thead><tbody>\n");
        for row in rows {
            let (class, cells) = match row.first().map(String::as_str) {
                Some("\u{1}sum") => (" class=\"sum\"", &row[1..]),
                _ => ("", &row[..]),
            };
            let _ = write!(self.out, "<tr{class}>");
            for (i, cell) in cells.iter().enumerate() {
                let class = if numeric.get(i) == Some(&true) {
                    " class=\"n\""
                } else {
                    ""
                };
                let _ = write!(self.out, "<td{class}>{cell}</td>");
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table>\n");
    }
}

/// Marks a table row as a sum or remainder row (shown in italics).
pub fn sum_row(mut cells: Vec<String>) -> Vec<String> {
    cells.insert(0, "\u{1}sum".into());
    cells
}

/// The article ids a row counts, folded away: all of them when few, else the first ones and how
/// to find the rest.
pub fn trace(row: &Row, what: &str) -> String {
    let shown = row.sample_ids.len() as u64;
    let ids = row
        .sample_ids
        .iter()
        .map(|id| esc(id))
        .collect::<Vec<_>>()
        .join(", ");
    let more = if row.articles > shown {
        format!(
            "; the first {} of {} articles; the rest are in the {what} <code>{}</code>",
            num(shown),
            num(row.articles),
            esc(&row.name)
        )
    } else {
        String::new()
    };
    let noun = if row.articles == 1 {
        "article"
    } else {
        "articles"
    };
    format!(
        "<details><summary>{} {noun}</summary><p class=\"ids\">{ids}{more}</p></details>",
        num(row.articles)
    )
}
