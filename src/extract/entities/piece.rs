//! A piece: a span of tokens read as one name, with how it was read and the rule that read it.

use super::doc::{Doc, NO_GAZ};
use super::entity::EntityType;
use super::rules::word;
use super::words::flag;
use crate::text::Span;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Reading {
    Known(EntityType),
    /// A name read as a person's from a title, a given name or the gazetteer.
    Person,
    Unknown,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Piece {
    /// Token range `[first, end)`.
    pub(super) first: usize,
    pub(super) end: usize,
    pub(super) span: Span,
    pub(super) reading: Reading,
    pub(super) title: Option<Span>,
    /// An unknown run with a place name inside (`Environment Canada`).
    pub(super) mixed: bool,
    /// An unknown run right after a capital `The` inside a sentence (`The Onion`).
    pub(super) after_the: bool,
    /// A lone organisation word after `the` (`the Church`).
    pub(super) lone_head: bool,
    /// Which rule read it, for users auditing the output.
    pub(super) rule: &'static str,
}

/// Entity types in the order of their discriminants, for votes indexed by `kind as usize`.
pub(super) const ALL_TYPES: [EntityType; 8] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Gpe,
    EntityType::Loc,
    EntityType::Fac,
    EntityType::Norp,
    EntityType::Event,
    EntityType::Product,
];

pub(super) fn as_reading(k: EntityType) -> Reading {
    if k == EntityType::Person {
        Reading::Person
    } else {
        Reading::Known(k)
    }
}

impl Doc<'_> {
    /// A capitalised article (`The`, `A`), not part of a name unless a list says so.
    pub(super) fn is_article(&self, i: usize) -> bool {
        self.is(&self.toks[i], word::CAP_ARTICLE)
    }

    /// `the` (`case` is `word::ARTICLE`) or `The` (`word::CAP_ARTICLE`).
    pub(super) fn is_definite_article(&self, i: usize, case: u64) -> bool {
        let w = self.rules.word(self.toks[i].span.of(self.text));
        w & word::DEFINITE != 0 && w & case != 0
    }

    /// `of`, `for`, `on` after a head word (`Ministry of Defence`, `Committee on Trade`).
    pub(super) fn is_of(&self, i: usize) -> bool {
        self.is(&self.toks[i], word::OF_LINK)
    }

    pub(super) fn piece(
        &self,
        mut first: usize,
        end: usize,
        reading: Reading,
        rule: &'static str,
    ) -> Piece {
        // a leading article is not part of the name, unless a list says so (`The Hague`)
        if end - first >= 2 && self.gaz_end[first] == NO_GAZ && self.is_article(first) {
            first += 1;
        }
        Piece {
            first,
            end,
            span: Span::new(self.toks[first].span.start, self.toks[end - 1].span.end),
            reading,
            title: None,
            mixed: false,
            after_the: false,
            lone_head: false,
            rule,
        }
    }

    /// `World Cup 2018`: a year right after an event's name belongs to it.
    pub(super) fn with_year(&self, mut p: Piece) -> Piece {
        if p.reading != Reading::Known(EntityType::Event) {
            return p;
        }
        if let Some(t) = self.toks.get(p.end) {
            let s = t.span.of(self.text);
            if t.has(flag::PLAIN_GAP)
                && t.paragraph == self.toks[p.first].paragraph
                && s.len() == 4
                && s.bytes().all(|b| b.is_ascii_digit())
            {
                p.end += 1;
                p.span.end = t.span.end;
            }
        }
        p
    }

    pub(super) fn head_type(&self, k: usize) -> Option<EntityType> {
        let w = self.words[k];
        if !self.toks[k].has(flag::CAP) || w & word::HEADS == 0 {
            return None;
        }
        Some(if w & word::ORG_HEAD != 0 {
            EntityType::Org
        } else if w & word::EVENT_HEAD != 0 {
            EntityType::Event
        } else if w & word::FAC_HEAD != 0 {
            EntityType::Fac
        } else if w & word::GPE_HEAD != 0 {
            EntityType::Gpe
        } else {
            EntityType::Loc
        })
    }

    /// The type a run `[a, k)` takes from its last word: an organisation word anywhere wins over a
    /// place word at the end (`Irving Independent School District`), and a person's name keeps
    /// place words (`Marc Lamont Hill`).
    pub(super) fn run_head(&self, a: usize, k: usize) -> Option<EntityType> {
        let h = self.head_type(k - 1)?;
        if matches!(h, EntityType::Org | EntityType::Event) {
            return Some(h);
        }
        if (a..k - 1).any(|j| self.words[j] & word::ORG_HEAD != 0 && self.toks[j].has(flag::CAP)) {
            return Some(EntityType::Org);
        }
        if self.words[a] & word::GIVEN != 0
            && k - a <= 3
            && self.words[k - 1] & word::SURNAME_PLACE != 0
        {
            return None;
        }
        // `Pieter van Dam`: a word after a particle is a surname, not a head word
        if self.words[a] & word::GIVEN != 0 && k - a >= 3 && self.is_particle(k - 2) {
            return None;
        }
        Some(h)
    }
}
