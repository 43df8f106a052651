//! The quote stage pinned with sentences written for these tests, one file per concept, over
//! the helpers here.

use super::*;
use crate::extract::entities::testing::{rule_files, stages};
use crate::extract::{entities, segment, tokens};
use crate::read::layout;
use crate::rules::RuleSet;

fn quote_rules() -> &'static QuoteRules {
    static RULES: std::sync::OnceLock<QuoteRules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let set = RuleSet::builtin(rule_files().chain(RULE_FILES));
        QuoteRules::compile(&set, &crate::words::Words::parse(&set).unwrap(), world()).unwrap()
    })
}

fn world() -> std::sync::Arc<crate::world::World> {
    let set = RuleSet::builtin(crate::world::RULE_FILES.iter());
    std::sync::Arc::new(crate::world::World::load(&set).unwrap())
}

fn stream(text: &str, layout: &Layout, sentences: &[Sentence]) -> Tokens {
    tokens::build(text, layout, sentences, &stages().segment, &stages().tokens)
}

fn run(text: &str) -> Vec<Quote> {
    let rules = stages();
    let layout = layout::analyse(text, Some(""), &rules.layout);
    let sentences = segment::split(text, &layout, &rules.segment);
    let stream = stream(text, &layout, &sentences);
    let ents = entities::tag(text, &layout, &stream, &rules.entities);
    find(text, &layout, &sentences, &stream, &ents, quote_rules())
}

/// (quoted text, kind, speaker name) per quote.
fn show(text: &str) -> Vec<(String, QuoteKind, Option<String>)> {
    run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_string(), q.kind, q.speaker.name))
        .collect()
}

fn one<'a>(qs: &'a [Quote], text: &str, starts: &str) -> &'a Quote {
    qs.iter()
        .find(|q| q.span.of(text).starts_with(starts))
        .unwrap_or_else(|| panic!("no quote starting {starts:?} in {:?}", show(text)))
}

const D: QuoteKind = QuoteKind::Direct;
const P: QuoteKind = QuoteKind::Partial;
const I: QuoteKind = QuoteKind::Indirect;

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

/// (quoted text, speaker, kind, title) per quote, for the speaker-phrase tests below.
fn who(text: &str) -> Vec<(String, Option<String>, SpeakerKind, Option<String>)> {
    run(text)
        .into_iter()
        .map(|q| {
            (
                q.span.of(text).to_string(),
                q.speaker.name,
                q.speaker.kind,
                q.speaker.title,
            )
        })
        .collect()
}

mod audit;
mod direct;
mod reported;
mod robust;
mod speakers;
mod transcript;
