//! Sentence-final marks: a run of `.`, `?`, `!`, `…` and what follows it decide a boundary —
//! abbreviations and initials, a speech verb after a closed quotation, sentences run together
//! without a space, reference numbers glued to the stop.

use super::rules::Abbrev;
use super::scan::{is_initial, is_initialism, is_opener, skip_space, Scanner};

/// A run of sentence-final marks: `.`, `...`, `. . . .`, `?!`, `…`, `。`.
struct Cluster {
    end: usize,
    dots: usize,
    /// Holds `?` or `!`.
    strong: bool,
    /// Holds a full-width or ideographic stop, which ends a sentence even without a following space.
    wide: bool,
    /// Holds the single character `…`.
    ellipsis: bool,
    /// Dots separated by spaces (`. . .`).
    spaced: bool,
    /// The first mark touches the word before it.
    attached: bool,
}

/// The start of what follows a candidate boundary.
struct Next<'a> {
    /// Byte offset of the first non-space character.
    at: usize,
    /// The first word after any opening quotes or brackets.
    word: &'a str,
    opener: bool,
    quote_opener: bool,
    digit: bool,
    lower: bool,
}

impl<'a> Scanner<'a> {
    fn cluster(&self, j: usize) -> Cluster {
        let mut c = Cluster {
            end: j,
            dots: 0,
            strong: false,
            wide: false,
            ellipsis: false,
            spaced: false,
            attached: self.char_before(j).is_some_and(|c| !c.is_whitespace()),
        };
        let mut k = j;
        while let Some(ch) = self.char_at(k) {
            match ch {
                '.' => c.dots += 1,
                '?' | '!' => c.strong = true,
                '…' => c.ellipsis = true,
                '。' | '．' => c.wide = true,
                '！' | '？' => {
                    c.wide = true;
                    c.strong = true
                }
                // `. . .`: a space followed by a lone dot continues a run of dots.
                ' ' if c.dots > 0
                    && !c.strong
                    && self.b.get(k + 1) == Some(&b'.')
                    && self
                        .b
                        .get(k + 2)
                        .is_none_or(|&n| matches!(n, b' ' | b'.' | b'"' | b'\'') || n >= 0x80) =>
                {
                    c.spaced = true;
                    k += 1;
                    continue;
                }
                _ => break,
            }
            k += ch.len_utf8();
            c.end = k;
        }
        c
    }

    /// Extends past closing quotes and brackets, footnote marks (`[7]`) and marks after them (`”.`).
    /// Returns the end and whether a quotation mark was closed.
    fn closers(&self, mut k: usize) -> (usize, bool) {
        let mut quote = false;
        while let Some(ch) = self.char_at(k) {
            let len = ch.len_utf8();
            let ok = match ch {
                '”' | '»' | '›' => {
                    quote = true;
                    true
                }
                // Straight quotes and `’` close only when no letter follows (`Jr.'s` is a possessive).
                '"' | '\'' | '’' => {
                    let closes = self.char_at(k + len).is_none_or(|n| !n.is_alphanumeric());
                    quote |= closes;
                    closes
                }
                ')' | ']' | '}' | '.' | '?' | '!' => true,
                '[' => match self.footnote_ref(k) {
                    Some(end) => {
                        k = end;
                        continue;
                    }
                    None => false,
                },
                _ => false,
            };
            if !ok {
                break;
            }
            k += len;
        }
        (k, quote)
    }

    /// `[12]` at `k`: returns the offset after it.
    fn footnote_ref(&self, k: usize) -> Option<usize> {
        let digits = self.b[k + 1..]
            .iter()
            .take(5)
            .take_while(|b| b.is_ascii_digit())
            .count();
        (digits > 0 && self.b.get(k + 1 + digits) == Some(&b']')).then_some(k + digits + 2)
    }

