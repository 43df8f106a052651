//! Gazetteer matching: one anchored Aho-Corasick probe per word that can start a listed name,
//! whole-word matches recorded per token and names inside hyphenated words as parts.

use aho_corasick::{Anchored, Input};

use super::doc::Doc;
use super::entity::EntityType;
use super::rules::word;
use super::words::flag;
use crate::text::Span;

impl Doc<'_> {
    /// Gazetteer names starting at each word (and after each hyphen inside one): one anchored
    /// Aho-Corasick probe per word that can start a name, so the cost stays linear.
    pub(super) fn match_gazetteer(&mut self, para: Span, first: usize, end: usize, upper: bool) {
        // a paragraph in capitals is matched against the names in capitals (`JAPAN`)
        let (automaton, starts_name) = if upper {
            let Some(a) = self.rules.gazetteer_upper() else {
                return;
            };
            (a, &self.rules.starts_name_upper)
        } else {
            (&self.rules.gazetteer, &self.rules.starts_name)
        };
        let text = self.text;
        let bytes = text.as_bytes();
        let hay = &text[..para.end];
        let mut k = first;
        while k < end {
            let tok = self.toks[k];
            let mut next = k + 1;
            let mut s = tok.span.start;
            // lower-case words are probed only when a listed name could start there
            let probe_word = !tok.has(flag::LOWER)
                || tok.flags & (flag::HYPHEN | flag::INNER_CAP) != 0
                || self.words[k] & word::GAZ_LOWER_START != 0;
            loop {
                if (probe_word || s > tok.span.start) && starts_name[bytes[s] as usize] {
                    let input = Input::new(hay).range(s..para.end).anchored(Anchored::Yes);
                    let found = automaton.find(input.clone()).or_else(|| {
                        // `BRUSSELS 1996-08-22`: a word in capitals inside prose
                        (!upper && tok.has(flag::ALL_CAPS) && tok.span.len() >= 4)
                            .then(|| self.rules.gazetteer_upper()?.find(input))
                            .flatten()
                    });
                    if let Some(m) = found {
                        let kind = self.rules.gazetteer_types[m.pattern().as_usize()];
                        if let Some(last) = self.record_match(k, end, s, m.end(), kind) {
                            next = next.max(last + 1);
                        }
                    }
                }
                if !tok.has(flag::HYPHEN) {
                    break;
                }
                // the next piece of a hyphenated word (`Russia-Ukraine`)
                match text[s..tok.span.end].find('-') {
                    Some(h) if s + h + 1 < tok.span.end => s += h + 1,
                    _ => break,
                }
            }
            k = next;
        }
    }

    /// Keeps a gazetteer match `[s, e)` found in word `k` when it lines up with words; returns the
    /// last word of a whole-word match.
    pub(super) fn record_match(
        &mut self,
        k: usize,
        end: usize,
        s: usize,
        e: usize,
        kind: EntityType,
    ) -> Option<usize> {
        let text = self.text;
        let bytes = text.as_bytes();
        let tok = self.toks[k];
        let aligned_start = tok.span.start == s;
        let mut last = k;
        while last < end && self.toks[last].span.end < e {
            if self.possessive_ends_at(last, e) {
                break;
            }
            last += 1;
        }
        if last >= end {
            return None;
        }
        let lt = self.toks[last];
        // names written with a possessive (`Moody's`): the word's span left the `'s` out
        let possessive_name = e > lt.span.end && self.possessive_ends_at(last, e);
        if aligned_start && (lt.span.end == e || possessive_name) {
            let joined = (k + 1..=last)
                .all(|i| self.toks[i].has(flag::PLAIN_GAP) || self.possessive_then_space(i - 1));
            if !joined {
                return None;
            }
            if possessive_name {
                self.toks[last].span.end = e;
                self.toks[last].flags &= !flag::POSSESSIVE;
            }
            // the name spans a possessive (`Moody's Investors Service`): join its words
            for i in k + 1..=last {
                self.toks[i].flags |= flag::PLAIN_GAP;
                self.toks[i - 1].flags &= !flag::POSSESSIVE;
            }
            self.gaz_end[k] = (last + 1) as u32;
            self.gaz_type[k] = kind;
            return Some(last);
        }
        let part_start = tok.span.start < s && bytes[s - 1] == b'-';
        if last == k
            && kind != EntityType::Person
            && tok.span.of(text).starts_with(|c: char| c.is_uppercase())
            && (part_start || bytes.get(e) == Some(&b'-'))
            && (lt.span.end == e || bytes.get(e) == Some(&b'-'))
        {
            self.parts.push((k, Span::new(s, e), kind));
        }
        None
    }
}
