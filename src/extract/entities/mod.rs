//! Named entities from rule sets and from what the article itself says.
//!
//! Phases, each in its own file, pass plain data: `doc` reads the token stream's words (through
//! `words`) with what the lists in `rules` say about each and where `gazetteer` names start;
//! `runs` finds capitalised runs and `cut` cuts each into pieces (`piece`) by titles, heads
//! (`Ministry`, `Conference`) and connectives, with `names` saying what a name is made of;
//! `evidence` types unknown pieces from their `context` and from the rest of the article;
//! `link` makes one entity per name, a surname linking to the full name written first.

mod context;
mod cut;
mod doc;
mod entity;
mod evidence;
mod gazetteer;
mod link;
mod names;
mod piece;
mod rules;
mod runs;
mod words;

use super::tokens::Tokens;
use crate::read::layout::Layout;

pub use entity::{Entities, Entity, EntityType, Mention};
pub use rules::{EntityRules, RULE_FILES};

/// The rules of the stages up to this one, for the unit tests of this stage and those above it.
#[cfg(test)]
pub(crate) mod testing {
    use super::{EntityRules, RULE_FILES};
    use crate::extract::segment::{self, SegmentRules};
    use crate::extract::tokens::TokenRules;
    use crate::read::layout::{self, LayoutRules};
    use crate::rules::{RuleFile, RuleSet};
    use crate::words::{self, Words};

    pub struct Stages {
        pub layout: LayoutRules,
        pub segment: SegmentRules,
        pub tokens: TokenRules,
        pub entities: EntityRules,
    }

    /// The rule files of layout, segment and entities.
    pub fn rule_files() -> impl Iterator<Item = &'static RuleFile> {
        layout::RULE_FILES
            .iter()
            .chain(words::RULE_FILES)
            .chain(segment::RULE_FILES)
            .chain(RULE_FILES)
    }

    pub fn stages() -> &'static Stages {
        static RULES: std::sync::OnceLock<Stages> = std::sync::OnceLock::new();
        RULES.get_or_init(|| {
            let set = RuleSet::builtin(rule_files());
            let shared = Words::parse(&set).unwrap();
            Stages {
                layout: LayoutRules::compile(&set).unwrap(),
                segment: SegmentRules::compile(&set, &shared).unwrap(),
                tokens: TokenRules::new(&shared),
                entities: EntityRules::compile(&set, &shared).unwrap(),
            }
        })
    }
}

/// Tags the named entities of the article's content paragraphs.
/// Phases pass plain data: the words as read, the pieces cut from capitalised runs, the pieces
/// typed from the whole article, the linked entities.
pub fn tag(text: &str, layout: &Layout, tokens: &Tokens, rules: &EntityRules) -> Entities {
    let doc = doc::Doc::read(text, layout, tokens, rules);
    let pieces = runs::cut(&doc, layout);
    let pieces = evidence::read(&doc, pieces);
    link::link(&doc, pieces)
}

#[cfg(test)]
mod tests;
