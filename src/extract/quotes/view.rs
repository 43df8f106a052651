//! The quote stage's view of one paragraph of the token stream: words with their word-list
//! classes, punctuation marks, and each top-level quotation stepped over as one item, so
//! attribution patterns read `Q , S V` over a short slice.

use super::marks::{is_quote_char, Region};
use crate::extract::tokens::{flag, Paragraph, Tokens};
use crate::lexicon::Lexicon;
use crate::text::Span;

/// Word classes from the rule files, as bits.
pub mod class {
    pub const CUE: u64 = 1;
    pub const TELL: u64 = 1 << 1;
    pub const BELIEF: u64 = 1 << 2;
    pub const WEAK: u64 = 1 << 3;
    pub const BEFORE_VERB: u64 = 1 << 4;
    pub const AFTER_VERB: u64 = 1 << 5;
    pub const NOT_CLAUSE: u64 = 1 << 6;
    pub const STOP: u64 = 1 << 7;
    pub const PRONOUN: u64 = 1 << 8;
    pub const DET: u64 = 1 << 9;
    pub const LINK: u64 = 1 << 10;
    pub const TITLE: u64 = 1 << 11;
    pub const HONORIFIC: u64 = 1 << 12;
    pub const PERSON: u64 = 1 << 13;
    pub const ORG: u64 = 1 << 14;
    pub const PARTICLE: u64 = 1 << 15;
    /// Cue forms that are also nouns (`a blog post`, `news reports`).
    pub const NOUN_LIKE: u64 = 1 << 16;
    /// `familiar (with)`, `close (to)`: anonymous sources described by their access.
    pub const SOURCE_ADJ: u64 = 1 << 17;
    /// Auxiliaries, modals and common irregular verb forms: a clause holding one is finite.
    pub const FINITE: u64 = 1 << 18;
    /// Verbs that report a question (`asked whether`, `explained how`).
    pub const QUESTION: u64 = 1 << 19;
    /// Conjunctions after which a clause starts (`and`, `because`).
    pub const CLAUSE_OPENER: u64 = 1 << 20;
    /// Forms of `be` that make a cue passive (`is added`).
    pub const PASSIVE_AUX: u64 = 1 << 21;
    /// `who`, `which`, `where`.
    pub const RELATIVE: u64 = 1 << 22;
    /// `that` before a reported clause.
    pub const COMPLEMENTIZER: u64 = 1 << 23;
    /// Subordinators before a gerund (`by saying`, `after adding`).
    pub const SUBORDINATOR: u64 = 1 << 24;
    /// Gerund cues that report a clause without `that` (`, saying the plan would fail`).
    pub const GERUND_CUE: u64 = 1 << 25;
    /// Words that open a reported question (`whether`, `how`).
    pub const QUESTION_WORD: u64 = 1 << 26;
    /// `and`, `but` joining a second verb or a second clause.
    pub const COORDINATOR: u64 = 1 << 27;
    /// Prepositions inside a long source phrase (`familiar with the talks`).
    pub const SOURCE_PREP: u64 = 1 << 28;
    /// Prepositions of an adverbial between cue and clause (`said on Monday`).
    pub const AFTER_VERB_PREP: u64 = 1 << 29;
    /// `to` before a listener (`stated to the paper that`).
    pub const LISTENER_PREP: u64 = 1 << 30;
    /// `to` before an infinitive (`urged voters to stay`).
    pub const INFINITIVE: u64 = 1 << 31;
    /// `last`, `this`, `next` before a time word (`last week`).
    pub const TIME_DET: u64 = 1 << 32;
    /// `for`, `of` before what a person speaks for (`a spokesman for the ministry`).
    pub const AFFILIATION: u64 = 1 << 33;
    /// `in`, `at`, `from` before where a group belongs (`analysts at the bank`).
    pub const MEMBER: u64 = 1 << 34;
    /// `by` before the agent of a participle (`seen by reporters`).
    pub const AGENT: u64 = 1 << 35;
    /// `of` inside a name or a phrase (`Bank of England`, `one of the officials`).
    pub const OF: u64 = 1 << 36;
    /// `and`, `&` joining names that speak together.
    pub const GROUP_LINK: u64 = 1 << 37;
    /// `the`, `this`, `that`: a phrase that refers back.
    pub const DEFINITE: u64 = 1 << 38;
    /// A month name: before a day number a date, never a speaker (`March 3`).
    pub const MONTH: u64 = 1 << 39;
    /// Function words an all-capitals word (`WHO`, `IT`) never is.
    pub const FUNCTION: u64 =
        STOP | DET | PRONOUN | LINK | BEFORE_VERB | AFTER_VERB | NOT_CLAUSE | GRAMMAR;
    /// Grammar words that a word with `’s` (`that’s`, `who’s`) never is.
    pub const GRAMMAR: u64 = CLAUSE_OPENER
        | PASSIVE_AUX
        | RELATIVE
        | COMPLEMENTIZER
        | SUBORDINATOR
        | QUESTION_WORD
        | COORDINATOR
        | SOURCE_PREP
        | AFTER_VERB_PREP
        | LISTENER_PREP
        | INFINITIVE
        | TIME_DET
        | AFFILIATION
        | MEMBER
        | AGENT
        | OF
        | GROUP_LINK
        | DEFINITE;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A whole top-level quotation, marks included; the index is into the paragraph's regions.
    Quoted(usize),
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub span: Span,
    pub kind: Kind,
    pub class: u64,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Ends in a possessive `’s` / `'s`.
    pub poss: bool,
    /// For a word, its index in the token stream.
    pub token: u32,
    /// The sentences of the item's first and last character.
    pub sentences: (u32, u32),
}

