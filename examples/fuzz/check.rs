//! The invariants every article's records must hold, whatever its text: spans inside the text and
//! on char boundaries, `text` fields equal to the text at their spans, sentences in order and
//! apart, quote sentence indices and mention entity ids that exist.

use std::collections::HashMap;

use newsx::extract::{self, Extraction, Rules};
use newsx::read::Article;
use newsx::record::ArticleRecord;
use newsx::text::Span;
use newsx::write::csv::{self as csvw, CsvStyle};

/// Runs the whole article pipeline on `text` as one article and checks its records; `Err` names
/// the first broken invariant. A panic propagates to the caller.
pub fn run(text: &str, rules: &Rules) -> Result<(), String> {
    let article = Article {
        id: "fuzz".into(),
        source: "fuzz".into(),
        text: text.to_string(),
        title: None,
        meta: Default::default(),
        hash: String::new(),
        text_extracted: false,
        page: None,
    };
    let x = extract::extract(text, None, rules);
    bytes(text, &x)?;
    let record = ArticleRecord::build(&article, &x);
    codepoints(text, &record)?;
    // The writers' side: both serialisations of the record must go through.
    serde_json::to_string(&record).map_err(|e| format!("record does not serialise: {e}"))?;
    csvw::render(&record, CsvStyle { excel: true });
    Ok(())
}

/// Byte spans: inside the text and on char boundaries.
fn bytes(text: &str, x: &Extraction) -> Result<(), String> {
    let ok = |what: &str, s: Span| {
        if s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
        {
            Ok(())
        } else {
            Err(format!(
                "{what} byte span {}..{} is outside the text ({} bytes) or off a char boundary",
                s.start,
                s.end,
                text.len()
            ))
        }
    };
    let l = &x.layout;
    let layout = l
        .headline
        .iter()
        .chain(&l.dateline)
        .chain(&l.dateline_place);
    for s in layout
        .chain(&l.paragraphs)
        .chain(&l.boilerplate)
        .chain(&l.credit_lines)
    {
        ok("layout", *s)?;
    }
    for s in &x.sentences {
        ok("sentence", s.span)?;
        if s.paragraph >= l.paragraphs.len() {
            return Err(format!("sentence paragraph {} does not exist", s.paragraph));
        }
        if !l.paragraphs[s.paragraph].contains(s.span) {
            return Err(format!("sentence {:?} is not inside its paragraph", s.span));
        }
    }
    for q in &x.quotes {
        ok("quote", q.span)?;
        for s in q.cue.iter().chain(&q.speaker.mention) {
            ok("quote cue/speaker", *s)?;
        }
    }
    for m in &x.entities.mentions {
        ok("mention", m.span)?;
        if let Some(t) = m.title {
            ok("mention title", t)?;
        }
    }
    for e in &x.entities.entities {
        ok("entity first", e.first)?;
    }
    Ok(())
}

/// Code point spans of the record: inside the text, `text` equal to the text there, and the
/// indices that join records valid.
fn codepoints(text: &str, r: &ArticleRecord) -> Result<(), String> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let chars = starts.len() - 1;
    if r.chars != chars {
        return Err(format!("chars {} but the text has {chars}", r.chars));
    }
    let at = |what: &str, start: usize, end: usize, t: &str| {
        if start > end || end > chars {
            return Err(format!("{what} {start}..{end} outside 0..{chars}"));
        }
        let real = &text[starts[start]..starts[end]];
        if real != t {
            return Err(format!(
                "{what} {start}..{end}: text {t:?} but the span holds {real:?}"
            ));
        }
        Ok(())
    };
    let span = |what: &str, s: &newsx::record::TextSpan| at(what, s.start, s.end, &s.text);
    for s in r.headline.iter().chain(&r.dateline).chain(&r.boilerplate) {
        span("layout", s)?;
    }
    let mut last_end = 0;
    for (i, s) in r.sentences.iter().enumerate() {
        at("sentence", s.start, s.end, &s.text)?;
        if s.start >= s.end {
            return Err(format!("sentence {i} is empty ({}..{})", s.start, s.end));
        }
        if s.start < last_end {
            return Err(format!(
                "sentence {i} starts at {} before the previous one ends at {last_end}",
                s.start
            ));
        }
        last_end = s.end;
    }
    for q in &r.quotes {
        at("quote", q.start, q.end, &q.text)?;
        if let Some(c) = &q.cue {
            span("cue", c)?;
        }
        if let Some(m) = &q.speaker_mention {
            span("speaker mention", m)?;
        }
        let Some(s) = r.sentences.get(q.sentence) else {
            return Err(format!(
                "quote {} names sentence {} of {}",
                q.id,
                q.sentence,
                r.sentences.len()
            ));
        };
        if q.start >= s.end
            || r.sentences
                .get(q.sentence + 1)
                .is_some_and(|n| n.start <= q.start)
        {
            return Err(format!(
                "quote {} at {} does not start in its sentence {} ({}..{})",
                q.id, q.start, q.sentence, s.start, s.end
            ));
        }
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, m) in r.mentions.iter().enumerate() {
        at("mention", m.start, m.end, &m.text)?;
        if i > 0 && m.start < r.mentions[i - 1].start {
            return Err(format!("mention {i} at {} is out of text order", m.start));
        }
        *counts.entry(&m.entity).or_default() += 1;
        first.entry(&m.entity).or_insert(m.start);
    }
    for e in &r.entities {
        let n = counts.remove(e.id.as_str()).unwrap_or(0);
        if n != e.mentions {
            return Err(format!(
                "entity {} counts {} mentions, has {n}",
                e.id, e.mentions
            ));
        }
        if e.first > chars {
            return Err(format!(
                "entity {} first {} outside 0..{chars}",
                e.id, e.first
            ));
        }
    }
    if let Some(id) = counts.keys().next() {
        return Err(format!("a mention names entity {id}, which does not exist"));
    }
    Ok(())
}
