//! Attribution patterns over one paragraph's items: who a quotation belongs to (`direct`), where
//! reported speech begins and ends (`reported`), the speaker phrases around a cue (`phrases`), and
//! what the entity tagger knows about them (`mentions`). A `Paragraph` is read-only: each pattern
//! reads it and pushes what it found.

mod direct;
mod mentions;
mod phrases;
mod reported;

use super::found::{Event, Raw};
use super::marks::Region;
use super::quote::QuoteKind;
use super::rules::QuoteRules;
use super::view::{class, Kind, Tok};
use crate::extract::entities::Entities;
use crate::lexicon::FxSet;

/// Longest speaker phrase we read, in tokens.
const MAX_NP: usize = 12;
/// Longest appositive between commas (`Valaitis, a member of ..., said`).
const MAX_APPOSITIVE: usize = 30;

/// A token range `[start, end)` holding a speaker phrase, with an optional appositive range.
#[derive(Debug, Clone, Copy)]
struct NpRange {
    start: usize,
    end: usize,
    appositive: Option<(usize, usize)>,
}

/// One paragraph as the patterns read it.
pub struct Paragraph<'a> {
    text: &'a str,
    toks: &'a [Tok],
    regions: &'a [Region],
    entities: &'a Entities,
    /// Names of the places the tagger found.
    places: &'a FxSet<&'a str>,
    rules: &'a QuoteRules,
    /// For each token, the first token of its sentence and one past its last.
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl<'a> Paragraph<'a> {
    pub fn new(
        text: &'a str,
        toks: &'a [Tok],
        regions: &'a [Region],
        entities: &'a Entities,
        places: &'a FxSet<&'a str>,
        rules: &'a QuoteRules,
    ) -> Self {
        let n = toks.len();
        let mut lo = vec![0; n];
        let mut hi = vec![n; n];
        let mut start = 0;
        for i in 0..n {
            lo[i] = start;
            if Self::window_ends_after(toks, i) {
                for h in &mut hi[start..=i] {
                    *h = i + 1;
                }
                start = i + 1;
            }
        }
        Paragraph {
            text,
            toks,
            regions,
            entities,
            places,
            rules,
            lo,
            hi,
        }
    }

    /// Patterns read within one of the segmenter's sentences: item `i` ends one when the next
    /// item starts in a later sentence (a quotation holding several sentences is one item).
    pub(super) fn window_ends_after(toks: &[Tok], i: usize) -> bool {
        toks.get(i + 1)
            .is_some_and(|next| next.sentences.0 > toks[i].sentences.1)
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.toks[i].span.of(self.text)
    }

    pub(super) fn is_word(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is_word() && t.span.of(self.text).eq_ignore_ascii_case(w))
    }

    /// An age (`, 52,`) or a party-state tag (`, R-Texas,`, `, D-N.Y.,`) set off after a name:
    /// an appositive, never the speaker.
    pub(super) fn is_tag(&self, i: usize) -> bool {
        self.is_age(i) || self.is_party_tag(i)
    }

    /// A party-state tag (`R-Texas`, `D-Mo.`): a party letter of `party_names`, a hyphen, a state.
    pub(super) fn is_party_tag(&self, i: usize) -> bool {
        self.toks.get(i).filter(|t| t.is_word()).is_some_and(|t| {
            let w = t.span.of(self.text);
            let b = w.as_bytes();
            // `b[1] == b'-'` makes the first byte a whole (ASCII) character.
            b.len() >= 3
                && b[1] == b'-'
                && b[2].is_ascii_uppercase()
                && self.rules.party_names.contains_key(&w[..1])
        })
    }

    /// An age set off after a name (`, 52,`).
    pub(super) fn is_age(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            let w = t.span.of(self.text).as_bytes();
            t.is_word() && (1..=3).contains(&w.len()) && w.iter().all(u8::is_ascii_digit)
        })
    }

    pub(super) fn is_cue(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // A capitalised cue word is a name (`United States`), and after a determiner an adjective
        // (`the alleged crime`).
        t.is_word()
            && t.is(class::CUE)
            && !t.cap
            && !(i > 0 && self.toks[i - 1].is(class::DET))
            && !(t.is(class::NOUN_LIKE) && i > 0 && self.noun_before(i - 1))
            // `police reports say`: a noun-like cue right before a cue verb is the subject's noun.
            && !(t.is(class::NOUN_LIKE)
                && self.toks.get(i + 1).is_some_and(|n| n.is_word() && n.is(class::CUE) && !n.cap))
            && !self.rules.according.iter().any(|p| self.is_word(i, &p[0]))
    }

    /// Whether item `i` is a word of `class`.
    pub(super) fn is_a(&self, i: usize, class: u64) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_word() && t.is(class))
    }

    /// The length of the phrase of `phrases` that starts at item `i` (`according to`), if any.
    pub(super) fn phrase_at(&self, i: usize, phrases: &[Vec<String>]) -> Option<usize> {
        phrases
            .iter()
            .find(|p| p.iter().enumerate().all(|(k, w)| self.is_word(i + k, w)))
            .map(Vec::len)
    }

    /// A word that makes a following noun-like cue a noun: a possessive (`the agency’s report`) or a
    /// plain lowercase modifier (`a blog post`), not a person, group, pronoun or adverb.
    pub(super) fn noun_before(&self, p: usize) -> bool {
        let t = &self.toks[p];
        t.is_word()
            && (t.poss
                || (!t.cap
                    && !t.is(class::PERSON | class::ORG | class::PRONOUN | class::BEFORE_VERB)
                    && !self.rules.morph.adverb.end(self.word(p))))
    }

    /// A lowercase past participle (`seen`, `obtained`, `reviewed`) before `by`.
    pub(super) fn participle(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let w = self.word(i);
        t.is_word() && !t.cap && self.rules.morph.is_participle(w)
    }

    /// The first cue verb in `[from, to)`, skipping `according`.
    pub(super) fn cue_in(&self, from: usize, to: usize) -> Option<usize> {
        (from..to.min(self.toks.len())).find(|&i| self.is_cue(i))
    }

    pub fn find(&self, raws: &mut Vec<Raw>, events: &mut Vec<(usize, Event)>) {
        let t = self.toks;
        let mut used = vec![false; t.len()];
        self.names(events);
        // Direct quotations.
        for q in 0..t.len() {
            let Kind::Quoted(r) = t[q].kind else {
                continue;
            };
            let region = self.regions[r];
            if region.inner.is_empty() {
                continue;
            }
            let partial = self.is_partial(q);
            let words = region.inner.of(self.text).split_whitespace().count();
            let attribution = self.attribute(q).or_else(|| self.cue_in_sentence(q));
            let kind = if partial {
                QuoteKind::Partial
            } else {
                QuoteKind::Direct
            };
            match attribution {
                Some(a) => {
                    if a.rule != "cue_in_sentence" {
                        if let Some(v) = a.cue {
                            used[v] = true;
                        }
                    }
                    let np = a.np.and_then(|r| self.np(r));
                    let pos = np.as_ref().map_or(region.inner.start, |n| n.span.start);
                    // A phrase that can be no speaker (`health checks`) leaves the quote to nobody.
                    let inherit = np.is_some() || a.np.is_none();
                    raws.push(Raw {
                        span: region.inner,
                        kind,
                        cue: a.cue.map(|v| t[v].span),
                        np,
                        rule: a.rule,
                        inherit,
                        group: None,
                    });
                    events.push((pos, Event::Quote(raws.len() - 1)));
                }
                None => {
                    let inner = region.inner.of(self.text);
                    let sentence_like = inner.ends_with(['.', '?', '!', ',', '…']) || words >= 4;
                    if partial || !sentence_like {
                        continue; // scare quotes, titles, a word set off
                    }
                    raws.push(Raw {
                        span: region.inner,
                        kind,
                        cue: None,
                        np: None,
                        rule: "continuation",
                        inherit: true,
                        group: None,
                    });
                    events.push((region.inner.start, Event::Quote(raws.len() - 1)));
                }
            }
        }
        self.reported(&used, raws, events);
    }
}
