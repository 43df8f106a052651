//! Direct quotations: who a quotation belongs to, from the cue and speaker phrase on either side
//! of it (`S said: Q`, `Q, S said`, `Q — S`, `in the words of S`), from a cue elsewhere in its
//! sentence, or from `S said:` closing the paragraph before; and whether it is a partial quote.

use super::{NpRange, Paragraph, MAX_APPOSITIVE, MAX_NP};
use crate::extract::quotes::speakers::{Form, Np};
use crate::extract::quotes::view::{class, Kind};
use crate::text::Span;

/// How far back in its sentence a quotation looks for a cue, in tokens (keeps scans linear).
const MAX_SENTENCE_REACH: usize = 60;

/// Who a direct quotation is attributed to.
pub(super) struct Attribution {
    pub(super) cue: Option<usize>,
    pub(super) np: Option<NpRange>,
    pub(super) rule: &'static str,
}

impl Paragraph<'_> {
    /// Finds the speaker of the quotation token at `q`.
    pub(super) fn attribute(&self, q: usize) -> Option<Attribution> {
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
                    .find_map(|i| Some(i + self.phrase_at(i, &self.rules.words_of)?));
                if let Some(mut np) = words_of.and_then(|w| self.np_right(w, p + 1, false)) {
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
                && (t[p].is_punct(',') || self.is_a(p, class::COMPLEMENTIZER))
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
            if let Some(n) = self.phrase_at(k, &self.rules.according) {
                if let Some(np) = self.np_right(k + n, hi, true) {
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
    pub(super) fn cue_in_sentence(&self, q: usize) -> Option<Attribution> {
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
        let adverbial = v > lo && self.is_a(v - 1, class::SUBORDINATOR);
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
    pub(super) fn is_partial(&self, q: usize) -> bool {
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
        if (t.is_punct(',') || self.is_a(p, class::COMPLEMENTIZER)) && p > lo && self.is_cue(p - 1)
        {
            return false;
        }
        let inner = self.regions[r].inner.of(self.text);
        // A capitalised, punctuated sentence in quotation marks stands alone (`D-N.Y. “Yes, it is.”`).
        let sentence = inner.starts_with(char::is_uppercase)
            && inner.ends_with(['.', '?', '!'])
            && inner.split_whitespace().count() >= 2;
        !(sentence && (t.is_punct(',') || (t.is_word() && t.span.of(self.text).ends_with('.'))))
    }
}
