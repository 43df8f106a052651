//! Brackets and, when quotations are kept whole, quotation marks: the partner of each opening
//! mark, found once within a bounded reach, so marks inside a pair end no sentence.

use super::scan::{is_opener, Scanner};

/// How far a bracket or quotation is followed to its closing mark.
const BRACKET_REACH: usize = 300;
const QUOTE_REACH: usize = 1200;

/// An opening mark's partner: `close` is its offset (0: none yet); `searched` is how far a search looked.
#[derive(Clone, Copy, Default)]
pub(super) struct Pair {
    pub(super) close: usize,
    searched: usize,
    /// A bracket that opens a sentence on a capital holds whole sentences
    /// (`(The firm declined. It denied it.)`), which split as usual.
    pub(super) sentences: bool,
}

impl Scanner<'_> {
    /// Finds the partner of the opening mark at `j` (`open_len` bytes), at most `reach` bytes on.
    /// A failed search remembers how far it looked, so openers never rescan: linear overall.
    pub(super) fn pair_up(
        &self,
        mut pair: Pair,
        j: usize,
        open_len: usize,
        reach: usize,
        first_bytes: (u8, u8),
        closes: impl Fn(usize) -> bool,
    ) -> Pair {
        if j < pair.close {
            return pair;
        }
        let lo = (j + open_len).max(pair.searched);
        let hi = (j + open_len + reach).min(self.b.len());
        if lo < hi {
            let found = memchr::memchr2_iter(first_bytes.0, first_bytes.1, &self.b[lo..hi])
                .map(|k| lo + k)
                .find(|&k| closes(k));
            if let Some(k) = found {
                return Pair {
                    close: k,
                    searched: k,
                    sentences: false,
                };
            }
        }
        pair.searched = pair.searched.max(hi);
        pair
    }

    pub(super) fn open_bracket(&mut self, j: usize, close: u8) -> usize {
        let closes = |_| true;
        let old = if close == b')' {
            self.paren
        } else {
            self.square
        };
        let mut pair = self.pair_up(old, j, 1, BRACKET_REACH, (close, close), closes);
        if pair.close > j && pair.close != old.close {
            pair.sentences =
                self.at_sentence_start(j) && self.char_at(j + 1).is_some_and(char::is_uppercase);
        }
        if close == b')' {
            self.paren = pair;
        } else {
            self.square = pair;
        }
        j + 1
    }

    /// With quotations kept whole, an opening `"` protects everything up to its partner.
    pub(super) fn straight_quote(&mut self, j: usize) -> usize {
        let opens = self
            .char_before(j)
            .is_none_or(|c| c.is_whitespace() || is_opener(c));
        if opens {
            self.double = self.pair_up(self.double, j, 1, QUOTE_REACH, (b'"', b'"'), |_| true);
        }
        j + 1
    }

    /// With quotations kept whole, `'` opening a word protects everything up to a closing `'` or `’`
    /// that is no apostrophe (`they'll`, `dragon’s`).
    pub(super) fn single_quote(&mut self, j: usize, open_len: usize) {
        let opens = open_len > 1
            || (self
                .char_before(j)
                .is_none_or(|c| c.is_whitespace() || is_opener(c))
                && self.char_at(j + 1).is_some_and(char::is_alphanumeric));
        if !opens {
            return;
        }
        let closes = |k: usize| {
            let len = match self.char_at(k) {
                Some('\'') => 1,
                Some('’') => '’'.len_utf8(),
                _ => return false,
            };
            self.char_before(k).is_some_and(|c| !c.is_whitespace())
                && self.char_at(k + len).is_none_or(|c| !c.is_alphanumeric())
        };
        self.single = self.pair_up(self.single, j, open_len, QUOTE_REACH, (b'\'', 0xE2), closes);
    }

    pub(super) fn curly_quote(&mut self, j: usize) {
        let closes = |k: usize| self.p.get(k..).is_some_and(|r| r.starts_with('”'));
        self.curly = self.pair_up(
            self.curly,
            j,
            '“'.len_utf8(),
            QUOTE_REACH,
            (0xE2, 0xE2),
            closes,
        );
    }
}
