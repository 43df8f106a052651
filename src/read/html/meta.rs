//! A page's metadata as the fields a JSON Lines article has (`title`, `byline`, `published`,
//! `outlet`, `url`): JSON-LD `NewsArticle` first, then `og:`/`article:` meta tags, then the page.

use std::collections::HashMap;

use scraper::{ElementRef, Html};
use serde_json::{Map, Value};

use super::HtmlRules;

/// What the page's `<head>` and JSON-LD say.
#[derive(Default)]
struct Head {
    title: Option<String>,
    /// `<meta>` content by lower-cased `name`, `property` or `itemprop`; the first one wins.
    meta: HashMap<String, String>,
    canonical: Option<String>,
    json_ld: Vec<Value>,
}

fn text_of(e: ElementRef) -> String {
    let mut out = String::new();
    for t in e.text() {
        for w in t.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

fn read_head(doc: &Html) -> Head {
    let mut h = Head::default();
    for node in doc.tree.root().descendants() {
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        let v = e.value();
        match v.name() {
            "title" if h.title.is_none() => h.title = Some(text_of(e)),
            "meta" => {
                let Some(content) = v.attr("content") else {
                    continue;
                };
                for key in ["name", "property", "itemprop"] {
                    if let Some(k) = v.attr(key) {
                        h.meta
                            .entry(k.trim().to_lowercase())
                            .or_insert_with(|| content.trim().to_string());
                    }
                }
            }
            "link"
                if h.canonical.is_none()
                    && v.attr("rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                h.canonical = v.attr("href").map(str::to_string);
            }
            "script"
                if v.attr("type")
                    .is_some_and(|t| t.trim() == "application/ld+json") =>
            {
                let raw: String = e.text().collect();
                let raw = raw
                    .trim()
                    .trim_start_matches("<![CDATA[")
                    .trim_end_matches("]]>");
                // A broken JSON-LD block is ignored: the meta tags still count.
                if let Ok(value) = serde_json::from_str::<Value>(raw) {
                    h.json_ld.push(value);
                }
            }
            _ => {}
        }
    }
    h
}

/// Every object of the JSON-LD blocks, `@graph` lists opened.
fn objects(values: &[Value]) -> Vec<&Map<String, Value>> {
    let mut out = Vec::new();
    let mut todo: Vec<&Value> = values.iter().rev().collect();
    while let Some(v) = todo.pop() {
        match v {
            Value::Array(items) => todo.extend(items.iter().rev()),
            Value::Object(o) => {
                out.push(o);
                if let Some(g) = o.get("@graph") {
                    todo.push(g);
                }
            }
            _ => {}
        }
    }
    out
}

fn has_type(o: &Map<String, Value>, types: &std::collections::HashSet<String>) -> bool {
    match o.get("@type") {
        Some(Value::String(t)) => types.contains(t),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| types.contains(t))),
        _ => false,
    }
}

/// Names in a JSON-LD person or organisation value: a string, `{name}`, an `{@id}` reference
/// to another object of the page, or a list of those.
fn names(v: &Value, all: &[&Map<String, Value>], out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
        Value::Array(items) => items.iter().for_each(|i| names(i, all, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                out.push(n.trim().to_string());
            } else if let Some(id) = o.get("@id").and_then(Value::as_str) {
                if let Some(target) = all.iter().find(|t| {
                    t.get("@id").and_then(Value::as_str) == Some(id) && t.contains_key("name")
                }) {
                    names(&Value::Object((*target).clone()), all, out);
                }
            }
        }
        _ => {}
    }
}

