//! The splitter's word lists from `rules/segment.json`, validated and compiled once into hash sets.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

use crate::rules::{RuleError, RuleSet};

pub(super) const FILE: &str = "segment.json";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SegmentFile {
    /// Treebank style (true): a quotation holding several sentences is split into them.
    split_inside_quotes: bool,
    titles: Vec<String>,
    number_prefixes: Vec<String>,
    ambiguous: Vec<String>,
    times: Vec<String>,
    time_continuations: Vec<String>,
    sentence_starters: Vec<String>,
    speech_verbs: Vec<String>,
    exclamation_names: Vec<String>,
    credit_labels: Vec<String>,
    weekdays: Vec<String>,
    months: Vec<String>,
}

/// How an abbreviation followed by a full stop behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Abbrev {
    /// Never ends a sentence: `Mr.`, `Sen.`, `vs.`, `e.g.`.
    Title,
    /// Does not end a sentence before a number: `No. 5`, `p. 55`.
    NumberPrefix,
    /// Ends a sentence only before a word that usually starts one: `U.S.`, `Inc.`, `Jan.`.
    Ambiguous,
    /// Ends a sentence unless a time zone or day follows: `a.m.`, `p.m.`.
    Time,
}

/// A small fast hasher: keys are short words looked up a few times per sentence.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// The splitter's compiled word lists and options, built once per run and shared by all threads.
pub struct SegmentRules {
    pub(super) split_inside_quotes: bool,
    abbreviations: HashMap<Box<str>, Abbrev, Fx>,
    time_continuations: HashSet<Box<str>, Fx>,
    /// Lower-cased, with `’` folded to `'`.
    starters: HashSet<Box<str>, Fx>,
    speech_verbs: HashSet<Box<str>, Fx>,
    exclamation_names: HashSet<Box<str>, Fx>,
    credit_labels: HashSet<Box<str>, Fx>,
    weekdays: HashSet<Box<str>, Fx>,
    months: HashSet<Box<str>, Fx>,
    /// Bytes the scanner stops at; everything else is skipped in one pass.
    pub(super) stops: [bool; 256],
}

/// Words longer than this are never looked up (no list holds one).
const MAX_WORD: usize = 32;

