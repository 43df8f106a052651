//! The tagger's view of the shared tokens: each word's span without its possessive, and the case
//! and gap bits the entity rules read, derived once per token from the token stream.

use crate::extract::tokens::{self, Tokens};
use crate::text::Span;

/// The tagger's bits: the shape bits of the stream as they are, and what the gaps mean to it.
pub mod flag {
    use crate::extract::tokens::flag as stream;

    pub const CAP: u16 = stream::CAP;
    pub const ALL_CAPS: u16 = stream::ALL_CAPS;
    pub const LOWER: u16 = stream::LOWER;
    pub const DIGIT: u16 = stream::DIGIT;
    pub const INNER_CAP: u16 = stream::INNER_CAP;
    pub const HYPHEN: u16 = stream::HYPHEN;
    /// The bits copied from the stream.
    pub(super) const SHAPE: u16 = CAP | ALL_CAPS | LOWER | DIGIT | INNER_CAP | HYPHEN;
    /// A possessive `’s` or `'s` followed the word; the span leaves it out.
    pub const POSSESSIVE: u16 = 1 << 6;
    /// First word of a sentence, of a paragraph or of a quotation.
    pub const SENTENCE_START: u16 = 1 << 7;
    /// Only spaces (no line break, no punctuation, no possessive) between the previous word and this one.
    pub const PLAIN_GAP: u16 = 1 << 8;
    /// A comma right after the word.
    pub const COMMA_AFTER: u16 = 1 << 9;
    /// Any other punctuation (or a line break) right after the word.
    pub const PUNCT_AFTER: u16 = 1 << 10;
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub span: Span,
    pub flags: u16,
    /// Index of the paragraph in `Layout::paragraphs`.
    pub paragraph: u32,
}

impl Token {
    #[inline]
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

/// The tagger's words for every token of the stream, index for index.
pub fn words(stream: &Tokens) -> Vec<Token> {
    let mut out = Vec::with_capacity(stream.tokens.len());
    let mut prev_possessive = false;
    for t in &stream.tokens {
        use tokens::flag as f;
        let possessive = t.poss > 0;
        let mut flags = t.flags & flag::SHAPE;
        if possessive {
            flags |= flag::POSSESSIVE;
        }
        if t.flags & (f::PARAGRAPH_START | f::SENTENCE_START | f::OPENED) != 0 {
            flags |= flag::SENTENCE_START;
        }
        // a stripped possessive breaks a name: nothing joins across it
        if t.has(f::SPACED) && !prev_possessive {
            flags |= flag::PLAIN_GAP;
        }
        if !possessive && t.has(f::COMMA_AFTER) {
            flags |= flag::COMMA_AFTER;
        }
        // the character right after a possessive is never looked at
        if t.has(f::PARAGRAPH_END)
            || (!possessive && t.flags & (f::COMMA_AFTER | f::SPACE_AFTER) == 0)
        {
            flags |= flag::PUNCT_AFTER;
        }
        out.push(Token {
            span: t.base(),
            flags,
            paragraph: t.paragraph,
        });
        prev_possessive = possessive;
    }
    out
}
