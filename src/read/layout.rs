//! The shape of an article: paragraphs, headline, dateline, bylines and trailing boilerplate.
//! Nothing is removed from the text; these are spans into it.

use regex::Regex;
use serde::Deserialize;

use std::borrow::Cow;

use super::wrap::{self, WrapRules};
use crate::rules::{compile_regex, RuleError, RuleFile, RuleSet};
use crate::text::Span;

pub const RULE_FILES: &[RuleFile] = &[crate::rule_file!("layout.json")];

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
    name_cleanup: String,
    headline_max_words: usize,
    wrap_min_breaks: usize,
    wrap_min_width: usize,
    wrap_max_width: usize,
    wrap_width_percentile: f64,
    wrap_slack: usize,
    wrap_max_overflow: f64,
    wrap_min_full_share: f64,
    wrap_min_continued_share: f64,
    wrap_closed_ends: Vec<String>,
    wrap_list_markers: Vec<String>,
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
    /// Strips roles and places around a credited name (`AP writer X in Detroit` → `X`).
    name_cleanup: Regex,
    headline_max_words: usize,
    wrap: WrapRules,
}

impl LayoutRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        const F: &str = "layout.json";
        let f: LayoutFile = set.parse(F)?;
        let regex = |field: &str, pattern: &str| compile_regex(set, F, field, pattern);
        // A pattern whose matches are read through a named group must have that group.
        let with_group = |field: &str, pattern: &str, group: &str| {
            let r = regex(field, pattern)?;
            if r.capture_names().any(|n| n == Some(group)) {
                Ok(r)
            } else {
                Err(RuleError::field(
                    &set.origin(F),
                    field,
                    format!("needs a (?P<{group}>...) group"),
                ))
            }
        };
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
            dateline: with_group("dateline", &f.dateline, "place")?,
            byline: with_group("byline", &f.byline, "names")?,
            contributor: with_group("contributor", &f.contributor, "names")?,
            credit: with_group("credit", &f.credit, "names")?,
            credit_separator: regex("credit_separator", &f.credit_separator)?,
            name_separator: regex("name_separator", &f.name_separator)?,
            name_cleanup: with_group("name_cleanup", &f.name_cleanup, "name")?,
            headline_max_words: f.headline_max_words,
            wrap: WrapRules {
                wrap_min_breaks: f.wrap_min_breaks,
                wrap_min_width: f.wrap_min_width,
                wrap_max_width: f.wrap_max_width,
                wrap_width_percentile: f.wrap_width_percentile,
                wrap_slack: f.wrap_slack,
                wrap_max_overflow: f.wrap_max_overflow,
                wrap_min_full_share: f.wrap_min_full_share,
                wrap_min_continued_share: f.wrap_min_continued_share,
                wrap_closed_ends: f.wrap_closed_ends,
                wrap_list_markers: f.wrap_list_markers,
            },
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Non-blank lines (or, when wrapped, runs of wrapped lines), trimmed of surrounding
    /// whitespace, boilerplate included.
    pub paragraphs: Vec<Span>,
    /// The text's single line breaks are wraps: inside a paragraph they read as spaces.
    pub wrapped: bool,
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

/// Splits the text into paragraphs and finds headline, dateline, bylines and trailing boilerplate.
pub fn analyse(text: &str, title: Option<&str>, rules: &LayoutRules) -> Layout {
    analyse_flat(text, title, rules).0
}

/// The layout, and the text the stages read: the text as read, or, when it is wrapped, a copy of
/// the same length in which line breaks inside paragraphs are spaces.
pub fn analyse_flat<'a>(
    text: &'a str,
    title: Option<&str>,
    rules: &LayoutRules,
) -> (Layout, Cow<'a, str>) {
    let (paragraphs, wrapped) = wrap::paragraphs(text, &rules.wrap);
    let flat = if wrapped {
        Cow::Owned(wrap::flatten(text, &paragraphs))
    } else {
        Cow::Borrowed(text)
    };
    let layout = find(&flat, paragraphs, wrapped, title, rules);
    (layout, flat)
}

fn find(
    text: &str,
    paragraphs: Vec<Span>,
    wrapped: bool,
    title: Option<&str>,
    rules: &LayoutRules,
) -> Layout {
    let mut layout = Layout {
        paragraphs,
        wrapped,
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
        if let Some(c) = rules.dateline.captures(p.of(text)) {
            let place = c["place"].split(", ").next().unwrap_or_default();
            // Datelines put the city in capitals; `Territory — the main point` is prose.
            let letters = place.chars().filter(|c| c.is_alphabetic()).count();
            // An all-caps line (`SOCCER - JAPAN WIN`) is a heading, not a dateline and its story.
            let rest_has_lowercase = p.of(text)[c[0].len()..].chars().any(char::is_lowercase);
            if letters >= 2 && !place.chars().any(char::is_lowercase) && rest_has_lowercase {
                let before_dash = c[0].trim_end().trim_end_matches(['—', '–', '-']).trim_end();
                layout.dateline = Some(Span::new(p.start, p.start + before_dash.len()));
                layout.dateline_place = Some(Span::new(p.start, p.start + place.len()));
            }
        }
    }
    layout
}

fn push_names(out: &mut Vec<String>, names: &str, rules: &LayoutRules) {
    for name in rules.name_separator.split(names) {
        let name = name.trim().trim_end_matches('.').trim();
        let name = rules
            .name_cleanup
            .captures(name)
            .and_then(|c| c.name("name"))
            .map_or(name, |m| m.as_str());
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
        && !rules.byline.is_match(line)
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

    fn layout(text: &str) -> Layout {
        let rules = LayoutRules::compile(&RuleSet::builtin(RULE_FILES)).unwrap();
        analyse(text, None, &rules)
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
    fn contributor_roles_and_places_are_not_part_of_names() {
        let text = "Rain fell.\nAssociated Press writers Kevin Ruiz in Detroit and Sarah Lind in Washington contributed to this report.";
        assert_eq!(layout(text).byline, ["Kevin Ruiz", "Sarah Lind"]);
    }

    #[test]
    fn reuters_credit_line() {
        let text =
            "Shares fell on Monday.\nReporting by Ana Lukić and Tom Lee; Editing by Mark Potter";
        assert_eq!(layout(text).byline, ["Ana Lukić", "Tom Lee", "Mark Potter"]);
    }

    #[test]
    fn a_byline_first_line_is_never_the_headline() {
        for text in [
            "By Ana Ruiz\nKESTREL BAY — The council voted on Monday to close the old library.",
            "BY TOMAS CHAPA AND LI WEI\n\nThe ferry left an hour late.\nNobody was hurt.",
            "By Mira Portwood, Transport Correspondent\nBuses will run again on Tuesday.",
        ] {
            let l = layout(text);
            assert_eq!(l.headline, None, "{text}");
            assert_eq!(l.credit_lines.len(), 1, "{text}");
        }
    }

    #[test]
    fn first_sentence_with_full_stop_is_not_a_headline() {
        assert_eq!(
            layout("The vote was delayed.\n\nIt was late.").headline,
            None
        );
    }
}
