//! Cutting one capitalised run into pieces, case by case in a fixed order: a gazetteer name (and
//! an organisation named after it), a title and the person's name after it, a head word before
//! `of`, a place prefix (`Lake`, `Fort`), and otherwise the run itself, trimmed of common words.

use super::doc::{Doc, NO_GAZ};
use super::entity::EntityType;
use super::piece::{Piece, Reading};
use super::rules::word;
use super::words::flag;
use crate::text::Span;

/// What the cases of one run share as the run is read from left to right.
struct Run {
    /// The run is `[a, b)`.
    a: usize,
    b: usize,
    /// The previous piece of this run, for titles like `Ukrainian President`.
    prev: Option<usize>,
    /// A capital `The` inside a sentence came just before (`remarked to The Brooklyn Paper`).
    after_the: bool,
}

/// Cuts the run `[a, b)` into pieces, appended to `pieces`.
pub(super) fn cut_run(doc: &Doc, a: usize, b: usize, pieces: &mut Vec<Piece>) {
    let mut run = Run {
        a,
        b,
        prev: None,
        after_the: false,
    };
    // `Latvia’s Foreign Minister`: a possessive name right before the run starts a title.
    if a > 0 && doc.possessive_then_space(a - 1) {
        if let Some(p) = pieces.last() {
            if p.end == a {
                run.prev = Some(pieces.len() - 1);
            }
        }
    }
    let mut i = a;
    while i < b {
        if doc.is_connective(i) && doc.gaz_end[i] == NO_GAZ {
            i += 1;
            continue;
        }
        if let Some(next) = known_name(doc, i, &mut run, pieces) {
            i = next;
            continue;
        }
        // in a heading only listed names count; other capitals are unknown words
        if doc.para_kind(i).is_heading() {
            pieces.push(doc.piece(i, i + 1, Reading::Unknown, ""));
            i += 1;
            continue;
        }
        i = titled_name(doc, i, &mut run, pieces)
            .or_else(|| head_before_of(doc, i, &run, pieces))
            .or_else(|| place_prefix(doc, i, &mut run, pieces))
            .unwrap_or_else(|| plain_run(doc, i, &mut run, pieces));
    }
}

/// Pushes `p` as the run's latest piece.
fn push(run: &mut Run, pieces: &mut Vec<Piece>, p: Piece) {
    pieces.push(p);
    run.prev = Some(pieces.len() - 1);
}

/// A gazetteer name at `i`, or an organisation or event named after it (`Munich Security
/// Conference`); a listed one-word name followed by more of a person's name (`Diana Ross`).
fn known_name(doc: &Doc, i: usize, run: &mut Run, pieces: &mut Vec<Piece>) -> Option<usize> {
    if doc.gaz_end[i] == NO_GAZ {
        return None;
    }
    let b = run.b;
    let w = doc.words[i];
    let ge = (doc.gaz_end[i] as usize).min(b);
    let kind = doc.gaz_type[i];
    // `Georgia Smith`: a given name that is also a listed place starts a person's name
    let given_first = ge == i + 1
        && w & word::GIVEN != 0
        && !doc.toks[i].has(flag::POSSESSIVE)
        && kind != EntityType::Person
        && i + 1 < b
        && doc.gaz_end[i + 1] == NO_GAZ
        && doc.words[i + 1] & (word::NOT_NAME | word::HEADS | word::TITLE | word::CONNECTIVE) == 0;
    if given_first {
        return None;
    }
    let k = if ge < b { doc.name_run(ge, b) } else { ge };
    let headed = if k > ge && !doc.toks[ge - 1].has(flag::POSSESSIVE) {
        doc.run_head(i, k)
    } else {
        None
    };
    // `Italian Supreme Court of Cassation`
    let k = match headed {
        Some(EntityType::Org | EntityType::Event) if k < b && doc.is_of(k) => {
            doc.of_extension(k, b)
        }
        _ => k,
    };
    let person_continues = kind == EntityType::Person
        && ge == i + 1
        && w & word::GIVEN != 0
        && k > ge
        && headed.is_none()
        && doc.all_name_words(ge, k, false);
    let (end, kind, rule) = match headed {
        _ if person_continues => (k, kind, "listed name and more of a name"),
        Some(h)
            if kind != EntityType::Person
                || matches!(h, EntityType::Org | EntityType::Fac | EntityType::Event) =>
        {
            (k, h, "known name and a head word")
        }
        _ => (ge, kind, "gazetteer"),
    };
    let reading = if kind == EntityType::Person {
        Reading::Person
    } else {
        Reading::Known(kind)
    };
    let p = doc.with_year(doc.piece(i, end, reading, rule));
    push(run, pieces, p);
    Some(end)
}