fn string_or_id(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(o) => o.get("@id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn not_a_link(s: &str) -> bool {
    !(s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/'))
}

/// Strips a leading `By` (from `byline_prefixes`) off a byline.
fn strip_by(s: &str, rules: &HtmlRules) -> String {
    let t = s.trim();
    for p in &rules.byline_prefixes {
        if t.len() > p.len()
            && t.is_char_boundary(p.len())
            && t[..p.len()].eq_ignore_ascii_case(p)
            && t[p.len()..].starts_with(char::is_whitespace)
        {
            return t[p.len()..].trim().to_string();
        }
    }
    t.to_string()
}

/// Drops the outlet's name trailing a headline (`Storm shuts port | The Gazette`).
fn strip_outlet(title: &str, outlet: Option<&str>, rules: &HtmlRules) -> String {
    if let Some(o) = outlet {
        for sep in &rules.title_separators {
            if let Some(head) = title
                .strip_suffix(o)
                .and_then(|t| t.strip_suffix(sep.as_str()))
            {
                if !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

pub fn collect(doc: &Html, root: Option<ElementRef>, rules: &HtmlRules) -> Map<String, Value> {
    let head = read_head(doc);
    let all = objects(&head.json_ld);
    let article = all
        .iter()
        .find(|o| has_type(o, &rules.article_types))
        .copied();
    let ld = |k: &str| article.and_then(|a| a.get(k));
    let ld_str = |k: &str| ld(k).and_then(Value::as_str).map(|s| s.trim().to_string());
    let tag = |k: &str| head.meta.get(k).filter(|s| !s.is_empty()).cloned();

    let outlet = ld("publisher")
        .map(|p| {
            let mut n = Vec::new();
            names(p, &all, &mut n);
            n
        })
        .and_then(|n| n.into_iter().next())
        .or_else(|| tag("og:site_name"))
        .or_else(|| tag("application-name"));

    let first_h1 = || {
        let scope = root.unwrap_or_else(|| doc.root_element());
        scope
            .descendent_elements()
            .find(|e| e.value().name() == "h1")
            .map(text_of)
            .filter(|t| !t.is_empty())
    };
    let title = ld_str("headline")
        .or_else(|| tag("og:title"))
        .or_else(|| tag("twitter:title"))
        .or_else(first_h1)
        .or_else(|| head.title.clone().filter(|t| !t.is_empty()))
        .map(|t| strip_outlet(&t, outlet.as_deref(), rules));

    let mut authors = Vec::new();
    if let Some(a) = ld("author") {
        names(a, &all, &mut authors);
    }
    if authors.is_empty() {
        authors.extend(
            ["author", "article:author", "byl", "dc.creator"]
                .iter()
                .filter_map(|k| tag(k))
                .find(|a| not_a_link(a)),
        );
    }
    if authors.is_empty() {
        let scope = root.unwrap_or_else(|| doc.root_element());
        authors.extend(
            rules
                .byline
                .iter()
                .find_map(|sel| scope.select(sel).map(text_of).find(|t| !t.is_empty())),
        );
    }
    let mut byline: Vec<String> = Vec::new();
    for a in authors.iter().map(|a| strip_by(a, rules)) {
        if !a.is_empty() && !byline.contains(&a) {
            byline.push(a);
        }
    }

    let published = ld_str("datePublished")
        .or_else(|| rules.published_meta.iter().find_map(|k| tag(k)))
        .or_else(|| {
            root.and_then(|r| {
                r.descendent_elements()
                    .find(|e| e.value().name() == "time")
                    .and_then(|t| t.value().attr("datetime"))
                    .map(str::to_string)
            })
        });

    let url = ld_str("url")
        .or_else(|| string_or_id(ld("mainEntityOfPage")))
        .or_else(|| tag("og:url"))
        .or_else(|| head.canonical.clone());

    let mut meta = Map::new();
    let text = |v: Option<String>| v.filter(|v| !v.trim().is_empty()).map(Value::String);
    // One entry per author, as a JSON Lines `byline` list gives them.
    let byline =
        (!byline.is_empty()).then(|| Value::Array(byline.into_iter().map(Value::String).collect()));
    for (k, v) in [
        ("title", text(title)),
        ("byline", byline),
        ("published", text(published)),
        ("outlet", text(outlet)),
        ("url", text(url)),
    ] {
        if let Some(v) = v {
            meta.insert(k.to_string(), v);
        }
    }
    meta
}
