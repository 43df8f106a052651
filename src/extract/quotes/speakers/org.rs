//! The organisation a person speaks for, read from the title the article gave them
//! (`a spokesman for the Calder Port Authority`, `Acme Motors’s chief economist`,
//! `director of the Harbour Trust`), and the entity a speaker's name is.

use super::super::morph::Morphology;
use super::coref::WordSet;
use crate::extract::entities::{Entities, EntityType};
use crate::lexicon::FxMap;

/// The words an organisation is read with (lower-cased, from the rule files).
#[derive(Debug, Default)]
pub struct OrgWords {
    /// `for`, `of`, `at`: a title's link to the body it serves.
    pub links: WordSet,
    /// Nouns that name a body (`authority`, `party`, `ministry`).
    pub nouns: WordSet,
    pub articles: WordSet,
}

/// The organisations and people of an article by name, to give a speaker its entity.
pub struct EntityNames<'e> {
    entities: &'e Entities,
    by_name: FxMap<String, usize>,
}

impl<'e> EntityNames<'e> {
    pub fn new(entities: &'e Entities) -> Self {
        let mut by_name = FxMap::default();
        for (i, e) in entities.entities.iter().enumerate() {
            if matches!(e.kind, EntityType::Person | EntityType::Org) {
                by_name.entry(e.name.to_lowercase()).or_insert(i);
            }
        }
        EntityNames { entities, by_name }
    }

    /// The person or organisation entity called exactly `name` (case ignored).
    pub fn get(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.to_lowercase()).copied()
    }

    fn is_org(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|i| self.entities.entities[i].kind == EntityType::Org)
    }
}

/// The organisation named in `title`: after a link (`for`, `of`, `at`) or before a possessive, a
/// run of capitalised words that the tagger found as an organisation or that holds an
/// organisation noun (`Harbour Trust` is neither, `Education` in `Minister of Education` neither).
pub fn org_in_title(
    title: &str,
    words: &OrgWords,
    morph: &Morphology,
    names: &EntityNames,
) -> Option<String> {
    let toks: Vec<&str> = title.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let is_link = |w: &str| words.links.contains(&w.to_lowercase());
    let accept = |run: &[&str]| -> Option<String> {
        let run: Vec<&str> = run
            .iter()
            .map(|w| morph.strip_possessive(w).trim_end_matches([',', '’', '\'']))
            .collect();
        let name = run.join(" ");
        let org_noun = run.iter().any(|w| words.nouns.contains(&w.to_lowercase()));
        (!name.is_empty() && (names.is_org(&name) || org_noun)).then_some(name)
    };
    // `Acme Motors’s chief economist`
    if let Some(p) = toks
        .iter()
        .position(|w| capital(w) && morph.strip_possessive(w).len() < w.len())
    {
        let mut s = p;
        while s > 0 && capital(toks[s - 1]) {
            s -= 1;
        }
        if let Some(org) = accept(&toks[s..=p]) {
            return Some(org);
        }
    }
    // `spokesman for the Calder Port Authority`
    for (k, w) in toks.iter().enumerate() {
        if !is_link(w) {
            continue;
        }
        let mut s = k + 1;
        while s < toks.len() && words.articles.contains(&toks[s].to_lowercase()) {
            s += 1;
        }
        let mut e = s;
        // Links join capitalised words inside a name (`Bank of Calder`).
        while e < toks.len()
            && (capital(toks[e])
                || (is_link(toks[e]) && toks.get(e + 1).is_some_and(|x| capital(x))))
        {
            e += 1;
        }
        if e > s {
            if let Some(org) = accept(&toks[s..e]) {
                return Some(org);
            }
        }
    }
    None
}