/// The most titles in a row a mention's title holds (`Deputy Prime Minister Dr.` is two):
/// a longer chain (`Gov. Gov. Gov. …`) keeps its last ones, so a title never grows with the text
/// and neither do the quotes that repeat it.
const MAX_TITLES_IN_A_ROW: usize = 4;

/// A title at `i` (titles may follow one another), then the person's name; or a title word that
/// starts an organisation's name (`General Motors`). Past a title without a name, skips it.
fn titled_name(doc: &Doc, i: usize, run: &mut Run, pieces: &mut Vec<Piece>) -> Option<usize> {
    let b = run.b;
    let mut te = doc.title_end(i, b)?;
    // Where each of the last titles in a row starts: only those make the mention's title.
    let mut starts = [i; MAX_TITLES_IN_A_ROW];
    let mut count = 1;
    while te < b {
        match doc.title_end(te, b) {
            Some(e) => {
                starts[count % MAX_TITLES_IN_A_ROW] = te;
                count += 1;
                te = e
            }
            None => break,
        }
    }
    let honorific = doc.words[te - 1] & word::HONORIFIC != 0;
    let ne = doc.name_after_title(te, b, honorific);
    if ne > te && doc.head_type(ne - 1).is_none() {
        let title_start = match run.prev {
            _ if count > MAX_TITLES_IN_A_ROW => {
                doc.toks[starts[count % MAX_TITLES_IN_A_ROW]].span.start
            }
            Some(p) if pieces[p].end == i => pieces[p].span.start,
            Some(p) if i == run.a => pieces[p].span.start,
            _ => doc.toks[i].span.start,
        };
        let mut p = doc.piece(te, ne, Reading::Person, "title before a name");
        p.title = Some(Span::new(title_start, doc.toks[te - 1].span.end));
        push(run, pieces, p);
        return Some(ne);
    }
    if ne > te {
        let k = doc.name_run(i, b);
        if let Some(h) = doc.head_type(k - 1) {
            pieces.push(doc.piece(i, k, Reading::Known(h), "name ending in a head word"));
            return Some(k);
        }
    }
    Some(te)
}

/// `University of Texas`, `Battle of Britain`, `Hurricane Katrina`, `Confederation of British
/// Industry`: an organisation or event word before `of`/`for`, or a prefix before a name.
fn head_before_of(doc: &Doc, i: usize, run: &Run, pieces: &mut Vec<Piece>) -> Option<usize> {
    let b = run.b;
    let w = doc.words[i];
    let head_before_of =
        w & (word::ORG_HEAD | word::EVENT_HEAD) != 0 && i + 1 < b && doc.is_of(i + 1);
    if !(w & (word::ORG_PREFIX | word::EVENT_PREFIX) != 0 || head_before_of) || i + 1 >= b {
        return None;
    }
    let kind = if w & (word::ORG_PREFIX | word::ORG_HEAD) != 0 {
        EntityType::Org
    } else {
        EntityType::Event
    };
    if doc.is_connective(i + 1) {
        let end = doc.of_extension(i + 1, b);
        if end > i + 1 {
            pieces.push(doc.piece(i, end, Reading::Known(kind), "head word before of"));
            return Some(end);
        }
    }
    if kind != EntityType::Event {
        return None;
    }
    let k = doc.name_run(i, b);
    pieces.push(doc.piece(i, k, Reading::Known(kind), "event word before a name"));
    Some(k)
}

/// `Lake Victoria`, `Cape Canaveral`, `Kibbutz Be'eri`, `St. Pancras station`.
fn place_prefix(doc: &Doc, i: usize, run: &mut Run, pieces: &mut Vec<Piece>) -> Option<usize> {
    let b = run.b;
    if doc.words[i] & word::LOC_PREFIX == 0 || i + 1 >= b || !doc.toks[i + 1].has(flag::CAP) {
        return None;
    }
    let k = if doc.gaz_end[i + 1] != NO_GAZ {
        (doc.gaz_end[i + 1] as usize).min(b)
    } else {
        doc.name_run(i + 1, b)
    };
    if k <= i + 1 {
        return None;
    }
    let kind = if doc.words[i] & word::GPE_PREFIX != 0 {
        EntityType::Gpe
    } else {
        EntityType::Loc
    };
    // a facility noun right after makes it a facility
    let fac_after = doc.toks.get(k).is_some_and(|t| {
        t.has(flag::LOWER)
            && t.has(flag::PLAIN_GAP)
            && t.paragraph == doc.toks[i].paragraph
            && doc.rules.word(t.span.of(doc.text)) & word::FAC_NOUN != 0
    });
    let kind = if fac_after { EntityType::Fac } else { kind };
    let p = doc.piece(i, k, Reading::Known(kind), "place word before a name");
    push(run, pieces, p);
    Some(k)
}

