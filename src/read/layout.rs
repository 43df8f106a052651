//! The shape of an article: paragraphs, headline, dateline, bylines and trailing boilerplate.
//! Nothing is removed from the text; these are spans into it.

use regex::Regex;
use serde::Deserialize;

use crate::rules::{compile_regex, RuleError, RuleFile, RuleSet};
use crate::text::Span;

pub const RULE_FILES: &[RuleFile] = &[RuleFile {
    name: "layout.json",
    builtin: include_str!("../../rules/layout.json"),
}];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    boilerplate_lines: Vec<String>,
    boilerplate_prefixes: Vec<String>,
    dateline: String,
    byline: String,
    contributor: String,
    credit: String,
    credit_separator: String,
    name_separator: String,
    headline_max_words: usize,
}

pub struct LayoutRules {
    boilerplate_lines: Vec<String>,
    boilerplate_prefixes: Vec<String>,
    dateline: Regex,
    byline: Regex,
    contributor: Regex,
    credit: Regex,
    credit_separator: Regex,
    name_separator: Regex,
    headline_max_words: usize,
}

impl LayoutRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        const F: &str = "layout.json";
        let f: LayoutFile = set.parse(F)?;
        for (field, re) in [
            ("dateline", &f.dateline),
            ("byline", &f.byline),
            ("contributor", &f.contributor),
            ("credit", &f.credit),
        ] {
            let r = compile_regex(set, F, field, re)?;
            if field != "dateline" && r.capture_names().all(|n| n != Some("names")) {
                return Err(RuleError::field(
                    &set.origin(F),
                    field,
                    "needs a (?P<names>...) group",
                ));
            }
        }
        Ok(LayoutRules {
            boilerplate_lines: f
                .boilerplate_lines
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            boilerplate_prefixes: f
                .boilerplate_prefixes
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            dateline: compile_regex(set, F, "dateline", &f.dateline)?,
            byline: compile_regex(set, F, "byline", &f.byline)?,
            contributor: compile_regex(set, F, "contributor", &f.contributor)?,
            credit: compile_regex(set, F, "credit", &f.credit)?,
            credit_separator: compile_regex(set, F, "credit_separator", &f.credit_separator)?,
            name_separator: compile_regex(set, F, "name_separator", &f.name_separator)?,
            headline_max_words: f.headline_max_words,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Non-blank lines, trimmed of surrounding whitespace, boilerplate included.
    pub paragraphs: Vec<Span>,
    pub headline: Option<Span>,
    /// The whole dateline before its dash (`WASHINGTON (AP)`), and its place (`WASHINGTON`).
    pub dateline: Option<Span>,
    pub dateline_place: Option<Span>,
    /// Paragraphs that are bylines or contributor lines, and the names in them.
    pub credit_lines: Vec<Span>,
    pub byline: Vec<String>,
    /// Trailing boilerplate paragraphs: excluded from sentences, quotes and entities.
    pub boilerplate: Vec<Span>,
}

impl Layout {
    /// Paragraphs that carry the article's content (boilerplate left out), with their index.
    pub fn body(&self) -> impl Iterator<Item = (usize, Span)> + '_ {
        let end = self.boilerplate.first().map_or(usize::MAX, |b| b.start);
        self.paragraphs
            .iter()
            .copied()
            .enumerate()
            .filter(move |(_, p)| p.start < end)
    }

    pub fn is_credit_line(&self, span: Span) -> bool {
        self.credit_lines.iter().any(|c| c.overlaps(span))
    }
}

