//! List markers (`1.`, `b)`, `(iv)`), bullets, picture-credit labels and date lines run into a
//! sentence: the breaks that come before a marker rather than after a stop.

use super::scan::{is_bullet, is_initial, is_initialism, is_opener, skip_space, Scanner};

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

/// An inline list being read: `1. First 2. Second` splits before each marker once a second one follows.
pub(super) struct Chain {
    form: Form,
    last: MarkerValue,
    first: usize,
    /// The break before the first marker waits until a second marker confirms the list.
    pending_first: bool,
}

impl Scanner<'_> {
    /// A list marker ending in the stop at `j` (`1.`, `b.`, `iv.`, `2.)`); returns where to resume.
    pub(super) fn period_marker(&mut self, j: usize) -> Option<usize> {
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
    pub(super) fn paren_marker(&mut self, j: usize) -> usize {
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
    pub(super) fn is_abbreviation_stop(&self, j: usize) -> bool {
        let ts = self.token_start_after(j, 0);
        let word = self.p[ts..j].trim_start_matches(is_opener);
        self.rules.abbreviation(word).is_some() || is_initial(word) || is_initialism(word)
    }

    /// `• 9. First • 10. Second`: a bullet inside a paragraph starts a new sentence.
    pub(super) fn bullet(&mut self, j: usize) {
        if self.char_before(j).is_some_and(char::is_whitespace) {
            self.cut_before(j);
        }
    }

    /// `Ahmed Mohamed Image: Twitter`: a picture credit glued to a caption without a full stop.
    pub(super) fn credit_label(&mut self, j: usize) -> usize {
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
    pub(super) fn leading_date(&mut self) -> Option<usize> {
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
    pub(super) fn trailing_date(&self) -> Option<usize> {
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
