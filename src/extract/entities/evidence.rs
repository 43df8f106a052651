//! Whole-article evidence: names typed for sure by lists, titles and given names; surnames that
//! stand for a person named in full; one vote per name over its contexts; surnames that are also
//! places; languages that are not nationalities.

use super::doc::{Doc, ParaKind, NO_GAZ};
use super::entity::EntityType;
use super::piece::{as_reading, Piece, Reading, ALL_TYPES};
use super::rules::{phrase, word};
use super::words::flag;
use crate::lexicon::{FxMap, FxSet};
use crate::text::Span;

/// Types the unknown pieces from context and from the rest of the article, then links
/// mentions to entities.
/// Types the unknown pieces from their context and from the rest of the article.
pub(super) fn read<'a>(doc: &Doc<'a>, mut pieces: Vec<Piece>) -> Vec<Piece> {
    let text = doc.text;
    // What the article says for sure: names typed by lists, titles and given names.
    let mut known: FxMap<&str, EntityType> = FxMap::default();
    let mut surnames: FxMap<&str, usize> = FxMap::default();
    // First and last words of organisations named in full (`Church` of `Church of Scientology`).
    let mut org_ends: FxSet<&str> = FxSet::default();
    for (idx, piece) in pieces.iter_mut().enumerate() {
        let p = *piece;
        if p.reading == Reading::Unknown && p.end - p.first >= 2 {
            let w0 = doc.words[p.first];
            if w0 & word::GIVEN != 0 && doc.all_name_words(p.first + 1, p.end, true) {
                // `the exercise Amber Shield`: what the words around say outweighs a given name
                let (reading, rule) = match doc.context_type(&p) {
                    Some((k @ (EntityType::Org | EntityType::Event | EntityType::Fac), rule)) => {
                        (Reading::Known(k), rule)
                    }
                    _ => (Reading::Person, "given name first"),
                };
                piece.reading = reading;
                piece.rule = rule;
            }
        }
        let p = *piece;
        match p.reading {
            Reading::Person => {
                known.insert(p.span.of(text), EntityType::Person);
                doc.register_surname(&p, idx, &mut surnames);
            }
            Reading::Known(k) => {
                known.entry(p.span.of(text)).or_insert(k);
                if k == EntityType::Org && p.end - p.first >= 2 {
                    org_ends.insert(doc.toks[p.first].span.of(text));
                    org_ends.insert(doc.toks[p.end - 1].span.of(text));
                }
            }
            Reading::Unknown => {}
        }
    }
    // Capitalised words that stand alone somewhere: a surname written again.
    let mut alone: FxMap<&str, u32> = FxMap::default();
    for p in &pieces {
        if p.end - p.first == 1 {
            *alone.entry(p.span.of(text)).or_default() += 1;
        }
    }
    // `Warhol Polaroids`: a known person's surname before other capitals is a modifier
    let mut split = Vec::with_capacity(pieces.len());
    for p in &pieces {
        let n = p.end - p.first;
        if p.reading == Reading::Unknown
            && n >= 2
            && surnames.contains_key(doc.toks[p.first].span.of(text))
            && !surnames.contains_key(doc.toks[p.end - 1].span.of(text))
            // the rest is a word of its own elsewhere, not a given name (`Wong Kwok-kin`)
            && (n == 2 && alone.contains_key(doc.toks[p.first + 1].span.of(text))
                || (p.first + 1..p.end).any(|j| doc.words[j] & word::COMMON != 0))
        {
            let mut person = doc.piece(p.first, p.first + 1, Reading::Person, "");
            person.rule = "surname of a person named in full";
            split.push(person);
            split.push(doc.piece(p.first + 1, p.end, Reading::Unknown, ""));
        } else {
            split.push(*p);
        }
    }
    pieces = split;
    // Unknown pieces: each occurrence read from its context, then one vote per name, so that
    // every occurrence of a name gets the type most of its contexts gave it.
    let mut votes: FxMap<&str, [u16; 8]> = FxMap::default();
    let mut readings = Vec::with_capacity(pieces.len());
    for (idx, &p) in pieces.iter().enumerate() {
        if p.reading != Reading::Unknown {
            readings.push((p.reading, p.rule));
            continue;
        }
        let s = p.span.of(text);
        let (reading, rule) = if p.lone_head {
            if org_ends.contains(s) {
                (
                    Reading::Known(EntityType::Org),
                    "organisation word standing for its name",
                )
            } else {
                (Reading::Unknown, "")
            }
        } else {
            doc.read_unknown(&p, s, &known, &surnames, &alone)
        };
        readings.push((reading, rule));
        let kind = match reading {
            Reading::Known(k) => k,
            Reading::Person => EntityType::Person,
            Reading::Unknown => continue,
        };
        votes.entry(s).or_default()[kind as usize] += 1;
        if reading == Reading::Person {
            doc.register_surname(&p, idx, &mut surnames);
        }
    }
    for (idx, (reading, rule)) in readings.into_iter().enumerate() {
        let p = pieces[idx];
        if p.reading != Reading::Unknown {
            continue;
        }
        let Some(v) = votes.get(p.span.of(text)) else {
            continue;
        };
        let best = (0..v.len())
            .max_by_key(|&t| (v[t], usize::MAX - t))
            .unwrap_or(0);
        let kind = ALL_TYPES[best];
        let voted = as_reading(kind);
        pieces[idx].reading = voted;
        pieces[idx].rule = if voted == reading {
            rule
        } else {
            "same name elsewhere"
        };
    }
    surnames_that_are_places(doc, &mut pieces);
    languages_are_not_nationalities(doc, &mut pieces);
    pieces
}

