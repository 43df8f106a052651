//! Quotations and who said them: direct quotes between quotation marks (whole, split, partial,
//! running over several paragraphs) and reported speech (`S said (that) ...`, `according to S`).
//!
//! Per paragraph: pair the quotation marks (`marks`), view the paragraph's tokens with each
//! quotation as one item (`view`), match attribution patterns over short windows (`patterns`). Then resolve every
//! speaker phrase in text order (`speakers::Resolver`), so pronouns, surnames and descriptions find
//! the person introduced before them.

pub mod marks;
mod patterns;
mod speakers;
pub mod view;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::entities::{Entities, EntityType};
use super::segment::Sentence;
use super::tokens::Tokens;
use speakers::{Np, Resolver};

use crate::lexicon::{Case, FxMap, FxSet, Lexicon};
use crate::read::layout::Layout;
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::text::Span;
pub use speakers::{summarise, SpeakerSummary};
use view::{class, Tok};

pub const RULE_FILES: &[RuleFile] = &[
    crate::rule_file!("quotes.json"),
    crate::rule_file!("speakers_words.json"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Named,
    Anonymous,
    Organization,
    Unresolved,
    None,
}

/// Who said a quote: the resolved name and the words in the text that point at them.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Canonical name, or the description of an unnamed source; `None` when nobody was found.
    pub name: Option<String>,
    pub mention: Option<Span>,
    pub kind: SpeakerKind,
    pub title: Option<String>,
}

impl Speaker {
    pub fn none() -> Self {
        Speaker {
            name: None,
            mention: None,
            kind: SpeakerKind::None,
            title: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub span: Span,
    pub kind: QuoteKind,
    /// Index of the sentence the quote starts in.
    pub sentence: usize,
    pub cue: Option<Span>,
    pub speaker: Speaker,
    /// Which pattern fired, for users who audit.
    pub rule: &'static str,
}

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
    lex: Lexicon,
    genders: speakers::Genders,
    /// Nouns a business goes by (`carmaker`, `bank`): `the company` refers back to one of them.
    company: speakers::WordSet,
}

impl QuoteRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        let q: QuoteFile = set.parse("quotes.json")?;
        let s: SpeakerWords = set.parse("speakers_words.json")?;
        let mut lex = Lexicon::new(Case::Folded);
        let lists: [(&str, &str, &Vec<String>, u32); 20] = [
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

/// What the patterns found before speakers are resolved.
#[derive(Debug, Clone)]
struct Raw {
    span: Span,
    kind: QuoteKind,
    cue: Option<Span>,
    np: Option<Np>,
    rule: &'static str,
    /// Quotes with no speaker phrase inherit the running speaker (split and continued quotes).
    inherit: bool,
    /// Pieces of one quotation running over several paragraphs share a group.
    group: Option<usize>,
}

/// Things that change who a pronoun or a continued quote refers to, in text order.
enum Event {
    /// A paragraph starts; `quoted` says whether it holds any quotation.
    Paragraph {
        quoted: bool,
    },
    /// A person named with a title, or by the entity tagger.
    Register {
        name: String,
        title: Option<String>,
    },
    /// A sentence opens with a person's name.
    Subject {
        name: String,
        title: Option<String>,
        new_person: bool,
    },
    /// `World Health Organization (WHO)`: the short form names the long one.
    Alias {
        short: String,
        long: String,
    },
    Quote(usize),
}

/// Finds the quotations of one article, in text order, with resolved speakers.
pub fn find(
    text: &str,
    layout: &Layout,
    sentences: &[Sentence],
    stream: &Tokens,
    entities: &Entities,
    rules: &QuoteRules,
) -> Vec<Quote> {
    let mut raws: Vec<Raw> = Vec::new();
    let mut events: Vec<(usize, Event)> = Vec::new();
    let mut regions = Vec::new();
    let mut toks: Vec<Tok> = Vec::new();
    let mut groups = 0usize;
    let places: FxSet<&str> = entities
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Loc))
        .map(|e| e.name.as_str())
        .collect();
    // The previous paragraph ended inside a quotation: (its raw index, its group).
    let mut open_from: Option<usize> = None;
    // The previous paragraph ended `S said:`.
    let mut colon: Option<(Np, Span)> = None;
    for paragraph in &stream.paragraphs {
        let para = paragraph.span;
        if layout.headline == Some(para) || layout.is_credit_line(para) {
            continue;
        }
        let para = after_dateline(text, layout, para);
        marks::scan(text, para, open_from.is_some(), &mut regions);
        view::view(
            text, stream, paragraph, para.start, &regions, &rules.lex, &mut toks,
        );
        let first_raw = raws.len();
        let first_event = events.len();
        events.push((para.start, Event::Paragraph { quoted: false }));
        let p = patterns::Paragraph::new(text, &toks, &regions, entities, &places);
        p.find(&mut raws, &mut events);
        if let Some((np, cue)) = colon.take() {
            let opens = toks
                .first()
                .is_some_and(|t| matches!(t.kind, view::Kind::Quoted(_)));
            if let Some(r) = raws
                .get_mut(first_raw)
                .filter(|r| opens && r.np.is_none() && r.kind != QuoteKind::Indirect)
            {
                r.np = Some(np);
                r.cue = Some(cue);
                r.rule = "speaker_verb_colon";
            }
        }
        colon = p.colon_speaker();
        // A quotation left open at the end of the last paragraph continues here.
        if let Some(prev) = open_from.take() {
            let starts_quoted = regions.first().is_some_and(|r| match r.open {
                Some(o) => text[para.start..o.start].trim().is_empty(),
                None => true,
            });
            if starts_quoted {
                if let Some(cur) = raws[first_raw..]
                    .iter()
                    .position(|r| r.kind != QuoteKind::Indirect && r.span.start >= para.start)
                {
                    let g = *raws[prev].group.get_or_insert_with(|| {
                        groups += 1;
                        groups - 1
                    });
                    raws[first_raw + cur].group = Some(g);
                }
            }
        }
        if let Some(last) = regions.last() {
            if last.close.is_none() {
                open_from = raws[first_raw..]
                    .iter()
                    .rposition(|r| {
                        r.span.start >= last.inner.start && r.kind != QuoteKind::Indirect
                    })
                    .map(|i| first_raw + i);
            }
        }
        if raws.len() > first_raw {
            events[first_event].1 = Event::Paragraph { quoted: true };
        }
    }
    events.sort_by_key(|(pos, e)| (*pos, matches!(e, Event::Quote(_))));
    resolve(text, sentences, entities, rules, raws, events)
}

