//! What a name is made of: particles, titles, given names and surnames, initials, words the
//! article also writes in lower case; the extent of a person's name after a title.

use super::doc::{Doc, NO_GAZ};
use super::entity::EntityType;
use super::piece::Piece;
use super::rules::word;
use super::words::flag;
use crate::lexicon::FxMap;
use crate::text::Span;

impl<'a> Doc<'a> {
    /// A lower-case name particle (`van`, `de`).
    pub(super) fn is_particle(&self, j: usize) -> bool {
        self.words[j] & word::PARTICLE != 0 && !self.toks[j].has(flag::CAP)
    }

    /// After a given name at `i`, one or two particles at `j` and a capitalised word: the end of
    /// that surname (`van Dam`, `de la Cruz`).
    pub(super) fn particle_surname(&self, i: usize, j: usize, b: usize) -> Option<usize> {
        if self.words[i] & word::GIVEN == 0 || !self.is_particle(j) {
            return None;
        }
        let mut k = j + 1;
        if k < b && self.is_particle(k) {
            k += 1;
        }
        let t = self.toks.get(k).filter(|_| k < b)?;
        (t.has(flag::CAP) && !t.has(flag::ALL_CAPS) && self.gaz_end[k] == NO_GAZ).then_some(k + 1)
    }

    /// `Jan 14`, `Sept. 3`: a month before a day number is a date, not a name.
    pub(super) fn month_before_day(&self, i: usize) -> bool {
        self.words[i] & word::MONTH != 0
            && self.toks.get(i + 1).is_some_and(|t| {
                let d = t.span.of(self.text);
                t.has(flag::PLAIN_GAP)
                    && t.paragraph == self.toks[i].paragraph
                    && (1..=2).contains(&d.len())
                    && d.bytes().all(|c| c.is_ascii_digit())
            })
    }

    pub(super) fn is_connective(&self, j: usize) -> bool {
        self.words[j] & (word::CONNECTIVE | word::PARTICLE) != 0 && !self.toks[j].has(flag::CAP)
    }

    /// Capitalised words from `i` up to `b`, stopping at connectives, at known names and at a
    /// title that is followed by a name.
    pub(super) fn name_run(&self, i: usize, b: usize) -> usize {
        let mut j = i + 1;
        while j < b {
            if self.is_connective(j) {
                // `Pieter van Dam`, `Maria de la Cruz`: after a given name, particles join a surname
                match self.particle_surname(i, j, b) {
                    Some(e) => {
                        j = e;
                        continue;
                    }
                    None => break,
                }
            }
            if self.gaz_end[j] != NO_GAZ {
                // `Rahul Gandhi`: a listed surname after a given name is part of the name
                if self.gaz_type[j] == EntityType::Person && self.words[i] & word::GIVEN != 0 {
                    j = (self.gaz_end[j] as usize).clamp(j + 1, b);
                    continue;
                }
                break;
            }
            // `Washington State University Simon Ličen`: a head word ends a name before a person's
            if self.words[j] & word::GIVEN != 0
                && matches!(
                    self.head_type(j - 1),
                    Some(EntityType::Org | EntityType::Event)
                )
            {
                break;
            }
            if self.words[j] & word::TITLE != 0
                && j + 1 < b
                && !self.is_connective(j + 1)
                && self.title_end(j, b).is_some()
                && self.head_type(b - 1).is_none()
            {
                break;
            }
            j += 1;
        }
        j
    }

    /// The end of the longest title phrase starting at `i` (`Secretary of State`).
    pub(super) fn title_end(&self, i: usize, b: usize) -> Option<usize> {
        if self.words[i] & word::TITLE == 0 {
            return None;
        }
        let max = self.rules.max_title_words.min(b - i);
        (1..=max).rev().find_map(|n| {
            let s = Span::new(self.toks[i].span.start, self.toks[i + n - 1].span.end);
            if n > 1 && self.toks[i + n - 2].has(flag::POSSESSIVE) {
                return None;
            }
            self.rules.is_title(s.of(self.text)).then_some(i + n)
        })
    }

