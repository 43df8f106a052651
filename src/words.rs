//! The word lists several stages share, written once in `rules/words.json`: titles and
//! honorifics, name particles, months and weekdays, speech verbs, pronouns and articles. Each
//! stage compiles them into its own lexicon with its own classes and case rules.

use serde::Deserialize;

use crate::rules::{RuleError, RuleFile, RuleSet};

pub const FILE: &str = "words.json";

pub const RULE_FILES: &[RuleFile] = &[crate::rule_file!("words.json")];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Titles and roles before a name, as written (`Prime Minister`, `analyst`).
    pub titles: Vec<String>,
    /// Titles after which any capitalised word is a name (`Mr`, `Dr.`, `Sen.`).
    pub honorifics: Vec<String>,
    /// Lower-case particles inside personal names (`de`, `van`, `bin`).
    pub name_particles: Vec<String>,
    /// Month names and their abbreviations, as written (`January`, `Jan`, `Sept.`).
    pub months: Vec<String>,
    pub weekdays: Vec<String>,
    /// Verbs of saying in every form (`say`, `said`, `saying`).
    pub speech_verbs: Vec<String>,
    /// Personal pronouns that can stand for a speaker (`he`, `they`).
    pub pronouns: Vec<String>,
    /// `the`: a name after it may stand for one written in full before.
    pub definite_articles: Vec<String>,
    /// `a`, `an`.
    pub indefinite_articles: Vec<String>,
    /// `’s`, `'s`: a possessive, or `is`/`has` cut short (`that’s`).
    pub possessive_endings: Vec<String>,
}

impl Words {
    /// Every article, definite ones first.
    pub fn articles(&self) -> Vec<String> {
        self.definite_articles
            .iter()
            .chain(&self.indefinite_articles)
            .cloned()
            .collect()
    }
}

impl Words {
    pub fn parse(set: &RuleSet) -> Result<Self, RuleError> {
        set.parse(FILE)
    }
}
