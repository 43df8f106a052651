//! The compiled word lists: one hash map from a word to what the rule files say about it, title
//! phrases, and one Aho-Corasick automaton over every gazetteer name.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use serde::Deserialize;

use super::entity::EntityType;
use crate::lexicon::{Case, FxSet, Lexicon};
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::words::{self, Words};

pub const RULE_FILES: &[RuleFile] = &[
    crate::rule_file!("entities.json"),
    crate::rule_file!("gazetteer_places.json"),
    crate::rule_file!("gazetteer_names.json"),
    crate::rule_file!("given_names.json"),
];

/// What the rule files say about one word (bit flags, a word may carry several).
pub mod word {
    pub const GIVEN: u64 = 1;
    pub const NOT_NAME: u64 = 1 << 1;
    pub const CONNECTIVE: u64 = 1 << 2;
    pub const PARTICLE: u64 = 1 << 3;
    pub const ORG_HEAD: u64 = 1 << 4;
    pub const EVENT_HEAD: u64 = 1 << 5;
    pub const FAC_HEAD: u64 = 1 << 6;
    pub const LOC_HEAD: u64 = 1 << 7;
    pub const GPE_HEAD: u64 = 1 << 8;
    pub const ORG_PREFIX: u64 = 1 << 9;
    pub const EVENT_PREFIX: u64 = 1 << 10;
    pub const LANGUAGE: u64 = 1 << 11;
    /// A one-word title, or the first word of a longer one.
    pub const TITLE: u64 = 1 << 12;
    pub const CUE_PERSON_AFTER: u64 = 1 << 13;
    pub const CUE_PERSON_BEFORE: u64 = 1 << 14;
    pub const CUE_LOC_BEFORE: u64 = 1 << 15;
    pub const FAC_NOUN: u64 = 1 << 16;
    pub const ORG_NOUN: u64 = 1 << 17;
    /// Mr, Dr, Sen.: whatever capitalised word follows is a name.
    pub const HONORIFIC: u64 = 1 << 18;
    pub const LOC_PREFIX: u64 = 1 << 19;
    pub const GPE_NOUN: u64 = 1 << 20;
    pub const LOC_NOUN: u64 = 1 << 21;
    /// A lower-case word that starts a gazetteer name (`al` in `al Qaeda`).
    pub const GAZ_LOWER_START: u64 = 1 << 22;
    /// A place word that is also a surname (`Hill`, `Park`).
    pub const SURNAME_PLACE: u64 = 1 << 23;
    /// A common English word (`Living`, `Wage`): two of them are no one's name.
    pub const COMMON: u64 = 1 << 24;
    /// A word next to which a nationality word is a language (`spoke English`, `English language`).
    pub const LANGUAGE_CUE: u64 = 1 << 25;
    /// A month or its abbreviation (`Jan`, `Sept.`): before a day number it is a date, not a name.
    pub const MONTH: u64 = 1 << 26;
    /// A lower-case noun that names an event next to it (`the exercise`, `festival`).
    pub const EVENT_NOUN: u64 = 1 << 27;
    /// A place prefix that makes a town or country (`Fort`, `Kfar`).
    pub const GPE_PREFIX: u64 = 1 << 28;
    /// `of`, `for`, `on` after a head word (`Ministry of Defence`).
    pub const OF_LINK: u64 = 1 << 29;
    /// `on`, `for` before a committee's remit (`Committee on Ukraine’s integration`).
    pub const REMIT_LINK: u64 = 1 << 30;
    /// `and` joining a second name after an `of` (`of Health and Human Services`).
    pub const NAME_CONJUNCTION: u64 = 1 << 31;
    /// `at` between a role and a workplace (`an analyst at X`).
    pub const WORKPLACE_PREP: u64 = 1 << 32;
    /// `in`: a place cue too weak for a lone word (`in Linguistics`).
    pub const WEAK_PLACE_CUE: u64 = 1 << 33;
    /// `told`: whoever is told without a given name is most often a news outlet.
    pub const OUTLET_VERB: u64 = 1 << 34;
    /// Words after a name that was told (`told X that`, `told X on Monday`).
    pub const OUTLET_FOLLOWER: u64 = 1 << 35;
    /// `called`, `dubbed` before an event's name.
    pub const NAMING_VERB: u64 = 1 << 36;
    /// `said`, `says` in `X said in a statement`.
    pub const STATEMENT_VERB: u64 = 1 << 37;
    /// `in` in `X said in a statement`.
    pub const STATEMENT_PREP: u64 = 1 << 38;
    /// Words that end the noun phrase of an appositive (`a firm that`, `a farmer from`).
    pub const PHRASE_ENDER: u64 = 1 << 39;
    /// `of` after a noun that names a kind (`the group of chemicals`).
    pub const KIND_LINK: u64 = 1 << 40;
    /// `who`, `whose`, `whom` after a person's name.
    pub const PERSON_RELATIVE: u64 = 1 << 41;
    /// An article written in lower case (`the`, `a`).
    pub const ARTICLE: u64 = 1 << 42;
    /// An article capitalised (`The`, `A`).
    pub const CAP_ARTICLE: u64 = 1 << 43;
    /// A definite article, either case (`the`, `The`).
    pub const DEFINITE: u64 = 1 << 44;
    pub const HEADS: u64 = ORG_HEAD | EVENT_HEAD | FAC_HEAD | LOC_HEAD;
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    org_heads: Vec<String>,
    org_prefixes: Vec<String>,
    event_heads: Vec<String>,
    event_prefixes: Vec<String>,
    location_prefixes: Vec<String>,
    place_word_surnames: Vec<String>,
    common_words: Vec<String>,
    language_cues: Vec<String>,
    gpe_nouns: Vec<String>,
    loc_nouns: Vec<String>,
    facility_heads: Vec<String>,
    location_heads: Vec<String>,
    gpe_heads: Vec<String>,
    facility_nouns: Vec<String>,
    org_nouns: Vec<String>,
    connectives: Vec<String>,
    not_names: Vec<String>,
    languages: Vec<String>,
    person_cues_after: Vec<String>,
    person_cues_before: Vec<String>,
    location_cues_before: Vec<String>,
    event_nouns: Vec<String>,
    place_cues_before: Vec<String>,
    gpe_prefixes: Vec<String>,
    of_links: Vec<String>,
    remit_links: Vec<String>,
    name_conjunctions: Vec<String>,
    workplace_prepositions: Vec<String>,
    weak_place_cues: Vec<String>,
    outlet_verbs: Vec<String>,
    outlet_followers: Vec<String>,
    naming_verbs: Vec<String>,
    statement_verbs: Vec<String>,
    statement_prepositions: Vec<String>,
    statement_nouns: Vec<String>,
    phrase_enders: Vec<String>,
    kind_links: Vec<String>,
    person_relatives: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GivenNames {
    given_names: Vec<String>,
}

/// Gazetteer files: entity type → names.
type Gazetteer = BTreeMap<EntityType, Vec<String>>;

/// What the rule files say about a phrase of one or more words, as written (bit flags).
pub mod phrase {
    /// A title or role before a name (`Secretary of State`).
    pub const TITLE: u64 = 1;
    /// A multi-word cue before a person's name (`according to`).
    pub const PERSON_CUE_BEFORE: u64 = 1 << 1;
    /// One or two lower-case words before a place's name (`in`, `mayor of`).
    pub const PLACE_CUE_BEFORE: u64 = 1 << 2;
}

pub struct EntityRules {
    pub(super) words: Lexicon,
    /// Phrases, as written: titles, cue phrases.
    pub(super) phrases: Lexicon,
    pub(super) max_title_words: usize,
    /// Nouns for a statement, matched as the start of a word (`statement`, `statements`).
    pub(super) statement_nouns: Vec<String>,
    pub(super) gazetteer: AhoCorasick,
    pub(super) gazetteer_types: Vec<EntityType>,
    /// The same names in capitals, for paragraphs written in capitals: built the first time an
    /// article needs it.
    gazetteer_upper: OnceLock<Option<AhoCorasick>>,
    /// The names the automata hold, in pattern order.
    patterns: Vec<String>,
    pub(super) starts_name_upper: [bool; 256],
    /// Bytes a gazetteer name can start with: words starting otherwise are not probed.
    pub(super) starts_name: [bool; 256],
}

impl EntityRules {
    pub fn compile(set: &RuleSet, shared: &Words) -> Result<Self, RuleError> {
        const F: &str = "entities.json";
        let f: EntityFile = set.parse(F)?;
        let given: GivenNames = set.parse("given_names.json")?;
        let mut words = Lexicon::new(Case::Exact);
        let mut phrases = Lexicon::new(Case::Exact);
        let mut add = |list: &[String], flag: u64| {
            for w in list {
                words.add(w, flag);
            }
        };
        add(&given.given_names, word::GIVEN);
        add(&f.not_names, word::NOT_NAME);
        add(&f.connectives, word::CONNECTIVE);
        add(&shared.name_particles, word::PARTICLE);
        add(&f.org_heads, word::ORG_HEAD);
        add(&f.event_heads, word::EVENT_HEAD);
        add(&f.facility_heads, word::FAC_HEAD);
        add(&f.location_heads, word::LOC_HEAD);
        add(&f.gpe_heads, word::GPE_HEAD);
        add(&f.org_prefixes, word::ORG_PREFIX);
        add(&f.event_prefixes, word::EVENT_PREFIX);
        add(&f.languages, word::LANGUAGE);
        add(&f.facility_nouns, word::FAC_NOUN);
        add(&f.org_nouns, word::ORG_NOUN);
        add(&shared.honorifics, word::HONORIFIC);
        add(&f.location_prefixes, word::LOC_PREFIX);
        add(&f.place_word_surnames, word::SURNAME_PLACE);
        add(&f.common_words, word::COMMON);
        add(&f.language_cues, word::LANGUAGE_CUE);
        add(&f.gpe_nouns, word::GPE_NOUN);
        add(&f.loc_nouns, word::LOC_NOUN);
        add(&f.location_cues_before, word::CUE_LOC_BEFORE);
        add(&shared.months, word::MONTH);
        add(&f.gpe_prefixes, word::LOC_PREFIX | word::GPE_PREFIX);
        add(&f.of_links, word::OF_LINK);
        add(&f.remit_links, word::REMIT_LINK);
        add(&f.name_conjunctions, word::NAME_CONJUNCTION);
        add(&f.workplace_prepositions, word::WORKPLACE_PREP);
        add(&f.weak_place_cues, word::WEAK_PLACE_CUE);
        add(&f.outlet_verbs, word::OUTLET_VERB);
        add(&f.outlet_followers, word::OUTLET_FOLLOWER);
        add(&f.naming_verbs, word::NAMING_VERB);
        add(&f.statement_verbs, word::STATEMENT_VERB);
        add(&f.statement_prepositions, word::STATEMENT_PREP);
        add(&f.phrase_enders, word::PHRASE_ENDER);
        add(&f.kind_links, word::KIND_LINK);
        add(&f.person_relatives, word::PERSON_RELATIVE);
        for (list, definite) in [
            (&shared.definite_articles, word::DEFINITE),
            (&shared.indefinite_articles, 0),
        ] {
            add(list, word::ARTICLE | definite);
            add(
                &list.iter().map(|a| capitalised(a)).collect::<Vec<_>>(),
                word::CAP_ARTICLE | definite,
            );
        }
        // weekdays are never a name by themselves
        add(&shared.weekdays, word::NOT_NAME);
        add(&f.event_nouns, word::EVENT_NOUN);
        let single = |l: &[String]| -> Vec<String> {
            l.iter().filter(|w| !w.contains(' ')).cloned().collect()
        };
        add(&single(&f.person_cues_after), word::CUE_PERSON_AFTER);
        add(&single(&f.person_cues_before), word::CUE_PERSON_BEFORE);
        for w in &f.place_cues_before {
            phrases.add(w, phrase::PLACE_CUE_BEFORE);
        }
        for w in f.person_cues_before.iter().filter(|w| w.contains(' ')) {
            phrases.add(w, phrase::PERSON_CUE_BEFORE);
        }
        let mut max_title_words = 1;
        for t in shared.titles.iter().chain(&shared.honorifics) {
            let n = t.split(' ').count();
            if t.trim().is_empty() || t.contains("  ") {
                return Err(RuleError::field(
                    &set.origin(words::FILE),
                    "titles",
                    format!("title {t:?} must be words separated by single spaces"),
                ));
            }
            max_title_words = max_title_words.max(n);
            let first = t.split(' ').next().unwrap_or_default();
            words.add(first, word::TITLE);
            phrases.add(t, phrase::TITLE);
        }

        let mut patterns: Vec<String> = Vec::new();
        let mut gazetteer_types = Vec::new();
        let mut seen: FxSet<String> = FxSet::default();
        for file in ["gazetteer_places.json", "gazetteer_names.json"] {
            let g: Gazetteer = set.parse(file)?;
            for (kind, names) in g {
                for name in names {
                    // A leading article is not part of the name (`the Netherlands`).
                    let name = shared
                        .definite_articles
                        .iter()
                        .find_map(|a| name.strip_prefix(a.as_str())?.strip_prefix(' '))
                        .unwrap_or(&name)
                        .trim()
                        .to_string();
                    if name.is_empty() {
                        return Err(RuleError::field(
                            &set.origin(file),
                            kind.as_str(),
                            "empty name",
                        ));
                    }
                    if seen.insert(name.clone()) {
                        patterns.push(name);
                        gazetteer_types.push(kind);
                    }
                }
            }
        }
        let gazetteer = automaton(&patterns).map_err(|e| {
            RuleError::field(
                &set.origin("gazetteer_places.json"),
                "(names)",
                e.to_string(),
            )
        })?;
        let mut starts_name_upper = [false; 256];
        for p in &patterns {
            for c in p
                .chars()
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .take(1)
            {
                let mut b = [0u8; 4];
                starts_name_upper[c.encode_utf8(&mut b).as_bytes()[0] as usize] = true;
            }
        }
        let mut starts_name = [false; 256];
        for p in &patterns {
            starts_name[p.as_bytes()[0] as usize] = true;
            if p.starts_with(|c: char| c.is_lowercase()) {
                let first = p.split([' ', '-']).next().unwrap_or_default();
                words.add(first, word::GAZ_LOWER_START);
            }
        }
        Ok(EntityRules {
            gazetteer_upper: OnceLock::new(),
            patterns,
            starts_name_upper,
            starts_name,
            words,
            phrases,
            max_title_words,
            statement_nouns: f.statement_nouns.clone(),
            gazetteer,
            gazetteer_types,
        })
    }

