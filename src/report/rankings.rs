//! The ranked sections: the most quoted people and organisations, the most mentioned entities,
//! the phrases for unnamed sources and the articles with the most of them. Each row is traced to
//! the articles it counts.

use super::page::{trace, Page, KIND_SERIES};
use super::summary::{Ranking, Summary};
use super::svg;
use super::tally::{ANONYMOUS, NAMED, ORGANIZATION};
use super::{esc, num, of};

/// Bars drawn for a ranking: the first rows; the table below the chart has them all.
const CHART_ROWS: usize = 10;

fn chart_rows(r: &Ranking) -> Vec<(String, u64)> {
    r.rows
        .iter()
        .take(CHART_ROWS)
        .map(|x| (x.name.clone(), x.value))
        .collect()
}

fn gender_label(counts: &[u64; 3]) -> String {
    match counts {
        [f, 0, _] if *f > 0 => "female".into(),
        [0, m, _] if *m > 0 => "male".into(),
        [0, 0, _] => "unknown".into(),
        [f, m, _] => format!("female in {f}, male in {m} articles"),
    }
}

/// What a ranking shows: its chart's id, what its rows are, the bars' colour.
struct Ranked {
    id: &'static str,
    what: &'static str,
    fill: &'static str,
    with_gender: bool,
}

fn ranking(p: &mut Page, r: &Ranking, how: &Ranked) {
    let what = how.what;
    if r.rows.is_empty() {
        p.p(&format!("No {what} in this output."));
        return;
    }
    p.figure(&svg::bars(
        how.id,
        &format!(
            "Quotes of the {} most quoted {what}",
            r.rows.len().min(CHART_ROWS)
        ),
        &chart_rows(r),
        how.fill,
    ));
    let mut head = vec!["#rank", "name", "#quotes", "#articles"];
    if how.with_gender {
        head.push("gender");
    }
    head.push("article ids");
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut cells = vec![
                (i + 1).to_string(),
                esc(&x.name),
                num(x.value),
                num(x.articles),
            ];
            if how.with_gender {
                cells.push(gender_label(&x.gender));
            }
            cells.push(trace(x, "quotes.csv rows whose speaker is"));
            cells
        })
        .collect();
    p.table(
        &format!(
            "The {} most quoted of {} distinct {what}",
            r.rows.len(),
            num(r.distinct)
        ),
        &head,
        &rows,
    );
}

pub fn people(p: &mut Page, s: &Summary) {
    p.section("people");
    p.out.push_str("<h3>People</h3>\n");
    ranking(
        p,
        &s.people,
        &Ranked {
            id: "chart-people",
            what: "named people",
            fill: KIND_SERIES[NAMED].fill,
            with_gender: s.gender.is_some(),
        },
    );
    p.out.push_str("<h3>Organisations</h3>\n");
    ranking(
        p,
        &s.organisations,
        &Ranked {
            id: "chart-organisations",
            what: "organisations",
            fill: KIND_SERIES[ORGANIZATION].fill,
            with_gender: false,
        },
    );
    p.from(
        "<code>quotes.csv</code> rows whose <code>speaker_kind</code> is <code>named</code> or \
         <code>organization</code>, grouped by <code>speaker</code>; articles counts the \
         distinct <code>article_id</code>s. Names are counted as newsx wrote them: two spellings \
         of one person are two rows.",
    );
    p.end_section();
}

fn entity_type_name(kind: &str) -> &'static str {
    match kind {
        "PERSON" => "People",
        "ORG" => "Organisations",
        "GPE" => "Countries, cities, states",
        "LOC" => "Other places",
        "FAC" => "Buildings and facilities",
        "NORP" => "Nationalities, religious and political groups",
        "EVENT" => "Events",
        "PRODUCT" => "Products",
        _ => "Other",
    }
}

pub fn entities(p: &mut Page, s: &Summary) {
    p.section("entities");
    let Some(types) = &s.entity_types else {
        p.note("Not available: this output has no <code>entities.csv</code>.");
        p.end_section();
        return;
    };
    if types.is_empty() {
        p.p("No entity is mentioned in this output.");
    }
    p.out.push_str("<div class=\"grid\">\n");
    for t in types {
        let rows: Vec<Vec<String>> = t
            .ranking
            .rows
            .iter()
            .map(|x| {
                vec![
                    esc(&x.name),
                    num(x.value),
                    trace(x, "entities.csv rows whose name is"),
                ]
            })
            .collect();
        p.out.push_str("<div>");
        p.table(
            &format!(
                "{} <code>{}</code>: {} mentions of {} entities",
                entity_type_name(&t.kind),
                esc(&t.kind),
                num(t.mentions),
                num(t.ranking.distinct)
            ),
            &["name", "#mentions", "articles"],
            &rows,
        );
        p.out.push_str("</div>\n");
    }
    p.out.push_str("</div>\n");
    p.from(
        "<code>entities.csv</code>: one row per entity per article; mentions adds up its \
         <code>mentions</code> column, grouped by <code>type</code> and <code>name</code>.",
    );
    p.end_section();
}

pub fn phrases(p: &mut Page, s: &Summary) {
    p.section("phrases");
    ranking(
        p,
        &s.phrases,
        &Ranked {
            id: "chart-phrases",
            what: "descriptions of unnamed sources",
            fill: KIND_SERIES[ANONYMOUS].fill,
            with_gender: false,
        },
    );
    p.from(
        "<code>quotes.csv</code> rows whose <code>speaker_kind</code> is <code>anonymous</code>, \
         grouped by <code>speaker</code> ignoring case.",
    );
    p.end_section();
}

pub fn unnamed(p: &mut Page, s: &Summary) {
    p.section("unnamed");
    p.p(&format!(
        "{} quote at least one unnamed source.",
        of(s.articles_with_unnamed, s.articles)
    ));
    if !s.unnamed_articles.is_empty() {
        let rows: Vec<Vec<String>> = s
            .unnamed_articles
            .iter()
            .map(|a| {
                vec![
                    format!("<code>{}</code>", esc(&a.id)),
                    esc(&a.title),
                    esc(&a.outlet),
                    format!(
                        "{} of {}",
                        num(a.anonymous_sources.into()),
                        num(a.sources.into())
                    ),
                    format!(
                        "{} of {}",
                        num(a.anonymous_quotes.into()),
                        num(a.quotes.into())
                    ),
                ]
            })
            .collect();
        p.table(
            &format!(
                "The {} articles with the most unnamed sources",
                s.unnamed_articles.len()
            ),
            &[
                "article_id",
                "title",
                "outlet",
                "#unnamed sources",
                "#unnamed quotes",
            ],
            &rows,
        );
    }
    p.from(
        "<code>quotes.csv</code> rows of each <code>article_id</code> whose \
         <code>speaker_kind</code> is <code>anonymous</code>; titles and outlets from \
         <code>articles.csv</code>. Ties keep input order.",
    );
    p.end_section();
}
