//! The paragraph scanner: jumps from one candidate byte to the next and decides each boundary from the
//! few words around it. Every look-around is bounded, so the work is linear in the paragraph's length.
//! The marks themselves are read in `stops` (sentence-final marks), `lists` (markers, bullets,
//! labels, date lines) and `pairs` (brackets and quotations).

use super::lists::Chain;
use super::pairs::Pair;
use super::rules::SegmentRules;
use crate::text::Span;

/// How far back a word before a full stop is looked for.
const WORD_WINDOW: usize = 64;

/// One paragraph being split: where the current sentence started and what is open around the
/// scan position.
pub(super) struct Scanner<'a> {
    pub(super) p: &'a str,
    pub(super) b: &'a [u8],
    base: usize,
    pub(super) rules: &'a SegmentRules,
    out: &'a mut Vec<Span>,
    /// Start of the current sentence.
    pub(super) start: usize,
    /// Bracket pairs holding the scan position: marks inside them end no sentence.
    pub(super) paren: Pair,
    pub(super) square: Pair,
    /// Quotation pairs, followed only when quotations are kept whole.
    pub(super) double: Pair,
    pub(super) curly: Pair,
    pub(super) single: Pair,
    pub(super) chain: Option<Chain>,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(
        text: &'a str,
        para: Span,
        rules: &'a SegmentRules,
        out: &'a mut Vec<Span>,
    ) -> Self {
        let p = &text[para.start..para.end];
        Scanner {
            p,
            b: p.as_bytes(),
            base: para.start,
            rules,
            out,
            start: skip_space(p, 0),
            paren: Pair::default(),
            square: Pair::default(),
            double: Pair::default(),
            curly: Pair::default(),
            single: Pair::default(),
            chain: None,
        }
    }

    pub(super) fn run(mut self) {
        let len = self.b.len();
        let mut i = self.leading_date().unwrap_or(self.start);
        while i < len {
            let Some(off) = self.b[i..]
                .iter()
                .position(|&c| self.rules.stops[usize::from(c)])
            else {
                break;
            };
            let j = i + off;
            i = match self.b[j] {
                b'.' | b'?' | b'!' => self.terminator(j),
                b'(' => self.open_bracket(j, b')'),
                b'[' => self.open_bracket(j, b']'),
                b')' => self.paren_marker(j),
                b':' => self.credit_label(j),
                b'"' => self.straight_quote(j),
                b'\'' => {
                    self.single_quote(j, 1);
                    j + 1
                }
                _ => self.multibyte(j),
            };
        }
        if let Some(date) = self.trailing_date() {
            self.cut_before(date);
        }
        self.cut(len, len);
    }

    /// Ends the current sentence at `end` (trailing space trimmed) and starts the next at `next`.
    pub(super) fn cut(&mut self, end: usize, next: usize) {
        let end = self.p[..end].trim_end().len();
        if end > self.start {
            self.out
                .push(Span::new(self.base + self.start, self.base + end));
        }
        if next > self.start {
            self.start = skip_space(self.p, next);
        }
    }

    /// Ends the current sentence just before `at` (a list marker, bullet or credit label).
    pub(super) fn cut_before(&mut self, at: usize) {
        if at > self.start {
            self.cut(at, at);
        }
    }

    pub(super) fn char_at(&self, k: usize) -> Option<char> {
        self.p.get(k..).and_then(|s| s.chars().next())
    }

    pub(super) fn char_before(&self, k: usize) -> Option<char> {
        self.p.get(..k).and_then(|s| s.chars().next_back())
    }

    /// Start of the white-space-delimited token ending at `j`, never before the sentence start.
    pub(super) fn token_start(&self, j: usize) -> usize {
        self.token_start_after(j, self.start)
    }

    /// Start of the token ending at `j`, never before `floor`.
    pub(super) fn token_start_after(&self, j: usize, floor: usize) -> usize {
        let mut lo = j.saturating_sub(WORD_WINDOW).max(floor).min(j);
        while !self.p.is_char_boundary(lo) {
            lo += 1;
        }
        match self.p[lo..j].rfind(char::is_whitespace) {
            Some(k) => lo + k + self.p[lo + k..].chars().next().map_or(1, char::len_utf8),
            None => lo,
        }
    }

    /// The word before the mark at `j`, without opening quotes or brackets.
    pub(super) fn word_before(&self, j: usize) -> &'a str {
        let ts = self.token_start(j);
        self.p[ts..j].trim_start_matches(is_opener)
    }

    /// True when only bullets and space stand between the sentence start and `k`.
    pub(super) fn at_sentence_start(&self, k: usize) -> bool {
        self.p[self.start.min(k)..k]
            .chars()
            .all(|c| c.is_whitespace() || is_bullet(c))
    }

    fn multibyte(&mut self, j: usize) -> usize {
        let Some(c) = self.char_at(j) else {
            return j + 1;
        };
        match c {
            '…' | '。' | '．' | '！' | '？' => return self.terminator(j),
            '•' | '⁃' => self.bullet(j),
            '“' if !self.rules.split_inside_quotes => self.curly_quote(j),
            '‘' if !self.rules.split_inside_quotes => self.single_quote(j, c.len_utf8()),
            _ => {}
        }
        j + c.len_utf8()
    }
}

pub(super) fn skip_space(p: &str, k: usize) -> usize {
    let rest = &p[k..];
    k + (rest.len() - rest.trim_start().len())
}

pub(super) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '*'
    )
}

pub(super) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '‣')
}

/// One letter: `E` in `Jonas E. Smith`.
pub(super) fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Letters joined by stops: `J.C`, `U.S.A`, `i.v`.
pub(super) fn is_initialism(word: &str) -> bool {
    word.contains('.') && word.split('.').all(is_initial)
}
