//! The noun-phrase grammar of speakers: reading the tokens of a speaker phrase into a name, a
//! title, a description, an organisation or a pronoun.

use std::ops::Range;

use super::super::morph::Morphology;
use super::super::view::{class, Tok};
use crate::text::Span;

/// What a speaker noun phrase is, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// he, she, they, I, we...
    Pronoun,
    /// A personal name, maybe with a title (`Croatia’s Foreign Minister Ana Lukić`).
    Name,
    /// A description of a person or group (`the official`, `six European officials`).
    Description,
    /// An organisation, a publication or a document (`the Trump administration`, `The report`).
    Organization,
}

/// A speaker noun phrase read from the tokens around a cue.
#[derive(Debug, Clone, PartialEq)]
pub struct Np {
    pub span: Span,
    /// The stream tokens of `span`.
    pub tokens: Range<usize>,
    pub form: Form,
    /// The personal name inside the phrase, for `Form::Name`.
    pub name: Option<Span>,
    /// The stream tokens of `name`, or of `span` when there is no name.
    pub name_tokens: Range<usize>,
    /// A title before the name, or an appositive after it.
    pub title: Option<Span>,
    /// Lowercased words of the phrase without determiners, for matching descriptions to titles.
    pub words: Vec<String>,
    /// Starts with `the`, `this` or `that`: refers back to someone already introduced.
    pub definite: bool,
    /// A title word or a possessive stands before the name: evidence of a person.
    pub titled: bool,
    /// Several people named together (`Ana Ruiz and Li Wei`).
    pub group: bool,
    /// A description's head names people (a person noun, `volunteers`): `health checks` does not.
    pub people_head: bool,
    /// A party-state tag after the name (`(D-Mo.)`, `, R-Texas,`): the party is the speaker's org.
    pub party: Option<Span>,
}

impl Np {
    /// The phrase as an organisation: no personal name, no title.
    pub fn organization(self) -> Np {
        Np {
            form: Form::Organization,
            name: None,
            name_tokens: self.tokens.clone(),
            title: None,
            ..self
        }
    }
}

/// The stream tokens from `a` to `b`, both words.
fn tokens(a: &Tok, b: &Tok) -> Range<usize> {
    a.token as usize..b.token as usize + 1
}

/// A word of a phrase as matched against titles and descriptions: lower-cased, without a
/// possessive or a trailing apostrophe (`officials’`).
pub(super) fn lower_word(t: &str, morph: &Morphology) -> String {
    morph
        .strip_possessive(t)
        .trim_end_matches(['’', '\''])
        .to_lowercase()
}

fn is_name_token(t: &Tok, text: &str) -> bool {
    if !t.is_word() || t.is(class::TITLE) || t.is(class::STOP) || t.is(class::DET) {
        return false;
    }
    if t.cap {
        return true;
    }
    // al-Amr, bin Salman, van der Berg
    let w = t.span.of(text);
    t.is(class::PARTICLE)
        || w.split_once('-')
            .is_some_and(|(_, r)| r.chars().next().is_some_and(char::is_uppercase))
}

