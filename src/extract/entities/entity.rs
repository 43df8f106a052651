//! The stage's records: entity types, mentions with their spans and stream tokens, entities,
//! and the per-token index other stages look mentions up by.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::text::Span;

/// OntoNotes entity types, as spaCy users know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Gpe,
    Loc,
    Fac,
    Norp,
    Event,
    Product,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Fac => "FAC",
            EntityType::Norp => "NORP",
            EntityType::Event => "EVENT",
            EntityType::Product => "PRODUCT",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// The stream tokens the mention lies on: other stages find it by token index.
    pub tokens: Range<usize>,
    pub kind: EntityType,
    /// Index into `Entities::entities`.
    pub entity: usize,
    /// A title or role written before the name (`Secretary of State`), for people.
    pub title: Option<Span>,
    /// The rule that found it (`gazetteer`, `title before a name`, ...), for auditing.
    pub rule: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The first full mention's text: later partial mentions link to it.
    pub name: String,
    pub kind: EntityType,
    pub mentions: usize,
    pub first: Span,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    pub entities: Vec<Entity>,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// Per stream token: the index of the first mention that does not end before it.
    first_mention: Vec<u32>,
}

impl Entities {
    /// The entities and their mentions (in text order) over a stream of `token_count` tokens.
    pub fn new(entities: Vec<Entity>, mentions: Vec<Mention>, token_count: usize) -> Self {
        let mut first_mention = Vec::with_capacity(token_count);
        let mut m = 0;
        for t in 0..token_count {
            while m < mentions.len() && mentions[m].tokens.end <= t {
                m += 1;
            }
            first_mention.push(m as u32);
        }
        Entities {
            entities,
            mentions,
            first_mention,
        }
    }

    /// The mentions that share a token with `tokens`, in text order: an index lookup.
    pub fn over(&self, tokens: Range<usize>) -> &[Mention] {
        let from = self
            .first_mention
            .get(tokens.start)
            .map_or(self.mentions.len(), |&m| m as usize);
        let n = self.mentions[from..]
            .iter()
            .take_while(|m| m.tokens.start < tokens.end)
            .count();
        &self.mentions[from..from + n]
    }

    /// The mentions that end before token `t`, in text order.
    pub fn before(&self, t: usize) -> &[Mention] {
        let to = self
            .first_mention
            .get(t)
            .map_or(self.mentions.len(), |&m| m as usize);
        &self.mentions[..to]
    }

    /// The people of the article, with their index into `entities`.
    pub fn people(&self) -> impl Iterator<Item = (usize, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::Person)
    }

    /// The first mention on any of `tokens`.
    pub fn mention_at(&self, tokens: Range<usize>) -> Option<&Mention> {
        self.over(tokens).first()
    }
}
