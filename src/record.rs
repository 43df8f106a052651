//! The output records: one `ArticleRecord` per article, in code point offsets. The JSON Lines
//! writer prints it as is; the CSV writer flattens it into one row per sentence, quote, etc.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::extract::entities::EntityType;
pub use crate::extract::quotes::{Gender, GenderFrom, QuoteKind, SpeakerKind};
use crate::extract::Extraction;
use crate::read::Article;
use crate::text::{CharIndex, Span};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub paragraph: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuoteKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_mention: Option<TextSpan>,
    pub speaker_kind: SpeakerKind,
    pub speaker_title: Option<String>,
    pub cue: Option<TextSpan>,
    pub sentence: usize,
    pub rule: String,
    /// The organisation the speaker speaks for.
    #[serde(default)]
    pub speaker_org: Option<String>,
    /// The id of the entity (in `entities`) the speaker is.
    #[serde(default)]
    pub speaker_entity: Option<String>,
    #[serde(default)]
    pub speaker_gender: Gender,
    #[serde(default)]
    pub speaker_gender_from: Option<GenderFrom>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    pub name: String,
    pub kind: SpeakerKind,
    pub title: Option<String>,
    pub quotes: usize,
    pub words: usize,
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub entity: Option<String>,
    #[serde(default)]
    pub gender: Gender,
    #[serde(default)]
    pub gender_from: Option<GenderFrom>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub name: String,
    pub mentions: usize,
    pub first: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub entity: String,
    /// A title written before a person's name (`Secretary of State`).
    pub title: Option<String>,
    /// Which rule found the mention, for users who audit.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    /// The input's `outlet`, `published` and `url`, as given (a number as its digits).
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub headline: Option<TextSpan>,
    pub dateline: Option<TextSpan>,
    pub dateline_place: Option<String>,
    /// The input's byline when it gives one, else the names found in the text.
    pub byline: Vec<String>,
    pub byline_from: Option<BylineFrom>,
    pub boilerplate: Vec<TextSpan>,
    /// How the text is laid out (absent in records of older versions: not wrapped).
    #[serde(default)]
    pub layout: LayoutRecord,
    /// Length of the text in code points.
    pub chars: usize,
    pub meta: Map<String, Value>,
    pub sentences: Vec<SentenceRecord>,
    pub quotes: Vec<QuoteRecord>,
    pub speakers: Vec<SpeakerRecord>,
    pub entities: Vec<EntityRecord>,
    pub mentions: Vec<MentionRecord>,
    /// The text every span points into, for articles whose text was extracted (web pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Longest speaker name, speaker title or organisation written, in characters. Each is repeated on
/// every quote of its speaker, so one that grows with the text (a name read from a word of
/// thousands of letters) would make the output grow with the square of the input: it is cut here.
pub const MAX_SPEAKER_FIELD_CHARS: usize = 200;

/// The field's first [`MAX_SPEAKER_FIELD_CHARS`] characters.
fn capped(field: &str) -> String {
    match field.char_indices().nth(MAX_SPEAKER_FIELD_CHARS) {
        Some((cut, _)) => field[..cut].to_string(),
        None => field.to_string(),
    }
}

fn capped_opt(field: &Option<String>) -> Option<String> {
    field.as_deref().map(capped)
}

