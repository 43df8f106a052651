//! The stage's records: a quotation with its kind, cue, sentence and speaker, and the kinds of
//! quotes and speakers the output carries.

use serde::{Deserialize, Serialize};

use crate::text::Span;

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
