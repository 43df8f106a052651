//! The story in a parsed page: which element holds it, and its blocks as lines of text.
//!
//! One pass over the page marks boilerplate and counts each element's prose (text outside links);
//! the story's element is the first `body_elements` match that holds the page's main run of
//! paragraphs, else the element around that run; a second pass writes its blocks, one a line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use super::HtmlRules;

pub struct Found<'a> {
    /// The element the text was taken from.
    pub root: Option<ElementRef<'a>>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drop {
    /// By tag or attribute (`nav`, `[hidden]`): never part of the story.
    Always,
    /// By a class or id word (`share-bar`): dropped unless it holds most of the story's prose.
    Unless,
}

/// Elements that start and end a line of text.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
    "tr", "ul",
];

/// Blocks that are one paragraph: their text scores the element around them.
#[rustfmt::skip]
const PARAGRAPHS: &[&str] = &["p", "pre", "blockquote", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

fn element(node: &NodeRef<'_, Node>) -> Option<&'static str> {
    // Local names are interned: compare through the str.
    node.value().as_element().map(|e| match e.name() {
        n if BLOCKS.contains(&n) => "block",
        "a" => "a",
        "br" => "br",
        "q" => "q",
        "time" => "time",
        "td" | "th" => "cell",
        _ => "inline",
    })
}

fn prose_len(s: &str) -> usize {
    if s.is_ascii() {
        s.bytes().filter(|b| !b.is_ascii_whitespace()).count()
    } else {
        s.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// Node ids are small distinct integers: they hash as themselves (SipHash was a tenth of the time).
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type ById<V> = HashMap<NodeId, V, BuildHasherDefault<IdHasher>>;

/// A class or id token holds a drop word: its parts (split at `-`, `_` and lower-to-upper case
/// changes, `--modifier`s left out) alone or up to three run together (`pull-quote` → `pullquote`).
fn token_has_word(token: &str, words: &HashSet<String>) -> bool {
    let mut parts: Vec<String> = Vec::new();
    for segment in token.split("__") {
        let segment = segment.split("--").next().unwrap_or_default();
        let mut part = String::new();
        let mut prev_lower = false;
        for c in segment.chars() {
            let boundary = !c.is_alphanumeric() || (c.is_uppercase() && prev_lower);
            if boundary && !part.is_empty() {
                parts.push(std::mem::take(&mut part));
            }
            if c.is_alphanumeric() {
                part.extend(c.to_lowercase());
            }
            prev_lower = c.is_lowercase();
        }
        if !part.is_empty() {
            parts.push(part);
        }
    }
    (0..parts.len()).any(|i| {
        let mut joined = String::new();
        parts[i..parts.len().min(i + 3)].iter().any(|p| {
            joined.push_str(p);
            words.contains(&joined)
        })
    })
}

struct Survey {
    drop: ById<Drop>,
    /// Prose characters under each element, `Always` subtrees left out.
    prose: ById<usize>,
    /// Paragraph scores of the elements around paragraphs.
    score: BTreeMap<NodeId, usize>,
}

fn survey(doc: &Html, rules: &HtmlRules) -> Survey {
    let mut s = Survey {
        drop: ById::default(),
        prose: ById::default(),
        score: BTreeMap::new(),
    };
    // Open elements: (id, prose so far, inside a link).
    let mut stack: Vec<(NodeId, usize, bool)> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    let mut dropped_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                if let Some(el) = ElementRef::wrap(node) {
                    let name = el.value().name();
                    let top = !matches!(name, "html" | "body");
                    // The head's text (<title>) is metadata, never the story.
                    if name == "head"
                        || (top
                            && (rules.drop_tags.contains(name)
                                || rules.drop.as_ref().is_some_and(|d| d.matches(&el))))
                    {
                        s.drop.insert(node.id(), Drop::Always);
                        skipping = Some(node.id());
                        continue;
                    }
                    let v = el.value();
                    if top
                        && v.classes()
                            .chain(v.id())
                            .any(|t| token_has_word(t, &rules.drop_class_words))
                    {
                        s.drop.insert(node.id(), Drop::Unless);
                    }
                    if s.drop.contains_key(&node.id()) {
                        dropped_depth += 1;
                    }
                    let in_link = name == "a" || stack.last().is_some_and(|t| t.2);
                    stack.push((node.id(), 0, in_link));
                } else if let Node::Text(t) = node.value() {
                    let Some(top) = stack.last_mut() else {
                        continue;
                    };
                    if top.2 {
                        continue;
                    }
                    let n = prose_len(t);
                    top.1 += n;
                    if n > 0 && dropped_depth == 0 {
                        add_score(&mut s.score, node, n);
                    }
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() || !node.value().is_element() {
                    continue;
                }
                if s.drop.contains_key(&node.id()) {
                    dropped_depth -= 1;
                }
                if let Some((id, n, _)) = stack.pop() {
                    s.prose.insert(id, n);
                    if let Some(parent) = stack.last_mut() {
                        parent.1 += n;
                    }
                }
            }
        }
    }
    s
}

/// A text node's prose scores the element that holds its paragraph, and half again its parent:
/// a story split over sibling containers still scores highest at their common parent.
fn add_score(score: &mut BTreeMap<NodeId, usize>, text: NodeRef<'_, Node>, n: usize) {
    let Some(block) = text.ancestors().find(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| is_block(e.name()) || e.name() == "td")
    }) else {
        return;
    };
    let is_para = block
        .value()
        .as_element()
        .is_some_and(|e| PARAGRAPHS.contains(&e.name()));
    let holder = if is_para { block.parent() } else { Some(block) };
    if let Some(h) = holder {
        *score.entry(h.id()).or_default() += 3 * n;
        if let Some(g) = h.parent() {
            *score.entry(g.id()).or_default() += 2 * n;
        }
    }
}

