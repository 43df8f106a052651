//! Saved web pages as articles: the story's text taken out of the page's blocks, boilerplate
//! (navigation, share buttons, related links, cookie banners) left behind, and the headline,
//! byline, date and outlet read from the page's metadata. Rules in `rules/html.json`.

mod body;
mod meta;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use scraper::{Html, Selector};
use serde::Deserialize;
use serde_json::Map;

use super::{encoding, Article, ReadResult, WholeFile};
use crate::rules::{RuleError, RuleFile, RuleSet};

pub const RULE_FILES: &[RuleFile] = &[crate::rule_file!("html.json")];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HtmlFile {
    drop_elements: Vec<String>,
    drop_class_words: Vec<String>,
    body_elements: Vec<String>,
    drop_lines: Vec<String>,
    drop_line_prefixes: Vec<String>,
    max_link_share: f64,
    article_types: Vec<String>,
    published_meta: Vec<String>,
    byline_elements: Vec<String>,
    byline_prefixes: Vec<String>,
    title_separators: Vec<String>,
}

pub struct HtmlRules {
    /// `drop_elements` entries that are bare tag names, looked up by name; the rest as selectors.
    drop_tags: HashSet<String>,
    drop: Option<Selector>,
    drop_class_words: HashSet<String>,
    body: Vec<Selector>,
    drop_lines: HashSet<String>,
    drop_line_prefixes: Vec<String>,
    max_link_share: f64,
    article_types: HashSet<String>,
    published_meta: Vec<String>,
    byline: Vec<Selector>,
    byline_prefixes: Vec<String>,
    title_separators: Vec<String>,
}

impl HtmlRules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        const F: &str = "html.json";
        let f: HtmlFile = set.parse(F)?;
        let selector = |field: &str, i: usize, s: &str| {
            Selector::parse(s).map_err(|e| {
                RuleError::field(
                    &set.origin(F),
                    format!("{field}[{i}]"),
                    format!("invalid CSS selector `{s}`: {e}"),
                )
            })
        };
        let selectors = |field: &str, list: &[String]| {
            list.iter()
                .enumerate()
                .map(|(i, s)| selector(field, i, s))
                .collect::<Result<Vec<_>, _>>()
        };
        selectors("drop_elements", &f.drop_elements)?;
        if !(0.0..=1.0).contains(&f.max_link_share) {
            return Err(RuleError::field(
                &set.origin(F),
                "max_link_share",
                "must be between 0 and 1",
            ));
        }
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        Ok(HtmlRules {
            // One selector list: each element is matched once against all of them.
            drop_tags: f
                .drop_elements
                .iter()
                .filter(|s| is_tag_name(s))
                .cloned()
                .collect(),
            drop: {
                let rest: Vec<_> = f
                    .drop_elements
                    .iter()
                    .filter(|s| !is_tag_name(s))
                    .cloned()
                    .collect();
                (!rest.is_empty())
                    .then(|| selector("drop_elements", 0, &rest.join(", ")))
                    .transpose()?
            },
            drop_class_words: lower(&f.drop_class_words).into_iter().collect(),
            body: selectors("body_elements", &f.body_elements)?,
            drop_lines: lower(&f.drop_lines).into_iter().collect(),
            drop_line_prefixes: lower(&f.drop_line_prefixes),
            max_link_share: f.max_link_share,
            article_types: f.article_types.into_iter().collect(),
            published_meta: lower(&f.published_meta),
            byline: selectors("byline_elements", &f.byline_elements)?,
            byline_prefixes: lower(&f.byline_prefixes),
            title_separators: f.title_separators,
        })
    }

    pub fn builtin() -> Self {
        Self::compile(&RuleSet::builtin(RULE_FILES)).expect("built-in html.json is valid")
    }
}

fn is_tag_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A page's metadata: the fields a JSON Lines article has.
pub type Meta = Map<String, serde_json::Value>;

/// A page read but not yet taken apart: the pipeline extracts it on a worker thread, so the one
/// reading thread does not parse every page of a batch.
#[derive(Clone)]
pub struct Page {
    bytes: Vec<u8>,
    rules: Arc<HtmlRules>,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Page({} bytes)", self.bytes.len())
    }
}

