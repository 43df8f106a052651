//! `newsx eval GOLD.jsonl`: runs the pipeline on a gold file and prints precision, recall and F1 per
//! task, with the same matching rules as `../shared/eval/score.py`, so someone editing rules sees
//! what a change did without leaving the tool.

mod names;
mod render;

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::extract::Rules;
use crate::pipeline::process;
use crate::read::Article;
use crate::record::ArticleRecord;
use names::{clean_name, name_match};

#[derive(Deserialize)]
struct Gold {
    id: Value,
    text: String,
    sentences: Option<Vec<(usize, usize)>>,
    sentence_texts: Option<Vec<String>>,
    group: Option<String>,
    entities: Option<Vec<GoldEntity>>,
    entity_spans: Option<String>,
    quotes: Option<Vec<GoldQuote>>,
    #[serde(default)]
    quotes_ignore: Vec<Value>,
}

#[derive(Deserialize)]
struct GoldEntity {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct GoldQuote {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    speaker: Option<String>,
    #[serde(default)]
    speaker_aliases: Vec<String>,
    speaker_gender: Option<String>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(self) -> Value {
        let p = if self.pred > 0 {
            self.tp as f64 / self.pred as f64
        } else if self.gold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.tp as f64 / self.gold as f64
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        json!({"p": round4(p), "r": round4(r), "f1": round4(f), "tp": self.tp, "pred": self.pred, "gold": self.gold})
    }
}

/// Python's `round(x, 4)`: the nearest four-decimal number to the exact binary value, ties to even
/// (0.65625 gives 0.6562), which Rust's formatting also does.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

pub struct Report {
    pub figures: Value,
    errors: BTreeMap<String, Vec<String>>,
}

/// Coarse types as the scorer compares them: GPE, LOC and FAC are all places.
fn coarse(t: &str) -> &str {
    match t {
        "GPE" | "LOC" | "FAC" => "LOC",
        "PER" => "PERSON",
        other => other,
    }
}

fn slice(chars: &[char], s: usize, e: usize) -> String {
    chars[s.min(chars.len())..e.min(chars.len())]
        .iter()
        .collect()
}

/// Drops a leading "the", trailing punctuation and a possessive, as the scorer does.
fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    if slice(chars, s, s + 4).to_lowercase() == "the " {
        s += 4;
    }
    while e > s && (chars[e - 1].is_whitespace() || ".,;:".contains(chars[e - 1])) {
        e -= 1;
    }
    let t = slice(chars, s, e);
    for suf in ["'s", "’s", "'", "’"] {
        let n = suf.chars().count();
        if t.ends_with(suf) && e - n > s {
            e -= n;
            break;
        }
    }
    (s, e)
}

/// A predicted quote as scored: start, end, type, speaker, speaker gender.
type PredQuote<'a> = (usize, usize, &'a str, Option<&'a str>, Option<&'a str>);

#[derive(Default, Clone, Copy)]
struct SpeakerTally {
    right: usize,
    clean: usize,
    scored: usize,
}

#[derive(Default, Clone, Copy)]
struct GenderTally {
    right: usize,
    wrong: usize,
    scored: usize,
}

#[derive(Default)]
struct Tally {
    offset_errors: usize,
    sentences: Counts,
    cases: BTreeMap<String, (usize, usize)>,
    entities: BTreeMap<String, Counts>,
    quotes: BTreeMap<&'static str, Counts>,
    speakers: BTreeMap<&'static str, SpeakerTally>,
    genders: BTreeMap<&'static str, GenderTally>,
    errors: BTreeMap<String, Vec<String>>,
}

impl Tally {
    fn error(&mut self, kind: impl Into<String>, id: &str, what: String) {
        self.errors
            .entry(kind.into())
            .or_default()
            .push(format!("[{id}] {what}"));
    }