fn resolve(
    text: &str,
    sentences: &[Sentence],
    entities: &Entities,
    rules: &QuoteRules,
    raws: Vec<Raw>,
    events: Vec<(usize, Event)>,
) -> Vec<Quote> {
    let mut resolver = Resolver::new(&rules.genders, &rules.company);
    let mut chain: Option<Speaker> = None;
    // The person who opened a sentence earlier in this paragraph.
    let mut subject: Option<Speaker> = None;
    let mut carried: Option<Speaker> = None;
    let mut by_subject = vec![false; raws.len()];
    let mut speakers: Vec<Option<Speaker>> = vec![None; raws.len()];
    for (_, e) in events {
        match e {
            Event::Paragraph { quoted } => {
                if !quoted {
                    chain = None;
                }
                // A paragraph that opens with a quote may continue the last paragraph's subject.
                carried = subject.take();
            }
            Event::Register { name, title } => {
                resolver.register(&name, title.as_deref());
            }
            Event::Alias { short, long } => resolver.alias(short, long),
            Event::Subject {
                name,
                title,
                new_person,
            } => {
                subject = resolver.subject(&name, title.as_deref(), new_person);
                // `“A,” said Smith. Jones disagreed. “B.”`: a new person opening a sentence takes
                // over the running quotation.
                if chain.is_some() && subject.is_some() {
                    chain.clone_from(&subject);
                }
            }
            Event::Quote(i) => {
                let r = &raws[i];
                let s = match &r.np {
                    Some(np) => {
                        let s = resolver.resolve(text, np, entities);
                        chain = Some(s.clone());
                        Some(s)
                    }
                    None if r.inherit && chain.is_some() => {
                        chain.clone().map(|s| Speaker { mention: None, ..s })
                    }
                    // `Smith was blunt. “...”`: a quote nobody introduces is the paragraph subject's.
                    None if r.inherit && r.kind == QuoteKind::Direct => {
                        let s = subject.clone().or_else(|| carried.clone());
                        by_subject[i] = s.is_some();
                        s
                    }
                    None => None,
                };
                speakers[i] = s;
            }
        }
    }
    // Every piece of a multi-paragraph quotation is the speaker's who is named on any piece.
    let mut by_group: FxMap<usize, Speaker> = FxMap::default();
    for (r, s) in raws.iter().zip(&speakers) {
        if let (Some(g), Some(s), Some(_)) = (r.group, s, &r.np) {
            by_group.entry(g).or_insert_with(|| s.clone());
        }
    }
    let mut out: Vec<Quote> = raws
        .into_iter()
        .zip(speakers)
        .enumerate()
        .map(|(i, (r, s))| {
            let mut rule = r.rule;
            let speaker = match (r.group.and_then(|g| by_group.get(&g)), r.np.is_some()) {
                (Some(g), false) => {
                    rule = "multi_paragraph";
                    Speaker {
                        mention: None,
                        ..g.clone()
                    }
                }
                _ => s.unwrap_or_else(Speaker::none),
            };
            if r.np.is_none() && r.inherit && rule != "multi_paragraph" {
                rule = if by_subject[i] {
                    "paragraph_subject"
                } else if speaker.kind == SpeakerKind::None {
                    "unattributed"
                } else {
                    "continuation"
                };
            }
            let sentence = sentences
                .partition_point(|x| x.span.end <= r.span.start)
                .min(sentences.len().saturating_sub(1));
            Quote {
                span: r.span,
                kind: r.kind,
                sentence,
                cue: r.cue,
                speaker,
                rule,
            }
        })
        .collect();
    out.sort_by_key(|q| (q.span.start, q.span.end));
    out
}

/// The paragraph without its dateline (`OSLO, March 3 (Reuters) -`): no quote or speaker starts there.
fn after_dateline(text: &str, layout: &Layout, para: Span) -> Span {
    let Some(d) = layout
        .dateline
        .filter(|d| d.start >= para.start && d.end <= para.end)
    else {
        return para;
    };
    let rest = &text[d.end..para.end];
    let body = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '–'));
    Span::new(para.end - body.len(), para.end)
}

/// Whether `tokens` lie on a place or organisation the entity tagger found (a name that is no person).
fn is_non_person_entity(entities: &Entities, tokens: Range<usize>) -> bool {
    entities
        .over(tokens)
        .iter()
        .any(|m| m.kind != EntityType::Person)
}

/// The person entity the tagger found on `tokens`, with its canonical name.
fn person_entity(entities: &Entities, tokens: Range<usize>) -> Option<&super::entities::Mention> {
    entities
        .over(tokens)
        .iter()
        .find(|m| m.kind == EntityType::Person)
}

#[cfg(test)]
mod tests;