/// Reads the noun phrase `toks` (and an optional appositive after it) into an `Np`.
pub fn analyse(
    text: &str,
    toks: &[Tok],
    appositive: Option<&[Tok]>,
    morph: &Morphology,
) -> Option<Np> {
    let first = toks.first()?;
    let last = toks.last()?;
    let span = Span::new(first.span.start, last.span.end);
    let all = tokens(first, last);
    if toks.len() == 1 && first.is(class::PRONOUN) {
        return Some(Np {
            span,
            tokens: all.clone(),
            form: Form::Pronoun,
            name: None,
            name_tokens: all,
            title: None,
            words: vec![first.span.of(text).to_lowercase()],
            definite: false,
            titled: false,
            group: false,
            people_head: true,
            party: None,
        });
    }
    let mut s = 0;
    let mut definite = false;
    // Leading determiners, and a capitalised conjunction opening the sentence (`And`, `But`).
    while s < toks.len()
        && (toks[s].is(class::DET) || (toks[s].cap && toks[s].is(class::LINK | class::STOP)))
    {
        definite |= toks[s].is(class::DEFINITE);
        s += 1;
    }
    // "one of the officials": keep the whole phrase; the determiners only mark definiteness.
    let body = &toks[s.min(toks.len())..];
    let words: Vec<String> = body
        .iter()
        .filter(|t| t.is_word() && !t.is(class::DET) && !t.is(class::LINK))
        .map(|t| lower_word(t.span.of(text), morph))
        .collect();
    if body.is_empty() {
        return None;
    }
    // A name followed by an affiliation (`Lydia Buchtmann for Food Standards`): the name ends at the link.
    let mut core = body;
    let mut affiliation: Option<Span> = None;
    let affiliation_link = |t: &Tok| t.is(class::LINK) && t.is(class::AFFILIATION);
    if let Some(k) = body.iter().position(affiliation_link) {
        let left = &body[..k];
        if k > 0
            && is_name_token(&left[k - 1], text)
            && !left[k - 1].is(class::ORG)
            && left.iter().all(|t| t.cap || t.is(class::PARTICLE))
        {
            // Titles may precede the name (`Sen. John Thune of South Dakota`), nothing else.
            let plain = left
                .iter()
                .all(|t| is_name_token(t, text) || t.is(class::TITLE));
            if plain && k + 1 < body.len() {
                core = left;
                affiliation = Some(Span::new(body[k].span.start, last.span.end));
            }
        }
    }
    // `a planning document seen by reporters`: the participle phrase qualifies the head before it.
    if let Some(b) = core.iter().position(|t| t.is(class::AGENT)) {
        if b >= 2 && is_participle(&core[b - 1], text, morph) {
            core = &core[..b - 1];
        }
    }
    // `Analysts at Goldman Sachs`, `officials in the ministry`: people, named by where they work.
    if let Some(k) = core.iter().position(|t| t.is_word() && t.is(class::MEMBER)) {
        if k > 0 && core[k - 1].is(class::PERSON) && !core[k - 1].is(class::ORG) {
            core = &core[..k];
        }
    }
    let head = core.last()?;
    // `Critics said`: a capitalised common noun opening a sentence is no name.
    let lone_noun = core.len() == 1 && head.is(class::PERSON | class::ORG);
    let appos_title = appositive.and_then(|a| appositive_title(text, a));
    // `The Chief of Police`, `the Secretary of State`: an office, held by a person.
    let office = core.len() >= 3
        && core[0].cap
        && core[0].is(class::TITLE | class::PERSON)
        && !core[0].is(class::ORG)
        && core[1].is(class::OF)
        && core.iter().all(|t| t.cap || t.is(class::LINK));
    if is_name_token(head, text) && !lone_noun && !office {
        let mut n = core.len() - 1;
        while n > 0 && is_name_token(&core[n - 1], text) {
            n -= 1;
        }
        // A person's name never holds `Organization` or `Ministry`; a title before a name may.
        let org_name = core[n..].iter().any(|t| t.is(class::ORG));
        let org = core.iter().any(|t| t.is(class::ORG));
        let titled = core[..n].iter().any(|t| t.is(class::TITLE) || t.poss);
        // `Acme Motors, the French carmaker, said`: an appositive headed by an organisation noun.
        let appos_org = appositive.is_some_and(|a| {
            let end = a
                .iter()
                .position(|t| !t.is_word() || t.is(class::STOP | class::LINK))
                .unwrap_or(a.len());
            a[..end]
                .last()
                .is_some_and(|t| t.is(class::ORG) && !t.is(class::PERSON) && !t.cap)
        });
        if org_name || (org && !titled) || (appos_org && !titled) {
            // `Bavarian carmaker Acme Motors`: a lowercase descriptor before the name is no part of it.
            let descriptor = n > 0 && !core[n - 1].cap && core[n - 1].is(class::ORG);
            let from = if descriptor { &core[n] } else { &body[0] };
            // The appositive's words say what kind of organisation it is, for `the company` later.
            let mut words = words;
            if let Some(a) = appositive.filter(|_| appos_org) {
                words.extend(
                    a.iter()
                        .filter(|t| t.is_word())
                        .map(|t| lower_word(t.span.of(text), morph)),
                );
            }
            let name_end = &core[core.len() - 1];
            return Some(Np {
                span,
                tokens: all,
                form: Form::Organization,
                name: Some(Span::new(from.span.start, name_end.span.end)),
                name_tokens: tokens(from, name_end),
                title: None,
                words,
                definite,
                titled: false,
                group: false,
                people_head: true,
                party: None,
            });
        }
        // `Ana Ruiz and Li Wei`: names joined by `and` speak together.
        let joined = core[..n]
            .iter()
            .rposition(|t| t.is(class::LINK) && t.is(class::GROUP_LINK));
        let group = joined.is_some_and(|j| j > 0 && is_name_token(&core[j - 1], text));
        let n = if group {
            core[..joined.unwrap_or(0)]
                .iter()
                .rposition(|t| !is_name_token(t, text))
                .map_or(0, |k| k + 1)
        } else {
            n
        };
        let name_toks = &core[n..];
        let name = Span::new(
            name_toks[0].span.start,
            name_toks[name_toks.len() - 1].span.end,
        );
        let title = if n > 0 {
            Some(Span::new(core[0].span.start, core[n - 1].span.end))
        } else {
            affiliation.or(appos_title)
        };
        return Some(Np {
            span,
            tokens: all,
            form: Form::Name,
            name: Some(name),
            name_tokens: tokens(&name_toks[0], &name_toks[name_toks.len() - 1]),
            title,
            words,
            definite,
            titled,
            group,
            people_head: true,
            party: None,
        });
    }
    // `the company’s spokesman, Tom Jones, said`: the appositive is the name, the phrase its title.
    let name_like = |a: &&[Tok]| {
        a.last().is_some_and(|t| is_name_token(t, text))
            && a.iter().all(|t| t.cap || t.is(class::PARTICLE))
    };
    if let Some(a) = appositive.filter(name_like) {
        let inner = analyse(text, a, None, morph).filter(|n| n.form == Form::Name && !n.group);
        if let (false, Some(inner)) = (is_name_token(head, text), inner) {
            return Some(Np {
                span: Span::new(span.start, inner.span.end),
                tokens: all.start..inner.tokens.end,
                title: Some(Span::new(body[0].span.start, last.span.end)),
                titled: true,
                words,
                definite,
                ..inner
            });
        }
    }
    // `spokesman for the ministry`: the head noun stands before the `for`/`of` phrase.
    // (`A Department of Health spokesperson`: a capitalised name before `of` is a modifier.)
    let link = core
        .iter()
        .position(affiliation_link)
        .filter(|&k| k > 0 && !core[k - 1].cap)
        // `Officials in her department`: a group of people and where they belong.
        .or_else(|| {
            core.iter()
                .position(|t| t.is_word() && t.is(class::MEMBER))
                .filter(|&k| k > 0 && core[k - 1].is(class::PERSON) && !core[k - 1].is(class::ORG))
        });
    let head = link.map_or(head, |k| &core[k - 1]);
    // `The Department of Transport`: a capitalised institution's name; `the Chief of Police` and
    // `the Secretary of State` are people.
    let x_of_y = core.len() >= 3
        && link.is_none()
        && core[0].cap
        && core[1].is(class::OF)
        && core.iter().all(|t| t.cap || t.is(class::LINK));
    let institution = x_of_y && core[0].is(class::ORG) && !core[0].is(class::TITLE);
    let org = ((head.is(class::ORG) && !head.is(class::PERSON)) || institution) && !office;
    let words = match link {
        _ if lone_noun => vec![lower_word(head.span.of(text), morph)],
        // Matching and back-reference use the head phrase, not what it is `of`.
        Some(k) => core[..k]
            .iter()
            .filter(|t| t.is_word() && !t.is(class::DET))
            .map(|t| lower_word(t.span.of(text), morph))
            .collect(),
        // The head phrase without a participle or `in`/`at` phrase cut off after it.
        None => core
            .iter()
            .filter(|t| t.is_word() && !t.is(class::DET) && !t.is(class::LINK))
            .map(|t| lower_word(t.span.of(text), morph))
            .collect(),
    };
    Some(Np {
        span,
        tokens: all.clone(),
        form: if org {
            Form::Organization
        } else {
            Form::Description
        },
        name: None,
        name_tokens: all,
        title: appos_title,
        words,
        definite,
        titled: false,
        group: false,
        // `person familiar with the talks`: the person noun may stand before the head's phrase;
        // `traders`, `a trader`: a noun for people by its ending, plural or singular.
        people_head: org
            || core.iter().any(|t| t.is(class::PERSON))
            || morph.group_noun.end_after(head.span.of(text), 2)
            || morph
                .group_noun
                .end_after(&format!("{}s", head.span.of(text)), 2),
        party: None,
    })
}

/// A lowercase past participle (`seen`, `obtained`, `reviewed`).
fn is_participle(t: &Tok, text: &str, morph: &Morphology) -> bool {
    t.is_word() && !t.cap && morph.is_participle(t.span.of(text))
}

/// The title an appositive gives (`, a Ukrainian parliamentarian who chairs ...`), cut before a clause.
fn appositive_title(text: &str, toks: &[Tok]) -> Option<Span> {
    let first = toks.first()?;
    if !(first.is(class::DET) || first.cap || first.is(class::TITLE)) {
        return None;
    }
    let end = toks
        .iter()
        .position(|t| !t.is_word() || (t.is(class::STOP) && !t.is(class::DET)))
        .unwrap_or(toks.len());
    if end == 0 {
        return None;
    }
    let _ = text;
    Some(Span::new(first.span.start, toks[end - 1].span.end))
}
