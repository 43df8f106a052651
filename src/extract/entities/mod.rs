//! Named entities from rule sets and from what the article itself says.
//!
//! One pass finds words and gazetteer names (Aho-Corasick, leftmost-longest); capitalised runs
//! are cut into names by titles, heads (`Ministry`, `Conference`) and connectives; names the
//! lists don't know are typed from their context and from the rest of the article, where a
//! surname links to the full name written first.

mod lexicon;
mod resolve;
mod tokens;

use serde::{Deserialize, Serialize};

use super::segment::Sentence;
use crate::read::layout::Layout;
use crate::text::Span;

pub use lexicon::{EntityRules, RULE_FILES};

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
}

impl Entities {
    /// The people of the article, with their index into `entities`.
    pub fn people(&self) -> impl Iterator<Item = (usize, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::Person)
    }

    /// The mention that covers a span, if any (binary search over mentions in text order).
    pub fn mention_at(&self, span: Span) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions.get(i).filter(|m| m.span.overlaps(span))
    }
}

/// Tags the named entities of the article's content paragraphs.
pub fn tag(text: &str, layout: &Layout, sentences: &[Sentence], rules: &EntityRules) -> Entities {
    resolve::tag(text, layout, sentences, rules)
}