/// Splits the text into paragraphs (one per non-blank line) and finds headline, dateline,
/// bylines and trailing boilerplate.
pub fn analyse(text: &str, title: Option<&str>, rules: &LayoutRules) -> Layout {
    let paragraphs = paragraphs(text);
    let mut layout = Layout {
        paragraphs,
        ..Layout::default()
    };
    let paras = layout.paragraphs.clone();

    // Boilerplate: trailing paragraphs from the rule list, read from the end backwards.
    let mut first_boiler = paras.len();
    while first_boiler > 1 && is_boilerplate(paras[first_boiler - 1].of(text), rules) {
        first_boiler -= 1;
    }
    layout.boilerplate = paras[first_boiler..].to_vec();
    let body = &paras[..first_boiler];

    // Headline: a first paragraph that reads as one, unless the input gave a title that differs.
    let mut next = 0;
    if let Some(first) = body.first() {
        let line = first.of(text);
        let matches_title = title.is_some_and(|t| t.trim() == line);
        if body.len() > 1
            && (matches_title || title.is_none())
            && reads_as_headline(text, *first, body[1], rules)
        {
            layout.headline = Some(*first);
            next = 1;
        }
    }

    // Bylines sit near the top; contributor and credit lines near the bottom.
    for (i, p) in body.iter().enumerate() {
        let line = p.of(text);
        let near_top = i < next + 3;
        let near_bottom = i + 4 >= body.len();
        if near_top {
            if let Some(c) = rules.byline.captures(line) {
                layout.credit_lines.push(*p);
                push_names(&mut layout.byline, &c["names"], rules);
                continue;
            }
        }
        if near_bottom && i > 0 {
            if let Some(c) = rules.contributor.captures(line) {
                layout.credit_lines.push(*p);
                push_names(&mut layout.byline, &c["names"], rules);
            } else if let Some(c) = rules.credit.captures(line) {
                layout.credit_lines.push(*p);
                for part in rules.credit_separator.split(&c["names"]) {
                    push_names(&mut layout.byline, part, rules);
                }
            }
        }
    }

    // Dateline: the start of the first content paragraph after headline and bylines.
    if let Some(p) = body
        .iter()
        .skip(next)
        .find(|p| !layout.credit_lines.contains(p))
    {
        let line = p.of(text);
        if let Some(c) = rules.dateline.captures(line) {
            let place = c.name("place").unwrap();
            let whole = c.get(0).unwrap();
            let dash_end = whole.as_str().trim_end().len();
            let dash_start = whole.as_str()[..dash_end]
                .char_indices()
                .rev()
                .find(|(_, ch)| !matches!(ch, '—' | '–' | '-'))
                .map_or(0, |(i, ch)| i + ch.len_utf8());
            let before_dash = whole.as_str()[..dash_start].trim_end().len();
            // A sentence that starts with a capitalised word and a dash is not a dateline:
            // require an all-caps place.
            let place_str = place.as_str();
            if place_str.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !place_str.chars().any(|c| c.is_lowercase())
                || place_str.contains(", ")
            {
                let start = p.start;
                layout.dateline = Some(Span::new(start, start + before_dash));
                let place_end = place_str.split(", ").next().unwrap().len();
                layout.dateline_place = Some(Span::new(start, start + place_end));
                if place_str
                    .split(", ")
                    .next()
                    .unwrap()
                    .chars()
                    .any(|c| c.is_lowercase())
                {
                    layout.dateline = None;
                    layout.dateline_place = None;
                }
            }
        }
    }
    layout
}

fn push_names(out: &mut Vec<String>, names: &str, rules: &LayoutRules) {
    for name in rules.name_separator.split(names) {
        let name = name.trim().trim_end_matches('.').trim();
        if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_uppercase()) {
            out.push(name.to_string());
        }
    }
}

fn is_boilerplate(line: &str, rules: &LayoutRules) -> bool {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_end_matches(['.', ':', '!', '»', '›', '>', ' ']);
    rules.boilerplate_lines.iter().any(|b| *b == bare)
        || rules
            .boilerplate_prefixes
            .iter()
            .any(|p| lower.starts_with(p.as_str()))
}