    fn next_after(&self, at: usize) -> Next<'a> {
        let rest = &self.p[at..];
        let body = rest.trim_start_matches(is_opener);
        let opener_part = &rest[..rest.len() - body.len()];
        let word_len = body
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .map_or(body.len(), |(i, _)| i);
        let first = body.chars().next();
        Next {
            at,
            word: &body[..word_len],
            opener: !opener_part.is_empty(),
            quote_opener: opener_part.starts_with(['"', '“', '‘', '\'', '«']),
            digit: first.is_some_and(|c| c.is_ascii_digit() || c == '#'),
            // `iPhone`, `eBay`, `wikiHow` start sentences like capitalised words.
            lower: first.is_some_and(char::is_lowercase)
                && !body[..word_len].chars().any(char::is_uppercase),
        }
    }

    /// Handles the marks starting at `j`; returns where scanning resumes.
    pub(super) fn terminator(&mut self, j: usize) -> usize {
        let cl = self.cluster(j);
        let single_dot = cl.dots == 1 && !cl.strong && !cl.wide && !cl.ellipsis;
        if single_dot {
            if let Some(resume) = self.period_marker(j) {
                return resume;
            }
        }
        // `[...]` marks words left out of a quotation, never an end.
        if self.char_before(j) == Some('[') && self.b.get(cl.end) == Some(&b']') {
            return cl.end + 1;
        }
        let (after, quote_closed) = self.closers(cl.end);
        let len = self.b.len();
        if after >= len {
            return len;
        }
        // Inside a bracket or kept quotation that closes later: not a boundary.
        if [
            self.paren,
            self.square,
            self.double,
            self.curly,
            self.single,
        ]
        .iter()
        .any(|p| !p.sentences && j < p.close && after <= p.close)
        {
            return after;
        }
        // `compounds. . . . The`, `turtle. ... love`: the word's own stop ends it and the ellipsis
        // opens the next sentence (an omission at its start).
        if cl.spaced && cl.attached && after == cl.end {
            // The stop may be `…`, three bytes long.
            let stop_end = j + self.char_at(j).map_or(1, char::len_utf8);
            self.cut(stop_end, stop_end);
            return after;
        }
        let next_at = skip_space(self.p, after);
        if next_at == after {
            if cl.wide {
                self.cut(after, after);
            } else if single_dot && after == j + 1 {
                self.no_space(j);
            }
            return after;
        }
        let Some(first) = self.char_at(next_at) else {
            return after;
        };
        let next = self.next_after(next_at);
        if (first.is_lowercase() && next.lower)
            || matches!(
                first,
                ',' | ';' | ':' | ')' | ']' | '}' | '%' | '&' | '?' | '!' | '.'
            )
        {
            return after;
        }
        if matches!(first, '-' | '–' | '—') {
            // `What now? - Posted by …` starts anew; `voila! -- you have` goes on, and so does an
            // attribution after a quotation or statement (`… it." — Rick Santorum`).
            let dash_end = self.p[next_at..]
                .find(|c: char| !matches!(c, '-' | '–' | '—'))
                .map_or(self.b.len(), |k| next_at + k);
            let word_at = skip_space(self.p, dash_end);
            if cl.strong
                && !quote_closed
                && word_at > dash_end
                && self.char_at(word_at).is_some_and(char::is_uppercase)
            {
                self.cut(after, next_at);
            }
            return after;
        }
        if next.lower {
            // `He left. (see the note)`: a bracket after a plain full stop opens a new sentence.
            if single_dot && matches!(first, '(' | '[') && self.period_breaks(j, &next) {
                self.cut(after, next_at);
            }
            return after;
        }
        let breaks = if cl.wide {
            true
        } else if cl.strong {
            self.strong_breaks(j, quote_closed, &next)
        } else if cl.ellipsis || (cl.dots >= 2 && !cl.spaced) {
            true
        } else if cl.spaced {
            cl.dots >= 4
        } else {
            self.period_breaks(j, &next)
        };
        if breaks {
            self.cut(after, next_at);
        }
        after
    }

    fn strong_breaks(&self, j: usize, quote_closed: bool, next: &Next) -> bool {
        if self.b[j] == b'!' && self.rules.is_exclamation_name(self.word_before(j)) {
            return self.rules.is_starter(next.word);
        }
        // `“Why?” Smith asked.` continues; `“Why?” He left.` does not.
        if quote_closed && !next.opener && !self.rules.is_starter(next.word) {
            return !self.speech_verb_follows(next.at);
        }
        true
    }

    /// One to four capitalised words and then a speech verb: `Smith said`, `Prime Minister Ann Lee asked`.
    fn speech_verb_follows(&self, at: usize) -> bool {
        let mut end = (at + 80).min(self.p.len());
        while !self.p.is_char_boundary(end) {
            end -= 1;
        }
        for (n, word) in self.p[at..end].split_whitespace().take(5).enumerate() {
            let w = word.trim_end_matches([',', '.']);
            if w.chars().next().is_some_and(char::is_uppercase) {
                if n >= 4 {
                    return false;
                }
                continue;
            }
            return n > 0 && self.rules.is_speech_verb(w);
        }
        false
    }

    /// A single full stop followed by space and a word that does not start in lower case.
    fn period_breaks(&self, j: usize, next: &Next) -> bool {
        let word = self.word_before(j);
        if word.is_empty() {
            return true;
        }
        match self.rules.abbreviation(word) {
            Some(Abbrev::Title) => false,
            Some(Abbrev::NumberPrefix) => !next.digit,
            Some(Abbrev::Ambiguous) => {
                !next.digit && (next.quote_opener || self.rules.is_starter(next.word))
            }
            Some(Abbrev::Time) => !self.rules.continues_time(next.word),
            None if is_initial(word) || is_initialism(word) => {
                !next.digit && self.rules.is_starter(next.word)
            }
            None => true,
        }
    }

    /// `world.Today`, `1,000.That`: sentences run together without a space. URLs, e-mail addresses and
    /// dotted names (`www.site.Example.com`) are left alone. Also `martyr.[1]`-style footnote numbers (`.11 12 Take`).
    fn no_space(&mut self, j: usize) {
        let Some(next) = self.char_at(j + 1) else {
            return;
        };
        if next.is_ascii_digit() {
            self.footnote_number(j);
            return;
        }
        // The run of letters, digits, commas and hyphens before the stop (`1,000`, `7-2`).
        let seg_start = self.b[..j]
            .iter()
            .rposition(|&c| !(c.is_ascii_alphanumeric() || c == b',' || c == b'-'))
            .map_or(0, |k| k + 1)
            .max(self.start)
            .min(j);
        let seg = &self.p[seg_start..j];
        let before_seg = self.char_before(seg_start);
        if before_seg.is_some_and(|c| !c.is_whitespace() && !is_opener(c)) {
            return;
        }
        if self.rules.abbreviation(seg).is_some() {
            return;
        }
        let upper_lower =
            next.is_ascii_uppercase() && self.b.get(j + 2).is_some_and(|c| c.is_ascii_lowercase());
        if !upper_lower
            || seg.len() < 2
            || !seg
                .bytes()
                .any(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return;
        }
        // The word after must end the token or the sentence, not lead into `.com` or `@host`.
        let word_end = self.b[j + 1..]
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .map_or(self.b.len(), |k| j + 1 + k);
        match self.b.get(word_end) {
            Some(b'.')
                if self
                    .b
                    .get(word_end + 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric()) =>
            {
                return
            }
            Some(b'@' | b'/' | b'_') => return,
            _ => {}
        }
        self.cut(j + 1, j + 1);
    }

    /// `consultation.11 12 Take`: reference numbers glued to the stop end the sentence with it.
    fn footnote_number(&mut self, j: usize) {
        let word = self.word_before(j);
        let after_word = word.chars().next_back().is_some_and(char::is_alphabetic)
            && word.chars().all(char::is_alphabetic)
            && self.rules.abbreviation(word).is_none();
        if !after_word && self.char_before(j) != Some(')') {
            return;
        }
        let mut k = j + 1;
        loop {
            let digits = self.b[k..]
                .iter()
                .take(4)
                .take_while(|c| c.is_ascii_digit())
                .count();
            if digits == 0 || digits > 3 {
                return;
            }
            k += digits;
            if self.b.get(k) != Some(&b' ') {
                return;
            }
            let after = k + 1;
            match self.b.get(after) {
                Some(c) if c.is_ascii_digit() => k = after,
                Some(c) if c.is_ascii_uppercase() => {
                    self.cut(k, after);
                    return;
                }
                _ => return,
            }
        }
    }
}