impl SegmentRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        let f: SegmentFile = set.parse(FILE)?;
        let origin = set.origin(FILE);
        let mut abbreviations = HashMap::default();
        for (field, list, class) in [
            ("titles", &f.titles, Abbrev::Title),
            ("number_prefixes", &f.number_prefixes, Abbrev::NumberPrefix),
            ("ambiguous", &f.ambiguous, Abbrev::Ambiguous),
            ("times", &f.times, Abbrev::Time),
        ] {
            for (i, entry) in list.iter().enumerate() {
                check_word(&origin, &format!("{field}[{i}]"), entry, true)?;
                for variant in case_variants(entry) {
                    match abbreviations.insert(variant.into(), class) {
                        Some(other) if other != class => {
                            return Err(RuleError::field(
                                &origin,
                                format!("{field}[{i}]"),
                                format!("`{entry}` is already listed as {other:?}"),
                            ))
                        }
                        _ => {}
                    }
                }
            }
        }
        let exact = |field: &str, list: &[String]| -> Result<HashSet<Box<str>, Fx>, RuleError> {
            list.iter()
                .enumerate()
                .map(|(i, w)| {
                    check_word(&origin, &format!("{field}[{i}]"), w, false)?;
                    Ok(w.as_str().into())
                })
                .collect()
        };
        let folded = |field: &str, list: &[String]| -> Result<HashSet<Box<str>, Fx>, RuleError> {
            list.iter()
                .enumerate()
                .map(|(i, w)| {
                    check_word(&origin, &format!("{field}[{i}]"), w, false)?;
                    let mut buf = [0u8; MAX_WORD];
                    fold(w, &mut buf).map(Into::into).ok_or_else(|| {
                        RuleError::field(
                            &origin,
                            format!("{field}[{i}]"),
                            format!("longer than {MAX_WORD} bytes"),
                        )
                    })
                })
                .collect()
        };
        let mut stops = [false; 256];
        for b in [b'.', b'?', b'!', b'(', b'[', b')', b':'] {
            stops[usize::from(b)] = true;
        }
        // Lead bytes of `…` `“` `•` (E2), `。` (E3) and the full-width stops (EF).
        for b in [0xE2, 0xE3, 0xEF] {
            stops[b] = true;
        }
        if !f.split_inside_quotes {
            stops[usize::from(b'"')] = true;
            stops[usize::from(b'\'')] = true;
        }
        Ok(SegmentRules {
            split_inside_quotes: f.split_inside_quotes,
            abbreviations,
            time_continuations: exact("time_continuations", &f.time_continuations)?,
            starters: folded("sentence_starters", &f.sentence_starters)?,
            speech_verbs: folded("speech_verbs", &f.speech_verbs)?,
            exclamation_names: exact("exclamation_names", &f.exclamation_names)?,
            credit_labels: exact("credit_labels", &f.credit_labels)?,
            weekdays: exact("weekdays", &f.weekdays)?,
            months: exact("months", &f.months)?,
            stops,
        })
    }

    /// The class of a word written before a full stop (`U.S` for `U.S.`), if it is an abbreviation.
    pub(super) fn abbreviation(&self, word: &str) -> Option<Abbrev> {
        if word.len() > MAX_WORD {
            return None;
        }
        self.abbreviations.get(word).copied()
    }

    pub(super) fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_WORD];
        match fold(word, &mut buf) {
            Some(w) if !w.is_empty() => {
                self.starters.contains(w)
                    // `I'd`, `Officials'`: try the part before an apostrophe too.
                    || w.split_once('\'').is_some_and(|(head, _)| self.starters.contains(head))
            }
            _ => false,
        }
    }

    pub(super) fn is_speech_verb(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_WORD];
        fold(word, &mut buf).is_some_and(|w| self.speech_verbs.contains(w))
    }

    pub(super) fn continues_time(&self, word: &str) -> bool {
        self.time_continuations.contains(word)
    }

    pub(super) fn is_exclamation_name(&self, word: &str) -> bool {
        self.exclamation_names.contains(word)
    }

    pub(super) fn is_credit_label(&self, word: &str) -> bool {
        self.credit_labels.contains(word)
    }

    pub(super) fn is_weekday(&self, word: &str) -> bool {
        self.weekdays.contains(word)
    }

    pub(super) fn is_month(&self, word: &str) -> bool {
        self.months.contains(word)
    }
}

fn check_word(origin: &str, field: &str, word: &str, abbreviation: bool) -> Result<(), RuleError> {
    let reason = if word.is_empty() {
        "is empty"
    } else if word.chars().any(char::is_whitespace) {
        "holds white space; list one word"
    } else if abbreviation && word.ends_with('.') {
        "ends with a full stop; write the abbreviation without its final stop (`U.S` for `U.S.`)"
    } else if word.len() > MAX_WORD {
        "is longer than 32 bytes"
    } else {
        return Ok(());
    };
    Err(RuleError::field(
        origin,
        field,
        format!("`{word}` {reason}"),
    ))
}

/// An abbreviation matches as written, capitalised (`co` → `Co`) and, from three letters up, in capitals
/// (`Inc` → `INC`); one-letter entries match only as written, so `p` never swallows the initial `P.`.
fn case_variants(entry: &str) -> Vec<String> {
    let mut out = vec![entry.to_string()];
    if entry.chars().count() == 1 {
        return out;
    }
    let mut chars = entry.chars();
    if let Some(first) = chars.next() {
        if first.is_lowercase() {
            out.push(first.to_uppercase().chain(chars).collect());
        }
    }
    if entry.chars().filter(|c| c.is_alphabetic()).count() >= 3 || entry.contains('.') {
        out.push(entry.to_uppercase());
    }
    out.dedup();
    out
}

/// Lower-cases `word` into `buf` and folds `’` to `'`; `None` when it does not fit.
pub(super) fn fold<'b>(word: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let c = if c == '’' { '\'' } else { c };
        let mut tmp = [0u8; 4];
        let enc: &[u8] = if c.is_ascii() {
            tmp[0] = c.to_ascii_lowercase() as u8;
            &tmp[..1]
        } else {
            c.encode_utf8(&mut tmp).as_bytes()
        };
        if n + enc.len() > MAX_WORD {
            return None;
        }
        buf[n..n + enc.len()].copy_from_slice(enc);
        n += enc.len();
    }
    std::str::from_utf8(&buf[..n]).ok()
}
