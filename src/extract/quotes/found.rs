//! What the patterns found in the text before any speaker is resolved: the quotes with their
//! speaker phrases, and the events, in text order, that change who a pronoun refers to.

use super::quote::QuoteKind;
use super::speakers::Np;
use crate::text::Span;

/// What the patterns found before speakers are resolved.
#[derive(Debug, Clone)]
pub(super) struct Raw {
    pub(super) span: Span,
    pub(super) kind: QuoteKind,
    pub(super) cue: Option<Span>,
    pub(super) np: Option<Np>,
    pub(super) rule: &'static str,
    /// Quotes with no speaker phrase inherit the running speaker (split and continued quotes).
    pub(super) inherit: bool,
    /// Pieces of one quotation running over several paragraphs share a group.
    pub(super) group: Option<usize>,
}

/// Things that change who a pronoun or a continued quote refers to, in text order.
pub(super) enum Event {
    /// A paragraph starts; `quoted` says whether it holds any quotation.
    Paragraph {
        quoted: bool,
    },
    /// A person named with a title, or by the entity tagger.
    Register {
        name: String,
        title: Option<String>,
    },
    /// A sentence opens with a person's name.
    Subject {
        name: String,
        title: Option<String>,
        new_person: bool,
    },
    /// `World Health Organization (WHO)`: the short form names the long one.
    Alias {
        short: String,
        long: String,
    },
    /// `He`/`She` opens a sentence: the latest person is of that gender.
    Pronoun {
        female: bool,
    },
    Quote(usize),
}