    fn add(&mut self, g: &Gold, id: &str, pred: &ArticleRecord) {
        let chars: Vec<char> = g.text.chars().collect();
        self.offset_errors += offset_errors(&chars, pred);
        let rstrip = |mut e: usize| {
            while e > 0 && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            e
        };
        if let Some(gs) = &g.sentences {
            let gold: HashSet<usize> = gs.iter().map(|&(_, e)| rstrip(e)).collect();
            let got: HashSet<usize> = pred
                .sentences
                .iter()
                .filter(|s| !s.text.trim().is_empty())
                .map(|s| rstrip(s.end))
                .collect();
            self.sentences.tp += gold.intersection(&got).count();
            self.sentences.pred += got.len();
            self.sentences.gold += gold.len();
            let ctx = |e: usize| {
                format!(
                    "{}|{}",
                    slice(&chars, e.saturating_sub(40), e),
                    slice(&chars, e, e + 30)
                )
            };
            let mut missed: Vec<_> = gold.difference(&got).copied().collect();
            missed.sort();
            for e in missed {
                self.error("sentence missed", id, ctx(e));
            }
            let mut wrong: Vec<_> = got.difference(&gold).copied().collect();
            wrong.sort();
            for e in wrong {
                self.error("sentence split wrongly", id, ctx(e));
            }
        }
        if let Some(expected) = &g.sentence_texts {
            let got: Vec<String> = pred
                .sentences
                .iter()
                .filter(|s| !s.text.trim().is_empty())
                .map(|s| s.text.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            let right = &got == expected;
            for grp in [
                g.group.clone().unwrap_or_else(|| "all".into()),
                "all".into(),
            ] {
                let c = self.cases.entry(grp.clone()).or_default();
                c.0 += right as usize;
                c.1 += 1;
                if grp == "all" {
                    break;
                }
            }
            if !right {
                self.error("case split wrongly", id, format!("{got:?}"));
            }
        }
        if let Some(ents) = &g.entities {
            let lenient = g.entity_spans.as_deref() == Some("np");
            let golds: Vec<((usize, usize), &str)> = ents
                .iter()
                .map(|e| (trim(&chars, e.start, e.end), coarse(&e.kind)))
                .collect();
            let types: HashSet<&str> = golds
                .iter()
                .map(|(_, t)| *t)
                .filter(|t| *t != "MISC")
                .collect();
            let preds: Vec<((usize, usize), &str)> = pred
                .mentions
                .iter()
                .map(|m| (trim(&chars, m.start, m.end), coarse(m.kind.as_str())))
                .filter(|(_, t)| types.contains(t))
                .collect();
            for t in &types {
                let c = self.entities.entry(t.to_string()).or_default();
                c.gold += golds.iter().filter(|(_, gt)| gt == t).count();
                c.pred += preds.iter().filter(|(_, pt)| pt == t).count();
            }
            let mut used = HashSet::new();
            for &((ps, pe), pt) in &preds {
                let hit = golds.iter().enumerate().position(|(i, &((gs, ge), gt))| {
                    !used.contains(&i)
                        && gt == pt
                        && ((gs, ge) == (ps, pe) || (lenient && gs <= ps && pe == ge))
                });
                match hit {
                    Some(i) => {
                        used.insert(i);
                        self.entities.get_mut(pt).unwrap().tp += 1;
                    }
                    None => self.error(
                        "entity wrong",
                        id,
                        format!("{pt} {:?}", slice(&chars, ps, pe)),
                    ),
                }
            }
            for (i, &((gs, ge), gt)) in golds.iter().enumerate() {
                if !used.contains(&i) && gt != "MISC" {
                    self.error(
                        "entity missed",
                        id,
                        format!("{gt} {:?}", slice(&chars, gs, ge)),
                    );
                }
            }
        }
        if let Some(quotes) = &g.quotes {
            let ignore: Vec<(usize, usize)> = g
                .quotes_ignore
                .iter()
                .filter_map(|x| match x {
                    Value::Array(a) => {
                        Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
                    }
                    Value::Object(o) => Some((
                        o.get("start")?.as_u64()? as usize,
                        o.get("end")?.as_u64()? as usize,
                    )),
                    _ => None,
                })
                .collect();
            let preds: Vec<PredQuote> = pred
                .quotes
                .iter()
                .filter(|q| {
                    let (s, e) = (q.start as f64, q.end as f64);
                    !ignore.iter().any(|&(a, b)| {
                        (e.min(b as f64) - s.max(a as f64)) >= 0.5 * (e - s).max(1.0)
                    })
                })
                .map(|q| {
                    let t = if q.kind == crate::record::QuoteKind::Indirect {
                        "indirect"
                    } else {
                        "direct"
                    };
                    (q.start, q.end, t, q.speaker.as_deref(), speaker_gender(q))
                })
                .collect();
            let indirect_spans: Vec<(usize, usize)> = quotes
                .iter()
                .filter(|q| q.kind == "indirect")
                .map(|q| (q.start, q.end))
                .collect();
            for t in ["direct", "indirect"] {
                let gq: Vec<&GoldQuote> = quotes.iter().filter(|q| q.kind == t).collect();
                let pq: Vec<_> = preds.iter().filter(|q| q.2 == t).collect();
                let c = self.quotes.entry(t).or_default();
                c.gold += gq.len();
                c.pred += pq.len();
                let mut used = HashSet::new();
                for q in gq {
                    let (gs, ge) = (q.start as f64, q.end as f64);
                    let mut best: Option<(usize, f64)> = None;
                    for (j, p) in pq.iter().enumerate() {
                        if used.contains(&j) {
                            continue;
                        }
                        let (ps, pe) = (p.0 as f64, p.1 as f64);
                        let ov = ge.min(pe) - gs.max(ps);
                        if ov >= 0.5 * (ge - gs)
                            && ov >= 0.5 * (pe - ps)
                            && best.is_none_or(|(_, b)| ov > b)
                        {
                            best = Some((j, ov));
                        }
                    }
                    let Some((j, _)) = best else {
                        self.error(
                            format!("{t} quote missed"),
                            id,
                            slice(&chars, q.start, q.end.min(q.start + 90)),
                        );
                        continue;
                    };
                    used.insert(j);
                    self.quotes.get_mut(t).unwrap().tp += 1;
                    if let Some(gold_gender) = &q.speaker_gender {
                        let said = pq[j].4;
                        let g = self.genders.entry(t).or_default();
                        g.scored += 1;
                        if said == Some(gold_gender.as_str()) {
                            g.right += 1;
                        } else if matches!(said, Some("female" | "male")) {
                            g.wrong += 1;
                            self.error(
                                format!("{t} speaker gender wrong"),
                                id,
                                format!(
                                    "got {}, gold {gold_gender} ({:?})",
                                    said.unwrap_or_default(),
                                    q.speaker
                                ),
                            );
                        }
                    }
                    let mut names: Vec<String> = q.speaker.iter().cloned().collect();
                    names.extend(q.speaker_aliases.iter().cloned());
                    if !names.is_empty() {
                        let got = pq[j].3;
                        let right = got.is_some_and(|n| name_match(n, &names));
                        let s = self.speakers.entry(t).or_default();
                        s.scored += 1;
                        if right {
                            s.right += 1;
                            if got.is_some_and(|n| clean_name(n, &names)) {
                                s.clean += 1;
                            } else {
                                self.error(
                                    format!("{t} speaker name unclean"),
                                    id,
                                    format!("got {got:?}, gold {:?}", q.speaker),
                                );
                            }
                        } else {
                            self.error(
                                format!("{t} speaker wrong"),
                                id,
                                format!(
                                    "got {got:?}, gold {:?}: {}",
                                    q.speaker,
                                    slice(&chars, q.start, q.end.min(q.start + 60))
                                ),
                            );
                        }
                    }
                }
                for (j, p) in pq.iter().enumerate() {
                    if used.contains(&j) {
                        continue;
                    }
                    if t == "direct" && indirect_spans.iter().any(|&(a, b)| a <= p.0 && p.1 <= b) {
                        self.quotes.get_mut(t).unwrap().pred -= 1;
                        continue;
                    }
                    self.error(
                        format!("{t} quote spurious"),
                        id,
                        slice(&chars, p.0, p.1.min(p.0 + 90)),
                    );
                }
            }
        }
    }
}

/// Runs the pipeline over every article of the gold file and scores it.
pub fn run(gold_path: &Path, rules: &Rules) -> Result<Report> {
    let file = std::fs::File::open(gold_path)?;
    let mut tally = Tally::default();
    let mut articles = 0;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let g: Gold = serde_json::from_str(&line)
            .with_context(|| format!("line {}: not a gold record", n + 1))?;
        let id = match &g.id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let article = Article {
            id: id.clone(),
            source: format!("{}:{}", gold_path.display(), n + 1),
            text: g.text.clone(),
            title: None,
            meta: Map::new(),
            hash: String::new(),
            text_extracted: false,
            page: None,
        };
        let record = process(&article, rules);
        tally.add(&g, &id, &record);
        articles += 1;
    }
    let mut figures = Map::new();
    figures.insert("articles".into(), json!(articles));
    figures.insert("missing_articles".into(), json!(0));
    figures.insert("offset_errors".into(), json!(tally.offset_errors));
    if tally.sentences.gold > 0 {
        figures.insert("sentence_boundaries".into(), tally.sentences.prf());
    }
    if !tally.cases.is_empty() {
        let cases: Map<String, Value> = tally
            .cases
            .iter()
            .map(|(k, &(right, n))| (k.clone(), json!({"right": right, "cases": n, "accuracy": round4(right as f64 / n.max(1) as f64)})))
            .collect();
        figures.insert("sentence_cases".into(), Value::Object(cases));
    }
    if !tally.entities.is_empty() {
        let mut per: Map<String, Value> = tally
            .entities
            .iter()
            .map(|(t, c)| (t.clone(), c.prf()))
            .collect();
        let total = tally
            .entities
            .values()
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                pred: a.pred + c.pred,
                gold: a.gold + c.gold,
            });
        per.insert("micro".into(), total.prf());
        figures.insert("entities".into(), Value::Object(per));
    }
    for (t, c) in &tally.quotes {
        if c.gold + c.pred > 0 {
            figures.insert(format!("{t}_quotes"), c.prf());
            let s = tally.speakers.get(t).copied().unwrap_or_default();
            let share = |k: usize, n: usize| {
                if n > 0 {
                    json!(round4(k as f64 / n as f64))
                } else {
                    Value::Null
                }
            };
            figures.insert(
                format!("{t}_speakers"),
                json!({"accuracy": share(s.right, s.scored), "right": s.right, "scored": s.scored,
                       "clean": share(s.clean, s.scored)}),
            );
            let g = tally.genders.get(t).copied().unwrap_or_default();
            if g.scored > 0 {
                figures.insert(
                    format!("{t}_speaker_gender"),
                    json!({"accuracy": share(g.right, g.scored), "right": g.right, "scored": g.scored,
                           "wrong": share(g.wrong, g.scored)}),
                );
            }
        }
    }
    Ok(Report {
        figures: Value::Object(figures),
        errors: tally.errors,
    })
}

/// Spans outside the text, and sentences whose text is not the text at their span, as the scorer
/// counts them.
fn offset_errors(chars: &[char], pred: &ArticleRecord) -> usize {
    let n = chars.len();
    let bad = |s: usize, e: usize| !(s <= e && e <= n);
    let sentences = pred
        .sentences
        .iter()
        .filter(|s| bad(s.start, s.end) || slice(chars, s.start, s.end) != s.text)
        .count();
    let mentions = pred.mentions.iter().filter(|m| bad(m.start, m.end)).count();
    let quotes = pred.quotes.iter().filter(|q| bad(q.start, q.end)).count();
    sentences + mentions + quotes
}

/// The gender the pipeline gave a quote's speaker, as the scorer reads it: `unknown` is no gender.
fn speaker_gender(quote: &crate::record::QuoteRecord) -> Option<&str> {
    match quote.speaker_gender {
        crate::record::Gender::Female => Some("female"),
        crate::record::Gender::Male => Some("male"),
        crate::record::Gender::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_drops_article_possessive_and_punctuation() {
        let c: Vec<char> = "the Kremlin’s, x".chars().collect();
        assert_eq!(trim(&c, 0, 15), (4, 11));
    }
}
