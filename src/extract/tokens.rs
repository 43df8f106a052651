//! The one token stream of an article, built once after segmentation and read by every later
//! stage: each word with its byte span, case and shape bits, the gap before and after it, its
//! sentence and paragraph; the punctuation marks between words; paragraphs as token ranges.
//! Stages keep their own word classes beside it and never re-tokenize.

use std::ops::Range;

use super::segment::{SegmentRules, Sentence};
use crate::read::layout::Layout;
use crate::text::Span;
use crate::words::Words;

/// What the tokenizer reads from the shared word lists.
pub struct TokenRules {
    /// `’s`, `'s`, longest first.
    possessives: Vec<String>,
}

impl TokenRules {
    pub fn new(words: &Words) -> Self {
        let mut possessives = words.possessive_endings.clone();
        possessives.sort_by_key(|p| std::cmp::Reverse(p.len()));
        TokenRules { possessives }
    }
}

/// What a token is and what surrounds it (bit flags).
pub mod flag {
    /// First letter upper case.
    pub const CAP: u16 = 1;
    /// Two or more letters, none lower case (`NATO`, `U.S.`).
    pub const ALL_CAPS: u16 = 1 << 1;
    /// First letter lower case.
    pub const LOWER: u16 = 1 << 2;
    /// Starts with an ASCII digit.
    pub const DIGIT: u16 = 1 << 3;
    /// Lower case first, an upper-case letter later (`eBay`, `iPhone`).
    pub const INNER_CAP: u16 = 1 << 4;
    /// Holds an inner hyphen (`al-Amr`, `Russia-Ukraine`).
    pub const HYPHEN: u16 = 1 << 5;
    /// The first token of its paragraph.
    pub const PARAGRAPH_START: u16 = 1 << 6;
    /// A sentence starts after the previous token's start and at or before this token's start.
    pub const SENTENCE_START: u16 = 1 << 7;
    /// Only spaces, tabs or no-break spaces between the previous token and this one, in one paragraph.
    pub const SPACED: u16 = 1 << 8;
    /// An opening `“`, `"`, `‘` or a `:` between the previous token and this one.
    pub const OPENED: u16 = 1 << 9;
    /// A `,` right after the token.
    pub const COMMA_AFTER: u16 = 1 << 10;
    /// A plain space right after the token.
    pub const SPACE_AFTER: u16 = 1 << 11;
    /// The last token of its paragraph.
    pub const PARAGRAPH_END: u16 = 1 << 12;
    /// The span ends in a full stop that belongs to the word (an initial or an abbreviation).
    pub const DOT: u16 = 1 << 13;
}

/// A word: letters and digits joined by inner `- ' ’ . & /`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The whole word, a possessive `’s` and a kept full stop included.
    pub span: Span,
    /// Bytes of a possessive `’s` / `'s` at the end of `span` (0 when none).
    pub poss: u8,
    pub flags: u16,
    /// Index into the article's sentences.
    pub sentence: u32,
    /// Index into `Layout::paragraphs`.
    pub paragraph: u32,
}

impl Token {
    #[inline]
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    /// The word without its possessive (`Peru` of `Peru’s`).
    #[inline]
    pub fn base(&self) -> Span {
        Span::new(self.span.start, self.span.end - usize::from(self.poss))
    }
}

/// A character between words that is neither a letter, a digit nor white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    pub ch: char,
    /// Index into the article's sentences.
    pub sentence: u32,
}

/// One content paragraph as ranges of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Index into `Layout::paragraphs`.
    pub index: usize,
    pub span: Span,
    pub tokens: Range<usize>,
    pub marks: Range<usize>,
}

/// The token stream of one article's content paragraphs, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub marks: Vec<Mark>,
    pub paragraphs: Vec<Paragraph>,
}

impl Tokens {
    /// The tokens that share a byte with `span`.
    pub fn covering(&self, span: Span) -> Range<usize> {
        let a = self.tokens.partition_point(|t| t.span.end <= span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

/// Counts sentence starts passed, for tokens and marks met in text order.
struct SentenceCursor<'s> {
    starts: &'s [Sentence],
    next: usize,
}

impl SentenceCursor<'_> {
    /// Moves past every sentence starting at or before `at`; true when one was passed.
    fn advance(&mut self, at: usize) -> bool {
        let before = self.next;
        while self.next < self.starts.len() && self.starts[self.next].span.start <= at {
            self.next += 1;
        }
        self.next > before
    }

    fn current(&self) -> u32 {
        self.next.saturating_sub(1) as u32
    }
}

/// Tokenizes the article's content paragraphs. A word's final full stop stays in the word when it
/// is an initial or holds dots (`U.S.`), or the segmenter's abbreviation lists say so (`Gov.`).
pub fn build(
    text: &str,
    layout: &Layout,
    sentences: &[Sentence],
    abbreviations: &SegmentRules,
    rules: &TokenRules,
) -> Tokens {
    let mut t = Tokenizer {
        text,
        abbreviations,
        rules,
        sentence: SentenceCursor {
            starts: sentences,
            next: 0,
        },
        mark_sentence: SentenceCursor {
            starts: sentences,
            next: 0,
        },
        out: Tokens {
            tokens: Vec::with_capacity(text.len() / 5 + 1),
            marks: Vec::with_capacity(text.len() / 20 + 1),
            paragraphs: Vec::new(),
        },
    };
    for (index, para) in layout.body() {
        let (t0, m0) = (t.out.tokens.len(), t.out.marks.len());
        t.paragraph(index, para);
        let out = &mut t.out;
        if let Some(last) = out.tokens[t0..].last_mut() {
            last.flags |= flag::PARAGRAPH_END;
        }
        out.paragraphs.push(Paragraph {
            index,
            span: para,
            tokens: t0..out.tokens.len(),
            marks: m0..out.marks.len(),
        });
    }
    t.out
}

/// The stream being built, and the rules and sentence cursors it is built with.
struct Tokenizer<'a> {
    text: &'a str,
    abbreviations: &'a SegmentRules,
    rules: &'a TokenRules,
    sentence: SentenceCursor<'a>,
    mark_sentence: SentenceCursor<'a>,
    out: Tokens,
}

