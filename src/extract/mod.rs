//! The pure stages: text in, typed records with byte spans out. No I/O, no output formats.

pub mod entities;
pub mod quotes;
mod rules;
pub mod segment;
pub mod tokens;

pub use rules::{rule_files, Rules};

use crate::read::layout::{self, Layout};

/// Everything the stages found in one article, in byte offsets.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub layout: Layout,
    pub sentences: Vec<segment::Sentence>,
    pub entities: entities::Entities,
    pub quotes: Vec<quotes::Quote>,
    pub speakers: Vec<quotes::SpeakerSummary>,
}

/// Runs every stage over one article's text.
pub fn extract(text: &str, title: Option<&str>, rules: &Rules) -> Extraction {
    let (layout, flat) = layout::analyse_flat(text, title, &rules.layout);
    // Stages read the flattened text; its spans are the same bytes of the text as read.
    let text = flat.as_ref();
    let sentences = segment::split(text, &layout, &rules.segment);
    let tokens = rules.tokens(text, &layout, &sentences);
    let entities = entities::tag(text, &layout, &tokens, &rules.entities);
    let quotes = quotes::find(text, &layout, &sentences, &tokens, &entities, &rules.quotes);
    let speakers = quotes::summarise(text, &quotes);
    Extraction {
        layout,
        sentences,
        entities,
        quotes,
        speakers,
    }
}
