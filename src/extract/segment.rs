//! Sentence splitting. (First version: to be replaced by the full splitter.)

use serde::Deserialize;

use crate::read::layout::Layout;
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::text::Span;

pub const RULE_FILES: &[RuleFile] = &[RuleFile {
    name: "segment.json",
    builtin: include_str!("../../rules/segment.json"),
}];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Layout::paragraphs`.
    pub paragraph: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentFile {
    abbreviations: Vec<String>,
}

pub struct SegmentRules {
    abbreviations: std::collections::HashSet<String>,
}

impl SegmentRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        let f: SegmentFile = set.parse("segment.json")?;
        Ok(SegmentRules {
            abbreviations: f.abbreviations.into_iter().collect(),
        })
    }
}

/// Splits each body paragraph into sentences.
pub fn split(text: &str, layout: &Layout, rules: &SegmentRules) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, para) in layout.body() {
        let p = para.of(text);
        let mut start = 0;
        let bytes = p.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1) == Some(&b' ') {
                let word = p[start..i].rsplit(' ').next().unwrap_or("");
                if b == b'.' && rules.abbreviations.contains(word) {
                    continue;
                }
                out.push(Sentence {
                    span: Span::new(para.start + start, para.start + i + 1),
                    paragraph: index,
                });
                start = i + 2;
            }
        }
        if start < p.len() {
            out.push(Sentence {
                span: Span::new(para.start + start, para.end),
                paragraph: index,
            });
        }
    }
    out
}