impl Tokenizer<'_> {
    /// Appends the tokens and marks of one paragraph.
    fn paragraph(&mut self, index: usize, para: Span) {
        let (text, abbreviations, rules) = (self.text, self.abbreviations, self.rules);
        let (sentence, mark_sentence, out) =
            (&mut self.sentence, &mut self.mark_sentence, &mut self.out);
        let bytes = text.as_bytes();
        let first = out.tokens.len();
        let end = para.end;
        let mut i = para.start;
        let mut spaced = true;
        let mut opened = false;
        while i < end {
            let c = char_at(text, i);
            if !is_word_char(c) {
                if !matches!(c, ' ' | '\t' | '\u{a0}') {
                    spaced = false;
                }
                if !c.is_whitespace() {
                    mark_sentence.advance(i);
                    out.marks.push(Mark {
                        span: Span::new(i, i + c.len_utf8()),
                        ch: c,
                        sentence: mark_sentence.current(),
                    });
                    opened |= matches!(c, '“' | '"' | '‘' | ':');
                }
                if let Some(last) = out.tokens[first..].last_mut() {
                    if last.span.end == i {
                        last.flags |= match c {
                            ',' => flag::COMMA_AFTER,
                            ' ' => flag::SPACE_AFTER,
                            _ => 0,
                        };
                    }
                }
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let (j, hyphen) = word_end(text, i + c.len_utf8(), end);
            let mut w_end = j;
            let mut poss = 0u8;
            let w = &text[start..j];
            for suf in &rules.possessives {
                if w.len() > suf.len() + 1 && w.ends_with(suf.as_str()) {
                    poss = suf.len() as u8;
                    w_end -= suf.len();
                    break;
                }
            }
            let mut flags = 0u16;
            let mut span_end = j;
            // A dot that belongs to the word: initials, dotted abbreviations (`U.S.`), titles (`Gov.`).
            if poss == 0 && j < end && bytes[j] == b'.' {
                let single_upper = w.len() == 1 && bytes[start].is_ascii_uppercase();
                let before_number = || {
                    text[j + 1..end]
                        .trim_start_matches(' ')
                        .starts_with(|c: char| c.is_ascii_digit())
                };
                if single_upper || w.contains('.') || abbreviations.keeps_dot(w, before_number()) {
                    w_end = j + 1;
                    span_end = j + 1;
                    flags |= flag::DOT;
                }
            }
            flags |= shape(&text[start..w_end]);
            if hyphen {
                flags |= flag::HYPHEN;
            }
            if out.tokens.len() == first {
                flags |= flag::PARAGRAPH_START;
            } else if spaced {
                flags |= flag::SPACED;
            }
            if opened {
                flags |= flag::OPENED;
            }
            if sentence.advance(start) {
                flags |= flag::SENTENCE_START;
            }
            out.tokens.push(Token {
                span: Span::new(start, span_end),
                poss,
                flags,
                sentence: sentence.current(),
                paragraph: index as u32,
            });
            spaced = true;
            opened = false;
            i = span_end;
        }
    }
}

/// The end of the word whose first character ends before `j`, and whether an inner hyphen joined
/// it: letters and digits, joined by `- ' ’ . & /` when a letter or digit follows.
#[inline]
fn word_end(text: &str, mut j: usize, end: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut hyphen = false;
    loop {
        // runs of ASCII letters and digits, the bulk of a word, without decoding chars
        while j < end && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if j >= end {
            break;
        }
        let d = char_at(text, j);
        if is_word_char(d) {
            j += d.len_utf8();
            continue;
        }
        if matches!(d, '-' | '\'' | '’' | '.' | '&' | '/' | '‑') {
            let k = j + d.len_utf8();
            if k < end && is_word_char(char_at(text, k)) {
                hyphen |= d == '-';
                j = k;
                continue;
            }
        }
        break;
    }
    (j, hyphen)
}

/// Case and shape bits of a word as written (possessive left out).
#[inline]
fn shape(w: &str) -> u16 {
    let mut flags = 0;
    let first = w.chars().next().unwrap_or(' ');
    if w.is_ascii() {
        // the common case, byte by byte: the same tests as below for ASCII letters
        let wb = w.as_bytes();
        if first.is_ascii_uppercase() {
            flags |= flag::CAP;
            let letters = wb.iter().filter(|b| b.is_ascii_alphabetic()).count();
            if letters >= 2 && !wb.iter().any(u8::is_ascii_lowercase) {
                flags |= flag::ALL_CAPS;
            }
        } else if first.is_ascii_lowercase() {
            flags |= flag::LOWER;
            if wb[1..].iter().any(u8::is_ascii_uppercase) {
                flags |= flag::INNER_CAP;
            }
        } else if first.is_ascii_digit() {
            flags |= flag::DIGIT;
        }
    } else if first.is_uppercase() {
        flags |= flag::CAP;
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !w.chars().any(|c| c.is_lowercase()) {
            flags |= flag::ALL_CAPS;
        }
    } else if first.is_lowercase() {
        flags |= flag::LOWER;
        if w.chars().skip(1).any(|c| c.is_uppercase()) {
            flags |= flag::INNER_CAP;
        }
    } else if first.is_ascii_digit() {
        flags |= flag::DIGIT;
    }
    flags
}
