//! Speaker phrases around a cue: read leftwards (`S said`) or rightwards (`said S`, `according
//! to S`), the subject of a cue across auxiliaries, adverbs and appositives, and clause starts.

use super::{NpRange, Paragraph, MAX_APPOSITIVE, MAX_NP};
use crate::extract::quotes::view::{class, Kind};

impl Paragraph<'_> {
    /// The speaker phrase ending just before token `end`, read leftwards, not before `lo`.
    pub(super) fn np_left(&self, end: usize, lo: usize) -> Option<NpRange> {
        if end <= lo {
            return None;
        }
        let t = &self.toks;
        let last = end - 1;
        // `Recent reports have shown`: a noun-like cue just before the verb is the subject's noun.
        if !t[last].is_word()
            || t[last].is(class::STOP)
            || t[last].is(class::LINK)
            || (self.is_cue(last) && !t[last].is(class::NOUN_LIKE))
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
                && self.is_a(k - 1, class::AFFILIATION)
                && t[k - 2].is_word()
                && !t[k - 2].is(class::DET | class::STOP | class::PRONOUN)
                && !self.is_cue(k - 2)
                && end - k < MAX_NP;
            // `officials in her department`, `analysts at the bank`: a group and where it belongs.
            let member = k >= lo + 2
                && self.is_a(k - 1, class::MEMBER)
                && t[k - 2].is_word()
                && t[k - 2].is(class::PERSON)
                && end - k < MAX_NP;
            // `A report seen by Reuters said`: the participle phrase is the document's.
            let seen_by = k >= lo + 2
                && self.is_a(k - 1, class::AGENT)
                && self.participle(k - 2)
                && end - k < MAX_NP;
            if member || seen_by || (t[k].is(class::DET) && (source(k) || owner)) {
                k -= 2;
                continue;
            }
            if t[k].is(class::DET) {
                // "one of the officials", "two of the European officials"
                if k >= lo + 2 && self.is_a(k - 1, class::OF) && t[k - 2].is(class::DET) {
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
    pub(super) fn clause_start(&self, s: usize, lo: usize) -> bool {
        if s <= lo {
            return true;
        }
        let p = &self.toks[s - 1];
        matches!(
            p.kind,
            Kind::Punct(',' | ':' | '—' | '–' | '(') | Kind::Quoted(_)
        ) || (p.is(class::STOP) && (p.cap || s - 1 == lo))
            || self.is_a(s - 1, class::CLAUSE_OPENER)
    }

    /// The subject of the cue verb at `v`: `S (has) V`, or `S, appositive, V`.
    pub(super) fn subject_left(&self, v: usize, lo: usize) -> Option<NpRange> {
        let t = &self.toks;
        // A passive (`is added`, `can be observed`) reports no speaker.
        if v > lo && self.is_a(v - 1, class::PASSIVE_AUX) {
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
                || (!t[i - 1].cap && self.rules.morph.adverb.end(self.word(i - 1))))
        {
            i -= 1;
        }
        if i <= lo {
            return None;
        }
        // `S, who had told X ...`: the relative pronoun stands for the phrase before the comma.
        if self.is_a(i - 1, class::RELATIVE) && i >= lo + 2 && t[i - 2].is_punct(',') {
            return self.np_left(i - 2, lo);
        }
        // `S told X ..., and told Y ...` and `S said ..., adding that ...`: the second verb shares
        // the first one's subject.
        let gerund = self.rules.morph.gerund.end(self.word(v));
        let adverbial = self.is_a(i - 1, class::SUBORDINATOR);
        if self.is_a(i - 1, class::COORDINATOR) || (gerund && (t[i - 1].is_punct(',') || adverbial))
        {
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
    pub(super) fn sentence_subject(&self, lo: usize, to: usize) -> Option<NpRange> {
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
    pub(super) fn np_right(&self, k: usize, hi: usize, long: bool) -> Option<NpRange> {
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
            let participle_by =
                long && i > k && self.is_a(i, class::AGENT) && self.participle(i - 1);
            if x.is(class::STOP) && !x.cap && !participle_by {
                let prep = x.is(class::SOURCE_PREP);
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
}
