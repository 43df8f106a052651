//! Line-wrap detection: whether an article's single line breaks are the wraps of a fixed-width text
//! (a line ending where the next word would not fit), and so spaces inside a paragraph. Decided once
//! per article from the shape of all its lines, with the thresholds of `rules/layout.json`.

use crate::text::Span;

/// The `wrap_*` keys of `layout.json`.
#[derive(Clone, Debug)]
pub struct WrapRules {
    /// Fewer single line breaks than this: never wrapped.
    pub wrap_min_breaks: usize,
    /// The wrap width (see `width`) must lie in this range, in characters.
    pub wrap_min_width: usize,
    pub wrap_max_width: usize,
    /// The width is the length of the line at this share of the line lengths (0.9: one long line in
    /// ten, a URL or a table row, does not set it).
    pub wrap_width_percentile: f64,
    /// A line is full when it and the next line's first word would pass the width less this many
    /// characters (wrappers that balance lines leave some room).
    pub wrap_slack: usize,
    /// A line with spaces longer than the width by more than this share of it is a paragraph of
    /// its own (the width is a percentile, so some wrapped lines pass it a little).
    pub wrap_max_overflow: f64,
    /// Shares of the single line breaks that must be full, and of the full ones that a sentence
    /// runs on over (the line ends mid-sentence, the next starts in lower case).
    pub wrap_min_full_share: f64,
    pub wrap_min_continued_share: f64,
    /// Last characters of a line that may end a sentence.
    pub wrap_closed_ends: Vec<String>,
    /// Starts of a line that begin a list item: the break before it is kept.
    pub wrap_list_markers: Vec<String>,
}

/// One non-blank line.
struct Line {
    /// Trimmed of surrounding white space.
    span: Span,
    /// Code points from the line's start to its trimmed end (indentation counts towards the width).
    width: usize,
    /// Code points of its first word.
    first_word: usize,
    /// A blank line (or the text's start) comes before it.
    after_blank: bool,
}

/// The paragraphs of a text and whether its line breaks are wraps. When they are, a paragraph runs
/// over every full line into the next; otherwise (and for lists, headings, short lines) a paragraph
/// is a non-blank line.
pub fn paragraphs(text: &str, rules: &WrapRules) -> (Vec<Span>, bool) {
    let lines = lines(text);
    let joins = joins(text, &lines, rules);
    let mut out: Vec<Span> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        match out.last_mut() {
            Some(last) if i > 0 && joins.as_ref().is_some_and(|j| j[i - 1]) => {
                last.end = line.span.end
            }
            _ => out.push(line.span),
        }
    }
    (out, joins.is_some())
}

/// For each line but the last, whether the break after it is a wrap; `None` when the text is not
/// wrapped.
fn joins(text: &str, lines: &[Line], rules: &WrapRules) -> Option<Vec<bool>> {
    let breaks: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| !lines[i + 1].after_blank)
        .collect();
    if breaks.len() < rules.wrap_min_breaks.max(1) {
        return None;
    }
    let mut widths: Vec<usize> = breaks.iter().map(|&i| lines[i].width).collect();
    widths.sort_unstable();
    let at = (rules.wrap_width_percentile.clamp(0.0, 1.0) * (widths.len() - 1) as f64) as usize;
    let width = widths[at];
    if width < rules.wrap_min_width || width > rules.wrap_max_width {
        return None;
    }
    let mut join = vec![false; lines.len()];
    let (mut full, mut continued) = (0usize, 0usize);
    for &i in &breaks {
        let next = &lines[i + 1];
        let line = lines[i].span.of(text);
        let fits = lines[i].width + 1 + next.first_word + rules.wrap_slack <= width;
        // Past the width only a word too long to break (a URL) is wrapped; words and spaces are
        // a paragraph of its own.
        let overlong = lines[i].width as f64 > width as f64 * (1.0 + rules.wrap_max_overflow)
            && line.contains(char::is_whitespace);
        let closed = rules
            .wrap_closed_ends
            .iter()
            .any(|e| line.ends_with(e.as_str()));
        // A list item starts a line of its own after a closed line or another item; after a line
        // that breaks off mid-sentence, `- ` is a dash (`despite every threat\n- to frame`).
        let item = is_list_item(next.span.of(text), rules) && (closed || is_list_item(line, rules));
        if fits || overlong || item {
            continue;
        }
        join[i] = true;
        full += 1;
        if !closed && next.span.of(text).starts_with(char::is_lowercase) {
            continued += 1;
        }
    }
    let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    let wrapped = share(full, breaks.len()) >= rules.wrap_min_full_share
        && share(continued, full) >= rules.wrap_min_continued_share;
    wrapped.then_some(join)
}

