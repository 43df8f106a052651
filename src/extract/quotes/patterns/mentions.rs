//! Speaker phrases and the entity tagger: a phrase read into an `Np` and corrected by the
//! mentions on its tokens (a place speaks as its government, a tagged organisation is one), and
//! the names of a paragraph registered for later pronouns and surnames.

use std::ops::Range;

use super::{NpRange, Paragraph};
use crate::extract::entities::{Entities, EntityType, Mention};
use crate::extract::quotes::found::Event;
use crate::extract::quotes::speakers::{self, Form, Np};
use crate::extract::quotes::view::class;
use crate::text::Span;

/// Whether `tokens` lie on a place or organisation the entity tagger found (a name that is no person).
fn is_non_person_entity(entities: &Entities, tokens: Range<usize>) -> bool {
    entities
        .over(tokens)
        .iter()
        .any(|m| m.kind != EntityType::Person)
}

/// The person entity the tagger found on `tokens`, with its canonical name.
fn person_entity(entities: &Entities, tokens: Range<usize>) -> Option<&Mention> {
    entities
        .over(tokens)
        .iter()
        .find(|m| m.kind == EntityType::Person)
}

impl Paragraph<'_> {
    /// The speaker phrase of `r`, with the party-state tag that follows a name.
    pub(super) fn np(&self, r: NpRange) -> Option<Np> {
        let mut np = self.phrase(r)?;
        // `Sen. Mara Lind (D-Ore.) said`, `Pruitt, R-Texas, said`
        let t = self.toks;
        let opens = t
            .get(r.end)
            .is_some_and(|x| x.is_punct('(') || x.is_punct(','));
        if np.form == Form::Name && opens && self.is_party_tag(r.end + 1) {
            np.party = Some(t[r.end + 1].span);
        }
        Some(np)
    }

    fn phrase(&self, r: NpRange) -> Option<Np> {
        let appositive = r.appositive.map(|(s, e)| &self.toks[s..e]);
        let np = speakers::analyse(
            self.text,
            &self.toks[r.start..r.end],
            appositive,
            &self.rules.morph,
        )?;
        // `March 3 and Peru`, `health checks`: no one who can speak.
        let date = (r.start..r.end).any(|i| {
            let t = &self.toks[i];
            t.cap
                && t.is(class::MONTH)
                && self.toks.get(i + 1).is_some_and(|n| {
                    n.is_word() && self.word(i + 1).bytes().all(|b| b.is_ascii_digit())
                })
        });
        let np = self.titled_person(np, r);
        if date || (np.form == Form::Description && !np.people_head) {
            return None;
        }
        // A place the entity tagger knows speaks as its government: an organisation.
        let name = np.name.unwrap_or(np.span);
        let name_tokens = np.name_tokens.clone();
        if np.form == Form::Name
            && person_entity(self.entities, name_tokens.clone()).is_none()
            && is_non_person_entity(self.entities, name_tokens.clone())
        {
            return Some(np.organization());
        }
        // `Growers said`: a lone capitalised plural of a person noun opening the sentence, which the
        // tagger took for no name, is a group of people.
        let w = name.of(self.text);
        let plural_noun = self.rules.morph.group_noun.end_after(w, 2);
        if np.form == Form::Name
            && r.start == self.lo[r.start]
            && name == self.toks[r.start].span
            && plural_noun
            && self.entities.mention_at(name_tokens).is_none()
        {
            return Some(Np {
                form: Form::Description,
                name: None,
                name_tokens: np.tokens.clone(),
                title: None,
                ..np
            });
        }
        // `Transport Scotland`, `Health Canada`: a department word before a place names an agency.
        let place = np.form == Form::Name
            && np.title.is_some_and(|t| t.end <= name.start)
            && self.places.contains(name.of(self.text));
        // `the Ministry of Health`: a phrase the tagger found as an organisation, determiners aside.
        let s = (r.start..r.end)
            .find(|&i| !self.toks[i].is(class::DET))
            .unwrap_or(r.start);
        let from = self.toks[s].span.start;
        let org_entity = np.form == Form::Description
            && self
                .entities
                .mention_at(np.tokens.clone())
                .is_some_and(|m| {
                    m.kind == EntityType::Org && m.span.start <= from && m.span.end >= np.span.end
                });
        if place || org_entity {
            return Some(np.organization());
        }
        Some(np)
    }

    /// `director of the Harbour Trust Tomas Brandt`, `Governor of Ohio Paula Kemp`: when the
    /// tagger's person ends the phrase's name and starts after it, the words before are a title.
    fn titled_person(&self, np: Np, r: NpRange) -> Np {
        if np.form == Form::Pronoun || np.group {
            return np;
        }
        let name = np.name_tokens.clone();
        let Some(m) = person_entity(self.entities, name.clone())
            .filter(|m| m.tokens.end == name.end && m.tokens.start > name.start)
        else {
            return np;
        };
        let first =
            (r.start..r.end).find(|&i| self.toks[i].is_word() && !self.toks[i].is(class::DET));
        let before = (r.start..r.end)
            .rev()
            .find(|&i| self.toks[i].is_word() && self.toks[i].span.end <= m.span.start);
        let (Some(first), Some(before)) = (first, before) else {
            return np;
        };
        let start = np.title.map_or(self.toks[first].span.start, |t| t.start);
        if start >= self.toks[before].span.end {
            return np;
        }
        Np {
            form: Form::Name,
            name: Some(m.span),
            name_tokens: m.tokens.clone(),
            title: Some(Span::new(start, self.toks[before].span.end)),
            titled: true,
            ..np
        }
    }

    /// Runs of capitalised words: titled names are registered, and a name opening a sentence
    /// becomes the antecedent for a following he/she.
    pub(super) fn names(&self, events: &mut Vec<(usize, Event)>) {
        let t = self.toks;
        let n = t.len();
        let mut i = 0;
        while i < n {
            // `She` opening a sentence: its gender is the latest person's.
            if i == self.lo[i] && t[i].is_word() && t[i].is(class::PRONOUN) {
                let w = self.word(i).to_lowercase();
                let coref = &self.rules.coref;
                if coref.person_pronouns.contains(&w) {
                    if let Some(&female) = coref.genders.get(&w) {
                        events.push((t[i].span.start, Event::Pronoun { female }));
                    }
                }
            }
            let starts = t[i].is_word()
                && ((t[i].cap
                    && !t[i].is(class::STOP)
                    && !t[i].is(class::DET)
                    && !t[i].is(class::PRONOUN))
                    || (t[i].is(class::TITLE)
                        && t.get(i + 1).is_some_and(|x| x.is_word() && x.cap)));
            if !starts {
                i += 1;
                continue;
            }
            let mut s = i;
            // `Currently Shalev`, `Returning America`: an adverb or participle opening the sentence.
            if s == self.lo[s] && t[s].is_word() {
                let w = self.word(s);
                let morph = &self.rules.morph;
                if (morph.adverb.end(w) || morph.gerund.end(w))
                    && t.get(s + 1).is_some_and(|x| x.cap)
                {
                    s += 1;
                }
            }
            let mut e = s + 1;
            while e < n && t[e].is_word() {
                let x = &t[e];
                let ok = (x.cap && !x.is(class::STOP) && !x.is(class::PRONOUN))
                    || x.is(class::PARTICLE)
                    || (self.is_a(e, class::OF) && t.get(e + 1).is_some_and(|y| y.cap));
                if !ok || t[e - 1].poss && !t[e - 1].is(class::TITLE) && e - s > 3 {
                    break;
                }
                e += 1;
            }
            i = e;
            let Some(np) = speakers::analyse(self.text, &t[s..e], None, &self.rules.morph) else {
                continue;
            };
            let span = np.span;
            let acronym = e + 2 < n
                && t[e].is_punct('(')
                && t[e + 2].is_punct(')')
                && t[e + 1].is_word()
                && self.word(e + 1).bytes().all(|b| b.is_ascii_uppercase());
            if acronym && e - s >= 2 {
                events.push((
                    span.start,
                    Event::Alias {
                        short: self.word(e + 1).to_string(),
                        long: self.text[t[s].span.start..t[e - 1].span.end].to_string(),
                    },
                ));
            }
            if let Some(m) = person_entity(self.entities, np.tokens.clone()) {
                // The tagger's name, unless it carries the title our reading split off.
                let ours_title = np.title.map(|x| x.of(self.text));
                let ours = np.name.unwrap_or(span).of(self.text);
                let name = speakers::canonical(
                    ours,
                    &self.entities.entities[m.entity].name,
                    ours_title,
                    &self.rules.morph,
                );
                let title = m
                    .title
                    .map(|x| x.of(self.text))
                    .or(ours_title)
                    .map(str::to_string);
                let lo = self.lo[s];
                // `The county's health chief, Ana Ruiz, rejected ...`: the appositive to the subject.
                let appositive_subject = s > lo + 1
                    && t[s - 1].is_punct(',')
                    && t.get(e).is_some_and(|x| x.is_punct(','))
                    && t[lo..s - 1].iter().all(|x| x.is_word());
                let at_start = (self.clause_start(s, lo) && s <= lo + 1) || appositive_subject;
                events.push((
                    span.start,
                    Event::Register {
                        name: name.clone(),
                        title: title.clone(),
                    },
                ));
                if at_start {
                    events.push((
                        span.start,
                        Event::Subject {
                            name,
                            title,
                            new_person: true,
                        },
                    ));
                }
                continue;
            }
            if np.form != Form::Name || is_non_person_entity(self.entities, np.name_tokens.clone())
            {
                continue;
            }
            let name = np.name.unwrap_or(span).of(self.text).to_string();
            let title = np.title.map(|x| x.of(self.text).to_string());
            let titled = np.titled;
            // A full name anywhere lets a later bare surname find it (`Witkoff` → `Steve Witkoff`).
            let full_name = name.split_whitespace().count() >= 2 && !np.group;
            if titled || full_name {
                events.push((
                    span.start,
                    Event::Register {
                        name: name.clone(),
                        title: title.clone(),
                    },
                ));
            }
            let lo = self.lo[s];
            let at_start = s == lo || (s == lo + 1 && t[lo].is(class::STOP));
            // A sentence-opening name is its subject when a verb-like lowercase word follows.
            let verb_follows = t.get(e).is_some_and(|x| x.is_word() && !x.cap)
                || t.get(e).is_some_and(|x| x.is_punct(','));
            if at_start && verb_follows {
                let multi = name.split_whitespace().count() >= 2;
                events.push((
                    span.start,
                    Event::Subject {
                        name,
                        title,
                        new_person: multi || titled,
                    },
                ));
            }
        }
    }
}
