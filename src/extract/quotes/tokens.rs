//! A paragraph as tokens: words (with their word-list classes), punctuation, and each top-level
//! quotation as one opaque token, so attribution patterns read `Q , S V` over a short slice.

use std::collections::HashMap;

use super::marks::{is_quote_char, Region};
use crate::text::Span;

/// Word classes from the rule files, as bits.
pub mod class {
    pub const CUE: u32 = 1;
    pub const TELL: u32 = 1 << 1;
    pub const BELIEF: u32 = 1 << 2;
    pub const WEAK: u32 = 1 << 3;
    pub const BEFORE_VERB: u32 = 1 << 4;
    pub const AFTER_VERB: u32 = 1 << 5;
    pub const NOT_CLAUSE: u32 = 1 << 6;
    pub const STOP: u32 = 1 << 7;
    pub const PRONOUN: u32 = 1 << 8;
    pub const DET: u32 = 1 << 9;
    pub const LINK: u32 = 1 << 10;
    pub const TITLE: u32 = 1 << 11;
    pub const HONORIFIC: u32 = 1 << 12;
    pub const PERSON: u32 = 1 << 13;
    pub const ORG: u32 = 1 << 14;
    pub const PARTICLE: u32 = 1 << 15;
}

pub type Lexicon = HashMap<String, u32>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A whole top-level quotation, marks included; the index is into the paragraph's regions.
    Quoted(usize),
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub span: Span,
    pub kind: Kind,
    pub class: u32,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Ends in a possessive `’s` / `'s`.
    pub poss: bool,
}

impl Tok {
    pub fn is(&self, class: u32) -> bool {
        self.class & class != 0
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    /// A full stop, question or exclamation mark: the end of a sentence for our purposes.
    pub fn ends_sentence(&self) -> bool {
        matches!(self.kind, Kind::Punct('.' | '?' | '!' | ';'))
    }
    pub fn is_dash(&self) -> bool {
        matches!(self.kind, Kind::Punct('—' | '–' | '-'))
    }
}

/// Splits a paragraph into tokens; quotations in `regions` become single tokens.
pub fn tokenize(text: &str, para: Span, regions: &[Region], lex: &Lexicon, out: &mut Vec<Tok>) {
    out.clear();
    let mut lower = String::new();
    let mut pos = para.start;
    let mut next_region = 0;
    let bytes = text.as_bytes();
    while pos < para.end {
        if let Some(r) = regions.get(next_region) {
            let start = r.open.map_or(r.inner.start, |o| o.start);
            if pos >= start {
                let end = r.close.map_or(para.end, |c| c.end).max(pos);
                out.push(Tok {
                    span: Span::new(start.min(pos), end),
                    kind: Kind::Quoted(next_region),
                    class: 0,
                    cap: false,
                    poss: false,
                });
                pos = end;
                next_region += 1;
                continue;
            }
        }
        let limit = regions
            .get(next_region)
            .map_or(para.end, |r| r.open.map_or(r.inner.start, |o| o.start));
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        if c.is_whitespace() || (is_quote_char(c) && !c.is_alphanumeric()) {
            pos += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                span: Span::new(pos, pos + c.len_utf8()),
                kind: Kind::Punct(c),
                class: 0,
                cap: false,
                poss: false,
            });
            pos += c.len_utf8();
            continue;
        }
        // A word: letters and digits, joined by - ’ ' . & when a letter or digit follows.
        let start = pos;
        let mut end = pos;
        let mut dots = false;
        let mut it = text[pos..limit].char_indices().peekable();
        while let Some((i, ch)) = it.next() {
            if ch.is_alphanumeric() {
                end = pos + i + ch.len_utf8();
                continue;
            }
            let joins = matches!(ch, '-' | '’' | '\'' | '.' | '&' | '‑')
                && it.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if joins {
                dots |= ch == '.';
                continue;
            }
            break;
        }
        let word = &text[start..end];
        // U.S. and K.C. keep their final dot, as do single initials and listed abbreviations.
        let mut with_dot = false;
        if bytes.get(end) == Some(&b'.') {
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.push('.');
            if dots || initial || lex.contains_key(lower.as_str()) {
                with_dot = true;
            }
        }
        if with_dot {
            end += 1;
        }
        let word = &text[start..end];
        let base = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .unwrap_or(word);
        let poss = base.len() != word.len();
        lower.clear();
        lower.extend(base.chars().flat_map(char::to_lowercase));
        let class = lex.get(lower.as_str()).copied().unwrap_or(0);
        out.push(Tok {
            span: Span::new(start, end),
            kind: Kind::Word,
            class,
            cap: word.chars().next().is_some_and(char::is_uppercase),
            poss,
        });
        pos = end;
    }
}