/// The run from `i` as the name it is: a place inside a name (`Environment Canada`), a head word
/// at its end, a lone organisation word after `the`, common words and modifiers left out.
fn plain_run(doc: &Doc, mut i: usize, run: &mut Run, pieces: &mut Vec<Piece>) -> usize {
    let b = run.b;
    let w = doc.words[i];
    let mut k = doc.name_run(i, b);
    let mut mixed = false;
    if k < b
        && w & word::NOT_NAME == 0
        && doc.gaz_end[k] == k as u32 + 1
        && matches!(doc.gaz_type[k], EntityType::Gpe | EntityType::Loc)
        && !doc.toks[k - 1].has(flag::POSSESSIVE)
    {
        k += 1;
        if k < b && doc.toks[k].has(flag::CAP) && !doc.toks[k - 1].has(flag::POSSESSIVE) {
            k = doc.name_run(k, b);
        }
        mixed = true;
    }
    if let Some(h) = doc.run_head(i, k) {
        // `The Committee` is one word of name, not two
        if k - i >= 2 + usize::from(doc.is_article(i)) {
            // organisation heads followed by `of`: `Ministry of Defence`
            let of = k < b && doc.toks[k - 1].has(flag::CAP) && doc.is_of(k);
            let end = if of && matches!(h, EntityType::Org | EntityType::Event) {
                doc.of_extension(k, b)
            } else {
                k
            };
            let p =
                doc.with_year(doc.piece(i, end, Reading::Known(h), "name ending in a head word"));
            push(run, pieces, p);
            return end;
        }
    }
    // `the Church`, `the Committee`: a lone organisation word may stand for a name written in
    // full elsewhere (decided once the article is read)
    if k == i + 1
        && w & (word::ORG_HEAD | word::ORG_PREFIX) != 0
        && i > 0
        && doc.is_definite_article(i - 1, word::ARTICLE)
    {
        let mut p = doc.piece(i, k, Reading::Unknown, "");
        p.lone_head = true;
        pieces.push(p);
        return k;
    }
    if w & word::NOT_NAME != 0 && w & word::GIVEN == 0 {
        run.after_the = i + 1 < b
            && !doc.toks[i].has(flag::SENTENCE_START)
            && doc.is_definite_article(i, word::CAP_ARTICLE);
        return i + 1;
    }
    // `Pan-democrat Leung Kwok-hung`: a hyphenated modifier before a name is not part of it
    if k - i >= 3 && doc.toks[i].has(flag::HYPHEN) {
        let w0 = doc.toks[i].span.of(doc.text);
        if w0
            .split_once('-')
            .is_some_and(|(_, b)| b.starts_with(|c: char| c.is_lowercase()))
        {
            return i + 1;
        }
    }
    // `Biologist Nick Bos`, `Nonpartisan Paul Tse`: a person's name starts at the given name
    if !mixed && w & word::GIVEN == 0 {
        if let Some(j) = (i + 1..k.saturating_sub(1))
            .find(|&j| doc.words[j] & word::GIVEN != 0 && !doc.toks[j].has(flag::ALL_CAPS))
        {
            if !(i..j).any(|x| doc.toks[x].has(flag::POSSESSIVE)) {
                pieces.push(doc.piece(i, j, Reading::Unknown, ""));
                i = j;
            }
        }
    }
    // `Aner Shalev Wednesday`: common words at the end are not part of a name
    while k > i + 1
        && doc.words[k - 1] & word::NOT_NAME != 0
        && doc.words[k - 1] & (word::GIVEN | word::HEADS) == 0
    {
        k -= 1;
    }
    let mut p = doc.piece(i, k, Reading::Unknown, "");
    p.mixed = mixed;
    p.after_the = run.after_the;
    run.after_the = false;
    push(run, pieces, p);
    k
}
