//! Who is quoted in an article: one summary per speaker.

use super::quotes::{Quote, SpeakerKind};

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerSummary {
    pub name: String,
    pub kind: SpeakerKind,
    pub title: Option<String>,
    pub quotes: usize,
    /// Words inside the speaker's quotes.
    pub words: usize,
}

/// One row per distinct speaker, in order of first quote; quotes with no speaker are left out.
pub fn summarise(text: &str, quotes: &[Quote]) -> Vec<SpeakerSummary> {
    let mut out: Vec<SpeakerSummary> = Vec::new();
    for q in quotes {
        let Some(name) = &q.speaker.name else {
            continue;
        };
        let words = q.span.of(text).split_whitespace().count();
        match out.iter_mut().find(|s| &s.name == name) {
            Some(s) => {
                s.quotes += 1;
                s.words += words;
                if s.title.is_none() {
                    s.title.clone_from(&q.speaker.title);
                }
            }
            None => out.push(SpeakerSummary {
                name: name.clone(),
                kind: q.speaker.kind,
                title: q.speaker.title.clone(),
                quotes: 1,
                words,
            }),
        }
    }
    out
}