/// `spoke English`, `the Arabic language`: a language, which is none of the tagged types.
fn languages_are_not_nationalities(doc: &Doc, pieces: &mut [Piece]) {
    for piece in pieces.iter_mut() {
        let p = *piece;
        if p.reading != Reading::Known(EntityType::Norp)
            || p.end - p.first != 1
            || doc.words[p.first] & word::LANGUAGE == 0
        {
            continue;
        }
        let para = doc.toks[p.first].paragraph;
        let cue = |j: usize| {
            doc.toks.get(j).is_some_and(|t| {
                t.paragraph == para && t.has(flag::LOWER) && doc.words[j] & word::LANGUAGE_CUE != 0
            })
        };
        if (p.first > 0 && cue(p.first - 1)) || cue(p.end) {
            piece.reading = Reading::Unknown;
        }
    }
}

/// `Valeska Paris ... Paris said`: a listed place that is the surname of a person named in
/// full is that person, unless the article also writes it as a place (`in Paris`).
fn surnames_that_are_places(doc: &Doc, pieces: &mut [Piece]) {
    let text = doc.text;
    let people: FxSet<&str> = pieces
        .iter()
        .filter(|p| p.reading == Reading::Person && p.end - p.first >= 2)
        .map(|p| doc.toks[p.end - 1].span.of(text))
        .collect();
    if people.is_empty() {
        return;
    }
    let is_place = |p: &Piece| {
        p.end - p.first == 1
            && matches!(p.reading, Reading::Known(EntityType::Gpe | EntityType::Loc))
            && people.contains(p.span.of(text))
    };
    let mut used_as_place: FxSet<&str> = FxSet::default();
    for p in pieces.iter().filter(|p| is_place(p)) {
        let after_preposition = p.first > 0 && {
            let prev = &doc.toks[p.first - 1];
            prev.paragraph == doc.toks[p.first].paragraph
                && prev.has(flag::LOWER)
                && doc.words[p.first - 1] & word::CUE_LOC_BEFORE != 0
        };
        if after_preposition {
            used_as_place.insert(p.span.of(text));
        }
    }
    for piece in pieces.iter_mut() {
        if is_place(piece) && !used_as_place.contains(piece.span.of(text)) {
            piece.reading = Reading::Person;
            piece.rule = "surname of a person named in full";
        }
    }
}

