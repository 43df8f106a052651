//! A paragraph as tokens: words (with their word-list classes), punctuation, and each top-level
//! quotation as one opaque token, so attribution patterns read `Q , S V` over a short slice.

use super::marks::{is_quote_char, Region};
use crate::lexicon::Lexicon;
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
    /// Cue forms that are also nouns (`a blog post`, `news reports`).
    pub const NOUN_LIKE: u32 = 1 << 16;
    /// `familiar (with)`, `close (to)`: anonymous sources described by their access.
    pub const SOURCE_ADJ: u32 = 1 << 17;
    /// Auxiliaries, modals and common irregular verb forms: a clause holding one is finite.
    pub const FINITE: u32 = 1 << 18;
    /// Verbs that report a question (`asked whether`, `explained how`).
    pub const QUESTION: u32 = 1 << 19;
    /// Abbreviations that stand before a number (`No.`, `Vol.`).
    pub const NUMBER_ABBR: u32 = 1 << 20;
}

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

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|r| r.chars().next())
}

/// Whether a letter or digit starts at byte `j` (before `limit`).
fn alnum_at(text: &str, j: usize, limit: usize) -> bool {
    if j >= limit {
        return false;
    }
    match text.as_bytes()[j] {
        b if b < 0x80 => b.is_ascii_alphanumeric(),
        _ => char_at(text, j).is_some_and(char::is_alphanumeric),
    }
}

/// Splits a paragraph into tokens; quotations in `regions` become single tokens.
pub fn tokenize(text: &str, para: Span, regions: &[Region], lex: &Lexicon, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut pos = para.start;
    let mut next_region = 0;
    let mut lower = String::new();
    while pos < para.end {
        let limit = match regions.get(next_region) {
            Some(r) => {
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
                start
            }
            None => para.end,
        };
        let b = bytes[pos];
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            match char_at(text, pos) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() || is_quote_char(c) {
            pos += len;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                span: Span::new(pos, pos + len),
                kind: Kind::Punct(c),
                class: 0,
                cap: false,
                poss: false,
            });
            pos += len;
            continue;
        }
        // A word: letters and digits, joined by - ’ ' . & when a letter or digit follows.
        let start = pos;
        let mut i = pos;
        let mut end = pos;
        let mut dots = false;
        while i < limit {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    i += 1;
                    end = i;
                } else if matches!(b, b'-' | b'\'' | b'.' | b'&') && alnum_at(text, i + 1, limit) {
                    dots |= b == b'.';
                    i += 1;
                } else {
                    break;
                }
            } else {
                let Some(c) = char_at(text, i) else { break };
                let l = c.len_utf8();
                if c.is_alphanumeric() {
                    i += l;
                    end = i;
                } else if matches!(c, '’' | '‑') && alnum_at(text, i + l, limit) {
                    i += l;
                } else {
                    break;
                }
            }
        }
        let word = &text[start..end];
        // U.S. and K.C. keep their final dot, as do single initials and listed abbreviations.
        if bytes.get(end) == Some(&b'.') && end < limit {
            let initial = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
            // `No. 2`, `Vol. 3`: these keep their dot only before a number.
            let before_number = text[end + 1..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit());
            let mut listed = || {
                lower.clear();
                lower.push_str(word);
                lower.push('.');
                let class = lex.get(&lower);
                class != 0 && (class != class::NUMBER_ABBR || before_number)
            };
            if dots || initial || listed() {
                end += 1;
            }
        }
        let word = &text[start..end];
        let base = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .unwrap_or(word);
        // An acronym (`WHO`, `IT`) is a name, not the function word it spells.
        let acronym = base.len() >= 2 && base.bytes().all(|b| b.is_ascii_uppercase());
        let mut class = lex.get(base);
        if acronym {
            class &= !(class::STOP
                | class::DET
                | class::PRONOUN
                | class::LINK
                | class::BEFORE_VERB
                | class::AFTER_VERB
                | class::NOT_CLAUSE);
        }
        out.push(Tok {
            span: Span::new(start, end),
            kind: Kind::Word,
            class,
            cap: c.is_uppercase(),
            poss: base.len() != word.len(),
        });
        pos = end;
    }
}