impl ArticleRecord {
    /// Converts one article's extraction from byte to code point offsets: the only place that does.
    pub fn build(article: &Article, x: &Extraction) -> Self {
        let text = article.text.as_str();
        let idx = CharIndex::new(text);
        let span = |s: Span| {
            let (start, end) = idx.span(s);
            TextSpan {
                start,
                end,
                text: s.of(text).to_string(),
            }
        };
        let entity_id = |i: usize| numbered_id('e', i + 1);
        let title = article
            .title
            .clone()
            // A headline wrapped over two lines is one line of title.
            .or_else(|| {
                x.layout
                    .headline
                    .map(|h| h.of(text).replace(['\r', '\n'], " "))
            });
        let given = input_byline(&article.meta);
        let byline_from = if !given.is_empty() {
            Some(BylineFrom::Input)
        } else {
            (!x.layout.byline.is_empty()).then_some(BylineFrom::Text)
        };
        let byline = match byline_from {
            Some(BylineFrom::Input) => given,
            _ => x.layout.byline.clone(),
        };
        ArticleRecord {
            id: article.id.clone(),
            source: article.source.clone(),
            title,
            outlet: meta_text(&article.meta, "outlet"),
            published: meta_text(&article.meta, "published"),
            url: meta_text(&article.meta, "url"),
            headline: x.layout.headline.map(span),
            dateline: x.layout.dateline.map(span),
            dateline_place: x.layout.dateline_place.map(|s| s.of(text).to_string()),
            byline,
            byline_from,
            boilerplate: x.layout.boilerplate.iter().copied().map(span).collect(),
            layout: LayoutRecord {
                wrapped: x.layout.wrapped,
            },
            chars: idx.char_offset(text.len()),
            meta: article.meta.clone(),
            sentences: x
                .sentences
                .iter()
                .map(|s| {
                    let t = span(s.span);
                    SentenceRecord {
                        start: t.start,
                        end: t.end,
                        text: t.text,
                        paragraph: s.paragraph,
                    }
                })
                .collect(),
            quotes: x
                .quotes
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let t = span(q.span);
                    QuoteRecord {
                        id: numbered_id('q', i + 1),
                        kind: q.kind,
                        start: t.start,
                        end: t.end,
                        text: t.text,
                        speaker: capped_opt(&q.speaker.name),
                        speaker_mention: q.speaker.mention.map(span),
                        speaker_kind: q.speaker.kind,
                        speaker_title: capped_opt(&q.speaker.title),
                        cue: q.cue.map(span),
                        sentence: q.sentence,
                        rule: q.rule.to_string(),
                        speaker_org: capped_opt(&q.speaker.org),
                        speaker_entity: q.speaker.entity.map(entity_id),
                        speaker_gender: q.speaker.gender,
                        speaker_gender_from: q.speaker.gender_from,
                    }
                })
                .collect(),
            speakers: x
                .speakers
                .iter()
                .map(|s| SpeakerRecord {
                    name: capped(&s.name),
                    kind: s.kind,
                    title: capped_opt(&s.title),
                    quotes: s.quotes,
                    words: s.words,
                    org: capped_opt(&s.org),
                    entity: s.entity.map(entity_id),
                    gender: s.gender,
                    gender_from: s.gender_from,
                })
                .collect(),
            entities: x
                .entities
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| EntityRecord {
                    id: entity_id(i),
                    kind: e.kind,
                    name: e.name.clone(),
                    mentions: e.mentions,
                    first: idx.char_offset(e.first.start),
                })
                .collect(),
            mentions: x
                .entities
                .mentions
                .iter()
                .map(|m| {
                    let t = span(m.span);
                    MentionRecord {
                        start: t.start,
                        end: t.end,
                        text: t.text,
                        kind: m.kind,
                        entity: entity_id(m.entity),
                        title: m.title.map(|t| t.of(text).to_string()),
                        rule: m.rule.to_string(),
                    }
                })
                .collect(),
            text: article.text_extracted.then(|| article.text.clone()),
        }
    }
}

/// The layout decisions that change how an article is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutRecord {
    /// Single line breaks inside paragraphs are wraps, read as spaces.
    pub wrapped: bool,
}

/// Where an article's byline came from: the input's `byline` field or the text's byline lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BylineFrom {
    Input,
    Text,
}

impl BylineFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            BylineFrom::Input => "input",
            BylineFrom::Text => "text",
        }
    }
}

/// A metadata field as text: a string trimmed (blank is absent), a number as written.
fn meta_text(meta: &Map<String, Value>, key: &str) -> Option<String> {
    match meta.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The input's byline as given: a string is one entry (newsx does not split a credit it is
/// handed), a list of strings one entry each.
fn input_byline(meta: &Map<String, Value>) -> Vec<String> {
    match meta.get("byline") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        _ => Vec::new(),
    }
}

/// `e12`, `q3`: an id as `format!("{prefix}{n}")` writes it, without the formatting machinery
/// (it runs once per mention).
fn numbered_id(prefix: char, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut rest = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(prefix.len_utf8() + digits.len() - i);
    id.push(prefix);
    id.extend(digits[i..].iter().map(|&d| char::from(d)));
    id
}

/// An article that could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub article_id: String,
    pub source: String,
    pub kind: String,
    pub message: String,
}

#[cfg(test)]
mod id_tests {
    #[test]
    fn numbered_ids_read_as_formatted() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(super::numbered_id('e', n), format!("e{n}"));
        }
    }
}
