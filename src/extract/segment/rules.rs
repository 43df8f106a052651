//! The splitter's word lists from `rules/segment.json`, validated and compiled once into hash sets.

use serde::Deserialize;

use crate::lexicon::{Case, Lexicon};
use crate::rules::{RuleError, RuleSet};
use crate::words::{self, Words};

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
    exclamation_names: Vec<String>,
    credit_labels: Vec<String>,
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

/// Classes of the words listed as written (`exact`).
mod exact {
    pub const TIME_CONTINUATION: u64 = 1;
    pub const EXCLAMATION_NAME: u64 = 1 << 1;
    pub const CREDIT_LABEL: u64 = 1 << 2;
    pub const WEEKDAY: u64 = 1 << 3;
    pub const MONTH: u64 = 1 << 4;
}

/// Classes of the words listed ignoring case (`folded`).
mod folded {
    pub const STARTER: u64 = 1;
    pub const SPEECH_VERB: u64 = 1 << 1;
}

impl Abbrev {
    const ALL: [Abbrev; 4] = [
        Abbrev::Title,
        Abbrev::NumberPrefix,
        Abbrev::Ambiguous,
        Abbrev::Time,
    ];

    fn bit(self) -> u64 {
        1 << self as u32
    }
}

/// An abbreviation key as written or capitalised, not only in capitals (`Sec`, not just `SEC`).
const WRITTEN: u64 = 1 << 8;

/// The splitter's compiled word lists and options, built once per run and shared by all threads.
pub struct SegmentRules {
    pub(super) split_inside_quotes: bool,
    /// Abbreviations and their case variants, one `Abbrev` bit each.
    abbreviations: Lexicon,
    /// Lists matched as written.
    exact: Lexicon,
    /// Lists matched ignoring case, with `’` folded to `'`.
    folded: Lexicon,
    /// Bytes the scanner stops at; everything else is skipped in one pass.
    pub(super) stops: [bool; 256],
}

/// Words longer than this are never looked up (no list holds one).
const MAX_WORD: usize = 32;

