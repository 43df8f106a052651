//! Quotations and who said them: direct quotes between quotation marks (whole, split, partial,
//! running over several paragraphs) and reported speech (`S said (that) ...`, `according to S`).
//!
//! Per paragraph: pair the quotation marks (`marks`), view the paragraph's tokens with each
//! quotation as one item (`view`), match attribution patterns over short windows (`patterns`),
//! which record what they found (`found`). Then `assign` resolves every speaker phrase in text
//! order (`speakers`), so pronouns, surnames and descriptions find the person introduced before.

mod assign;
mod found;
pub mod marks;
mod morph;
mod patterns;
mod quote;
mod rules;
mod speakers;
mod transcript;
pub mod view;

use super::entities::{Entities, EntityType};
use super::segment::Sentence;
use super::tokens::Tokens;
use crate::lexicon::{FxMap, FxSet};
use crate::read::layout::Layout;
use crate::text::Span;
use found::{Event, Raw};
use speakers::Np;
use view::Tok;

pub use quote::{Gender, GenderFrom, Quote, QuoteKind, Speaker, SpeakerKind};
pub use rules::{QuoteRules, RULE_FILES};
pub use speakers::{summarise, SpeakerSummary};

/// Finds the quotations of one article, in text order, with resolved speakers.
pub fn find(
    text: &str,
    layout: &Layout,
    sentences: &[Sentence],
    stream: &Tokens,
    entities: &Entities,
    rules: &QuoteRules,
) -> Vec<Quote> {
    let mut raws: Vec<Raw> = Vec::new();
    let mut events: Vec<(usize, Event)> = Vec::new();
    let mut regions = Vec::new();
    let mut toks: Vec<Tok> = Vec::new();
    let mut groups = 0usize;
    let places: FxSet<&str> = entities
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Loc))
        .map(|e| e.name.as_str())
        .collect();
    // The previous paragraph ended inside a quotation: (its raw index, its group).
    let mut open_from: Option<usize> = None;
    // The previous paragraph ended `S said:`.
    let mut colon: Option<(Np, Span)> = None;
    // The paragraphs quotes are read in, each without its dateline.
    let content: Vec<_> = stream
        .paragraphs
        .iter()
        .filter(|p| layout.headline != Some(p.span) && !layout.is_credit_line(p.span))
        .map(|p| (p, after_dateline(text, layout, p.span)))
        .collect();
    let spans = content.iter().map(|&(_, para)| para);
    let mut turns = transcript::turns(text, spans, layout.headline, entities, rules);
    // Which raw quotes are transcript turns, and who their label names.
    let mut turn_of: FxMap<usize, transcript::Turn> = FxMap::default();
    for &(paragraph, para) in &content {
        marks::scan(text, para, open_from.is_some(), &mut regions);
        view::view(
            text, stream, paragraph, para.start, &regions, &rules.lex, &mut toks,
        );
        let first_raw = raws.len();
        let first_event = events.len();
        events.push((para.start, Event::Paragraph { quoted: false }));
        let p = patterns::Paragraph::new(text, &toks, &regions, entities, &places, rules);
        p.find(&mut raws, &mut events);
        if let Some((np, cue)) = colon.take() {
            let opens = toks
                .first()
                .is_some_and(|t| matches!(t.kind, view::Kind::Quoted(_)));
            if let Some(r) = raws
                .get_mut(first_raw)
                .filter(|r| opens && r.np.is_none() && r.kind != QuoteKind::Indirect)
            {
                r.np = Some(np);
                r.cue = Some(cue);
                r.rule = "speaker_verb_colon";
            }
        }
        colon = p.colon_speaker();
        // A quotation left open at the end of the last paragraph continues here.
        if let Some(prev) = open_from.take() {
            let starts_quoted = regions.first().is_some_and(|r| match r.open {
                Some(o) => text[para.start..o.start].trim().is_empty(),
                None => true,
            });
            if starts_quoted {
                if let Some(cur) = raws[first_raw..]
                    .iter()
                    .position(|r| r.kind != QuoteKind::Indirect && r.span.start >= para.start)
                {
                    let g = *raws[prev].group.get_or_insert_with(|| {
                        groups += 1;
                        groups - 1
                    });
                    raws[first_raw + cur].group = Some(g);
                }
            }
        }
        if let Some(last) = regions.last() {
            if last.close.is_none() {
                open_from = raws[first_raw..]
                    .iter()
                    .rposition(|r| {
                        r.span.start >= last.inner.start && r.kind != QuoteKind::Indirect
                    })
                    .map(|i| first_raw + i);
            }
        }
        if raws.len() > first_raw {
            events[first_event].1 = Event::Paragraph { quoted: true };
        }
        // `HOST: ...`: the paragraph is the labelled speaker's turn, read after its quotations.
        if let Some(turn) = turns.remove(&para.start) {
            raws.push(Raw {
                span: turn.span,
                kind: QuoteKind::Direct,
                cue: Some(turn.label),
                np: None,
                rule: "transcript",
                inherit: false,
                group: None,
            });
            events.push((para.start, Event::Quote(raws.len() - 1)));
            turn_of.insert(raws.len() - 1, turn);
        }
    }
    events.sort_by_key(|(pos, e)| (*pos, matches!(e, Event::Quote(_))));
    assign::resolve(text, sentences, entities, rules, raws, events, &turn_of)
}

/// The paragraph without its dateline (`OSLO, March 3 (Reuters) -`): no quote or speaker starts there.
fn after_dateline(text: &str, layout: &Layout, para: Span) -> Span {
    let Some(d) = layout
        .dateline
        .filter(|d| d.start >= para.start && d.end <= para.end)
    else {
        return para;
    };
    let rest = &text[d.end..para.end];
    let body = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '–'));
    Span::new(para.end - body.len(), para.end)
}

#[cfg(test)]
mod tests;