/// No stream token behind an item (punctuation, a quotation).
pub const NO_TOKEN: u32 = u32::MAX;

impl Tok {
    pub fn is(&self, class: u64) -> bool {
        self.class & class != 0
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    /// A full stop, question or exclamation mark or a semicolon: nothing attaches across it.
    pub fn ends_clause(&self) -> bool {
        matches!(self.kind, Kind::Punct('.' | '?' | '!' | ';'))
    }
    pub fn is_dash(&self) -> bool {
        matches!(self.kind, Kind::Punct('—' | '–' | '-'))
    }
}

/// Fills `out` with the items of `para` from byte `from` on (after a dateline): the stream's words
/// and marks, with each quotation in `regions` as one item.
pub fn view(
    text: &str,
    stream: &Tokens,
    para: &Paragraph,
    from: usize,
    regions: &[Region],
    lex: &Lexicon,
    out: &mut Vec<Tok>,
) {
    out.clear();
    let toks = &stream.tokens[para.tokens.clone()];
    let marks = &stream.marks[para.marks.clone()];
    let mut ti = toks.partition_point(|t| t.span.start < from);
    let mut mi = marks.partition_point(|m| m.span.start < from);
    let mut next_region = 0;
    let mut last_sentence = toks
        .get(ti)
        .map_or(0, |t| t.sentence)
        .min(marks.get(mi).map_or(u32::MAX, |m| m.sentence));
    loop {
        let tok_at = toks.get(ti).map_or(usize::MAX, |t| t.span.start);
        let mark_at = marks.get(mi).map_or(usize::MAX, |m| m.span.start);
        let at = tok_at.min(mark_at);
        if let Some(r) = regions.get(next_region) {
            let start = r.open.map_or(r.inner.start, |o| o.start);
            if at >= start {
                let end = r.close.map_or(para.span.end, |c| c.end);
                let mut first = None;
                while ti < toks.len() && toks[ti].span.start < end {
                    first = first.or(Some(toks[ti].sentence));
                    last_sentence = last_sentence.max(toks[ti].sentence);
                    ti += 1;
                }
                while mi < marks.len() && marks[mi].span.start < end {
                    let s = marks[mi].sentence;
                    first = Some(first.map_or(s, |f: u32| f.min(s)));
                    last_sentence = last_sentence.max(s);
                    mi += 1;
                }
                out.push(Tok {
                    span: Span::new(start, end),
                    kind: Kind::Quoted(next_region),
                    class: 0,
                    cap: false,
                    poss: false,
                    token: NO_TOKEN,
                    sentences: (first.unwrap_or(last_sentence), last_sentence),
                });
                next_region += 1;
                continue;
            }
        }
        if at == usize::MAX {
            break;
        }
        if tok_at < mark_at {
            let t = &toks[ti];
            let base = t.base().of(text);
            // An acronym (`WHO`, `IT`) is a name, not the function word it spells.
            let acronym = base.len() >= 2 && base.bytes().all(|b| b.is_ascii_uppercase());
            let mut class = lex.get(base);
            if acronym {
                class &= !class::FUNCTION;
            }
            if t.poss > 0 {
                class &= !class::GRAMMAR;
            }
            last_sentence = t.sentence;
            out.push(Tok {
                span: t.span,
                kind: Kind::Word,
                class,
                cap: t.has(flag::CAP),
                poss: t.poss > 0,
                token: (para.tokens.start + ti) as u32,
                sentences: (t.sentence, t.sentence),
            });
            ti += 1;
        } else {
            let m = &marks[mi];
            last_sentence = m.sentence;
            if !is_quote_char(m.ch) {
                out.push(Tok {
                    span: m.span,
                    kind: Kind::Punct(m.ch),
                    class: 0,
                    cap: false,
                    poss: false,
                    token: NO_TOKEN,
                    sentences: (m.sentence, m.sentence),
                });
            }
            mi += 1;
        }
    }
}
