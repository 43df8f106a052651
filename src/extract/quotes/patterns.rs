//! Attribution patterns over one paragraph's tokens: who a quotation belongs to, and where reported
//! speech (`S said (that) ...`, `according to S`) begins and ends.

use super::marks::Region;
use super::speakers::{self, Form, Np};
use super::view::{class, Kind, Tok};
use super::{is_non_person_entity, person_entity, Event, QuoteKind, Raw};
use crate::extract::entities::{Entities, EntityType};
use crate::lexicon::FxSet;
use crate::text::Span;

/// How far back in its sentence a quotation looks for a cue, in tokens (keeps scans linear).
const MAX_SENTENCE_REACH: usize = 60;

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

/// Who a direct quotation is attributed to.
struct Attribution {
    cue: Option<usize>,
    np: Option<NpRange>,
    rule: &'static str,
}

pub struct Paragraph<'a> {
    text: &'a str,
    toks: &'a [Tok],
    regions: &'a [Region],
    entities: &'a Entities,
    /// Names of the places the tagger found.
    places: &'a FxSet<&'a str>,
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
            lo,
            hi,
        }
    }

    /// Patterns read within one of the segmenter's sentences: item `i` ends one when the next
    /// item starts in a later sentence (a quotation holding several sentences is one item).
    fn window_ends_after(toks: &[Tok], i: usize) -> bool {
        toks.get(i + 1)
            .is_some_and(|next| next.sentences.0 > toks[i].sentences.1)
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks[i].span.of(self.text)
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is_word() && t.span.of(self.text).eq_ignore_ascii_case(w))
    }

    /// An age (`, 52,`) or a party-state tag (`, R-Texas,`, `, D-N.Y.,`) set off after a name:
    /// an appositive, never the speaker.
    fn is_tag(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i).filter(|t| t.is_word()) else {
            return false;
        };
        let w = t.span.of(self.text).as_bytes();
        let age = (1..=3).contains(&w.len()) && w.iter().all(u8::is_ascii_digit);
        let party = w.len() >= 3
            && matches!(w[0], b'R' | b'D' | b'I')
            && w[1] == b'-'
            && w[2].is_ascii_uppercase();
        age || party
    }

    fn is_cue(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // A capitalised cue word is a name (`United States`), and after a determiner an adjective
        // (`the alleged crime`).
        t.is_word()
            && t.is(class::CUE)
            && !t.cap
            && !(i > 0 && self.toks[i - 1].is(class::DET))
            && !(t.is(class::NOUN_LIKE) && i > 0 && self.noun_before(i - 1))
            && !self.is_word(i, "according")
    }

    /// A word that makes a following noun-like cue a noun: a possessive (`the agency’s report`) or a
    /// plain lowercase modifier (`a blog post`), not a person, group, pronoun or adverb.
    fn noun_before(&self, p: usize) -> bool {
        let t = &self.toks[p];
        t.is_word()
            && (t.poss
                || (!t.cap
                    && !t.is(class::PERSON | class::ORG | class::PRONOUN | class::BEFORE_VERB)
                    && !self.word(p).ends_with("ly")))
    }

    fn np(&self, r: NpRange) -> Option<Np> {
        let appositive = r.appositive.map(|(s, e)| &self.toks[s..e]);
        let np = speakers::analyse(self.text, &self.toks[r.start..r.end], appositive)?;
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
        let plural_noun = [
            "ers", "ors", "ists", "ians", "ants", "ents", "ees", "ics", "ives",
        ]
        .iter()
        .any(|x| w.len() > x.len() + 2 && w.ends_with(x));
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

    /// The speaker phrase ending just before token `end`, read leftwards, not before `lo`.
    fn np_left(&self, end: usize, lo: usize) -> Option<NpRange> {
        if end <= lo {
            return None;
        }
        let t = &self.toks;
        let last = end - 1;
        if !t[last].is_word()
            || t[last].is(class::STOP)
            || t[last].is(class::LINK)
            || self.is_cue(last)
        {
            return None;
        }
        if t[last].is(class::PRONOUN) {
            return Some(NpRange {
                start: last,
                end,
                appositive: None,
            });
        }
        let mut start;
        let mut k = last;
        loop {
            start = k;
            // `people familiar with the talks`, `a source close to the minister`
            let source = |k: usize| {
                k >= lo + 2 && t[k - 1].is(class::STOP) && t[k - 2].is(class::SOURCE_ADJ)
            };
            // `a spokesman for the ministry`, `the head of the agency`: the phrase goes on leftwards.
            let owner = k >= lo + 2
                && matches!(self.word(k - 1), "of" | "for")
                && t[k - 2].is_word()
                && !t[k - 2].is(class::DET | class::STOP | class::PRONOUN)
                && !self.is_cue(k - 2)
                && end - k < MAX_NP;
            // `officials in her department`, `analysts at the bank`: a group and where it belongs.
            let member = k >= lo + 2
                && matches!(self.word(k - 1), "in" | "at" | "from")
                && t[k - 2].is_word()
                && t[k - 2].is(class::PERSON)
                && end - k < MAX_NP;
            // `A report seen by Reuters said`: the participle phrase is the document's.
            let seen_by = k >= lo + 2
                && self.is_word(k - 1, "by")
                && self.participle(k - 2)
                && end - k < MAX_NP;
            if member || seen_by || (t[k].is(class::DET) && (source(k) || owner)) {
                k -= 2;
                continue;
            }
            if t[k].is(class::DET) {
                // "one of the officials", "two of the European officials"
                if k >= lo + 2 && self.is_word(k - 1, "of") && t[k - 2].is(class::DET) {
                    start = k - 2;
                }
                break;
            }
            if k == lo || end - k >= MAX_NP {
                break;
            }
            let p = &t[k - 1];
            if !source(k)
                && (!p.is_word() || p.is(class::STOP) || p.is(class::PRONOUN) || self.is_cue(k - 1))
            {
                break;
            }
            if p.is(class::LINK) && (k - 1 == lo || !t[k - 2].is_word() || t[k - 2].is(class::STOP))
            {
                break;
            }
            k -= 1;
        }
        while start < last && t[start].is(class::LINK) {
            start += 1;
        }
        if t[start..end].iter().all(|x| x.is(class::DET)) {
            return None;
        }
        Some(NpRange {
            start,
            end,
            appositive: None,
        })
    }

    /// A phrase that can start a clause: the sentence start, or after a comma, colon, dash,
    /// quotation or a capitalised conjunction (`But`).
    fn clause_start(&self, s: usize, lo: usize) -> bool {
        if s <= lo {
            return true;
        }
        let p = &self.toks[s - 1];
        matches!(
            p.kind,
            Kind::Punct(',' | ':' | '—' | '–' | '(') | Kind::Quoted(_)
        ) || (p.is(class::STOP) && (p.cap || s - 1 == lo))
            || (p.is_word()
                && matches!(
                    self.word(s - 1),
                    "and"
                        | "but"
                        | "where"
                        | "when"
                        | "while"
                        | "because"
                        | "although"
                        | "though"
                        | "whereas"
                        | "unless"
                ))
    }

    /// The subject of the cue verb at `v`: `S (has) V`, or `S, appositive, V`.
    fn subject_left(&self, v: usize, lo: usize) -> Option<NpRange> {
        let t = &self.toks;
        // A passive (`is added`, `can be observed`) reports no speaker.
        if v > lo
            && t[v - 1].is_word()
            && matches!(
                self.word(v - 1),
                "is" | "was" | "are" | "were" | "be" | "been" | "being"
            )
        {
            return None;
        }
        let mut i = v;
        // `The World Health Organisation (WHO) recommends`: step over a short parenthesis.
        if i > lo + 1 && t[i - 1].is_punct(')') {
            let from = (i - 1).saturating_sub(MAX_NP).max(lo);
            if let Some(open) = (from..i - 1).rev().find(|&k| t[k].is_punct('(')) {
                i = open;
            }
        }
        while i > lo
            && t[i - 1].is_word()
            && !t[i - 1].is(class::PRONOUN)
            && (t[i - 1].is(class::BEFORE_VERB)
                || (!t[i - 1].cap && self.word(i - 1).ends_with("ly")))
        {
            i -= 1;
        }
        if i <= lo {
            return None;
        }
        // `S, who had told X ...`: the relative pronoun stands for the phrase before the comma.
        if self.is_word(i - 1, "who") && i >= lo + 2 && t[i - 2].is_punct(',') {
            return self.np_left(i - 2, lo);
        }
        // `S told X ..., and told Y ...` and `S said ..., adding that ...`: the second verb shares
        // the first one's subject.
        let gerund = self.word(v).ends_with("ing");
        let adverbial = matches!(
            self.word(i - 1),
            "before" | "after" | "while" | "when" | "by"
        );
        if self.is_word(i - 1, "and") || (gerund && (t[i - 1].is_punct(',') || adverbial)) {
            let from = (i - 1).saturating_sub(MAX_APPOSITIVE).max(lo);
            let Some(prev) = (from..i - 1).rev().find(|&c| self.is_cue(c)) else {
                // `The minister, Ana Ruiz, defended the plan, saying ...`: the sentence's subject.
                let comma = t[i - 1].is_punct(',');
                return if gerund && comma {
                    self.sentence_subject(lo, i - 1)
                } else {
                    None
                };
            };
            return self.subject_left(prev, lo).or_else(|| {
                // `“...,” said S, adding that ...`
                let after_quote =
                    prev > lo && matches!(t[prev - 1].kind, Kind::Quoted(_) | Kind::Punct(','));
                after_quote
                    .then(|| self.np_right(prev + 1, self.hi[prev], false))
                    .flatten()
            });
        }
        if t[i - 1].is_punct(',') {
            let close = i - 1;
            // `Lydia Buchtmann for Food Standards, says`: a stray comma after a sentence-opening phrase.
            if !t[lo..close]
                .iter()
                .any(|x| x.is_punct(',') || matches!(x.kind, Kind::Quoted(_)))
            {
                return self.np_left(close, lo).filter(|np| {
                    np.start == lo && t[np.start..np.end].iter().any(|x| x.is(class::LINK))
                });
            }
            let mut commas = 0;
            let mut c = close;
            // The appositive nearest the verb, when a tag stood between it and the name.
            let mut appositive = None;
            while c > lo && close - c < MAX_APPOSITIVE && commas < 3 {
                c -= 1;
                match t[c].kind {
                    Kind::Punct(',') => {
                        commas += 1;
                        if let Some(np) = self.np_left(c, lo) {
                            // `Pruitt, R-Texas, chairman of ..., said`: the name stands before the tag.
                            if np.end == np.start + 1 && self.is_tag(np.start) {
                                appositive = appositive.or(Some((c + 1, close)));
                                continue;
                            }
                            if self.clause_start(np.start, lo)
                                && t[np.start..np.end].iter().all(|x| x.is_word())
                            {
                                let own = (c + 1, close);
                                let tag = own.1 == own.0 + 1 && self.is_tag(own.0);
                                return Some(NpRange {
                                    appositive: appositive.or((!tag).then_some(own)),
                                    ..np
                                });
                            }
                        }
                    }
                    Kind::Quoted(_) => return None,
                    _ => {}
                }
            }
            return None;
        }
        self.np_left(i, lo)
    }

    /// The phrase opening the sentence at `lo` (before `to`), with an appositive between commas.
    fn sentence_subject(&self, lo: usize, to: usize) -> Option<NpRange> {
        let t = self.toks;
        let mut s = lo;
        while s < to && t[s].is(class::STOP) && t[s].cap {
            s += 1;
        }
        let np = self.np_right(s, to, false)?;
        if np.appositive.is_some() || np.end >= to || !t[np.end].is_punct(',') {
            return Some(np);
        }
        // `The Health Secretary, Wes Streeting, has ...`
        let a = np.end + 1;
        let close = (a..to.min(a + MAX_NP)).find(|&k| t[k].is_punct(','))?;
        Some(NpRange {
            appositive: (close > a).then_some((a, close)),
            ..np
        })
    }

    /// The speaker phrase starting at `k`, read rightwards (`said S`, `according to S`).
    /// `long` lets prepositions in (`a person familiar with the talks`).
    fn np_right(&self, k: usize, hi: usize, long: bool) -> Option<NpRange> {
        let t = &self.toks;
        if k >= hi || !t[k].is_word() {
            return None;
        }
        if t[k].is(class::PRONOUN) {
            return Some(NpRange {
                start: k,
                end: k + 1,
                appositive: None,
            });
        }
        let max = if long { 2 * MAX_NP } else { MAX_NP };
        let mut i = k;
        while i < hi && i - k < max {
            let x = &t[i];
            if !x.is_word() || (x.is(class::PRONOUN) && i > k) {
                break;
            }
            // `officials briefed on the plan`: in a long phrase a source adjective is no cue.
            if self.is_cue(i) && !x.cap && !(long && x.is(class::SOURCE_ADJ)) {
                break;
            }
            // `a document seen by reporters`, `an audit obtained by the paper`: a participle phrase
            // belongs to the source.
            let participle_by = long && i > k && self.is_word(i, "by") && self.participle(i - 1);
            if x.is(class::STOP) && !x.cap && !participle_by {
                let prep = matches!(
                    self.word(i),
                    "with"
                        | "in"
                        | "on"
                        | "at"
                        | "from"
                        | "about"
                        | "within"
                        | "near"
                        | "into"
                        | "between"
                        | "among"
                );
                if !(long && prep) {
                    break;
                }
            }
            if x.is(class::LINK) && !t.get(i + 1).is_some_and(|n| n.is_word()) {
                break;
            }
            // `According to Rathbun the property ...`, `told reporters the vote ...`: a determiner
            // after a noun starts a new phrase.
            if i > k && x.is(class::DET) && !t[i - 1].is(class::LINK | class::DET | class::STOP) {
                break;
            }
            i += 1;
        }
        while i > k && (t[i - 1].is(class::LINK) || (t[i - 1].is(class::STOP) && !t[i - 1].cap)) {
            i -= 1;
        }
        if i == k || t[k..i].iter().all(|x| x.is(class::DET)) {
            return None;
        }
        let mut appositive = None;
        let name_end = i;
        // `Maria Lopez, 45, a nurse`, `Rep. Ana Ruiz, D-Ohio, the chairwoman`: an age or party tag
        // between commas comes before the appositive.
        let age = i + 3 < hi && t[i].is_punct(',') && self.is_tag(i + 1) && t[i + 2].is_punct(',');
        let i = if age { i + 2 } else { i };
        if i + 1 < hi
            && t[i].is_punct(',')
            && (t[i + 1].is(class::DET) || t[i + 1].is(class::TITLE))
        {
            let s = i + 1;
            let mut e = s;
            while e < hi
                && e - s < MAX_NP
                && t[e].is_word()
                && (!t[e].is(class::STOP) || t[e].is(class::DET))
            {
                e += 1;
            }
            if e > s {
                appositive = Some((s, e));
            }
        }
        Some(NpRange {
            start: k,
            end: name_end,
            appositive,
        })
    }

    /// A lowercase past participle (`seen`, `obtained`, `reviewed`) before `by`.
    fn participle(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let w = self.word(i);
        t.is_word() && !t.cap && (w.ends_with("ed") || w.ends_with("en") || w == "seen")
    }

    /// The first cue verb in `[from, to)`, skipping `according`.
    fn cue_in(&self, from: usize, to: usize) -> Option<usize> {
        (from..to.min(self.toks.len())).find(|&i| self.is_cue(i))
    }

    /// Finds the speaker of the quotation token at `q`.
    fn attribute(&self, q: usize) -> Option<Attribution> {
        let t = self.toks;
        let n = t.len();
        let lo = self.lo[q];
        // Left: `S V: Q`, `S V, Q`, `S V Q`, `S V that Q`, `in the words of S, Q`.
        if q > lo {
            let p = q - 1;
            if t[p].is_punct(',') {
                let from = p.saturating_sub(MAX_NP).max(lo);
                let words_of = (from..p)
                    .rev()
                    .find(|&i| self.is_word(i, "words") && self.is_word(i + 1, "of"));
                if let Some(mut np) = words_of.and_then(|w| self.np_right(w + 2, p + 1, false)) {
                    // `the prosecutor, Ana Sola, “...”`
                    if np.end + 1 < p
                        && t[np.end].is_punct(',')
                        && t[np.end + 1..p].iter().all(|x| x.is_word())
                    {
                        np.appositive = Some((np.end + 1, p));
                    }
                    return Some(Attribution {
                        cue: None,
                        np: Some(np),
                        rule: "in_the_words_of",
                    });
                }
            }
            if t[p].is_punct(':') {
                let from = p.saturating_sub(MAX_NP).max(lo);
                if let Some(v) = (from..p).rev().find(|&i| self.is_cue(i)) {
                    if let Some(np) = self.subject_left(v, lo) {
                        return Some(Attribution {
                            cue: Some(v),
                            np: Some(np),
                            rule: "speaker_verb_colon",
                        });
                    }
                }
            }
            let v = if self.is_cue(p) {
                Some(p)
            } else if p > lo
                && (t[p].is_punct(',') || self.is_word(p, "that"))
                && self.is_cue(p - 1)
            {
                Some(p - 1)
            } else {
                None
            };
            if let Some(v) = v {
                if let Some(np) = self.subject_left(v, lo) {
                    return Some(Attribution {
                        cue: Some(v),
                        np: Some(np),
                        rule: "speaker_verb_quote",
                    });
                }
            }
        }
        // Right: `Q, S V`, `Q, V S`, `Q — S`, `Q, according to S`.
        let mut k = q + 1;
        if k < n && t[k].is_punct(',') {
            k += 1;
        }
        let dash = k < n && t[k].is_dash();
        if dash {
            k += 1;
        }
        // `The “History” section explains`: a quotation run into the next words is part of a phrase;
        // an attributed one ends in punctuation or is set off by a comma or dash.
        let Kind::Quoted(r) = t[q].kind else {
            return None;
        };
        let set_off = k > q + 1
            || self.regions[r]
                .inner
                .of(self.text)
                .ends_with([',', '.', '?', '!', '…', ';', ':', '—', '-']);
        if k < n && set_off {
            let hi = self.hi[k];
            if self.is_word(k, "according") && self.is_word(k + 1, "to") {
                if let Some(np) = self.np_right(k + 2, hi, true) {
                    return Some(Attribution {
                        cue: Some(k),
                        np: Some(np),
                        rule: "quote_according_to",
                    });
                }
            }
            if self.is_cue(k) {
                if let Some(np) = self.np_right(k + 1, hi, false) {
                    return Some(Attribution {
                        cue: Some(k),
                        np: Some(np),
                        rule: "quote_verb_speaker",
                    });
                }
            }
            // After a quotation that ends its sentence, only a short `He said.` attributes it.
            let closed = self.hi[q] == q + 1;
            if let Some(v) = self.cue_in(k, hi.min(k + MAX_APPOSITIVE)) {
                if let Some(np) = self.subject_left(v, k) {
                    if np.start == k && (!closed || hi - v <= 6) {
                        return Some(Attribution {
                            cue: Some(v),
                            np: Some(np),
                            rule: "quote_speaker_verb",
                        });
                    }
                }
            }
            if dash {
                if let Some(np) = self.np_right(k, hi, false) {
                    let after = t.get(np.end);
                    if after.is_none_or(|a| a.ends_clause() || a.is_punct(',')) && t[k].cap {
                        return Some(Attribution {
                            cue: None,
                            np: Some(np),
                            rule: "quote_dash_speaker",
                        });
                    }
                }
            }
        }
        None
    }

    /// A cue elsewhere in the sentence for a quotation inside it (`S said the talks “stalled”`).
    fn cue_in_sentence(&self, q: usize) -> Option<Attribution> {
        let lo = self.lo[q];
        let v = (q.saturating_sub(MAX_SENTENCE_REACH).max(lo)..q)
            .rev()
            .find(|&i| self.is_cue(i))?;
        if let Some(np) = self.subject_left(v, lo) {
            return Some(Attribution {
                cue: Some(v),
                np: Some(np),
                rule: "cue_in_sentence",
            });
        }
        // `S excoriated X by saying “...”`: the nearest name before an adverbial gerund.
        let adverbial = v > lo
            && matches!(
                self.word(v - 1),
                "by" | "after" | "while" | "when" | "before"
            );
        if !adverbial {
            return None;
        }
        let end = (v.saturating_sub(MAX_APPOSITIVE).max(lo)..v)
            .rev()
            .find(|&i| self.toks[i].is_word() && self.toks[i].cap)?
            + 1;
        let np = self.np_left(end, lo)?;
        Some(Attribution {
            cue: Some(v),
            np: Some(np),
            rule: "cue_in_sentence",
        })
    }

    /// `S said:` closing the paragraph: the speaker of a quotation in the next one.
    /// Without a speech verb (`Smith was blunt:`) the sentence's subject, when it is a name.
    pub fn colon_speaker(&self) -> Option<(Np, Span)> {
        let t = self.toks;
        let last = t.len().checked_sub(1)?;
        if !t[last].is_punct(':') {
            return None;
        }
        let lo = self.lo[last];
        let from = last.saturating_sub(MAX_NP).max(lo);
        if let Some(v) = (from..last).rev().find(|&i| self.is_cue(i)) {
            let np = self.np(self.subject_left(v, lo)?)?;
            return Some((np, t[v].span));
        }
        let np = self.np(self.sentence_subject(lo, last)?)?;
        (np.form == Form::Name).then_some((np, t[last].span))
    }

    /// A quotation used as a phrase inside a sentence rather than as a sentence of its own.
    fn is_partial(&self, q: usize) -> bool {
        let Kind::Quoted(r) = self.toks[q].kind else {
            return false;
        };
        let lo = self.lo[q];
        if q == lo {
            return false;
        }
        let p = q - 1;
        let t = &self.toks[p];
        if t.is_punct(':') || self.is_cue(p) || t.is_dash() || t.is_punct('(') {
            return false;
        }
        if (t.is_punct(',') || self.is_word(p, "that")) && p > lo && self.is_cue(p - 1) {
            return false;
        }
        let inner = self.regions[r].inner.of(self.text);
        // A capitalised, punctuated sentence in quotation marks stands alone (`D-N.Y. “Yes, it is.”`).
        let sentence = inner.starts_with(char::is_uppercase)
            && inner.ends_with(['.', '?', '!'])
            && inner.split_whitespace().count() >= 2;
        !(sentence && (t.is_punct(',') || (t.is_word() && t.span.of(self.text).ends_with('.'))))
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
                    raws.push(Raw {
                        span: region.inner,
                        kind,
                        cue: a.cue.map(|v| t[v].span),
                        np,
                        rule: a.rule,
                        inherit: true,
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

    /// Reported speech: `S V (that) CLAUSE`, `CLAUSE, S V.`, `according to S`.
    fn reported(&self, used: &[bool], raws: &mut Vec<Raw>, events: &mut Vec<(usize, Event)>) {
        let t = self.toks;
        // Tokens inside an earlier reported clause: a cue there is reported too, unless it opens the
        // clause (`said he believes X` reports both).
        let (mut covered_from, mut covered_until) = (0usize, 0usize);
        // `According to X, S said Y` reports Y as S's too.
        let mut outer_according = false;
        for v in 0..t.len() {
            if used[v] || !t[v].is_word() {
                continue;
            }
            let lo = self.lo[v];
            let hi = self.hi[v];
            if v < covered_until
                && !((t[v].is(class::BELIEF) || outer_according)
                    && self
                        .subject_left(v, lo)
                        .is_some_and(|np| np.start == covered_from))
            {
                continue;
            }
            if self.is_word(v, "according") && self.is_word(v + 1, "to") {
                if let Some((clause, np)) = self.according_to(v, lo, hi) {
                    (covered_from, covered_until) = clause;
                    outer_according = true;
                    self.push_indirect(clause, np, v, "according_to", raws, events);
                }
                continue;
            }
            if !self.is_cue(v) {
                continue;
            }
            let w = self.word(v);
            let gerund = w.ends_with("ing");
            let subject = self.subject_left(v, lo);
            let mut k = v + 1;
            if t[v].is(class::TELL) {
                if let Some(obj) = self.np_right(k, hi, false) {
                    if !t[obj.start].is(class::PRONOUN) || self.is_word(obj.start, "them") {
                        k = obj.end;
                    }
                }
            }
            // Adverbials between verb and clause: `in a statement`, `last week`, `on Monday`.
            let mut guard = 0;
            let mut to_phrase = false;
            while k < hi
                && t[k].is_word()
                && t[k].is(class::AFTER_VERB)
                && !self.is_word(k, "that")
                && guard < 4
            {
                guard += 1;
                let w = self.word(k).to_ascii_lowercase();
                let prep = matches!(
                    w.as_str(),
                    "on" | "in"
                        | "at"
                        | "during"
                        | "via"
                        | "through"
                        | "over"
                        | "to"
                        | "before"
                        | "after"
                );
                k += 1;
                // `stated to LA Weekly that ...` reports; `admitted to being ...` does not.
                to_phrase |= w == "to";
                if matches!(w.as_str(), "last" | "this" | "next") {
                    k += 1; // last week, this month
                } else if prep {
                    match self.np_right(k, hi, false) {
                        Some(np) => k = np.end,
                        None => break,
                    }
                }
            }
            let has_that = self.is_word(k, "that");
            if to_phrase && !has_that {
                continue;
            }
            if has_that {
                k += 1;
                // `said that, as the parents came from India, they ...`
                if k < hi && t[k].is_punct(',') {
                    k += 1;
                }
            }
            let Some(subject) = subject else {
                continue;
            };
            if k >= hi || t[k].ends_clause() || t[k].is_punct(',') {
                // `CLAUSE, S V.`: the clause before the subject is what was said.
                let c = subject.start;
                if has_that || c <= lo + 2 || !t[c - 1].is_punct(',') || gerund {
                    continue;
                }
                if t[lo..c].iter().any(|x| matches!(x.kind, Kind::Quoted(_))) {
                    continue;
                }
                let at_end = k >= hi || t[k].ends_clause() || self.gerund_follows(k);
                if !at_end {
                    continue;
                }
                self.push_indirect(
                    (lo, c - 1),
                    Some(subject),
                    v,
                    "clause_speaker_verb",
                    raws,
                    events,
                );
                continue;
            }
            let s = &t[k];
            if matches!(s.kind, Kind::Quoted(_)) {
                continue;
            }
            // `ask the government to declare ...`, `urged voters to stay home`: a request with an
            // object and an infinitive, not a reported clause.
            if !has_that && t[v].is(class::QUESTION | class::WEAK) {
                let request = self
                    .np_right(k, hi, false)
                    .is_some_and(|o| self.is_word(o.end, "to"));
                if request {
                    continue;
                }
            }
            // `asked whether ...`, `explained how ...`: a reported question.
            let wh = !has_that
                && s.is_word()
                && matches!(
                    self.word(k),
                    "whether" | "if" | "how" | "why" | "what" | "who" | "when" | "where"
                )
                && t[v].is(class::QUESTION);
            if !has_that && !wh {
                // `The results show X` reports X; `He showed X` does not.
                let document = t[subject.end - 1].is(class::ORG)
                    && !t[subject.start..subject.end]
                        .iter()
                        .any(|x| x.is(class::PERSON) && !x.is(class::ORG));
                // `..., saying the plan would fail`: say and add report a clause without `that`.
                let saying =
                    gerund && matches!(w, "saying" | "adding") && v > lo && t[v - 1].is_punct(',');
                // `people Wikinews observed took out ...`: a clause opens with its subject, not a verb.
                let verb_first = !s.cap && (s.is(class::FINITE) || self.word(k).ends_with("ed"));
                if !s.is_word()
                    || verb_first
                    || s.is(class::NOT_CLAUSE)
                    || (gerund && !saying)
                    || (t[v].is(class::WEAK) && !document)
                {
                    continue;
                }
                // `I think that’s right`, `he believes there’s time`: contractions open clauses too.
                let contraction = self.word(k).contains(['’', '\'']);
                if t[v].is(class::BELIEF)
                    && !(s.is(class::PRONOUN) || s.is(class::DET) || s.cap || contraction)
                {
                    continue;
                }
            }
            let mut end = self.clause_end(k, hi);
            // `Residents, where shopkeepers say X, crowded the hall`: speech inside a relative
            // clause set off by commas ends at the comma that closes it.
            let relative = subject.start >= lo + 2
                && t[subject.start - 2].is_punct(',')
                && matches!(
                    self.word(subject.start - 1),
                    "where" | "who" | "which" | "whom"
                );
            if relative {
                if let Some(c) = (k..end).find(|&i| t[i].is_punct(',')) {
                    end = c;
                }
            }
            if end < k + 3 {
                continue; // `denied these allegations`: an object, not a clause
            }
            if !has_that && !self.has_verb(k + 1, end) && !wh {
                continue; // `announced the start of a process`: an object, not a clause
            }
            (covered_from, covered_until) = (k, end);
            outer_according = false;
            self.push_indirect(
                (k, end),
                Some(subject),
                v,
                if has_that {
                    "speaker_verb_that"
                } else {
                    "speaker_verb_clause"
                },
                raws,
                events,
            );
        }
    }

    /// Whether tokens `[from, to)` hold something that reads as a finite verb: an auxiliary or
    /// modal, a past form in -ed, or a present form in -s after a noun.
    fn has_verb(&self, from: usize, to: usize) -> bool {
        let t = self.toks;
        (from..to.min(t.len())).any(|i| {
            let x = &t[i];
            if matches!(x.kind, Kind::Quoted(_)) {
                return true; // `the vote “shows who is serious”`: the verb is in the quote
            }
            if !x.is_word() || x.cap {
                return false;
            }
            let w = self.word(i);
            x.is(class::FINITE)
                || w.ends_with("ed")
                || w.contains(['’', '\''])
                || (w.ends_with('s')
                    && !w.ends_with("ss")
                    && !x.is(class::STOP | class::DET)
                    && i > from
                    && t[i - 1].is_word()
                    && !t[i - 1].is(class::DET | class::LINK | class::STOP))
                // `the results confirm`: a plain word after a plural noun
                || (i > from
                    && !x.is(class::STOP | class::DET | class::LINK)
                    && t[i - 1].is_word()
                    && !t[i - 1].cap
                    && self.word(i - 1).ends_with('s')
                    && !self.word(i - 1).ends_with("ss"))
        })
    }

    /// `, adding ...` / `, referring to ...` after `S said`: the sentence goes on about the saying.
    fn gerund_follows(&self, k: usize) -> bool {
        self.toks[k].is_punct(',')
            && self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.is_word() && !n.cap && n.span.of(self.text).ends_with("ing"))
    }

    /// One past the last token of a reported clause starting at `k`: the sentence end, trailing
    /// punctuation left out.
    fn clause_end(&self, k: usize, hi: usize) -> usize {
        // A quotation opening with a capital after a comma or colon is a new sentence quoted whole.
        let quoted_sentence = (k + 1..hi).find(|&i| {
            let Kind::Quoted(r) = self.toks[i].kind else {
                return false;
            };
            let opens_cap = self.regions[r]
                .inner
                .of(self.text)
                .starts_with(char::is_uppercase);
            opens_cap && matches!(self.toks[i - 1].kind, Kind::Punct(',' | ':'))
        });
        // `said X and told the BBC ...`: a second speech verb ends the first clause.
        let next_verb = (k + 1..hi).find(|&i| {
            matches!(self.toks[i].kind, Kind::Word)
                && matches!(self.word(i), "and" | "but")
                && (i + 1..(i + 3).min(hi))
                    .find(|&j| !self.toks[j].is(class::BEFORE_VERB))
                    .is_some_and(|j| self.is_cue(j))
        });
        let mut e = quoted_sentence.unwrap_or(hi).min(next_verb.unwrap_or(hi));
        while e > k && matches!(self.toks[e - 1].kind, Kind::Punct(_)) {
            e -= 1;
        }
        e
    }

    fn according_to(
        &self,
        a: usize,
        lo: usize,
        hi: usize,
    ) -> Option<((usize, usize), Option<NpRange>)> {
        let t = self.toks;
        let np = self.np_right(a + 2, hi, true)?;
        let lead = a == lo || (t[a].cap && self.clause_start(a, lo));
        let after_comma = np.end < hi && t[np.end].is_punct(',');
        // `..., which, according to S, CLAUSE.` / `learned that according to S, CLAUSE`
        let parenthetical = after_comma
            && a > lo
            && (self.is_word(a - 1, "that")
                || (t[a - 1].is_punct(',')
                    && a >= lo + 2
                    && matches!(self.word(a - 2), "which" | "that" | "who")));
        // `According to S, CLAUSE.`
        if lead || parenthetical {
            let mut np = np;
            let mut k = if after_comma { np.end + 1 } else { np.end };
            // `According to S, the ministry is ...`: what follows the comma is the clause unless a
            // second comma closes it as an appositive (`According to S, a lawyer, the ...`).
            if let Some((a, e)) = np.appositive {
                let named = t[np.start].cap && !t[np.start].is(class::DET);
                if named && e < hi && t[e].is_punct(',') && !self.has_verb(a + 1, e) {
                    k = e + 1;
                } else {
                    np.appositive = None;
                }
            }
            // `According to a broker, who asked not to be named, prices ...`: the relative clause
            // describes the source; what was said follows the comma that closes it.
            if self.is_word(k, "who") {
                let close = (k + 1..hi.min(k + MAX_APPOSITIVE)).find(|&i| t[i].is_punct(','))?;
                k = close + 1;
            }
            let e = self.clause_end(k, hi);
            if e > k + 2 && t[k].is_word() {
                return Some(((k, e), Some(np)));
            }
            return None;
        }
        // `CLAUSE, according to S.`: S ends the sentence, or an appositive or dash follows it.
        let closes = np.end >= hi || t[np.end].ends_clause() || t[np.end].is_dash() || after_comma;
        let end = if t[a - 1].is_punct(',') { a - 1 } else { a };
        if closes && end > lo + 2 {
            let mut s = lo;
            // Leading conjunctions (`But`, `Still`) are not part of what was said.
            while s < end && t[s].is(class::STOP) && t[s].cap {
                s += 1;
            }
            if t[s..end].iter().any(|x| matches!(x.kind, Kind::Quoted(_))) {
                return None;
            }
            return Some(((s, end), Some(np)));
        }
        None
    }

    fn push_indirect(
        &self,
        clause: (usize, usize),
        np: Option<NpRange>,
        cue: usize,
        rule: &'static str,
        raws: &mut Vec<Raw>,
        events: &mut Vec<(usize, Event)>,
    ) {
        let t = self.toks;
        let (s, e) = clause;
        if e <= s {
            return;
        }
        let span = Span::new(t[s].span.start, t[e - 1].span.end);
        let np = np.and_then(|r| self.np(r));
        let pos = np.as_ref().map_or(span.start, |n| n.span.start);
        raws.push(Raw {
            span,
            kind: QuoteKind::Indirect,
            cue: Some(t[cue].span),
            np,
            rule,
            inherit: false,
            group: None,
        });
        events.push((pos, Event::Quote(raws.len() - 1)));
    }

    /// Runs of capitalised words: titled names are registered, and a name opening a sentence
    /// becomes the antecedent for a following he/she.
    fn names(&self, events: &mut Vec<(usize, Event)>) {
        let t = self.toks;
        let n = t.len();
        let mut i = 0;
        while i < n {
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
                if (w.ends_with("ly") || w.ends_with("ing")) && t.get(s + 1).is_some_and(|x| x.cap)
                {
                    s += 1;
                }
            }
            let mut e = s + 1;
            while e < n && t[e].is_word() {
                let x = &t[e];
                let ok = (x.cap && !x.is(class::STOP) && !x.is(class::PRONOUN))
                    || x.is(class::PARTICLE)
                    || (self.is_word(e, "of") && t.get(e + 1).is_some_and(|y| y.cap));
                if !ok || t[e - 1].poss && !t[e - 1].is(class::TITLE) && e - s > 3 {
                    break;
                }
                e += 1;
            }
            i = e;
            let Some(np) = speakers::analyse(self.text, &t[s..e], None) else {
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
                let name =
                    speakers::canonical(ours, &self.entities.entities[m.entity].name, ours_title);
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
