//! The sections by outlet and by month: the source kinds (and women among named people) of each
//! group of articles, drawn as shares per outlet and as a timeline.

use super::page::{sum_row, Page, KIND_SERIES};
use super::summary::{Groups, Summary};
use super::svg;
use super::tally::{Group, ANONYMOUS, NAMED, ORGANIZATION};
use super::{esc, num, of, share};

/// Named, unnamed and organisation counts with their shares, the figures most sections show.
fn kind_cells(g: &Group) -> Vec<String> {
    let sources: u64 = g.sources.iter().sum();
    [NAMED, ANONYMOUS, ORGANIZATION]
        .iter()
        .map(|&k| share(g.sources[k], sources))
        .collect()
}

pub fn groups(p: &mut Page, s: &Summary, groups: Option<&Groups>, id: &str) {
    p.section(id);
    let field = if id == "outlets" {
        "outlet"
    } else {
        "published"
    };
    let Some(g) = groups else {
        p.note(&format!(
            "No {} in this output: no row of <code>articles.csv</code> has a{} \
             <code>{field}</code>. Give the articles an <code>{field}</code> field in the JSON \
             Lines input to see the figures {}.",
            if id == "outlets" { "outlets" } else { "dates" },
            if id == "outlets" { "n" } else { "" },
            if id == "outlets" {
                "per outlet"
            } else {
                "per month"
            },
        ));
        if id == "months" && s.unreadable_months > 0 {
            unreadable(p, s);
        }
        p.end_section();
        return;
    };
    let kinds = |g: &Group| {
        vec![
            g.sources[NAMED],
            g.sources[ANONYMOUS],
            g.sources[ORGANIZATION],
        ]
    };
    let series = &KIND_SERIES[..3];
    let chart_rows: Vec<(String, Vec<u64>)> = g
        .rows
        .iter()
        .map(|(n, grp)| (n.clone(), kinds(grp)))
        .collect();
    if id == "outlets" {
        p.figure(&svg::shares(
            "chart-outlets",
            "Sources by kind, per outlet",
            &chart_rows,
            series,
        ));
    } else {
        p.figure(&svg::timeline(
            "chart-months",
            &format!("Sources by kind, per {}", g.unit),
            &chart_rows,
            series,
        ));
    }
    let with_gender = s.gender.is_some();
    let row = |name: String, grp: &Group| {
        let mut cells = vec![
            name,
            num(grp.articles),
            num(grp.quotes.iter().sum()),
            num(grp.sources.iter().sum()),
        ];
        cells.extend(kind_cells(grp));
        if with_gender {
            let known = grp.named_gender[0] + grp.named_gender[1];
            cells.push(of(grp.named_gender[0], known));
        }
        cells
    };
    let mut rows: Vec<Vec<String>> = g.rows.iter().map(|(n, grp)| row(esc(n), grp)).collect();
    if let Some((n, rest)) = &g.rest {
        rows.push(sum_row(row(format!("{} other {}s", num(*n), g.unit), rest)));
    }
    if g.without.articles > 0 {
        let label = if id == "outlets" {
            "no outlet given".to_string()
        } else {
            "no readable date".to_string()
        };
        rows.push(sum_row(row(label, &g.without)));
    }
    let mut head = vec![
        g.unit,
        "#articles",
        "#quotes",
        "#sources",
        "#named",
        "#unnamed",
        "#organisation",
    ];
    if with_gender {
        head.push("#women among named people of known gender");
    }
    // a long timeline's table is folded under its chart (and printed unfolded)
    let fold = id == "months" && g.rows.len() > 12;
    if fold {
        p.out.push_str(&format!(
            "<details><summary>The figures of the {} {}s as a table</summary>\n",
            g.rows.len(),
            g.unit
        ));
    }
    p.table("", &head, &rows);
    if fold {
        p.out.push_str("</details>\n");
    }
    if id == "months" && s.unreadable_months > 0 {
        unreadable(p, s);
    }
    p.from(&format!(
        "<code>articles.csv</code> <code>{field}</code>{}, joined to <code>quotes.csv</code> on \
         <code>article_id</code> (quotes.csv also carries <code>{field}</code>, to filter the rows \
         of a line).",
        if id == "months" {
            ", the month as written (ISO dates, RFC 2822 dates, month names with a year)"
        } else {
            ""
        }
    ));
    p.end_section();
}

fn unreadable(p: &mut Page, s: &Summary) {
    p.note(&format!(
        "{} articles have a <code>published</code> value with no month this report can read \
         (for example <code>{}</code>); they are counted under “no readable date”. Dates such as \
         03/04/2026 are ambiguous between countries and are not read.",
        num(s.unreadable_months),
        esc(s.unreadable_example.as_deref().unwrap_or(""))
    ));
}
