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

/// A speaker's gender as the article (or the rule set) gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
    #[default]
    Unknown,
}

impl Gender {
    pub fn of(female: bool) -> Gender {
        if female {
            Gender::Female
        } else {
            Gender::Male
        }
    }
}

/// What a known gender rests on, strongest first: a user's table beats the article, the
/// article's pronouns beat its honorifics and titles, and a given name comes last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GenderFrom {
    Rules,
    Pronoun,
    Honorific,
    Title,
    GivenName,
}

/// Who said a quote: the resolved name and the words in the text that point at them.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Canonical name, or the description of an unnamed source; `None` when nobody was found.
    pub name: Option<String>,
    pub mention: Option<Span>,
    pub kind: SpeakerKind,
    pub title: Option<String>,
    /// The organisation the speaker speaks for (an organisation speaks for itself).
    pub org: Option<String>,
    /// The entity (index into the article's entities) the speaker is.
    pub entity: Option<usize>,
    pub gender: Gender,
    pub gender_from: Option<GenderFrom>,
    /// The article's person this speaker is: quotes with the same number are one person.
    pub person: Option<usize>,
}

impl Speaker {
    pub fn none() -> Self {
        Speaker {
            name: None,
            mention: None,
            kind: SpeakerKind::None,
            title: None,
            org: None,
            entity: None,
            gender: Gender::Unknown,
            gender_from: None,
            person: None,
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
