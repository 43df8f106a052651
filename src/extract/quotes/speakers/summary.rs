//! The per-article speaker summary: one row per distinct speaker, with their quotes and words.

use super::super::quote::{Gender, GenderFrom, Quote, SpeakerKind};
use crate::lexicon::FxMap;

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerSummary {
    pub name: String,
    pub kind: SpeakerKind,
    pub title: Option<String>,
    pub quotes: usize,
    /// Words inside the speaker's quotes.
    pub words: usize,
    pub org: Option<String>,
    /// Index of the entity the speaker is.
    pub entity: Option<usize>,
    pub gender: Gender,
    pub gender_from: Option<GenderFrom>,
}

/// One row per distinct speaker, in order of first quote; quotes with no speaker are left out.
pub fn summarise(text: &str, quotes: &[Quote]) -> Vec<SpeakerSummary> {
    let mut out: Vec<SpeakerSummary> = Vec::new();
    let mut index: FxMap<&str, usize> = FxMap::default();
    for q in quotes {
        let Some(name) = &q.speaker.name else {
            continue;
        };
        let words = q.span.of(text).split_whitespace().count();
        match index.get(name.as_str()) {
            Some(&i) => {
                let s = &mut out[i];
                s.quotes += 1;
                s.words += words;
                if s.title.is_none() {
                    s.title.clone_from(&q.speaker.title);
                }
                if s.org.is_none() {
                    s.org.clone_from(&q.speaker.org);
                }
                s.entity = s.entity.or(q.speaker.entity);
            }
            None => {
                index.insert(name, out.len());
                out.push(SpeakerSummary {
                    name: name.clone(),
                    kind: q.speaker.kind,
                    title: q.speaker.title.clone(),
                    quotes: 1,
                    words,
                    org: q.speaker.org.clone(),
                    entity: q.speaker.entity,
                    gender: q.speaker.gender,
                    gender_from: q.speaker.gender_from,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::{QuoteKind, Speaker};
    use crate::text::Span;

    #[test]
    fn summary_rows_per_speaker() {
        let text = "one two three four";
        let q = |s, e, name: &str| Quote {
            span: Span::new(s, e),
            kind: QuoteKind::Direct,
            sentence: 0,
            cue: None,
            speaker: Speaker {
                name: Some(name.to_string()),
                mention: None,
                kind: SpeakerKind::Named,
                title: None,
                ..Speaker::none()
            },
            rule: "test",
        };
        let rows = summarise(text, &[q(0, 7, "A"), q(8, 18, "B"), q(0, 3, "A")]);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].quotes, rows[0].words), (2, 3));
        assert_eq!((rows[1].quotes, rows[1].words), (1, 2));
    }
}
