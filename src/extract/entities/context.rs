//! Context typing: what the words around an unknown name say it is (`in X`, `carmaker X`,
//! `X, a local firm,`, `the exercise X`).

use super::doc::Doc;
use super::entity::EntityType;
use super::piece::Piece;
use super::rules::{phrase, word};
use super::words::flag;
use crate::text::Span;

impl<'a> Doc<'a> {
    /// The `n` words before `first` when they are lower-case words of the same sentence joined
    /// by spaces (`mayor of` before a name).
    pub(super) fn lower_words_before(&self, first: usize, n: usize) -> Option<&'a str> {
        let a = first.checked_sub(n)?;
        let para = self.toks[first].paragraph;
        let ok = (a..first).all(|j| {
            let t = &self.toks[j];
            t.paragraph == para
                && t.has(flag::LOWER)
                && !t.has(flag::CAP)
                && self.toks[j + 1].has(flag::PLAIN_GAP)
                && !self.toks[j + 1].has(flag::SENTENCE_START)
        });
        ok.then(|| Span::new(self.toks[a].span.start, self.toks[first - 1].span.end).of(self.text))
    }

    /// What the words around an unknown name say it is: a place after `in` or `the mayor of`, an
    /// organisation after `carmaker` or `an analyst at`, an event after `the exercise called`, and
    /// what an appositive after it calls it (`, a local engineering firm,`).
    pub(super) fn context_type(&self, p: &Piece) -> Option<(EntityType, &'static str)> {
        let text = self.text;
        let w = |j: usize| self.words[j];
        let first = p.first;
        // `a website Example.com`: a web address is no organisation, place or event
        let span = Span::new(self.toks[first].span.start, self.toks[p.end - 1].span.end);
        if span
            .of(text)
            .split('.')
            .skip(1)
            .any(|x| x.starts_with(|c: char| c.is_ascii_lowercase()))
        {
            return None;
        }
        // `Shares in Calder Holdings`: an organisation word outweighs a place cue
        let org_word = (first..p.end).any(|j| w(j) & word::ORG_HEAD != 0);
        if let Some(two) = self.lower_words_before(first, 2) {
            if self.rules.phrase(two) & phrase::PLACE_CUE_BEFORE != 0 && !org_word {
                return Some((EntityType::Gpe, "place word before a name"));
            }
            // `an analyst at X`, `the director of X`: where a person works
            let (role, prep) = (first - 2, first - 1);
            if w(role) & word::CUE_PERSON_BEFORE != 0
                && self.is(&self.toks[prep], word::WORKPLACE_PREP)
            {
                return Some((EntityType::Org, "workplace after a role"));
            }
        }
        if let Some(one) = self.lower_words_before(first, 1) {
            // a lone word after `in` is as often a field or a title (`in Linguistics`)
            // and `Professor in Educational Leadership` is a field
            let one_says = self.rules.word(one);
            let weak = one_says & word::WEAK_PLACE_CUE != 0
                && (p.end - first == 1
                    || first >= 2
                        && self.toks[first - 2].has(flag::CAP)
                        && self.toks[first - 1].has(flag::PLAIN_GAP));
            let numbered = self.toks.get(p.end).is_some_and(|t| t.has(flag::DIGIT));
            if self.rules.phrase(one) & phrase::PLACE_CUE_BEFORE != 0
                && !weak
                && !numbered
                && !org_word
            {
                return Some((EntityType::Gpe, "place word before a name"));
            }
            if w(first - 1) & word::ORG_NOUN != 0 {
                return Some((EntityType::Org, "organisation noun before a name"));
            }
            // `told Bayerischer Rundfunk`: without a given name, whoever is told in the news is
            // most often a news outlet
            let reported = {
                let last = &self.toks[p.end - 1];
                last.flags & (flag::COMMA_AFTER | flag::PUNCT_AFTER) != 0
                    || self.toks.get(p.end).is_some_and(|t| {
                        t.paragraph == last.paragraph && self.is(t, word::OUTLET_FOLLOWER)
                    })
            };
            if one_says & word::OUTLET_VERB != 0
                && w(first) & word::GIVEN == 0
                && p.end - first >= 2
                && reported
            {
                return Some((EntityType::Org, "news outlet told"));
            }
            if w(first - 1) & word::EVENT_NOUN != 0 {
                return Some((EntityType::Event, "event noun before a name"));
            }
            // `the drill, called Amber Shield`
            if one_says & word::NAMING_VERB != 0
                && first >= 2
                && self.toks[first - 2].has(flag::LOWER)
                && w(first - 2) & word::EVENT_NOUN != 0
            {
                return Some((EntityType::Event, "event noun before a name"));
            }
        }
        let last = &self.toks[p.end - 1];
        let next = |k: usize| {
            self.toks
                .get(p.end + k)
                .filter(|t| t.paragraph == last.paragraph && !t.has(flag::SENTENCE_START))
        };
        // `the Amber Shield exercise`
        if !last.has(flag::PUNCT_AFTER)
            && !last.has(flag::COMMA_AFTER)
            && !last.has(flag::POSSESSIVE)
        {
            if let Some(t) = next(0) {
                if t.has(flag::LOWER) && w(p.end) & word::EVENT_NOUN != 0 {
                    return Some((EntityType::Event, "name before an event noun"));
                }
                // `X said in a statement`: people speak, organisations issue statements
                let said = self.is(t, word::STATEMENT_VERB);
                let statement = (1..=4).any(|k| {
                    next(k).is_some_and(|u| {
                        let w = u.span.of(text);
                        self.rules
                            .statement_nouns
                            .iter()
                            .any(|n| w.starts_with(n.as_str()))
                    })
                });
                if said && statement && next(1).is_some_and(|u| self.is(u, word::STATEMENT_PREP)) {
                    return Some((EntityType::Org, "name that issues statements"));
                }
            }
        }
        // `X, a local engineering firm,`: the noun of an appositive says what X is
        if last.has(flag::COMMA_AFTER) {
            let opener = next(0)?;
            let o = opener.span.of(text);
            if o.bytes().all(|c| c.is_ascii_digit()) && next(0)?.has(flag::COMMA_AFTER) {
                return Some((EntityType::Person, "age after a name"));
            }
            if !self.is(opener, word::ARTICLE) {
                return None;
            }
            for k in 1..6 {
                let t = next(k)?;
                if !t.has(flag::LOWER) || t.has(flag::CAP) {
                    return None;
                }
                // words far from capitals were not looked up when reading
                let tw = self.rules.word(t.span.of(text));
                let found = if tw & word::ORG_NOUN != 0 {
                    Some(EntityType::Org)
                } else if tw & word::FAC_NOUN != 0 {
                    Some(EntityType::Fac)
                } else if tw & word::GPE_NOUN != 0 {
                    Some(EntityType::Gpe)
                } else if tw & word::EVENT_NOUN != 0 {
                    Some(EntityType::Event)
                } else if tw & word::CUE_PERSON_BEFORE != 0 {
                    Some(EntityType::Person)
                } else {
                    None
                };
                // the head noun ends the phrase: `a firm that`, `a farmer from`
                let ends = t.flags & (flag::COMMA_AFTER | flag::PUNCT_AFTER) != 0
                    || next(k + 1)
                        .is_none_or(|u| !u.has(flag::LOWER) || self.is(u, word::PHRASE_ENDER));
                // `the group of chemicals`: a noun followed by `of` names a kind, not a body
                let of = next(k + 1).is_some_and(|u| self.is(u, word::KIND_LINK));
                if ends && !(of && found == Some(EntityType::Org)) {
                    return found.map(|k| (k, "appositive after a name"));
                }
                if ends {
                    return None;
                }
            }
        }
        None
    }
}