pub fn find<'a>(doc: &'a Html, rules: &HtmlRules) -> Found<'a> {
    let s = survey(doc, rules);
    let prose = |id: NodeId| s.prose.get(&id).copied().unwrap_or(0);
    let always_dropped = |e: &ElementRef| {
        e.ancestors()
            .chain([**e])
            .any(|a| s.drop.get(&a.id()) == Some(&Drop::Always))
    };
    let mut best: Option<(NodeId, usize)> = None;
    for (&id, &sc) in &s.score {
        if best.is_none_or(|(_, b)| sc > b) {
            best = Some((id, sc));
        }
    }
    let paragraphs = best
        .and_then(|(id, _)| doc.tree.get(id))
        .and_then(ElementRef::wrap);
    let mut root = None;
    for sel in &rules.body {
        let mut pick: Option<ElementRef> = None;
        for e in doc.select(sel).filter(|e| !always_dropped(e)) {
            if pick.is_none_or(|p| prose(e.id()) > prose(p.id())) {
                pick = Some(e);
            }
        }
        if let Some(e) = pick {
            let holds = paragraphs.is_none_or(|p| {
                p.id() == e.id()
                    || p.ancestors().any(|a| a.id() == e.id())
                    || prose(e.id()) >= prose(p.id())
            });
            if holds && prose(e.id()) > 0 {
                root = Some(e);
                break;
            }
        }
    }
    let root = root.or(paragraphs).or_else(|| {
        doc.root_element()
            .child_elements()
            .find(|e| e.value().name() == "body")
    });
    let text = root.map_or_else(String::new, |r| write_text(r, &s, rules));
    Found { root, text }
}

/// One line being written, with what its characters were inside.
#[derive(Default)]
struct Line {
    text: String,
    space: bool,
    chars: usize,
    link_chars: usize,
    time_chars: usize,
}

