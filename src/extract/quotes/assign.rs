//! Assigning speakers in text order: each speaker phrase resolved against what the article said
//! before it, continued and split quotations inheriting the running speaker, a quote nobody
//! introduces given to the paragraph's subject, and multi-paragraph quotations sharing one speaker.

use super::found::{Event, Raw};
use super::quote::{Gender, GenderFrom, Quote, QuoteKind, Speaker, SpeakerKind};
use super::rules::QuoteRules;
use super::speakers::{org_in_title, EntityNames, Resolver};
use super::transcript::{Label, Turn};
use crate::extract::entities::Entities;
use crate::extract::segment::Sentence;
use crate::lexicon::FxMap;
use crate::world::Gender as WorldGender;

pub(super) fn resolve(
    text: &str,
    sentences: &[Sentence],
    entities: &Entities,
    rules: &QuoteRules,
    raws: Vec<Raw>,
    events: Vec<(usize, Event)>,
    turns: &FxMap<usize, Turn>,
) -> Vec<Quote> {
    let mut resolver = Resolver::new(&rules.coref, &rules.morph);
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
            Event::Pronoun { female } => resolver.pronoun(female),
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
                if let Some(turn) = turns.get(&i) {
                    speakers[i] = Some(turn_speaker(turn, &mut resolver));
                    continue;
                }
                let s = match &r.np {
                    Some(np) => {
                        let mut s = resolver.resolve(text, np, entities);
                        if let Some(tag) = np.party {
                            s.org = party(tag.of(text), rules).or(s.org);
                        }
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
    // A party named once with a person's tag is theirs in every quote.
    let mut party_of: FxMap<usize, String> = FxMap::default();
    for s in speakers.iter().flatten() {
        if let (Some(p), Some(o)) = (s.person, &s.org) {
            party_of.entry(p).or_insert_with(|| o.clone());
        }
    }
    for s in speakers.iter_mut().flatten() {
        if let (Some(p), None) = (s.person, &s.org) {
            s.org = party_of.get(&p).cloned();
        }
    }
    let names = EntityNames::new(entities);
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
            let speaker = complete(speaker, &resolver, &names, rules);
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

/// The party a tag's letter names (`D-Mo.` → `Democratic Party`), from `party_names`.
fn party(tag: &str, rules: &QuoteRules) -> Option<String> {
    let letter = tag.split('-').next()?;
    rules.party_names.get(letter).cloned()
}

/// The speaker a transcript label names: a person found or introduced by name, or a role.
fn turn_speaker(turn: &Turn, resolver: &mut Resolver) -> Speaker {
    let s = match &turn.who {
        Label::Person { name, title } => resolver.subject(name, title.as_deref(), true),
        Label::Role(role) => Some(Speaker {
            name: Some(role.clone()),
            kind: SpeakerKind::Anonymous,
            ..Speaker::none()
        }),
    };
    Speaker {
        mention: Some(turn.label),
        ..s.unwrap_or_else(Speaker::none)
    }
}

/// What the whole article says of a speaker, filled in once every phrase is read: a person's
/// fullest name, gender and entity (a later `she` counts for an earlier quote), the organisation
/// in their title, an organisation's entity.
fn complete(
    mut s: Speaker,
    resolver: &Resolver,
    names: &EntityNames,
    rules: &QuoteRules,
) -> Speaker {
    let mut gender = None;
    if let Some(i) = s.person {
        let (name, g, entity) = resolver.person(i);
        s.name = Some(name.to_string());
        s.entity = entity.or_else(|| names.get(name));
        gender = g;
    } else if s.kind == SpeakerKind::Organization {
        s.entity = s.name.as_deref().and_then(|n| names.get(n));
    } else if s.kind == SpeakerKind::Anonymous {
        // `a woman who lives nearby`, `his mother`: a description may say it.
        gender = s.name.as_deref().and_then(|n| {
            n.split_whitespace()
                .find_map(|w| rules.coref.genders.get(&w.to_lowercase()))
                .map(|&f| (f, GenderFrom::Title))
        });
    }
    if s.org.is_none() {
        s.org = s
            .title
            .as_deref()
            .and_then(|t| org_in_title(t, &rules.org, &rules.morph, names));
    }
    if s.kind == SpeakerKind::Named {
        if let Some(f) = s.name.as_deref().and_then(|n| resolver.known_gender(n)) {
            gender = Some((f, GenderFrom::Rules));
        }
    }
    if gender.is_none() && s.person.is_some() {
        gender = s
            .name
            .as_deref()
            .and_then(|n| given_name(n, rules))
            .map(|f| (f, GenderFrom::GivenName));
    }
    if let Some((f, from)) = gender {
        s.gender = Gender::of(f);
        s.gender_from = Some(from);
    }
    s
}

/// Whether a full name's given name is a woman's (`Some(true)`) or a man's, when the name table
/// says so for at least `given_name_share` percent of its bearers. A lone word may be a surname:
/// it says nothing.
fn given_name(name: &str, rules: &QuoteRules) -> Option<bool> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    words.next()?;
    let row = rules.world.given_name(first)?;
    let pct = row.female_pct?;
    let share = rules.given_name_share;
    // The table's own verdict must agree: `u` is a name its sources dispute.
    match row.gender {
        WorldGender::Female if pct >= share => Some(true),
        WorldGender::Male if pct <= 100 - share => Some(false),
        _ => None,
    }
}
