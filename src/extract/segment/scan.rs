//! The paragraph scanner: jumps from one candidate byte to the next and decides each boundary from the
//! few words around it. Every look-around is bounded, so the work is linear in the paragraph's length.

use super::rules::{Abbrev, SegmentRules};
use crate::text::Span;

/// How far back a word before a full stop is looked for.
const WORD_WINDOW: usize = 64;
/// How far a bracket or quotation is followed to its closing mark.
const BRACKET_REACH: usize = 300;
const QUOTE_REACH: usize = 1200;

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

/// Numbering styles of list markers: `1.`, `a)`, `(iv)`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    Dot,
    DotParen,
    Paren,
    Wrapped,
}

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
struct MarkerValue {
    number: Option<u32>,
    lower: Option<u32>,
    upper: Option<u32>,
    roman_lower: Option<u32>,
    roman_upper: Option<u32>,
}

impl MarkerValue {
    fn follows(&self, prev: &MarkerValue) -> bool {
        let next =
            |a: Option<u32>, b: Option<u32>| matches!((a, b), (Some(a), Some(b)) if a == b + 1);
        next(self.number, prev.number)
            || next(self.lower, prev.lower)
            || next(self.upper, prev.upper)
            || next(self.roman_lower, prev.roman_lower)
            || next(self.roman_upper, prev.roman_upper)
    }
}

/// An opening mark's partner: `close` is its offset (0: none yet); `searched` is how far a search looked.
#[derive(Clone, Copy, Default)]
struct Pair {
    close: usize,
    searched: usize,
    /// A bracket that opens a sentence on a capital holds whole sentences
    /// (`(The firm declined. It denied it.)`), which split as usual.
    sentences: bool,
}

/// An inline list being read: `1. First 2. Second` splits before each marker once a second one follows.
struct Chain {
    form: Form,
    last: MarkerValue,
    first: usize,
    /// The break before the first marker waits until a second marker confirms the list.
    pending_first: bool,
}

