//! Capitalised runs: where a run of capitalised words and known names starts and ends (joined by
//! spaces and lower-case connectives), hyphenated compounds of known names, the dateline place,
//! and how far an `of` phrase reaches after a head word (`Ministry of Defence`).

use super::cut::cut_run;
use super::doc::{Doc, ParaKind, NO_GAZ};
use super::entity::EntityType;
use super::piece::{Piece, Reading};
use super::rules::word;
use super::words::flag;
use crate::read::layout::Layout;
use crate::text::Span;

/// Cuts the capitalised runs of the article into pieces, in text order.
pub(super) fn cut(doc: &Doc, layout: &Layout) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let n = doc.toks.len();
    let dateline = layout.dateline_place;
    let mut part_i = 0;
    let mut i = 0;
    while i < n {
        let t = doc.toks[i];
        if let Some(d) = dateline {
            // a line all in capitals is a heading, not a dateline (`SOCCER - JAPAN WIN`)
            if d.contains(t.span) && doc.para_kind(i) != ParaKind::Shouting {
                if t.span.start == d.start {
                    let span = Span::new(d.start, d.end);
                    pieces.push(Piece {
                        first: i,
                        end: i + 1,
                        span,
                        reading: Reading::Known(EntityType::Gpe),
                        title: None,
                        mixed: false,
                        after_the: false,
                        lone_head: false,
                        rule: "dateline",
                    });
                }
                i += 1;
                continue;
            }
        }
        // Hyphenated compounds of known names (`Russia-Ukraine`, `U.S.-led`).
        while part_i < doc.parts.len() && doc.parts[part_i].0 < i {
            part_i += 1;
        }
        if part_i < doc.parts.len()
            && doc.parts[part_i].0 == i
            && doc.gaz_end[i] == NO_GAZ
            && doc.parts_cover(i, part_i)
        {
            while part_i < doc.parts.len() && doc.parts[part_i].0 == i {
                let (_, span, kind) = doc.parts[part_i];
                pieces.push(Piece {
                    first: i,
                    end: i + 1,
                    span,
                    reading: Reading::Known(kind),
                    title: None,
                    mixed: false,
                    after_the: false,
                    lone_head: false,
                    rule: "gazetteer name in a hyphenated word",
                });
                part_i += 1;
            }
            i += 1;
            continue;
        }
        let startable =
            (t.has(flag::CAP) && doc.words[i] & word::CONNECTIVE == 0 && !doc.month_before_day(i))
                || doc.gaz_end[i] != NO_GAZ;
        if !startable || doc.para_kind(i).is_heading() && doc.gaz_end[i] == NO_GAZ {
            if doc.para_kind(i).is_heading() && t.has(flag::CAP) {
                pieces.push(doc.piece(i, i + 1, Reading::Unknown, ""));
            }
            i += 1;
            continue;
        }
        let end = doc.run_extent(i, part_i);
        cut_run(doc, i, end, &mut pieces);
        // a name may reach past its run (`Committee on Ukraine’s integration into the EU`)
        let end = pieces.last().map_or(end, |p| p.end.max(end));
        i = end;
    }
    pieces
}

