//! Transcript turns: paragraphs that open with a speaker label (`HOST:`, `MAYOR LEE:`, `Ana Ruiz:`,
//! `Q:`/`A:`), each the labelled person's own words. An article is a transcript only when some label
//! opens two or more paragraphs, so a lone `Update:` or `Note:` line is never a turn.

use super::rules::QuoteRules;
use super::view::class;
use crate::extract::entities::{Entities, EntityType};
use crate::lexicon::FxMap;
use crate::text::Span;

/// Longest label, in words (`FORMER GOVERNOR ANA RUIZ`).
const MAX_LABEL_WORDS: usize = 4;
/// Longest label, in bytes before its colon.
const MAX_LABEL_BYTES: usize = 48;

/// Who a label names.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Label {
    /// A person by name, with the title written before it (`MAYOR LEE`: `Lee`, `Mayor`).
    Person { name: String, title: Option<String> },
    /// A role (`HOST`, `MODERATOR`, the interviewer of `Q:`): a description, no name.
    Role(String),
}

/// One turn: the label, what it names, and the words after it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Turn {
    pub(super) label: Span,
    pub(super) who: Label,
    pub(super) span: Span,
}

/// What the label before a colon is, before the article-wide check.
enum Kind {
    Question,
    Answer,
    Named(Label),
}

/// The turns of an article, one per labelled paragraph, keyed by the paragraph's start.
/// `paragraphs` are the content paragraphs the quote stage reads, in text order.
pub(super) fn turns(
    text: &str,
    paragraphs: impl IntoIterator<Item = Span>,
    headline: Option<Span>,
    entities: &Entities,
    rules: &QuoteRules,
) -> FxMap<usize, Turn> {
    let mut found: Vec<(usize, Span, Span, Kind)> = Vec::new();
    let mut seen: FxMap<String, usize> = FxMap::default();
    for p in paragraphs {
        let Some((label, span, kind)) = label_at(text, p, rules) else {
            continue;
        };
        *seen.entry(label.of(text).to_lowercase()).or_default() += 1;
        found.push((p.start, label, span, kind));
    }
    let mut out = FxMap::default();
    // One label opening two paragraphs makes the article a transcript.
    if !seen.values().any(|&n| n >= 2) {
        return out;
    }
    let first_turn = found.first().map_or(text.len(), |f| f.1.start);
    let interviewee = interviewee(headline, first_turn, entities);
    for (at, label, span, kind) in found {
        let who = match kind {
            Kind::Named(who) => who,
            Kind::Question => Label::Role(rules.transcript.interviewer.clone()),
            Kind::Answer => match &interviewee {
                Some(name) => Label::Person {
                    name: name.clone(),
                    title: None,
                },
                None => Label::Role(rules.transcript.interviewee.clone()),
            },
        };
        out.insert(at, Turn { label, who, span });
    }
    out
}

/// The person an interview is with: the first person the headline names, else the first one
/// named before the first turn.
fn interviewee(headline: Option<Span>, first_turn: usize, entities: &Entities) -> Option<String> {
    let person = |m: &&crate::extract::entities::Mention| m.kind == EntityType::Person;
    let in_headline = headline.and_then(|h| {
        entities
            .mentions
            .iter()
            .filter(person)
            .find(|m| m.span.start >= h.start && m.span.end <= h.end)
    });
    let m = in_headline.or_else(|| {
        entities
            .mentions
            .iter()
            .filter(person)
            .find(|m| m.span.end <= first_turn)
    })?;
    Some(entities.entities[m.entity].name.clone())
}

/// The label opening paragraph `p`, the turn's words after it, and what the label is.
fn label_at(text: &str, p: Span, rules: &QuoteRules) -> Option<(Span, Span, Kind)> {
    let para = p.of(text);
    let colon = para.find(':').filter(|&c| c > 0 && c <= MAX_LABEL_BYTES)?;
    let raw = &para[..colon];
    let label = raw.trim();
    let rest = &para[colon + 1..];
    let words = rest.trim_start();
    let body = words.trim_end();
    // `Q: ...` needs words after it; `10:30` and `http://` are no labels.
    if body.is_empty() || !rest.starts_with(char::is_whitespace) || label.len() != raw.len() {
        return None;
    }
    let ws: Vec<&str> = label.split_whitespace().collect();
    if ws.is_empty() || ws.len() > MAX_LABEL_WORDS {
        return None;
    }
    let wordlike = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    if !ws.iter().all(|w| wordlike(w)) {
        return None;
    }
    let lower = label.to_lowercase();
    let t = &rules.transcript;
    if t.not_speakers.contains(&lower) {
        return None;
    }
    let start = p.start + (para.len() - para.trim_start().len());
    let label_span = Span::new(start, p.start + colon);
    let body_start = p.start + colon + 1 + (rest.len() - words.len());
    let body_span = Span::new(body_start, body_start + body.len());
    let kind = if t.question_labels.contains(&lower) {
        Kind::Question
    } else if t.answer_labels.contains(&lower) {
        Kind::Answer
    } else {
        Kind::Named(who(&ws, rules)?)
    };
    Some((label_span, body_span, kind))
}

/// What the words of a label name: a role (`HOST`, `AUDIENCE MEMBER`), or a person with the
/// titles before the name (`SEN. ANA RUIZ`). A lone title (`SENATOR`) is a role.
fn who(ws: &[&str], rules: &QuoteRules) -> Option<Label> {
    let caps = ws
        .iter()
        .all(|w| w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()));
    let lower: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
    let role_word =
        |w: &String| rules.transcript.roles.contains(w) || rules.lex.get(w) & class::PERSON != 0;
    if lower.iter().all(role_word) {
        return Some(Label::Role(lower.join(" ")));
    }
    let titles = ws
        .iter()
        .take_while(|w| rules.lex.get(w) & class::TITLE != 0)
        .count();
    if titles == ws.len() {
        return Some(Label::Role(lower.join(" ")));
    }
    // A label in capitals is written as a name (`MAYOR LEE` names `Mayor Lee`).
    let case = |w: &str| if caps { name_case(w) } else { w.to_string() };
    let name: Vec<String> = ws[titles..].iter().map(|w| case(w)).collect();
    let title: Vec<String> = ws[..titles].iter().map(|w| case(w)).collect();
    Some(Label::Person {
        name: name.join(" "),
        title: (!title.is_empty()).then(|| title.join(" ")),
    })
}

/// `O'BRIEN` → `O'Brien`, `SMITH-JONES` → `Smith-Jones`: each part capitalised.
fn name_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '\'' | '’' | '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::name_case;

    #[test]
    fn capitals_become_name_case() {
        assert_eq!(name_case("O'BRIEN"), "O'Brien");
        assert_eq!(name_case("SMITH-JONES"), "Smith-Jones");
        assert_eq!(name_case("LEE"), "Lee");
    }
}