    /// The person's name after a title: capitalised words and name particles (`de`, `bin`).
    pub(super) fn name_after_title(&self, i: usize, b: usize, honorific: bool) -> usize {
        let mut j = i;
        while j < b && j < i + 5 {
            let w = self.words[j];
            let t = &self.toks[j];
            let name_word = (t.has(flag::CAP) || self.particle_prefixed(j))
                && !t.has(flag::ALL_CAPS)
                && (w & word::NOT_NAME == 0 || w & word::GIVEN != 0 || (honorific && j == i))
                && w & word::CONNECTIVE == 0
                && (self.gaz_end[j] == NO_GAZ || self.gaz_type[j] == EntityType::Person);
            let particle = w & word::PARTICLE != 0 && j + 1 < b && j > i;
            if name_word {
                if self.gaz_end[j] != NO_GAZ {
                    j = (self.gaz_end[j] as usize).min(b);
                    continue;
                }
                j += 1;
                if self.toks[j - 1].has(flag::POSSESSIVE) {
                    break;
                }
            } else if particle {
                j += 1;
            } else {
                break;
            }
        }
        // a name does not end on a particle
        while j > i && self.is_connective(j - 1) {
            j -= 1;
        }
        j
    }

    /// Whether the article also writes this capitalised word in lower case (a common word).
    pub(super) fn written_lower(&self, j: usize) -> bool {
        let s = self.toks[j].span.of(self.text);
        let mut buf = [0u8; 32];
        if s.is_ascii() && s.len() <= buf.len() {
            let b = &mut buf[..s.len()];
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).is_ok_and(|l| self.lower_words.contains(l))
        } else {
            self.lower_words.contains(s.to_lowercase().as_str())
        }
    }

    /// An initial (`L.` in `L. Ron Hubbard`): a sentence splitter may wrongly end a sentence there.
    pub(super) fn is_initial(&self, j: usize) -> bool {
        let s = self.toks[j].span.of(self.text).as_bytes();
        s.len() == 2 && s[0].is_ascii_uppercase() && s[1] == b'.'
    }

    /// A lower-case word glued to a name by a particle: `al-Amr`, `bin-Laden`.
    pub(super) fn particle_prefixed(&self, j: usize) -> bool {
        let t = &self.toks[j];
        t.has(flag::HYPHEN) && t.has(flag::LOWER) && {
            let s = t.span.of(self.text);
            s.split_once('-').is_some_and(|(p, rest)| {
                self.rules.word(p) & word::PARTICLE != 0
                    && rest.chars().next().is_some_and(|c| c.is_uppercase())
            })
        }
    }

    /// Whether `[a, b)` are words a name is made of; after a given name, place words are
    /// surnames too (`Christopher Hill`), organisation words never are.
    pub(super) fn all_name_words(&self, a: usize, b: usize, after_given: bool) -> bool {
        let not_name = word::NOT_NAME | word::HEADS;
        (a..b).all(|j| {
            let t = &self.toks[j];
            let w = self.words[j];
            let place_surname = after_given && w & word::SURNAME_PLACE != 0;
            let after_particle = j > a && self.is_particle(j - 1);
            (t.has(flag::CAP)
                && !t.has(flag::ALL_CAPS)
                && (w & not_name == 0 || place_surname || after_particle))
                || (w & word::PARTICLE != 0 && j + 1 < b)
                || (w & word::GIVEN != 0)
        })
    }

    /// A full name's surname (both ends for family-name-first names) stands for the person later.
    pub(super) fn register_surname(
        &self,
        p: &Piece,
        idx: usize,
        surnames: &mut FxMap<&'a str, usize>,
    ) {
        if p.end - p.first < 2 {
            return;
        }
        surnames
            .entry(self.toks[p.end - 1].span.of(self.text))
            .or_insert(idx);
        if self.family_name_first(p) {
            surnames
                .entry(self.toks[p.first].span.of(self.text))
                .or_insert(idx);
        }
    }

    /// `Wong Kwok-kin`: a hyphenated given name last (`Kwok-kin`) puts the family name first.
    pub(super) fn family_name_first(&self, p: &Piece) -> bool {
        let last = self.toks[p.end - 1].span.of(self.text);
        p.end - p.first == 2
            && last
                .split_once('-')
                .is_some_and(|(_, b)| b.starts_with(|c: char| c.is_lowercase()))
    }
}
