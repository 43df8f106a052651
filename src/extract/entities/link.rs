//! Linking: one entity per name, a surname or a repeated name linked to the full name written
//! first, names in capitals folded; mentions with their stream token ranges.

use super::doc::Doc;
use super::entity::{Entities, Entity, EntityType, Mention};
use super::piece::{Piece, Reading};
use crate::lexicon::FxMap;

/// One entity per name: a surname or a repeated name links to the full name written first.
pub(super) fn link(doc: &Doc, pieces: Vec<Piece>) -> Entities {
    let text = doc.text;
    let mut out = Entities::default();
    let mut by_name: FxMap<(EntityType, &str), usize> = FxMap::default();
    // names in capitals, one per entity: `MUNICH` in a dateline and `Munich` later are one
    // place (folded only when the exact name is new, so the cost is per entity, not mention)
    let mut by_upper: FxMap<(EntityType, String), usize> = FxMap::default();
    let mut by_surname: FxMap<&str, usize> = FxMap::default();
    let mut by_given: FxMap<&str, usize> = FxMap::default();
    let mut pieces: Vec<Piece> = pieces
        .into_iter()
        .filter(|p| p.reading != Reading::Unknown)
        .collect();
    pieces.sort_by_key(|p| (p.span.start, p.span.end));
    // Full names of people first, so that a surname before the full name still links to it.
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| {
        let p = &pieces[i];
        let multi = p.end - p.first >= 2;
        (!(p.reading == Reading::Person && multi), i)
    });
    let mut entity_of = vec![0usize; pieces.len()];
    for &i in &order {
        let p = pieces[i];
        let name = p.span.of(text);
        let kind = match p.reading {
            Reading::Known(k) => k,
            _ => EntityType::Person,
        };
        let exact = by_name.get(&(kind, name)).copied();
        let folded = || by_upper.get(&(kind, name.to_uppercase())).copied();
        let id = if kind == EntityType::Person {
            let single = p.end - p.first == 1;
            exact
                .or_else(folded)
                .or_else(|| {
                    single
                        .then(|| by_surname.get(name).or_else(|| by_given.get(name)).copied())
                        .flatten()
                })
                .or_else(|| {
                    // `Lamont Hill` after `Marc Lamont Hill`
                    (!single)
                        .then(|| by_surname.get(doc.toks[p.end - 1].span.of(text)).copied())
                        .flatten()
                        .filter(|&e| out.entities[e].name.ends_with(name))
                })
        } else {
            exact.or_else(folded)
        };
        let id = id.unwrap_or_else(|| {
            out.entities.push(Entity {
                name: name.to_string(),
                kind,
                mentions: 0,
                first: p.span,
            });
            let e = out.entities.len() - 1;
            by_upper.insert((kind, name.to_uppercase()), e);
            if kind == EntityType::Person && p.end - p.first >= 2 {
                by_surname
                    .entry(doc.toks[p.end - 1].span.of(text))
                    .or_insert(e);
                by_given.entry(doc.toks[p.first].span.of(text)).or_insert(e);
            }
            e
        });
        // the entity is named as prose writes it, not as a dateline shouts it
        let e = &mut out.entities[id];
        if e.name.len() == name.len() && !e.name.chars().any(char::is_lowercase) {
            e.name = name.to_string();
        }
        by_name.entry((kind, name)).or_insert(id);
        entity_of[i] = id;
    }
    for (i, p) in pieces.iter().enumerate() {
        let id = entity_of[i];
        let e = &mut out.entities[id];
        e.mentions += 1;
        if p.span.start < e.first.start {
            e.first = p.span;
        }
        out.mentions.push(Mention {
            span: p.span,
            tokens: doc.stream.covering(p.span),
            kind: e.kind,
            entity: id,
            title: p.title,
            rule: p.rule,
        });
    }
    Entities::new(out.entities, out.mentions, doc.stream.tokens.len())
}
