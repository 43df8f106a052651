//! Sentence splitting for news: one pass per paragraph over candidate bytes, with word lists from
//! `rules/segment.json` deciding abbreviations, initials, quotations and list markers.
//! Non-destructive: sentences are spans into the original text.

mod lists;
mod pairs;
mod rules;
mod scan;
mod stops;

pub use rules::SegmentRules;

use crate::read::layout::Layout;
use crate::rules::RuleFile;
use crate::text::Span;

pub const RULE_FILES: &[RuleFile] = &[crate::rule_file!("segment.json")];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Layout::paragraphs`.
    pub paragraph: usize,
}

/// Splits each body paragraph into sentences, in text order. A paragraph break always ends a sentence.
pub fn split(text: &str, layout: &Layout, rules: &SegmentRules) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for (index, para) in layout.body() {
        spans.clear();
        split_paragraph(text, para, rules, &mut spans);
        out.extend(spans.iter().map(|&span| Sentence {
            span,
            paragraph: index,
        }));
    }
    out
}

/// Appends the sentences of one paragraph (`para` indexes `text`) to `out`, trimmed of surrounding white
/// space, with nothing but white space between them.
pub fn split_paragraph(text: &str, para: Span, rules: &SegmentRules, out: &mut Vec<Span>) {
    // A span off the text or off character boundaries holds no sentence rather than panicking.
    if para.is_empty() || text.get(para.start..para.end).is_none() {
        return;
    }
    scan::Scanner::new(text, para, rules, out).run();
}

#[cfg(test)]
mod tests;
