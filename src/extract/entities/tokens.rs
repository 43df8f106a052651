//! Words of the content paragraphs, with what the tagger needs to know about each: case, the gap
//! before it, sentence starts, possessives.

use crate::text::Span;

pub mod flag {
    /// First letter upper case.
    pub const CAP: u16 = 1;
    /// Two or more letters, none lower case (`NATO`, `U.S.`).
    pub const ALL_CAPS: u16 = 1 << 1;
    pub const LOWER: u16 = 1 << 2;
    pub const DIGIT: u16 = 1 << 3;
    /// A possessive `’s` or `'s` followed the word; the span leaves it out.
    pub const POSSESSIVE: u16 = 1 << 4;
    /// First word of a sentence, of a paragraph or of a quotation.
    pub const SENTENCE_START: u16 = 1 << 5;
    /// Only spaces (no line break, no punctuation) between the previous word and this one.
    pub const PLAIN_GAP: u16 = 1 << 6;
    pub const HYPHEN: u16 = 1 << 7;
    /// A comma right after the word.
    pub const COMMA_AFTER: u16 = 1 << 8;
    /// Any other punctuation (or a line break) right after the word.
    pub const PUNCT_AFTER: u16 = 1 << 9;
    /// An upper-case letter after the first (`eBay`, `iPhone`, `McDonald`).
    pub const INNER_CAP: u16 = 1 << 10;
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

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Appends the words of `para` to `out`. `sentence_starts` are sorted byte offsets where sentences
/// begin; `next_start` indexes the first not yet passed.
pub fn tokenize(
    text: &str,
    para: Span,
    paragraph: u32,
    sentence_starts: &[usize],
    next_start: &mut usize,
    keep_dot: impl Fn(&str) -> bool,
    out: &mut Vec<Token>,
) {
    let bytes = text.as_bytes();
    let mut i = para.start;
    let end = para.end;
    let mut gap_plain = false;
    let mut gap_start_flag = true; // the paragraph start counts as a sentence start
    while i < end {
        let c = char_at(text, i);
        if !is_word_char(c) {
            match c {
                ' ' | '\t' | '\u{a0}' => {}
                '“' | '"' | '‘' | '(' | '[' | ':' | '—' | '–' => {
                    gap_plain = false;
                    if matches!(c, '“' | '"' | '‘' | ':') {
                        gap_start_flag = true;
                    }
                }
                _ => gap_plain = false,
            }
            if let Some(last) = out.last_mut() {
                if last.span.end == i && last.paragraph == paragraph && c != ' ' {
                    last.flags |= if c == ',' {
                        flag::COMMA_AFTER
                    } else {
                        flag::PUNCT_AFTER
                    };
                }
            }
            i += c.len_utf8();
            continue;
        }
        // A word: letters and digits, joined by inner hyphens, apostrophes, dots and ampersands.
        let start = i;
        let mut j = i + c.len_utf8();
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
            if matches!(d, '-' | '\'' | '’' | '.' | '&' | '/') {
                let k = j + d.len_utf8();
                if k < end && is_word_char(char_at(text, k)) {
                    if d == '-' {
                        hyphen = true;
                    }
                    j = k;
                    continue;
                }
            }
            break;
        }
        let mut w_end = j;
        let mut flags = 0u16;
        // Possessive: strip a final `'s` / `’s`.
        let w = &text[start..w_end];
        for suf in ["’s", "'s"] {
            if w.len() > suf.len() + 1 && w.ends_with(suf) {
                w_end -= suf.len();
                flags |= flag::POSSESSIVE;
                break;
            }
        }
        // A dot that belongs to the word: initials, dotted abbreviations (`U.S.`), titles (`Mr.`).
        if flags & flag::POSSESSIVE == 0 && j < end && bytes[j] == b'.' {
            let w = &text[start..w_end];
            let single_upper = w.len() == 1 && bytes[start].is_ascii_uppercase();
            if single_upper || w.contains('.') || keep_dot(&text[start..j + 1]) {
                w_end = j + 1;
                j += 1;
            }
        }
        let w = &text[start..w_end];
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
        if hyphen {
            flags |= flag::HYPHEN;
        }
        if gap_plain {
            flags |= flag::PLAIN_GAP;
        }
        while *next_start < sentence_starts.len() && sentence_starts[*next_start] <= start {
            *next_start += 1;
            gap_start_flag = true;
        }
        if gap_start_flag {
            flags |= flag::SENTENCE_START;
        }
        out.push(Token {
            span: Span::new(start, w_end),
            flags,
            paragraph,
        });
        gap_plain = true;
        gap_start_flag = false;
        if j > w_end {
            // the stripped possessive breaks a name: nothing joins across it
            gap_plain = false;
        }
        i = j;
    }
    if let Some(last) = out.last_mut() {
        if last.paragraph == paragraph {
            last.flags |= flag::PUNCT_AFTER;
        }
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