impl Line {
    fn push_text(&mut self, t: &str, link: bool, time: bool) {
        if t.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for (i, word) in t.split_whitespace().enumerate() {
            if i > 0 {
                self.space = true;
            }
            // Soft hyphens and zero-width spaces are invisible in a browser.
            let invisible = |c: char| matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}');
            let n = if word.is_ascii() {
                word.len()
            } else {
                word.chars().filter(|c| !invisible(*c)).count()
            };
            if n == 0 {
                continue;
            }
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.space = false;
            if word.contains(invisible) {
                self.text.extend(word.chars().filter(|c| !invisible(*c)));
            } else {
                self.text.push_str(word);
            }
            self.chars += n;
            self.link_chars += if link { n } else { 0 };
            self.time_chars += if time { n } else { 0 };
        }
        if t.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn push_char(&mut self, c: char) {
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push(c);
    }

    fn keep(&self, rules: &HtmlRules) -> bool {
        if self.chars == 0 {
            return false;
        }
        if self.link_chars as f64 >= rules.max_link_share * self.chars as f64 {
            return false; // a related link, a menu
        }
        if self.time_chars == self.chars {
            return false; // a date line: the date is in the metadata
        }
        let lower = self.text.to_lowercase();
        let bare = lower.trim_end_matches(['.', ':', '!', '»', '›', '>', ' ', '…']);
        !rules.drop_lines.contains(bare)
            && !rules
                .drop_line_prefixes
                .iter()
                .any(|p| lower.starts_with(p))
    }
}

fn write_text(root: ElementRef, s: &Survey, rules: &HtmlRules) -> String {
    let root_prose = s.prose.get(&root.id()).copied().unwrap_or(0);
    let mut lines: Vec<String> = Vec::new();
    let mut line = Line::default();
    let mut flush = |line: &mut Line| {
        if line.keep(rules) {
            lines.push(std::mem::take(&mut line.text));
        }
        *line = Line::default();
    };
    let mut skipping: Option<NodeId> = None;
    let (mut links, mut times, mut pre) = (0usize, 0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                if node.id() != root.id() {
                    let drop = match s.drop.get(&node.id()) {
                        Some(Drop::Always) => true,
                        Some(Drop::Unless) => {
                            2 * s.prose.get(&node.id()).copied().unwrap_or(0) < root_prose
                        }
                        None => false,
                    };
                    if drop {
                        skipping = Some(node.id());
                        continue;
                    }
                }
                if let Node::Text(t) = node.value() {
                    if pre > 0 {
                        let mut parts = t.split('\n');
                        line.push_text(parts.next().unwrap_or_default(), links > 0, times > 0);
                        for p in parts {
                            flush(&mut line);
                            line.push_text(p, links > 0, times > 0);
                        }
                    } else {
                        line.push_text(t, links > 0, times > 0);
                    }
                    continue;
                }
                match element(&node) {
                    Some("block") | Some("br") => flush(&mut line),
                    Some("a") => links += 1,
                    Some("time") => times += 1,
                    Some("q") => line.push_char('“'),
                    _ => {}
                }
                if node.value().as_element().is_some_and(|e| e.name() == "pre") {
                    pre += 1;
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                match element(&node) {
                    Some("block") => flush(&mut line),
                    Some("a") => links -= 1,
                    Some("time") => times -= 1,
                    Some("q") => line.push_char('”'),
                    Some("cell") => line.space = true,
                    _ => {}
                }
                if node.value().as_element().is_some_and(|e| e.name() == "pre") {
                    pre -= 1;
                }
            }
        }
    }
    flush(&mut line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_tokens_match_words_by_part_not_by_substring() {
        let words: HashSet<String> = ["share", "ad", "pullquote", "related"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for yes in [
            "share-bar",
            "article__share",
            "shareTools",
            "top-ad",
            "pull-quote",
            "Related",
        ] {
            assert!(token_has_word(yes, &words), "{yes}");
        }
        for no in [
            "shared",
            "header",
            "shadow",
            "article-body",
            "story--ad-free-x",
            "load",
        ] {
            assert!(!token_has_word(no, &words), "{no}");
        }
    }
}