    /// The gazetteer names in capitals (`JAPAN`), built on first use; `None` if they cannot be.
    pub(super) fn gazetteer_upper(&self) -> Option<&AhoCorasick> {
        self.gazetteer_upper
            .get_or_init(|| {
                let upper: Vec<String> = self.patterns.iter().map(|p| p.to_uppercase()).collect();
                automaton(&upper).ok()
            })
            .as_ref()
    }

    /// What the rules say about a word (0 when nothing).
    #[inline]
    pub(super) fn word(&self, w: &str) -> u64 {
        self.words.get(w)
    }

    /// What the rules say about a phrase of words as written (0 when nothing).
    #[inline]
    pub(super) fn phrase(&self, p: &str) -> u64 {
        self.phrases.get(p)
    }

    /// Whether a word or phrase is a known title or role written before names (`Foreign Minister`).
    pub fn is_title(&self, phrase: &str) -> bool {
        self.phrase(phrase) & phrase::TITLE != 0
    }

    /// Whether a word is a known given name (`Giedrimas`).
    pub fn is_given_name(&self, w: &str) -> bool {
        self.word(w) & word::GIVEN != 0
    }
}

/// `the` → `The`.
fn capitalised(w: &str) -> String {
    let mut chars = w.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

/// An anchored, leftmost-longest automaton over `names`: one probe per word that could start a
/// name. A contiguous NFA builds in time and memory linear in the names (a DFA over the same names
/// zeroes tens of megabytes at start).
fn automaton(names: &[String]) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .start_kind(StartKind::Anchored)
        .build(names)
}