/// A list item: a marker from the rules, or a number with `.` or `)`, before a space.
fn is_list_item(line: &str, rules: &WrapRules) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = (1..=3).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line.as_bytes().get(digits + 1) == Some(&b' ');
    numbered
        || rules
            .wrap_list_markers
            .iter()
            .any(|m| line.starts_with(m.as_str()))
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut after_blank = true;
    for raw in text.split_inclusive('\n') {
        let trimmed_start = start + (raw.len() - raw.trim_start().len());
        let trimmed_end = start + raw.trim_end().len();
        if trimmed_end > trimmed_start {
            let span = Span::new(trimmed_start, trimmed_end);
            let first_word = span.of(text).split_whitespace().next().unwrap_or("");
            out.push(Line {
                span,
                width: text[start..trimmed_end].chars().count(),
                first_word: first_word.chars().count(),
                after_blank,
            });
            after_blank = false;
        } else {
            after_blank = true;
        }
        start += raw.len();
    }
    out
}

/// The text the stages read: inside each paragraph, line breaks become spaces, so a wrapped
/// paragraph reads as one line while every byte offset still points into the text as read.
pub fn flatten(text: &str, paragraphs: &[Span]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for p in paragraphs {
        for b in &mut bytes[p.start..p.end] {
            if matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    String::from_utf8(bytes).expect("still UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::layout::{analyse, LayoutRules, RULE_FILES};
    use crate::rules::RuleSet;

    fn read(text: &str) -> (Vec<&str>, bool) {
        let rules = LayoutRules::compile(&RuleSet::builtin(RULE_FILES)).unwrap();
        let l = analyse(text, None, &rules);
        (l.paragraphs.iter().map(|p| p.of(text)).collect(), l.wrapped)
    }

    const WRAPPED: &str = "The river rose for a third day on Sunday and the town council\n\
        closed the lower bridge to cars, while volunteers stacked sandbags\n\
        along the quay until late in the evening.\n\
        \n\
        Engineers said the water would begin to fall by the middle of the\n\
        week, but warned that the fields to the south could stay flooded\n\
        for a month or more.\n";

    #[test]
    fn wrapped_paragraphs_run_over_their_full_lines() {
        let (p, wrapped) = read(WRAPPED);
        assert!(wrapped);
        assert_eq!(p.len(), 2);
        assert!(p[0].ends_with("late in the evening."));
        let flat = flatten(WRAPPED, &[Span::new(0, WRAPPED.len())]);
        assert_eq!(flat.len(), WRAPPED.len());
        assert!(!flat.contains('\n'));
    }

    #[test]
    fn one_paragraph_a_line_is_not_wrapped() {
        let text = "Floods close the lower bridge\nThe river rose for a third day on Sunday and the town council closed the lower bridge to cars.\nVolunteers stacked sandbags.\nEngineers said the water would fall by the middle of the week, but warned that the fields could stay flooded.\n";
        let (p, wrapped) = read(text);
        assert!(!wrapped);
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn a_list_of_capitalised_lines_is_not_wrapped() {
        let text = "Closed on Sunday:\nThe lower bridge over the river by the old mill\nThe quay road from the ferry to the harbour office\nMarket Street between the church and the station\nThe car park behind the sports hall and school\n";
        let (p, wrapped) = read(text);
        assert!(!wrapped);
        assert_eq!(p.len(), 5);
    }

    #[test]
    fn a_dash_opening_a_line_after_a_broken_off_line_is_no_list_item() {
        let text = WRAPPED.replace(
            "sandbags\nalong the quay",
            "sandbags\n- by the hundred - along the quay",
        );
        let (p, wrapped) = read(&text);
        assert!(wrapped);
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn a_list_after_a_closed_line_keeps_its_items_in_wrapped_text() {
        let text = format!("{WRAPPED}\nThey asked for:\n- sandbags\n- pumps\n- dry blankets\n");
        let (p, wrapped) = read(&text);
        assert!(wrapped);
        assert_eq!(
            &p[2..],
            ["They asked for:", "- sandbags", "- pumps", "- dry blankets"]
        );
    }

    #[test]
    fn a_paragraph_far_over_the_width_is_not_a_wrapped_line() {
        let long = WRAPPED.replace('\n', " ").replace("  ", "\n\n");
        let text = format!(
            "{long}\nA short line after it that runs on\nand on in lower case for a\nwhile.\n"
        );
        let (p, _) = read(&text);
        assert!(p[1].ends_with("for a month or more."), "{p:?}");
    }

    #[test]
    fn one_long_line_does_not_set_the_width() {
        let url = "https://example.org/a/very/long/address/of/the/council/notice/about/the/lower/bridge/and/the/quay";
        let text = WRAPPED.replace(
            "for a month or more.",
            &format!("for a month or more,\n{url}\nsaid the notice, and more\nwas to come."),
        );
        let (_, wrapped) = read(&text);
        assert!(wrapped);
    }
}
