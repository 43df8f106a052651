//! The quote stage's word lists from `quotes.json` and `speakers_words.json`, compiled once into
//! one lexicon of word classes, gendered title words and business nouns.

use serde::Deserialize;

use super::speakers;
use super::view::class;
use crate::lexicon::{Case, Lexicon};
use crate::rules::{RuleError, RuleFile, RuleSet};

pub const RULE_FILES: &[RuleFile] = &[
    crate::rule_file!("quotes.json"),
    crate::rule_file!("speakers_words.json"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteFile {
    speech_verbs: Vec<String>,
    tell_verbs: Vec<String>,
    belief_verbs: Vec<String>,
    weak_verbs: Vec<String>,
    noun_like: Vec<String>,
    finite_verbs: Vec<String>,
    question_verbs: Vec<String>,
    before_verb: Vec<String>,
    after_verb: Vec<String>,
    not_clause_start: Vec<String>,
    stop_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerWords {
    pronouns: Vec<String>,
    determiners: Vec<String>,
    np_links: Vec<String>,
    titles: Vec<String>,
    honorifics: Vec<String>,
    person_nouns: Vec<String>,
    org_words: Vec<String>,
    name_particles: Vec<String>,
    source_adjectives: Vec<String>,
    male_words: Vec<String>,
    female_words: Vec<String>,
    company_nouns: Vec<String>,
}

pub struct QuoteRules {
    pub(super) lex: Lexicon,
    pub(super) genders: speakers::Genders,
    /// Nouns a business goes by (`carmaker`, `bank`): `the company` refers back to one of them.
    pub(super) company: speakers::WordSet,
}

impl QuoteRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        let q: QuoteFile = set.parse("quotes.json")?;
        let s: SpeakerWords = set.parse("speakers_words.json")?;
        let mut lex = Lexicon::new(Case::Folded);
        let lists: [(&str, &str, &Vec<String>, u64); 20] = [
            ("quotes.json", "speech_verbs", &q.speech_verbs, class::CUE),
            (
                "quotes.json",
                "tell_verbs",
                &q.tell_verbs,
                class::CUE | class::TELL,
            ),
            (
                "quotes.json",
                "belief_verbs",
                &q.belief_verbs,
                class::CUE | class::BELIEF,
            ),
            ("quotes.json", "weak_verbs", &q.weak_verbs, class::WEAK),
            ("quotes.json", "noun_like", &q.noun_like, class::NOUN_LIKE),
            (
                "quotes.json",
                "finite_verbs",
                &q.finite_verbs,
                class::FINITE,
            ),
            (
                "quotes.json",
                "question_verbs",
                &q.question_verbs,
                class::QUESTION,
            ),
            (
                "quotes.json",
                "before_verb",
                &q.before_verb,
                class::BEFORE_VERB,
            ),
            (
                "quotes.json",
                "after_verb",
                &q.after_verb,
                class::AFTER_VERB,
            ),
            (
                "quotes.json",
                "not_clause_start",
                &q.not_clause_start,
                class::NOT_CLAUSE,
            ),
            ("quotes.json", "stop_words", &q.stop_words, class::STOP),
            (
                "speakers_words.json",
                "pronouns",
                &s.pronouns,
                class::PRONOUN,
            ),
            (
                "speakers_words.json",
                "determiners",
                &s.determiners,
                class::DET,
            ),
            ("speakers_words.json", "np_links", &s.np_links, class::LINK),
            ("speakers_words.json", "titles", &s.titles, class::TITLE),
            (
                "speakers_words.json",
                "honorifics",
                &s.honorifics,
                class::HONORIFIC | class::TITLE,
            ),
            (
                "speakers_words.json",
                "person_nouns",
                &s.person_nouns,
                class::PERSON,
            ),
            ("speakers_words.json", "org_words", &s.org_words, class::ORG),
            (
                "speakers_words.json",
                "name_particles",
                &s.name_particles,
                class::PARTICLE,
            ),
            (
                "speakers_words.json",
                "source_adjectives",
                &s.source_adjectives,
                class::SOURCE_ADJ,
            ),
        ];
        for (file, field, words, bits) in lists {
            for w in words {
                if w.is_empty() || w.chars().any(char::is_whitespace) {
                    return Err(RuleError::field(
                        &set.origin(file),
                        field,
                        format!("{w:?}: entries are single words"),
                    ));
                }
                lex.add(w, bits);
            }
        }
        let mut genders = speakers::Genders::default();
        for (words, female) in [(&s.male_words, false), (&s.female_words, true)] {
            for w in words {
                genders.insert(w.to_lowercase(), female);
            }
        }
        let company = s.company_nouns.iter().map(|w| w.to_lowercase()).collect();
        Ok(QuoteRules {
            lex,
            genders,
            company,
        })
    }
}
