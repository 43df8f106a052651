//! The batch-level sections: totals, named/unnamed/organisation sources, gender, and how the
//! figures are counted.

use super::page::{Page, GENDER_SERIES, KIND_SERIES};
use super::summary::Summary;
use super::svg;
use super::tally::{ANONYMOUS, NAMED, ORGANIZATION};
use super::{esc, num, of, pct, share};

fn tile(value: &str, label: &str, detail: &str) -> String {
    format!("<div class=\"tile\"><b>{value}</b>{label}<br><span>{detail}</span></div>")
}

pub fn totals(p: &mut Page, s: &Summary) {
    p.section("totals");
    let errors: u64 = s.errors.iter().map(|e| e.1).sum();
    let types = s
        .quote_types
        .iter()
        .map(|(t, n)| format!("{} {}", esc(t), num(*n)))
        .collect::<Vec<_>>()
        .join(" · ");
    let sources: u64 = s.all.sources.iter().sum();
    let per = |n: u64| {
        if s.articles == 0 {
            "–".to_string()
        } else {
            format!("{:.1}", n as f64 / s.articles as f64)
        }
    };
    let mut tiles = vec![
        tile(
            &num(s.articles),
            "articles",
            &if errors > 0 {
                format!("and {} refused (errors.csv)", num(errors))
            } else {
                "none refused".into()
            },
        ),
        tile(&num(s.quotes), "quotes", &types),
        tile(
            &num(sources),
            "sources",
            &format!(
                "{} per article; a speaker counts once per article",
                per(sources)
            ),
        ),
        tile(
            &num(s.people.distinct),
            "named people quoted",
            "distinct names across the batch",
        ),
        tile(
            &num(s.organisations.distinct),
            "organisations quoted",
            "distinct names across the batch",
        ),
        tile(
            &num(s.sentences),
            "sentences",
            &format!("{} characters", num(s.chars)),
        ),
        tile(
            &num(s.mentions),
            "entity mentions",
            &format!("{} per article", per(s.mentions)),
        ),
    ];
    if let Some(o) = &s.outlets {
        let n = o.rows.len() as u64 + o.rest.as_ref().map_or(0, |r| r.0);
        tiles.push(tile(&num(n), "outlets", "articles.csv outlet"));
    }
    if let Some(m) = &s.months {
        let first = m.rows.first().map_or("", |r| r.0.as_str());
        let last = m.rows.last().map_or("", |r| r.0.as_str());
        let span = if first == last {
            esc(first)
        } else {
            format!("{} to {}", esc(first), esc(last))
        };
        let n = m.rows.len() as u64;
        let unit = if n == 1 {
            m.unit.to_string()
        } else {
            format!("{}s", m.unit)
        };
        tiles.push(tile(
            &num(n),
            &format!("{unit} of publication"),
            &format!("{span} (articles.csv published)"),
        ));
    }
    p.out.push_str("<div class=\"tiles\">");
    for t in tiles {
        p.out.push_str(&t);
    }
    p.out.push_str("</div>\n");
    if errors > 0 {
        let rows: Vec<Vec<String>> = s
            .errors
            .iter()
            .map(|(k, n)| vec![format!("<code>{}</code>", esc(k)), num(*n)])
            .collect();
        p.table("Articles refused, by kind", &["kind", "#articles"], &rows);
    }
    p.from(
        "<code>articles.csv</code> (one row per article), <code>quotes.csv</code> (one row per \
         quote) and <code>errors.csv</code> (one row per refused article).",
    );
    p.end_section();
}

pub fn sources(p: &mut Page, s: &Summary) {
    p.section("sources");
    let g = &s.all;
    let sources: u64 = g.sources.iter().sum();
    p.p(&format!(
        "A <em>source</em> is a speaker quoted in an article, counted once per article however \
         often quoted. Of the {} sources, {} are named people, {} are unnamed and {} are \
         organisations.",
        num(sources),
        share(g.sources[NAMED], sources),
        share(g.sources[ANONYMOUS], sources),
        share(g.sources[ORGANIZATION], sources),
    ));
    p.figure(&svg::shares(
        "chart-sources",
        "Sources and quotes by kind of speaker",
        &[
            ("Sources".into(), g.sources.to_vec()),
            ("Quotes".into(), g.quotes.to_vec()),
        ],
        &KIND_SERIES,
    ));
    let quotes: u64 = g.quotes.iter().sum();
    let meaning = [
        "a person the article names",
        "a person described, not named (“a senior official”)",
        "an organisation speaking (“the ministry said”)",
        "a pronoun with nothing before it to refer to",
        "a quotation with no speaker found",
        "a speaker kind newer than this report",
    ];
    let rows: Vec<Vec<String>> = (0..s.kinds.len())
        .filter(|&k| k < 5 || g.quotes[k] + g.sources[k] > 0)
        .map(|k| {
            vec![
                format!(
                    "{} <code>{}</code>",
                    esc(KIND_SERIES[k].label),
                    esc(s.kinds[k])
                ),
                meaning[k].into(),
                num(g.sources[k]),
                pct(g.sources[k], sources),
                num(g.quotes[k]),
                pct(g.quotes[k], quotes),
            ]
        })
        .collect();
    p.table(
        "",
        &[
            "speaker", "meaning", "#sources", "#share", "#quotes", "#share",
        ],
        &rows,
    );
    p.from(
        "<code>quotes.csv</code>: <code>speaker_kind</code> of each row; sources are its \
         distinct <code>speaker</code> values within each <code>article_id</code>.",
    );
    p.end_section();
}