impl SegmentRules {
    pub fn compile(set: &RuleSet, shared: &Words) -> Result<Self, RuleError> {
        let f: SegmentFile = set.parse(FILE)?;
        let origin = set.origin(FILE);
        let shared_origin = set.origin(words::FILE);
        let mut abbreviations = Lexicon::new(Case::Exact);
        for (field, list, class) in [
            ("titles", &f.titles, Abbrev::Title),
            ("number_prefixes", &f.number_prefixes, Abbrev::NumberPrefix),
            ("ambiguous", &f.ambiguous, Abbrev::Ambiguous),
            ("times", &f.times, Abbrev::Time),
        ] {
            for (i, entry) in list.iter().enumerate() {
                check_word(&origin, &format!("{field}[{i}]"), entry, true)?;
                for variant in case_variants(entry) {
                    let listed = abbreviations.get(&variant);
                    if let Some(other) = Abbrev::ALL
                        .into_iter()
                        .find(|a| a.bit() & listed != 0 && *a != class)
                    {
                        return Err(RuleError::field(
                            &origin,
                            format!("{field}[{i}]"),
                            format!("`{entry}` is already listed as {other:?}"),
                        ));
                    }
                    let written = !(variant.len() > 1
                        && variant == entry.to_uppercase()
                        && variant != *entry);
                    abbreviations.add(&variant, class.bit() | if written { WRITTEN } else { 0 });
                }
            }
        }
        let mut exact = Lexicon::new(Case::Exact);
        let (own, common) = (origin.as_str(), shared_origin.as_str());
        for (file, field, list, bit) in [
            (
                own,
                "time_continuations",
                &f.time_continuations,
                exact::TIME_CONTINUATION,
            ),
            // `11 a.m. Monday`: a weekday after a time goes on with the sentence
            (
                common,
                "weekdays",
                &shared.weekdays,
                exact::TIME_CONTINUATION | exact::WEEKDAY,
            ),
            (
                own,
                "exclamation_names",
                &f.exclamation_names,
                exact::EXCLAMATION_NAME,
            ),
            (own, "credit_labels", &f.credit_labels, exact::CREDIT_LABEL),
            (common, "months", &shared.months, exact::MONTH),
        ] {
            for (i, w) in list.iter().enumerate() {
                check_word(file, &format!("{field}[{i}]"), w, false)?;
                exact.add(w, bit);
            }
        }
        let mut folded_words = Lexicon::new(Case::Folded);
        for (file, field, list, bit) in [
            (
                own,
                "sentence_starters",
                &f.sentence_starters,
                folded::STARTER,
            ),
            (common, "pronouns", &shared.pronouns, folded::STARTER),
            (
                common,
                "definite_articles",
                &shared.definite_articles,
                folded::STARTER,
            ),
            (
                common,
                "indefinite_articles",
                &shared.indefinite_articles,
                folded::STARTER,
            ),
            (
                common,
                "speech_verbs",
                &shared.speech_verbs,
                folded::SPEECH_VERB,
            ),
        ] {
            for (i, w) in list.iter().enumerate() {
                check_word(file, &format!("{field}[{i}]"), w, false)?;
                let mut buf = [0u8; MAX_WORD];
                let key = fold(w, &mut buf).ok_or_else(|| {
                    RuleError::field(
                        file,
                        format!("{field}[{i}]"),
                        format!("longer than {MAX_WORD} bytes"),
                    )
                })?;
                folded_words.add(key, bit);
            }
        }
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
            exact,
            folded: folded_words,
            stops,
        })
    }

    /// Whether the full stop after `word` belongs to it as an abbreviation's (`Gov.`, `Inc.`, `No.`
    /// before a number): the token stream keeps such a stop in the word.
    /// A word in capitals keeps it only when listed in capitals: `SEC.` ends on the acronym, and
    /// only `Sec.` is the abbreviation.
    pub fn keeps_dot(&self, word: &str, before_number: bool) -> bool {
        if word.len() > MAX_WORD || self.abbreviations.get(word) & WRITTEN == 0 {
            return false;
        }
        match self.abbreviation(word) {
            Some(Abbrev::NumberPrefix) => before_number,
            Some(_) => true,
            None => false,
        }
    }

    /// The class of a word written before a full stop (`U.S` for `U.S.`), if it is an abbreviation.
    pub(super) fn abbreviation(&self, word: &str) -> Option<Abbrev> {
        if word.len() > MAX_WORD {
            return None;
        }
        let bits = self.abbreviations.get(word);
        Abbrev::ALL.into_iter().find(|a| a.bit() & bits != 0)
    }

    pub(super) fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_WORD];
        match fold(word, &mut buf) {
            Some(w) if !w.is_empty() => {
                let starter = |w: &str| self.folded.get(w) & folded::STARTER != 0;
                // `I'd`, `Officials'`: try the part before an apostrophe too.
                starter(w) || w.split_once('\'').is_some_and(|(head, _)| starter(head))
            }
            _ => false,
        }
    }

    pub(super) fn is_speech_verb(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_WORD];
        fold(word, &mut buf).is_some_and(|w| self.folded.get(w) & folded::SPEECH_VERB != 0)
    }

    pub(super) fn continues_time(&self, word: &str) -> bool {
        self.exact.get(word) & exact::TIME_CONTINUATION != 0
    }

    pub(super) fn is_exclamation_name(&self, word: &str) -> bool {
        self.exact.get(word) & exact::EXCLAMATION_NAME != 0
    }

    pub(super) fn is_credit_label(&self, word: &str) -> bool {
        self.exact.get(word) & exact::CREDIT_LABEL != 0
    }

    pub(super) fn is_weekday(&self, word: &str) -> bool {
        self.exact.get(word) & exact::WEEKDAY != 0
    }

    pub(super) fn is_month(&self, word: &str) -> bool {
        self.exact.get(word) & exact::MONTH != 0
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
