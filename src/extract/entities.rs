//! Named entities from rule sets. (First version: gazetteer only; to be replaced.)

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};

use super::segment::Sentence;
use crate::read::layout::Layout;
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::text::Span;

pub const RULE_FILES: &[RuleFile] = &[RuleFile {
    name: "entities.json",
    builtin: include_str!("../../rules/entities.json"),
}];

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    gazetteer: BTreeMap<EntityType, Vec<String>>,
}

pub struct EntityRules {
    matcher: AhoCorasick,
    types: Vec<EntityType>,
}

impl EntityRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        let f: EntityFile = set.parse("entities.json")?;
        let mut pats = Vec::new();
        let mut types = Vec::new();
        for (t, names) in f.gazetteer {
            for n in names {
                pats.push(n);
                types.push(t);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .map_err(|e| {
                RuleError::field(&set.origin("entities.json"), "gazetteer", e.to_string())
            })?;
        Ok(EntityRules { matcher, types })
    }
}

pub fn tag(text: &str, layout: &Layout, sentences: &[Sentence], rules: &EntityRules) -> Entities {
    let _ = (layout, sentences);
    let mut out = Entities::default();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for m in rules.matcher.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let before_ok = s == 0 || !text[..s].chars().next_back().unwrap().is_alphanumeric();
        let after_ok = e == text.len() || !text[e..].chars().next().unwrap().is_alphanumeric();
        if !(before_ok && after_ok) {
            continue;
        }
        let kind = rules.types[m.pattern().as_usize()];
        let name = text[s..e].to_string();
        let id = *by_name.entry(name.clone()).or_insert_with(|| {
            out.entities.push(Entity {
                name,
                kind,
                mentions: 0,
                first: Span::new(s, e),
            });
            out.entities.len() - 1
        });
        out.entities[id].mentions += 1;
        out.mentions.push(Mention {
            span: Span::new(s, e),
            kind,
            entity: id,
            title: None,
        });
    }
    out
}