pub fn gender(p: &mut Page, s: &Summary) {
    p.section("gender");
    let Some(g) = &s.gender else {
        p.note(
            "Not available in this output: <code>quotes.csv</code> has no \
             <code>speaker_gender</code> column, so the tables were written by a newsx that does \
             not tell speakers' gender. Rerun <code>newsx extract</code> with a version that \
             does, then this report again.",
        );
        p.end_section();
        return;
    };
    let named: u64 = g.named.iter().sum();
    let known = g.named[0] + g.named[1];
    p.p(&format!(
        "Of the {} named people quoted (sources), the article or the name tells the gender of \
         {}. Women are {} of those whose gender is known. The gender of {} is unknown: they are \
         shown, not guessed.",
        num(named),
        of(known, named),
        of(g.named[0], known),
        of(g.named[2], named),
    ));
    p.figure(&svg::shares(
        "chart-gender",
        "Gender of quoted people",
        &[
            ("Named people".into(), g.named.to_vec()),
            ("Unnamed sources".into(), g.unnamed.to_vec()),
            ("Quotes by people".into(), g.quotes.to_vec()),
        ],
        &GENDER_SERIES,
    ));
    let row = |name: &str, c: &[u64; 3]| {
        let total: u64 = c.iter().sum();
        let mut cells = vec![name.to_string()];
        cells.extend(c.iter().map(|&n| of(n, total)));
        cells
    };
    p.table(
        "",
        &["", "#female", "#male", "#unknown"],
        &[
            row("Named people (sources)", &g.named),
            row("Unnamed sources", &g.unnamed),
            row("Quotes by people", &g.quotes),
        ],
    );
    let methods: u64 = g.from.iter().map(|m| m.1).sum();
    let rows: Vec<Vec<String>> = g
        .from
        .iter()
        .map(|(m, n)| {
            let shown = if m.is_empty() { "(not given)" } else { m };
            vec![
                format!("<code>{}</code>", esc(shown)),
                gender_method(m).into(),
                of(*n, methods),
            ]
        })
        .collect();
    p.table(
        "What each known gender rests on",
        &["speaker_gender_from", "meaning", "#people (sources)"],
        &rows,
    );
    p.from(
        "<code>quotes.csv</code>: <code>speaker_gender</code> and <code>speaker_gender_from</code> \
         of the rows whose <code>speaker_kind</code> is <code>named</code> or \
         <code>anonymous</code>; a source takes the first gender its quotes give.",
    );
    p.end_section();
}

fn gender_method(from: &str) -> &'static str {
    match from {
        "pronoun" => "the article refers to the person as she or he",
        "honorific" => "an honorific: Ms., Mrs., Mr.",
        "title" => "a gendered title or role word: congresswoman, chairman, mother",
        "given_name" => {
            "the open table of given names, used only when the article itself gives nothing"
        }
        "rules" => "a name → gender table in the rule set, given by the audit",
        _ => "a method newer than this report",
    }
}

pub fn method(p: &mut Page) {
    p.section("method");
    p.out.push_str(
        "<dl class=\"defs\">\
<dt>Quote</dt><dd>A row of <code>quotes.csv</code>: a direct quotation (the words inside quotation \
marks), a partial one (a quoted fragment in the writer's sentence) or an indirect one (reported \
speech: “the minister said that …”).</dd>\
<dt>Source</dt><dd>A distinct speaker of the quotes of one article. A person quoted five times \
in one article is one source there; quoted in three articles, three sources. Audits of source \
diversity count sources; the quote counts are shown beside them.</dd>\
<dt>Named, unnamed, organisation</dt><dd>The quote's <code>speaker_kind</code>: \
<code>named</code> when the article names the person, <code>anonymous</code> when it only \
describes them, <code>organization</code> when a body speaks. Quotes whose speaker is a pronoun \
with no antecedent, or with no speaker found, count as quotes but not as sources.</dd>\
<dt>Gender</dt><dd>The quote's <code>speaker_gender</code> (female, male or unknown) and what it \
rests on, <code>speaker_gender_from</code>: the article's pronouns, honorifics and gendered \
titles first, the open table of given names only when the article gives nothing, or a table the \
audit supplies. “They” implies no gender and a surname never does. Shares of women are over the \
people whose gender is known; the unknown are shown beside them.</dd>\
<dt>Outlet and month</dt><dd>The article's <code>outlet</code> and <code>published</code>, as \
the input gave them. Months are read from the date as written, without time zones.</dd>\
<dt>Tracing a figure</dt><dd>Every ranked row lists the articles it counts (the first ones, \
with how to filter the table for the rest). The figures of this page are also in it as JSON: \
the <code>script</code> element with id <code>newsx-figures</code>.</dd>\
</dl>\n",
    );
    p.end_section();
}