fn reads_as_headline(text: &str, first: Span, second: Span, rules: &LayoutRules) -> bool {
    let line = first.of(text);
    let last = line.chars().next_back().unwrap_or('.');
    let words = line.split_whitespace().count();
    // A paragraph break after the headline: a blank line, or the line ends where the next starts.
    let gap = &text[first.end..second.start];
    let broken = gap.contains('\n');
    broken
        && !matches!(last, '.' | ',' | ';' | '—' | '-' | '“' | '"')
        && words <= rules.headline_max_words
        && !rules.dateline.is_match(line)
}

/// One paragraph per non-blank line, trimmed of surrounding whitespace.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let trimmed_start = start + (line.len() - line.trim_start().len());
        let trimmed_end = start + line.trim_end().len();
        if trimmed_end > trimmed_start {
            out.push(Span::new(trimmed_start, trimmed_end));
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn layout(text: &str) -> Layout {
        analyse(text, None, &Rules::builtin().layout)
    }

    #[test]
    fn paragraphs_split_on_single_and_blank_lines_and_keep_crlf_outside() {
        let text = "One.\r\nTwo.\r\n\r\n  Three.  \n";
        let p: Vec<_> = paragraphs(text).iter().map(|s| s.of(text)).collect();
        assert_eq!(p, ["One.", "Two.", "Three."]);
    }

    #[test]
    fn datelines_in_wire_styles() {
        for (text, dateline, place) in [
            ("MUNICH — For years, talks stalled.", "MUNICH", "MUNICH"),
            (
                "WASHINGTON (AP) — The Senate voted.",
                "WASHINGTON (AP)",
                "WASHINGTON",
            ),
            (
                "LONDON, Jan 5 (Reuters) - Shares fell.",
                "LONDON, Jan 5 (Reuters)",
                "LONDON",
            ),
            ("NAIROBI, Kenya — Rain fell.", "NAIROBI, Kenya", "NAIROBI"),
            ("SÃO PAULO — Prices rose.", "SÃO PAULO", "SÃO PAULO"),
        ] {
            let l = layout(text);
            assert_eq!(l.dateline.map(|s| s.of(text)), Some(dateline), "{text}");
            assert_eq!(l.dateline_place.map(|s| s.of(text)), Some(place), "{text}");
        }
    }

    #[test]
    fn a_capitalised_word_before_a_dash_is_not_a_dateline() {
        assert_eq!(
            layout("Territory — the main point — is open.").dateline,
            None
        );
        assert_eq!(layout("I — for one — agree.").dateline, None);
    }

    #[test]
    fn headline_byline_contributors_and_boilerplate() {
        let text = "Bridge vote delayed again\n\nBy Jane Roe and John Doe\n\nPORTO — The vote was delayed.\nIt was the third delay.\nAnna Petrova and Tom Lee contributed to this report.\n\n\nFollow\nShare\n";
        let l = layout(text);
        assert_eq!(
            l.headline.map(|s| s.of(text)),
            Some("Bridge vote delayed again")
        );
        assert_eq!(
            l.byline,
            ["Jane Roe", "John Doe", "Anna Petrova", "Tom Lee"]
        );
        assert_eq!(
            l.boilerplate.iter().map(|s| s.of(text)).collect::<Vec<_>>(),
            ["Follow", "Share"]
        );
        assert_eq!(l.dateline.map(|s| s.of(text)), Some("PORTO"));
        assert_eq!(l.body().count(), 5);
    }

    #[test]
    fn reuters_credit_line() {
        let text =
            "Shares fell on Monday.\nReporting by Ana Lukić and Tom Lee; Editing by Mark Potter";
        assert_eq!(layout(text).byline, ["Ana Lukić", "Tom Lee", "Mark Potter"]);
    }

    #[test]
    fn first_sentence_with_full_stop_is_not_a_headline() {
        assert_eq!(
            layout("The vote was delayed.\n\nIt was late.").headline,
            None
        );
    }
}
