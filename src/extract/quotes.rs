//! Quotations and who said them. (First version: direct quotes only; to be replaced.)

use serde::{Deserialize, Serialize};

use super::entities::Entities;
use super::segment::Sentence;
use crate::read::layout::Layout;
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::text::Span;

pub const RULE_FILES: &[RuleFile] = &[RuleFile {
    name: "quotes.json",
    builtin: include_str!("../../rules/quotes.json"),
}];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Named,
    Anonymous,
    Organization,
    Unresolved,
    None,
}

/// Who said a quote: the resolved name and the words in the text that point at them.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Canonical name, or the description of an unnamed source; `None` when nobody was found.
    pub name: Option<String>,
    pub mention: Option<Span>,
    pub kind: SpeakerKind,
    pub title: Option<String>,
}

impl Speaker {
    pub fn none() -> Self {
        Speaker {
            name: None,
            mention: None,
            kind: SpeakerKind::None,
            title: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub span: Span,
    pub kind: QuoteKind,
    /// Index of the sentence the quote starts in.
    pub sentence: usize,
    pub cue: Option<Span>,
    pub speaker: Speaker,
    /// Which pattern fired, for users who audit.
    pub rule: &'static str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteFile {
    speech_verbs: Vec<String>,
}

pub struct QuoteRules {
    _speech_verbs: Vec<String>,
}

impl QuoteRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        let f: QuoteFile = set.parse("quotes.json")?;
        Ok(QuoteRules {
            _speech_verbs: f.speech_verbs,
        })
    }
}

pub fn find(
    text: &str,
    layout: &Layout,
    sentences: &[Sentence],
    entities: &Entities,
    rules: &QuoteRules,
) -> Vec<Quote> {
    let _ = (entities, rules);
    let mut out = Vec::new();
    for (_, para) in layout.body() {
        let p = para.of(text);
        let mut open = None;
        for (i, c) in p.char_indices() {
            match (c, open) {
                ('“', None) => open = Some(i + c.len_utf8()),
                ('”', Some(s)) => {
                    let span = Span::new(para.start + s, para.start + i);
                    let sentence = sentences
                        .iter()
                        .position(|x| x.span.end > span.start)
                        .unwrap_or(0);
                    out.push(Quote {
                        span,
                        kind: QuoteKind::Direct,
                        sentence,
                        cue: None,
                        speaker: Speaker::none(),
                        rule: "quotation_marks",
                    });
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}
