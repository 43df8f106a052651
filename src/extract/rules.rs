//! The registry of rule files and the compiled bundle: where the stages are assembled, every
//! stage's files are listed once and compiled once per run, shared by all threads.

use super::segment::Sentence;
use super::tokens::{self, TokenRules, Tokens};
use super::{entities, quotes, segment};
use crate::read::html;
use crate::read::layout::{self, Layout};
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::words::{self, Words};
use crate::world::{self, World};

/// Every rule file any stage reads, in the order error messages list them.
pub fn rule_files() -> impl Iterator<Item = &'static RuleFile> {
    layout::RULE_FILES
        .iter()
        .chain(words::RULE_FILES)
        .chain(html::RULE_FILES)
        .chain(segment::RULE_FILES)
        .chain(entities::RULE_FILES)
        .chain(quotes::RULE_FILES)
        .chain(world::RULE_FILES)
}

/// Every stage's compiled rules, built once per run and shared by all threads.
pub struct Rules {
    pub layout: layout::LayoutRules,
    pub segment: segment::SegmentRules,
    pub tokens: TokenRules,
    pub entities: entities::EntityRules,
    pub quotes: quotes::QuoteRules,
    /// How web pages are read (the reader gets it through `read::Formats`).
    pub html: std::sync::Arc<html::HtmlRules>,
    /// The generated places, names and words, parsed table by table when first asked.
    pub world: std::sync::Arc<World>,
    pub hash: String,
}

impl Rules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        let words = Words::parse(set)?;
        let world = std::sync::Arc::new(World::load(set)?);
        Ok(Rules {
            layout: layout::LayoutRules::compile(set)?,
            segment: segment::SegmentRules::compile(set, &words)?,
            tokens: TokenRules::new(&words),
            entities: entities::EntityRules::compile(set, &words)?,
            quotes: quotes::QuoteRules::compile(set, &words, world.clone())?,
            html: std::sync::Arc::new(html::HtmlRules::compile(set)?),
            world,
            hash: set.hash(),
        })
    }

    /// The built-in rule files, before compiling.
    pub fn builtin_set() -> RuleSet {
        RuleSet::builtin(rule_files())
    }

    /// The built-in files with those in `dir` in place of the ones of the same name.
    pub fn set_with_overrides(dir: &std::path::Path) -> Result<RuleSet, RuleError> {
        RuleSet::with_overrides(rule_files(), dir)
    }

    pub fn builtin() -> Self {
        Self::compile(&Self::builtin_set()).expect("built-in rules are valid")
    }

    /// The token stream of an article, with these rules' dot decisions.
    pub fn tokens(&self, text: &str, layout: &Layout, sentences: &[Sentence]) -> Tokens {
        tokens::build(text, layout, sentences, &self.segment, &self.tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_compile() {
        Rules::compile(&Rules::builtin_set()).unwrap();
    }

    #[test]
    fn every_rule_file_name_is_unique() {
        let mut names: Vec<_> = rule_files().map(|f| f.name).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }
}