impl<'a> Doc<'a> {
    pub(super) fn read_unknown(
        &self,
        p: &Piece,
        s: &str,
        known: &FxMap<&str, EntityType>,
        surnames: &FxMap<&str, usize>,
        alone: &FxMap<&str, u32>,
    ) -> (Reading, &'static str) {
        let n = p.end - p.first;
        let first = &self.toks[p.first];
        let kind = self.para_kind(p.first);
        if let Some(&k) = known.get(s) {
            return (as_reading(k), "same name elsewhere");
        }
        if n == 1 && surnames.contains_key(s) {
            return (Reading::Person, "surname of a person named in full");
        }
        let namey = self.all_name_words(p.first, p.end, false);
        if n >= 2 && namey && surnames.contains_key(self.toks[p.end - 1].span.of(self.text)) {
            return (Reading::Person, "surname of a person named in full");
        }
        if kind.is_heading() {
            return (Reading::Unknown, "");
        }
        let initial = first.has(flag::SENTENCE_START);
        if kind == ParaKind::Credit && namey && n <= 4 {
            return (Reading::Person, "name in a credit line");
        }
        // what follows: `Valaitis said`, `Smith, who`, `the Grand Bristol hotel`
        let last = &self.toks[p.end - 1];
        let next = self
            .toks
            .get(p.end)
            .filter(|t| t.paragraph == last.paragraph);
        let next_w = next.map_or(0, |_| self.words[p.end]);
        let plain_next =
            next.is_some() && !last.has(flag::PUNCT_AFTER) && !last.has(flag::POSSESSIVE);
        let comma_next = last.has(flag::COMMA_AFTER);
        if let Some(t) = next {
            if t.has(flag::LOWER) && plain_next && !comma_next {
                if next_w & word::FAC_NOUN != 0 {
                    return (
                        Reading::Known(EntityType::Fac),
                        "name before a facility noun",
                    );
                }
                if next_w & word::GPE_NOUN != 0 {
                    return (Reading::Known(EntityType::Gpe), "name before a place noun");
                }
                if next_w & word::LOC_NOUN != 0 {
                    return (Reading::Known(EntityType::Loc), "name before a place noun");
                }
                if next_w & word::ORG_NOUN != 0 {
                    return (
                        Reading::Known(EntityType::Org),
                        "name before an organisation noun",
                    );
                }
            }
        }
        // `European Central Bank (ECB)`: a name spelled out before its acronym is not a person
        let acronym_after = next.is_some_and(|t| {
            t.has(flag::ALL_CAPS)
                && self.text[last.span.end..t.span.start]
                    .trim()
                    .strip_prefix('(')
                    .is_some_and(|a| {
                        a.is_empty()
                            || self.rules.word(a) & word::DEFINITE != 0
                                && a.starts_with(char::is_lowercase)
                    })
        });
        if n >= 2 && acronym_after {
            return (Reading::Known(EntityType::Org), "name before its acronym");
        }
        // `XVII`, `UNLESS`: numerals and shouted words are not acronyms
        let numeral = s.bytes().all(|b| b"IVXLCDM".contains(&b));
        if n == 1
            && first.has(flag::ALL_CAPS)
            && !s.contains('.')
            && !numeral
            && !self.written_lower(p.first)
        {
            // an acronym, unless the text around it is shouting in capitals
            let shouting = |j: Option<usize>| {
                j.and_then(|j| self.toks.get(j))
                    .is_some_and(|t| t.paragraph == first.paragraph && t.has(flag::ALL_CAPS))
            };
            if s.len() <= 6 && !shouting(p.first.checked_sub(1)) && !shouting(Some(p.end)) {
                return (Reading::Known(EntityType::Org), "acronym");
            }
            return (Reading::Unknown, "");
        }
        if p.mixed {
            // `Valeska Paris`, `Dion Dublin`: a first name the article never writes in lower case
            let given = self.words[p.first] & word::GIVEN != 0;
            let person_like = n == 2
                && self.words[p.first] & word::COMMON == 0
                && self.gaz_end[p.first + 1] != NO_GAZ
                && !self.toks[p.first + 1].has(flag::ALL_CAPS)
                && self.all_name_words(p.first, p.first + 1, false)
                && !self.written_lower(p.first);
            return if given || person_like {
                (Reading::Person, "given name before a place name")
            } else {
                (
                    Reading::Known(EntityType::Org),
                    "name with a place name inside",
                )
            };
        }
        // `Météo-France`: a hyphenated word with a place in it names an organisation
        if n == 1 && first.has(flag::HYPHEN) && {
            let at = self.parts.partition_point(|x| x.0 < p.first);
            let head = s.split('-').next().unwrap_or_default();
            // not `R-Texas` (a party and a state) nor `Pro-Beijing`
            self.parts.get(at).is_some_and(|x| x.0 == p.first)
                && head.chars().count() >= 3
                && self.rules.word(head) & (word::COMMON | word::NOT_NAME) == 0
        } {
            return (
                Reading::Known(EntityType::Org),
                "name with a place name inside",
            );
        }
        if let Some((k, rule)) = self.context_type(p) {
            return (as_reading(k), rule);
        }
        let cue_after = next.is_some_and(|t| {
            let tw = t.span.of(self.text);
            (plain_next && next_w & word::CUE_PERSON_AFTER != 0)
                || (comma_next && self.rules.word(tw) & word::PERSON_RELATIVE != 0)
        });
        let prev = p
            .first
            .checked_sub(1)
            .map(|j| &self.toks[j])
            .filter(|t| t.paragraph == first.paragraph);
        let prev_w = prev.map_or(0, |_| self.words[p.first - 1]);
        let cue_before = prev
            .is_some_and(|t| !t.has(flag::CAP) && prev_w & word::CUE_PERSON_BEFORE != 0)
            || (p.first >= 2 && {
                let a = &self.toks[p.first - 2];
                let before = Span::new(a.span.start, self.toks[p.first - 1].span.end);
                a.paragraph == first.paragraph
                    && self.rules.phrase(before.of(self.text)) & phrase::PERSON_CUE_BEFORE != 0
            });
        let given = self.words[p.first] & word::GIVEN != 0;
        if initial && n == 1 && comma_next && !given {
            // `Specifically, ...`: a sentence-opening word set off by a comma
            return (Reading::Unknown, "");
        }
        // a lone word opening a sentence needs more than a verb (`Easier said than done`)
        // a lone common word is no one's name (`British Industry said`)
        let common_single = n == 1 && self.words[p.first] & word::COMMON != 0;
        if namey && n <= 4 && (cue_after || cue_before) && !(initial && n == 1) && !common_single {
            return (Reading::Person, "name before or after a speech verb");
        }
        if n == 1 && given && !initial {
            return (Reading::Person, "given name");
        }
        if p.after_the && !initial {
            return (
                Reading::Known(EntityType::Org),
                "capitalised The before a name",
            );
        }
        if initial && n == 1 {
            return (Reading::Unknown, "");
        }
        // a name does not end on an initial (`Protected B`)
        if (2..=3).contains(&n) && namey && last.span.len() >= 2 {
            let surname = self.toks[p.end - 1].span.of(self.text);
            if alone.contains_key(surname) {
                return (
                    Reading::Person,
                    "name whose last word stands alone elsewhere",
                );
            }
            if !(p.first..p.end).any(|j| self.words[j] & word::COMMON != 0 || self.written_lower(j))
            {
                // measured on GUM: with no other evidence, two or three capitalised words are
                // more often a person than not (context rules above catch places and firms)
                return (Reading::Person, "two or three capitalised words");
            }
        }
        (Reading::Unknown, "")
    }
}