pub(super) struct Scanner<'a> {
    p: &'a str,
    b: &'a [u8],
    base: usize,
    rules: &'a SegmentRules,
    out: &'a mut Vec<Span>,
    /// Start of the current sentence.
    start: usize,
    /// Bracket pairs holding the scan position: marks inside them end no sentence.
    paren: Pair,
    square: Pair,
    /// Quotation pairs, followed only when quotations are kept whole.
    double: Pair,
    curly: Pair,
    single: Pair,
    chain: Option<Chain>,
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

    // ---- emitting ----

    /// Ends the current sentence at `end` (trailing space trimmed) and starts the next at `next`.
    fn cut(&mut self, end: usize, next: usize) {
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
    fn cut_before(&mut self, at: usize) {
        if at > self.start {
            self.cut(at, at);
        }
    }

    // ---- characters around a position ----

    fn char_at(&self, k: usize) -> Option<char> {
        self.p.get(k..).and_then(|s| s.chars().next())
    }

    fn char_before(&self, k: usize) -> Option<char> {
        self.p.get(..k).and_then(|s| s.chars().next_back())
    }

    /// Start of the white-space-delimited token ending at `j`, never before the sentence start.
    fn token_start(&self, j: usize) -> usize {
        self.token_start_after(j, self.start)
    }

    /// Start of the token ending at `j`, never before `floor`.
    fn token_start_after(&self, j: usize, floor: usize) -> usize {
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
    fn word_before(&self, j: usize) -> &'a str {
        let ts = self.token_start(j);
        self.p[ts..j].trim_start_matches(is_opener)
    }

    /// True when only bullets and space stand between the sentence start and `k`.
    fn at_sentence_start(&self, k: usize) -> bool {
        self.p[self.start.min(k)..k]
            .chars()
            .all(|c| c.is_whitespace() || is_bullet(c))
    }

    // ---- sentence-final marks ----

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
    fn terminator(&mut self, j: usize) -> usize {
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
            self.cut(j + 1, j + 1);
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

    // ---- list markers, bullets, labels ----

    /// A list marker ending in the stop at `j` (`1.`, `b.`, `iv.`, `2.)`); returns where to resume.
    fn period_marker(&mut self, j: usize) -> Option<usize> {
        let ts = self.token_start(j);
        let token = &self.p[ts..j];
        let value = marker_value(token)?;
        let (form, end) = if self.b.get(j + 1) == Some(&b')') {
            (Form::DotParen, j + 2)
        } else {
            (Form::Dot, j + 1)
        };
        if !self.char_at(end).is_none_or(char::is_whitespace) {
            return None;
        }
        self.list_marker(ts, value, form).then_some(end)
    }

    /// A list marker ending in the bracket at `j` (`1)`, `b)`, `(iv)`).
    fn paren_marker(&mut self, j: usize) -> usize {
        let ts = self.token_start(j);
        let token = &self.p[ts..j];
        let (inner, form) = match token.strip_prefix('(') {
            Some(inner) => (inner, Form::Wrapped),
            None => (token, Form::Paren),
        };
        if self.char_at(j + 1).is_none_or(char::is_whitespace) {
            if let Some(value) = marker_value(inner) {
                self.list_marker(ts, value, form);
            }
        }
        j + 1
    }

    /// Reads one list marker starting at `ts`; true when it is taken as a marker (its stop is no boundary).
    fn list_marker(&mut self, ts: usize, value: MarkerValue, form: Form) -> bool {
        if let Some(chain) = &mut self.chain {
            if chain.form == form && value.follows(&chain.last) && ts > chain.first {
                chain.last = value;
                let (first, pending) = (chain.first, chain.pending_first);
                chain.pending_first = false;
                if pending {
                    self.cut_before(first);
                }
                if !self.at_sentence_start(ts) {
                    self.cut_before(ts);
                }
                return true;
            }
        }
        let at_start = self.at_sentence_start(ts);
        let before = self.p[..ts].trim_end();
        let after_stop = before
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '.' | '?' | '!' | '…' | '"' | '”' | '’' | '\''))
            && !(before.ends_with('.') && self.is_abbreviation_stop(before.len() - 1));
        if at_start || after_stop {
            self.chain = Some(Chain {
                form,
                last: value,
                first: ts,
                pending_first: !at_start,
            });
            return true;
        }
        false
    }

    /// True when the full stop at `j` belongs to an abbreviation or an initial (`p.`, `E.`).
    fn is_abbreviation_stop(&self, j: usize) -> bool {
        let ts = self.token_start_after(j, 0);
        let word = self.p[ts..j].trim_start_matches(is_opener);
        self.rules.abbreviation(word).is_some() || is_initial(word) || is_initialism(word)
    }

    /// `• 9. First • 10. Second`: a bullet inside a paragraph starts a new sentence.
    fn bullet(&mut self, j: usize) {
        if self.char_before(j).is_some_and(char::is_whitespace) {
            self.cut_before(j);
        }
    }

    /// `Ahmed Mohamed Image: Twitter`: a picture credit glued to a caption without a full stop.
    fn credit_label(&mut self, j: usize) -> usize {
        if self.b.get(j + 1) != Some(&b' ') {
            return j + 1;
        }
        let ws = self.b[..j]
            .iter()
            .rposition(|c| !c.is_ascii_alphabetic())
            .map_or(0, |k| k + 1);
        let label = &self.p[ws..j];
        if ws > self.start
            && self.b[ws - 1] == b' '
            && self.rules.is_credit_label(label)
            && self.p[..ws]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            self.cut_before(ws);
        }
        j + 1
    }

    /// `Thursday, May 7, 2015 On Tuesday, …`: a date line run into the first sentence.
    fn leading_date(&mut self) -> Option<usize> {
        let p = self.p;
        // Weekday names are short: look for the comma only among the first bytes.
        let comma = self.b.iter().take(12).position(|&c| c == b',')?;
        let (weekday, rest) = (&p[..comma], p[comma..].strip_prefix(", ")?);
        if !self.rules.is_weekday(weekday) {
            return None;
        }
        let (month, rest) = rest.split_once(' ')?;
        if !self.rules.is_month(month) {
            return None;
        }
        let (day, rest) = rest.split_once(", ")?;
        if day.is_empty() || day.len() > 2 || !day.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year = rest.get(..4)?;
        if !year.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let end = p.len() - rest.len() + 4;
        let next = skip_space(p, end);
        if next > end && self.char_at(next).is_some_and(char::is_uppercase) {
            self.cut(end, next);
            return Some(next);
        }
        None
    }

    /// `Magicians interview Wednesday, October 9, 2013`: a date line run onto the end of a headline.
    fn trailing_date(&self) -> Option<usize> {
        let tail_from = self.p.len().saturating_sub(40).max(self.start);
        let tail = self.p.get(tail_from..)?;
        let mut words = tail.rsplit(' ');
        let (year, day, month, weekday) =
            (words.next()?, words.next()?, words.next()?, words.next()?);
        let day = day.strip_suffix(',')?;
        let ok = year.len() == 4
            && year.bytes().all(|c| c.is_ascii_digit())
            && (1..=2).contains(&day.len())
            && day.bytes().all(|c| c.is_ascii_digit())
            && self.rules.is_month(month)
            && self.rules.is_weekday(weekday.strip_suffix(',')?);
        let at = self.p.len() - year.len() - day.len() - month.len() - weekday.len() - 4;
        let before = self.p[..at].trim_end();
        (ok && before.len() > self.start
            && before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '\'' | '"' | '’' | '”' | ')')))
        .then_some(at)
    }

    // ---- brackets and quotations ----

    /// Finds the partner of the opening mark at `j` (`open_len` bytes), at most `reach` bytes on.
    /// A failed search remembers how far it looked, so openers never rescan: linear overall.
    fn pair_up(
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

    fn open_bracket(&mut self, j: usize, close: u8) -> usize {
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
    fn straight_quote(&mut self, j: usize) -> usize {
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
    fn single_quote(&mut self, j: usize, open_len: usize) {
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

    fn curly_quote(&mut self, j: usize) {
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

fn skip_space(p: &str, k: usize) -> usize {
    let rest = &p[k..];
    k + (rest.len() - rest.trim_start().len())
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '*'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '‣')
}

/// One letter: `E` in `Jonas E. Smith`.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Letters joined by stops: `J.C`, `U.S.A`, `i.v`.
fn is_initialism(word: &str) -> bool {
    word.contains('.') && word.split('.').all(is_initial)
}

/// The value of a list marker's label: `12`, `b`, `C`, `iv`.
fn marker_value(label: &str) -> Option<MarkerValue> {
    let label = label.trim_start_matches(is_bullet);
    let mut v = MarkerValue::default();
    let bytes = label.as_bytes();
    match bytes {
        [] => return None,
        _ if bytes.len() <= 2 && bytes.iter().all(u8::is_ascii_digit) => {
            v.number = label.parse().ok();
        }
        [c] if c.is_ascii_lowercase() => v.lower = Some(u32::from(c - b'a') + 1),
        [c] if c.is_ascii_uppercase() => v.upper = Some(u32::from(c - b'A') + 1),
        _ => {}
    }
    if bytes.len() <= 4 {
        if let Some(n) = roman(&label.to_ascii_lowercase()) {
            if bytes.iter().all(u8::is_ascii_lowercase) {
                v.roman_lower = Some(n);
            } else if bytes.iter().all(u8::is_ascii_uppercase) {
                v.roman_upper = Some(n);
            }
        }
    }
    (v != MarkerValue::default()).then_some(v)
}

fn roman(s: &str) -> Option<u32> {
    const TABLE: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    TABLE.iter().position(|r| *r == s).map(|i| i as u32 + 1)
}
