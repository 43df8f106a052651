//! Reported speech: `S V (that) CLAUSE`, `CLAUSE, S V.`, `according to S, CLAUSE`: where the
//! reported clause begins and ends, and whether it holds a finite verb.

use super::{NpRange, Paragraph, MAX_APPOSITIVE};
use crate::extract::quotes::found::{Event, Raw};
use crate::extract::quotes::quote::QuoteKind;
use crate::extract::quotes::view::{class, Kind};
use crate::text::Span;

impl Paragraph<'_> {
    /// Reported speech: `S V (that) CLAUSE`, `CLAUSE, S V.`, `according to S`.
    pub(super) fn reported(
        &self,
        used: &[bool],
        raws: &mut Vec<Raw>,
        events: &mut Vec<(usize, Event)>,
    ) {
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
            if let Some(n) = self.phrase_at(v, &self.rules.according) {
                if let Some((clause, np)) = self.according_to(v, n, lo, hi) {
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
            let gerund = self.rules.morph.gerund.end(w);
            let subject = self.subject_left(v, lo);
            let mut k = v + 1;
            if t[v].is(class::TELL) {
                if let Some(obj) = self.np_right(k, hi, false) {
                    if !t[obj.start].is(class::PRONOUN) {
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
                && !self.is_a(k, class::COMPLEMENTIZER)
                && guard < 4
            {
                guard += 1;
                let x = t[k];
                let prep = x.is(class::AFTER_VERB_PREP);
                k += 1;
                // `stated to LA Weekly that ...` reports; `admitted to being ...` does not.
                to_phrase |= x.is(class::LISTENER_PREP);
                if x.is(class::TIME_DET) {
                    k += 1; // last week, this month
                } else if prep {
                    match self.np_right(k, hi, false) {
                        Some(np) => k = np.end,
                        None => break,
                    }
                }
            }
            let has_that = self.is_a(k, class::COMPLEMENTIZER);
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
                    .is_some_and(|o| self.is_a(o.end, class::INFINITIVE));
                if request {
                    continue;
                }
            }
            // `asked whether ...`, `explained how ...`: a reported question.
            let wh = !has_that && self.is_a(k, class::QUESTION_WORD) && t[v].is(class::QUESTION);
            if !has_that && !wh {
                // `The results show X` reports X; `He showed X` does not.
                let document = t[subject.end - 1].is(class::ORG)
                    && !t[subject.start..subject.end]
                        .iter()
                        .any(|x| x.is(class::PERSON) && !x.is(class::ORG));
                // `..., saying the plan would fail`: say and add report a clause without `that`.
                let saying =
                    gerund && t[v].is(class::GERUND_CUE) && v > lo && t[v - 1].is_punct(',');
                // `people Wikinews observed took out ...`: a clause opens with its subject, not a verb.
                let verb_first =
                    !s.cap && (s.is(class::FINITE) || self.rules.morph.past.end(self.word(k)));
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
                && self.is_a(subject.start - 1, class::RELATIVE);
            if relative {
                if let Some(c) = (k..end).find(|&i| t[i].is_punct(',')) {
                    end = c;
                }
            }
            if end < k + 3 {
                continue; // `denied these allegations`: an object, not a clause
            }
            if !has_that && !wh && (!self.has_verb(k + 1, end) || self.only_relative_verb(k, end)) {
                continue; // `announced the start of a process`: an object, not a clause
            }
            let Some(end) = self.cut_at_quote(k, end) else {
                continue;
            };
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
    pub(super) fn has_verb(&self, from: usize, to: usize) -> bool {
        self.verbs(from, to).next().is_some()
    }

    /// The tokens of `[from, to)` that read as finite verbs (see `has_verb`).
    fn verbs(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let t = self.toks;
        (from..to.min(t.len())).filter(move |&i| {
            let x = &t[i];
            if matches!(x.kind, Kind::Quoted(_)) {
                return true; // `the vote “shows who is serious”`: the verb is in the quote
            }
            if !x.is_word() || x.cap {
                return false;
            }
            let w = self.word(i);
            let morph = &self.rules.morph;
            x.is(class::FINITE)
                || morph.past.end(w)
                || w.contains(['’', '\''])
                || (morph.is_plural(w)
                    && !x.is(class::STOP | class::DET)
                    && i > from
                    && t[i - 1].is_word()
                    && !t[i - 1].is(class::DET | class::LINK | class::STOP))
                // `the results confirm`: a plain word after a plural noun, not after `its` or `this`
                || (i > from
                    && !x.is(class::STOP | class::DET | class::LINK)
                    && t[i - 1].is_word()
                    && !t[i - 1].cap
                    && !t[i - 1].is(class::DET | class::STOP | class::PRONOUN)
                    && morph.is_plural(self.word(i - 1)))
        })
    }

    /// `conceded a penalty which the referee awarded`: when a relative pronoun comes before any
    /// verb, the first verb after it is the relative clause's own, so a clause needs a second one.
    fn only_relative_verb(&self, k: usize, end: usize) -> bool {
        let Some(r) = (k + 1..end).find(|&i| self.is_a(i, class::RELATIVE)) else {
            return false;
        };
        !self.toks[r - 1].is_punct(',')
            && !self.has_verb(k + 1, r)
            && self.verbs(r + 1, end).nth(1).is_none()
    }

    /// `, adding ...` / `, referring to ...` after `S said`: the sentence goes on about the saying.
    pub(super) fn gerund_follows(&self, k: usize) -> bool {
        self.toks[k].is_punct(',')
            && self.toks.get(k + 1).is_some_and(|n| {
                n.is_word() && !n.cap && self.rules.morph.gerund.end(n.span.of(self.text))
            })
    }

    /// One past the last token of a reported clause starting at `k`: the sentence end, trailing
    /// punctuation left out.
    pub(super) fn clause_end(&self, k: usize, hi: usize) -> usize {
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
            self.is_a(i, class::COORDINATOR)
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

    /// Where a reported clause `[k, end)` that ends in a quotation stops: before the quotation
    /// (`said the plan “will fail”` reports `the plan`, and the quotation is the speaker's own
    /// words), with the punctuation before it left out; `None` when less than two words would be
    /// left. A clause that goes on after its quotation is kept whole.
    pub(super) fn cut_at_quote(&self, k: usize, end: usize) -> Option<usize> {
        let t = self.toks;
        if end <= k || !matches!(t[end - 1].kind, Kind::Quoted(_)) {
            return Some(end);
        }
        let Some(q) = (k + 1..end).find(|&i| matches!(t[i].kind, Kind::Quoted(_))) else {
            return Some(end);
        };
        let mut e = q;
        while e > k && matches!(t[e - 1].kind, Kind::Punct(_)) {
            e -= 1;
        }
        (e >= k + 2).then_some(e)
    }

    pub(super) fn according_to(
        &self,
        a: usize,
        phrase_len: usize,
        lo: usize,
        hi: usize,
    ) -> Option<((usize, usize), Option<NpRange>)> {
        let t = self.toks;
        let np = self.np_right(a + phrase_len, hi, true)?;
        let lead = a == lo || (t[a].cap && self.clause_start(a, lo));
        let after_comma = np.end < hi && t[np.end].is_punct(',');
        // `..., which, according to S, CLAUSE.` / `learned that according to S, CLAUSE`
        let parenthetical = after_comma
            && a > lo
            && (self.is_a(a - 1, class::COMPLEMENTIZER)
                || (t[a - 1].is_punct(',')
                    && a >= lo + 2
                    && self.is_a(a - 2, class::RELATIVE | class::COMPLEMENTIZER)));
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
            if self.is_a(k, class::RELATIVE) {
                let close = (k + 1..hi.min(k + MAX_APPOSITIVE)).find(|&i| t[i].is_punct(','))?;
                k = close + 1;
            }
            let e = self.clause_end(k, hi);
            if e > k + 2 && t[k].is_word() {
                return self.cut_at_quote(k, e).map(|e| ((k, e), Some(np)));
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

    pub(super) fn push_indirect(
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
}