impl Doc<'_> {
    /// Whether the listed names inside hyphenated word `i` cover all its pieces (`Russia-Ukraine`,
    /// not `John-Christian`).
    pub(super) fn parts_cover(&self, i: usize, part_i: usize) -> bool {
        let word = self.toks[i].span;
        let parts = &self.parts[part_i..];
        // every capitalised piece is a listed name; lower-case ones may follow (`U.S.-led`)
        let mut at = word.start;
        for piece in self.text[word.start..word.end].split('-') {
            let start = at;
            at += piece.len() + 1;
            let capitalised = piece.starts_with(|c: char| c.is_uppercase());
            if capitalised
                && !parts
                    .iter()
                    .take_while(|p| p.0 == i)
                    .any(|p| p.1.start == start)
            {
                return false;
            }
        }
        true
    }

    /// The extent of a capitalised run from `i`: capitalised words and known names joined by
    /// spaces, with lower-case connectives (`of`, `de`) between capitals.
    pub(super) fn run_extent(&self, i: usize, part_i: usize) -> usize {
        let n = self.toks.len();
        let mut reach = if self.gaz_end[i] != NO_GAZ {
            self.gaz_end[i] as usize
        } else {
            i + 1
        };
        let mut j = i + 1;
        let joins = |j: usize| {
            let u = &self.toks[j];
            // `New People's Party`, `Women's Institute`: a common word's possessive inside a name
            let inner_possessive = || {
                let prev = &self.toks[j - 1];
                prev.has(flag::POSSESSIVE)
                    && self.gaz_end[j - 1] == NO_GAZ
                    && self.words[j - 1] & (word::COMMON | word::NOT_NAME) != 0
                    && matches!(
                        self.head_type(j),
                        Some(EntityType::Org | EntityType::Event | EntityType::Fac)
                    )
                    && self.possessive_then_space(j - 1)
            };
            (u.has(flag::PLAIN_GAP) || inner_possessive())
                && (!u.has(flag::SENTENCE_START) || self.is_initial(j - 1))
        };
        while j < n {
            if !joins(j) || self.month_before_day(j) {
                break;
            }
            if j < reach {
                j += 1;
                continue;
            }
            if self.parts[part_i.min(self.parts.len())..]
                .iter()
                .take_while(|p| p.0 <= j)
                .any(|p| p.0 == j)
            {
                break;
            }
            let u = &self.toks[j];
            if (u.has(flag::CAP) && self.words[j] & word::CONNECTIVE == 0)
                || self.gaz_end[j] != NO_GAZ
                || self.particle_prefixed(j)
            {
                if self.gaz_end[j] != NO_GAZ {
                    reach = reach.max(self.gaz_end[j] as usize);
                }
                j += 1;
                continue;
            }
            // up to two lower-case connectives between capitals: `Democratic Republic of the Congo`
            if self.words[j] & (word::CONNECTIVE | word::PARTICLE) != 0 && !u.has(flag::CAP) {
                let mut k = j + 1;
                if k < n
                    && joins(k)
                    && self.words[k] & word::CONNECTIVE != 0
                    && !self.toks[k].has(flag::CAP)
                {
                    k += 1;
                }
                if k < n && joins(k) && self.toks[k].has(flag::CAP) {
                    j = k;
                    continue;
                }
            }
            break;
        }
        j
    }

    /// The end of `of Defence` after `Ministry` (`k` at the connective): one capitalised name, and
    /// a second joined by `and` when it is a plain name (`of Health and Human Services`).
    pub(super) fn of_extension(&self, k: usize, b: usize) -> usize {
        let capitalised_name = |mut j: usize| {
            if j < b && self.is_definite_article(j, word::ARTICLE) {
                j += 1;
            }
            let start = j;
            while j < b
                && !self.is_connective(j)
                && (self.toks[j].has(flag::CAP) || self.gaz_end[j] != NO_GAZ)
            {
                j = if self.gaz_end[j] != NO_GAZ {
                    (self.gaz_end[j] as usize).clamp(j + 1, b)
                } else {
                    j + 1
                };
            }
            (start, j)
        };
        let (start, mut end) = capitalised_name(k + 1);
        // `Council on Monday`: a lone common word is not the rest of the name
        if end == start || (end == start + 1 && self.words[start] & word::NOT_NAME != 0) {
            return k;
        }
        // `Committee on Ukraine’s integration into the European Union`: a committee's remit is
        // a phrase that runs on to the end of a name closing the clause
        if self.is(&self.toks[k], word::REMIT_LINK) && self.toks[end - 1].has(flag::POSSESSIVE) {
            let para = self.toks[k].paragraph;
            let mut j = end;
            while j < self.toks.len() && j < end + 8 {
                let t = &self.toks[j];
                if t.paragraph != para
                    || t.has(flag::SENTENCE_START)
                    || (j > end && !t.has(flag::PLAIN_GAP))
                {
                    break;
                }
                if t.flags & (flag::COMMA_AFTER | flag::PUNCT_AFTER) != 0 {
                    if t.has(flag::CAP) {
                        return j + 1;
                    }
                    break;
                }
                j += 1;
            }
        }
        // `Centre for Control of Iodine Deficiency Disorders`: one more `of` name
        if end < b && self.is_of(end) {
            let (s2, e2) = capitalised_name(end + 1);
            if e2 > s2 && !(e2 == s2 + 1 && self.words[s2] & word::NOT_NAME != 0) {
                end = e2;
            }
        }
        if end < b && self.is(&self.toks[end], word::NAME_CONJUNCTION) {
            let (s2, e2) = capitalised_name(end + 1);
            if e2 > s2
                && e2 - s2 <= 3
                && (s2..e2).all(|j| self.gaz_end[j] == NO_GAZ)
                && self.head_type(e2 - 1).is_none()
            {
                end = e2;
            }
        }
        end
    }
}
