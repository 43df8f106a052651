//! The quote stage's word lists from `quotes.json`, `speakers_words.json` and the shared
//! `words.json`, compiled once: one lexicon of word classes, two-word source phrases, word
//! endings, and the words speaker coreference reads.

use serde::Deserialize;

use super::morph::{Endings, Morphology};
use super::speakers::{CorefWords, Genders, OrgWords, WordSet};
use super::view::class;
use crate::lexicon::{Case, Classes, Lexicon};
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::words::{self, Words};
use crate::world::World;
use std::sync::Arc;

const QUOTES: &str = "quotes.json";
const SPEAKERS: &str = "speakers_words.json";
const WORDS: &str = words::FILE;

pub const RULE_FILES: &[RuleFile] = &[
    crate::rule_file!("quotes.json"),
    crate::rule_file!("speakers_words.json"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteFile {
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
    clause_openers: Vec<String>,
    passive_auxiliaries: Vec<String>,
    relative_pronouns: Vec<String>,
    complementizers: Vec<String>,
    gerund_subordinators: Vec<String>,
    gerund_cues: Vec<String>,
    question_words: Vec<String>,
    coordinators: Vec<String>,
    source_prepositions: Vec<String>,
    after_verb_prepositions: Vec<String>,
    listener_prepositions: Vec<String>,
    infinitive_markers: Vec<String>,
    time_determiners: Vec<String>,
    according_phrases: Vec<String>,
    words_of_phrases: Vec<String>,
    adverb_endings: Vec<String>,
    gerund_endings: Vec<String>,
    past_endings: Vec<String>,
    participle_endings: Vec<String>,
    participles: Vec<String>,
    plural_endings: Vec<String>,
    not_plural_endings: Vec<String>,
    group_noun_endings: Vec<String>,
    party_names: std::collections::BTreeMap<String, String>,
    transcript: TranscriptWords,
}

/// The words of transcript labels (`HOST:`, `Q:`), lower-cased on load.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TranscriptWords {
    /// Labels that open a paragraph but name nobody (`Update:`, `Image:`).
    pub(super) not_speakers: Vec<String>,
    /// The interviewer's label (`Q`) and the interviewee's (`A`).
    pub(super) question_labels: Vec<String>,
    pub(super) answer_labels: Vec<String>,
    /// Words of a label that names a role, not a person (`host`, `moderator`).
    pub(super) roles: Vec<String>,
    /// How the speaker of a question turn, and of an answer whose person the article does not
    /// name, are described.
    pub(super) interviewer: String,
    pub(super) interviewee: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerWords {
    determiners: Vec<String>,
    np_links: Vec<String>,
    person_nouns: Vec<String>,
    org_words: Vec<String>,
    source_adjectives: Vec<String>,
    male_words: Vec<String>,
    female_words: Vec<String>,
    company_nouns: Vec<String>,
    definite_determiners: Vec<String>,
    affiliation_links: Vec<String>,
    member_links: Vec<String>,
    agent_prepositions: Vec<String>,
    of_links: Vec<String>,
    group_links: Vec<String>,
    person_pronouns: Vec<String>,
    group_pronouns: Vec<String>,
    known_genders: std::collections::BTreeMap<String, String>,
    given_name_share: u8,
    organization_pronouns: Vec<String>,
}

pub struct QuoteRules {
    pub(super) lex: Lexicon,
    /// `according to`: the source follows (lower-cased words).
    pub(super) according: Vec<Vec<String>>,
    /// `(in the) words of`: the speaker of the quotation follows.
    pub(super) words_of: Vec<Vec<String>>,
    pub(super) morph: Morphology,
    pub(super) coref: CorefWords,
    pub(super) org: OrgWords,
    /// Given names and how often each is a woman's: a name's gender when the article gives none.
    pub(super) world: Arc<World>,
    /// The share (percent) of one gender a given name needs before it says anything.
    pub(super) given_name_share: u8,
    /// `D` → `Democratic Party`: the organisation a party-state tag names.
    pub(super) party_names: std::collections::BTreeMap<String, String>,
    pub(super) transcript: TranscriptWords,
}

impl QuoteRules {
    pub fn compile(set: &RuleSet, shared: &Words, world: Arc<World>) -> Result<Self, RuleError> {
        let mut q: QuoteFile = set.parse(QUOTES)?;
        let t = &mut q.transcript;
        for list in [
            &mut t.not_speakers,
            &mut t.question_labels,
            &mut t.answer_labels,
            &mut t.roles,
        ] {
            for w in list.iter_mut() {
                *w = w.trim().to_lowercase();
            }
        }
        let s: SpeakerWords = set.parse(SPEAKERS)?;
        let mut lex = Lexicon::new(Case::Folded);
        let lists: [(&str, &str, &Vec<String>, Classes); 43] = [
            (
                QUOTES,
                "tell_verbs",
                &q.tell_verbs,
                class::CUE | class::TELL,
            ),
            (
                QUOTES,
                "belief_verbs",
                &q.belief_verbs,
                class::CUE | class::BELIEF,
            ),
            (QUOTES, "weak_verbs", &q.weak_verbs, class::WEAK),
            (QUOTES, "noun_like", &q.noun_like, class::NOUN_LIKE),
            (QUOTES, "finite_verbs", &q.finite_verbs, class::FINITE),
            (QUOTES, "question_verbs", &q.question_verbs, class::QUESTION),
            (QUOTES, "before_verb", &q.before_verb, class::BEFORE_VERB),
            (QUOTES, "after_verb", &q.after_verb, class::AFTER_VERB),
            (
                QUOTES,
                "not_clause_start",
                &q.not_clause_start,
                class::NOT_CLAUSE,
            ),
            (QUOTES, "stop_words", &q.stop_words, class::STOP),
            (
                QUOTES,
                "clause_openers",
                &q.clause_openers,
                class::CLAUSE_OPENER,
            ),
            (
                QUOTES,
                "passive_auxiliaries",
                &q.passive_auxiliaries,
                class::PASSIVE_AUX,
            ),
            (
                QUOTES,
                "relative_pronouns",
                &q.relative_pronouns,
                class::RELATIVE,
            ),
            (
                QUOTES,
                "complementizers",
                &q.complementizers,
                class::COMPLEMENTIZER,
            ),
            (
                QUOTES,
                "gerund_subordinators",
                &q.gerund_subordinators,
                class::SUBORDINATOR,
            ),
            (QUOTES, "gerund_cues", &q.gerund_cues, class::GERUND_CUE),
            (
                QUOTES,
                "question_words",
                &q.question_words,
                class::QUESTION_WORD,
            ),
            (QUOTES, "coordinators", &q.coordinators, class::COORDINATOR),
            (
                QUOTES,
                "source_prepositions",
                &q.source_prepositions,
                class::SOURCE_PREP,
            ),
            (
                QUOTES,
                "after_verb_prepositions",
                &q.after_verb_prepositions,
                class::AFTER_VERB_PREP,
            ),
            (
                QUOTES,
                "listener_prepositions",
                &q.listener_prepositions,
                class::LISTENER_PREP,
            ),
            (
                QUOTES,
                "infinitive_markers",
                &q.infinitive_markers,
                class::INFINITIVE,
            ),
            (
                QUOTES,
                "time_determiners",
                &q.time_determiners,
                class::TIME_DET,
            ),
            (SPEAKERS, "determiners", &s.determiners, class::DET),
            (SPEAKERS, "np_links", &s.np_links, class::LINK),
            (SPEAKERS, "person_nouns", &s.person_nouns, class::PERSON),
            (SPEAKERS, "org_words", &s.org_words, class::ORG),
            (
                SPEAKERS,
                "source_adjectives",
                &s.source_adjectives,
                class::SOURCE_ADJ,
            ),
            (
                SPEAKERS,
                "definite_determiners",
                &s.definite_determiners,
                class::DEFINITE,
            ),
            (
                SPEAKERS,
                "affiliation_links",
                &s.affiliation_links,
                class::AFFILIATION,
            ),
            (SPEAKERS, "member_links", &s.member_links, class::MEMBER),
            (
                SPEAKERS,
                "agent_prepositions",
                &s.agent_prepositions,
                class::AGENT,
            ),
            (SPEAKERS, "of_links", &s.of_links, class::OF),
            (SPEAKERS, "group_links", &s.group_links, class::GROUP_LINK),
            (WORDS, "speech_verbs", &shared.speech_verbs, class::CUE),
            (WORDS, "pronouns", &shared.pronouns, class::PRONOUN),
            (
                WORDS,
                "definite_articles",
                &shared.definite_articles,
                class::DET | class::DEFINITE,
            ),
            (
                WORDS,
                "indefinite_articles",
                &shared.indefinite_articles,
                class::DET,
            ),
            (WORDS, "titles", &shared.titles, class::TITLE),
            (
                WORDS,
                "honorifics",
                &shared.honorifics,
                class::HONORIFIC | class::TITLE,
            ),
            (
                WORDS,
                "name_particles",
                &shared.name_particles,
                class::PARTICLE,
            ),
            (WORDS, "months", &shared.months, class::MONTH),
            // `said on Monday`: a weekday is an adverbial between a cue and its clause
            (
                WORDS,
                "weekdays",
                &shared.weekdays,
                class::AFTER_VERB | class::STOP,
            ),
        ];
        for (file, field, words, bits) in lists {
            for w in words {
                // the shared titles hold the entity tagger's phrases too: one word reads alone
                if file == WORDS && w.contains(' ') {
                    continue;
                }
                single_word(set, file, field, w)?;
                lex.add(w, bits);
            }
        }
        let phrases = |field: &str, list: &[String]| -> Result<Vec<Vec<String>>, RuleError> {
            list.iter()
                .map(|p| {
                    let words: Vec<String> = p.split(' ').map(str::to_lowercase).collect();
                    if words.len() < 2 || words.iter().any(String::is_empty) {
                        return Err(RuleError::field(
                            &set.origin(QUOTES),
                            field,
                            format!("{p:?}: entries are words separated by single spaces"),
                        ));
                    }
                    Ok(words)
                })
                .collect()
        };
        let endings = |field: &str, list: &[String]| -> Result<Endings, RuleError> {
            for w in list {
                single_word(set, QUOTES, field, w)?;
            }
            Ok(Endings::new(list))
        };
        let morph = Morphology {
            adverb: endings("adverb_endings", &q.adverb_endings)?,
            gerund: endings("gerund_endings", &q.gerund_endings)?,
            past: endings("past_endings", &q.past_endings)?,
            participle: endings("participle_endings", &q.participle_endings)?,
            participles: q.participles.iter().map(|w| w.to_lowercase()).collect(),
            plural: endings("plural_endings", &q.plural_endings)?,
            not_plural: endings("not_plural_endings", &q.not_plural_endings)?,
            group_noun: endings("group_noun_endings", &q.group_noun_endings)?,
            possessive: Endings::new(&shared.possessive_endings),
        };
        let mut genders = Genders::default();
        for (words, female) in [(&s.male_words, false), (&s.female_words, true)] {
            for w in words {
                genders.insert(w.to_lowercase(), female);
            }
        }
        let lower = |l: &[String]| -> WordSet { l.iter().map(|w| w.to_lowercase()).collect() };
        let mut known_genders = Genders::default();
        for (name, g) in &s.known_genders {
            let female = match g.as_str() {
                "female" => true,
                "male" => false,
                _ => {
                    return Err(RuleError::field(
                        &set.origin(SPEAKERS),
                        "known_genders",
                        format!("{name:?}: {g:?} is not \"female\" or \"male\""),
                    ))
                }
            };
            known_genders.insert(name.trim().to_lowercase(), female);
        }
        if !(50..=100).contains(&s.given_name_share) {
            return Err(RuleError::field(
                &set.origin(SPEAKERS),
                "given_name_share",
                format!("{} is not a percentage from 50 to 100", s.given_name_share),
            ));
        }
        let org = OrgWords {
            links: lower(&[s.affiliation_links.clone(), s.member_links.clone()].concat()),
            nouns: lower(&s.org_words),
            articles: shared.articles().iter().map(|w| w.to_lowercase()).collect(),
        };
        let coref = CorefWords {
            genders,
            company: lower(&s.company_nouns),
            honorifics: lower(&shared.honorifics),
            person_pronouns: lower(&s.person_pronouns),
            group_pronouns: lower(&s.group_pronouns),
            organization_pronouns: lower(&s.organization_pronouns),
            articles: shared.articles().iter().map(|w| w.to_lowercase()).collect(),
            known_genders,
        };
        Ok(QuoteRules {
            lex,
            according: phrases("according_phrases", &q.according_phrases)?,
            words_of: phrases("words_of_phrases", &q.words_of_phrases)?,
            morph,
            coref,
            org,
            world,
            given_name_share: s.given_name_share,
            party_names: q.party_names,
            transcript: q.transcript,
        })
    }
}

fn single_word(set: &RuleSet, file: &str, field: &str, w: &str) -> Result<(), RuleError> {
    if w.is_empty() || w.chars().any(char::is_whitespace) {
        return Err(RuleError::field(
            &set.origin(file),
            field,
            format!("{w:?}: entries are single words"),
        ));
    }
    Ok(())
}