impl Page {
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The story's text, one block a line, and the page's metadata.
    pub fn extract(&self) -> Result<(String, Meta), (&'static str, String)> {
        let page = decode_page(&self.bytes)?;
        let depth = nesting_depth(&page);
        if depth > MAX_DEPTH {
            return Err((
                "too_deep",
                format!(
                    "elements nested about {depth} deep (the limit is {MAX_DEPTH}): not a saved article page"
                ),
            ));
        }
        let (text, meta) =
            std::panic::catch_unwind(|| extract(&page, &self.rules)).map_err(|_| {
                (
                    "internal",
                    "newsx failed on this page (please report it)".to_string(),
                )
            })?;
        if text.trim().is_empty() {
            return Err((
                "no_article_text",
                "no article text found in the page".into(),
            ));
        }
        Ok((text, meta))
    }
}

/// Reads one page's bytes into an article to be completed by `Article::complete`.
pub fn read_page(path: &Path, id: String, max_bytes: usize, rules: &Arc<HtmlRules>) -> ReadResult {
    let WholeFile {
        id,
        source,
        hash,
        bytes,
    } = WholeFile::read(path, id, max_bytes)?;
    Ok(Article {
        id,
        source,
        text: String::new(),
        title: None,
        meta: Map::new(),
        hash,
        text_extracted: true,
        page: Some(Box::new(Page {
            bytes,
            rules: rules.clone(),
        })),
    })
}

/// The page's text and its metadata (`title`, `byline`, `published`, `outlet`, `url`).
pub fn extract(page: &str, rules: &HtmlRules) -> (String, Meta) {
    let doc = Html::parse_document(page);
    let found = body::find(&doc, rules);
    let meta = meta::collect(&doc, found.root, rules);
    (found.text, meta)
}

/// HTML's tree building checks the open elements at each tag, so its time grows with the square
/// of the nesting depth: 20,000 nested `<div>`s take seconds. Saved news pages nest under a few
/// hundred deep.
const MAX_DEPTH: usize = 4096;

/// Roughly how deep elements nest: open tags less close tags, leaving out elements that need no
/// end tag (void ones, and `p`, `li`... which close themselves). An estimate, linear in the page.
fn nesting_depth(page: &str) -> usize {
    const NO_END_TAG: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th",
    ];
    let b = page.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'<', b) {
        let rest = &b[i + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!')
            .count();
        if name_len == 0 || !rest[0].is_ascii_alphabetic() && rest[0] != b'!' {
            continue;
        }
        let name = &rest[..name_len];
        if name[0] == b'!'
            || NO_END_TAG
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
        {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// UTF-8 (a mark dropped), UTF-16 with a mark, or Windows-1252 when the page declares it (or
/// ISO-8859-1, which browsers read as Windows-1252); any other bytes are refused.
fn decode_page(bytes: &[u8]) -> Result<String, (&'static str, String)> {
    match encoding::Bom::sniff(bytes) {
        encoding::Bom::Utf8 => return utf8(&bytes[3..]),
        encoding::Bom::Utf16Le => {
            return encoding::decode_utf16(&bytes[2..], false).map_err(|m| ("invalid_utf16", m))
        }
        encoding::Bom::Utf16Be => {
            return encoding::decode_utf16(&bytes[2..], true).map_err(|m| ("invalid_utf16", m))
        }
        encoding::Bom::None => {}
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(("binary", "NUL bytes: not a web page".into()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    match declared_charset(bytes).as_deref() {
        Some(
            "windows-1252" | "cp1252" | "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1"
            | "us-ascii" | "ascii",
        ) => Ok(encoding::decode_windows_1252(bytes)),
        Some(other) => Err((
            "unsupported_encoding",
            format!(
                "the page declares charset {other}, which newsx does not decode: save it as UTF-8"
            ),
        )),
        None => utf8(bytes),
    }
}

fn utf8(bytes: &[u8]) -> Result<String, (&'static str, String)> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        (
            "invalid_utf8",
            format!(
                "invalid UTF-8 at byte {} and no charset declared",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// The `charset=` of a `<meta>` in the first 1024 bytes, as browsers look for it.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests;
