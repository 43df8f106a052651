//! Counting a run's tables in one streaming pass each: articles, then quotes, entities, errors.
//! Memory grows with the number of articles and of distinct names, never with the text.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::dates::{month_of, Month};
use super::tables::TableReader;
use super::ReportError;
use crate::write::csv::Table;

/// `speaker_kind` values, in the order the report shows them; the last catches values newer
/// than this code.
pub const KINDS: [&str; 6] = [
    "named",
    "anonymous",
    "organization",
    "unresolved",
    "none",
    "other",
];
pub const NAMED: usize = 0;
pub const ANONYMOUS: usize = 1;
pub const ORGANIZATION: usize = 2;

pub const GENDERS: [&str; 3] = ["female", "male", "unknown"];
const UNKNOWN: usize = 2;

/// Article ids kept per ranked row, to trace a figure back to rows.
pub const SAMPLES: usize = 12;

pub fn kind_index(kind: &str) -> usize {
    KINDS[..5]
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KINDS.len() - 1)
}

fn gender_index(gender: &str) -> usize {
    GENDERS[..2]
        .iter()
        .position(|g| *g == gender)
        .unwrap_or(UNKNOWN)
}

/// Counts for a set of articles: all of them, one outlet or one month.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Group {
    pub articles: u64,
    /// Quotes by `speaker_kind` (indexed like `KINDS`).
    pub quotes: [u64; 6],
    /// Sources (a speaker quoted in an article, once per article) by kind.
    pub sources: [u64; 6],
    /// Named people among the sources by gender (indexed like `GENDERS`).
    pub named_gender: [u64; 3],
}

impl Group {
    pub fn add(&mut self, other: &Group) {
        self.articles += other.articles;
        for (a, b) in self.quotes.iter_mut().zip(other.quotes) {
            *a += b;
        }
        for (a, b) in self.sources.iter_mut().zip(other.sources) {
            *a += b;
        }
        for (a, b) in self.named_gender.iter_mut().zip(other.named_gender) {
            *a += b;
        }
    }
}

#[derive(Debug, Default)]
pub struct ArticleAcc {
    pub id: String,
    pub title: String,
    pub outlet: Option<u32>,
    pub month: Option<Month>,
    pub quotes: u32,
    pub anonymous_quotes: u32,
    pub sources: u32,
    pub anonymous_sources: u32,
}

/// A name, phrase or entity counted across the batch, with the first articles it is in.
#[derive(Debug, Default)]
pub struct Ranked {
    /// As first written (phrases are grouped ignoring case).
    pub display: String,
    /// Quotes, or mentions for entities.
    pub value: u64,
    pub articles: u64,
    last_article: Option<u32>,
    pub samples: Vec<u32>,
    pub gender: [u64; 3],
}

impl Ranked {
    fn add(&mut self, article: u32, value: u64) {
        self.value += value;
        if self.last_article != Some(article) {
            self.last_article = Some(article);
            self.articles += 1;
            if self.samples.len() < SAMPLES {
                self.samples.push(article);
            }
        }
    }
}

/// Gender counts, present when quotes.csv has a `speaker_gender` column.
#[derive(Debug, Default)]
pub struct GenderAcc {
    /// Quotes by people (named or unnamed sources) by gender.
    pub quotes: [u64; 3],
    pub named: [u64; 3],
    pub unnamed: [u64; 3],
    /// `speaker_gender_from` of the people sources whose gender is known.
    pub from: BTreeMap<String, u64>,
}

#[derive(Default)]
struct Source {
    quotes: u64,
    gender: usize,
    from: String,
}

/// The sources of the article being read: quotes.csv holds each article's rows together.
#[derive(Default)]
struct Pending {
    article: Option<u32>,
    sources: HashMap<(usize, String), Source>,
}

#[derive(Default)]
pub struct Tally {
    pub articles: Vec<ArticleAcc>,
    index: HashMap<String, u32>,
    pub outlets: Vec<(String, Group)>,
    outlet_index: HashMap<String, u32>,
    pub months: BTreeMap<Month, Group>,
    pub no_outlet: Group,
    pub no_month: Group,
    /// Articles whose `published` was given but holds no month the report can read.
    pub unreadable_months: u64,
    pub unreadable_example: Option<String>,
    pub all: Group,
    pub sentences: u64,
    pub chars: u64,
    pub mentions: u64,
    pub quote_types: BTreeMap<String, u64>,
    pub errors: BTreeMap<String, u64>,
    pub gender: Option<GenderAcc>,
    /// Named people and organisations that spoke, by (kind, name).
    pub speakers: HashMap<(usize, String), Ranked>,
    /// Descriptions of unnamed sources, by lower-cased text.
    pub phrases: HashMap<String, Ranked>,
    /// Entities by (type, name); `None` when the run wrote no entities.csv.
    pub entities: Option<HashMap<(String, String), Ranked>>,
}

impl Tally {
    pub fn read(dir: &Path) -> Result<Tally, ReportError> {
        let mut t = Tally::default();
        t.read_articles(TableReader::require(dir, Table::Articles)?)?;
        t.read_quotes(TableReader::require(dir, Table::Quotes)?)?;
        if let Some(table) = TableReader::open(dir, Table::Entities)? {
            t.read_entities(table)?;
        }
        if let Some(table) = TableReader::open(dir, Table::Errors)? {
            t.read_errors(table)?;
        }
        Ok(t)
    }

    fn article(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.articles.len() as u32;
        self.index.insert(id.to_string(), i);
        self.articles.push(ArticleAcc {
            id: id.to_string(),
            ..ArticleAcc::default()
        });
        i
    }

    /// Applies `f` to the batch's counts and to those of the article's outlet and month.
    fn each_group(&mut self, article: u32, f: impl Fn(&mut Group)) {
        let a = &self.articles[article as usize];
        f(&mut self.all);
        f(match a.outlet {
            Some(o) => &mut self.outlets[o as usize].1,
            None => &mut self.no_outlet,
        });
        f(match a.month {
            Some(m) => self.months.entry(m).or_default(),
            None => &mut self.no_month,
        });
    }

    fn read_articles(&mut self, mut t: TableReader) -> Result<(), ReportError> {
        let id = Some(t.need("article_id")?);
        let [title, outlet, published, sentences, chars, mentions] = [
            "title",
            "outlet",
            "published",
            "sentences",
            "chars",
            "mentions",
        ]
        .map(|c| t.column(c));
        while t.next()? {
            let a = self.article(&t.get(id));
            let name = t.get(outlet);
            let outlet = (!name.is_empty()).then(|| match self.outlet_index.get(name.as_ref()) {
                Some(&o) => o,
                None => {
                    let o = self.outlets.len() as u32;
                    self.outlet_index.insert(name.to_string(), o);
                    self.outlets.push((name.to_string(), Group::default()));
                    o
                }
            });
            let published = t.get(published);
            let month = month_of(&published);
            if month.is_none() && !published.is_empty() {
                self.unreadable_months += 1;
                self.unreadable_example
                    .get_or_insert_with(|| published.to_string());
            }
            let acc = &mut self.articles[a as usize];
            acc.title = t.get(title).into_owned();
            acc.outlet = outlet;
            acc.month = month;
            self.sentences += t.number(sentences);
            self.chars += t.number(chars);
            self.mentions += t.number(mentions);
            self.each_group(a, |g| g.articles += 1);
        }
        Ok(())
    }

    fn read_quotes(&mut self, mut t: TableReader) -> Result<(), ReportError> {
        let id = Some(t.need("article_id")?);
        let kind = Some(t.need("speaker_kind")?);
        let [kind_of_quote, speaker, gender, gender_from] =
            ["type", "speaker", "speaker_gender", "speaker_gender_from"].map(|c| t.column(c));
        if gender.is_some() {
            self.gender = Some(GenderAcc::default());
        }
        let mut pending = Pending::default();
        while t.next()? {
            let a = self.article(&t.get(id));
            if pending.article != Some(a) {
                self.flush(&mut pending);
                pending.article = Some(a);
            }
            let k = kind_index(&t.get(kind));
            *self
                .quote_types
                .entry(t.get(kind_of_quote).into_owned())
                .or_default() += 1;
            self.each_group(a, |g| g.quotes[k] += 1);
            let acc = &mut self.articles[a as usize];
            acc.quotes += 1;
            acc.anonymous_quotes += u32::from(k == ANONYMOUS);
            let g = gender_index(&t.get(gender));
            if let Some(acc) = &mut self.gender {
                if k == NAMED || k == ANONYMOUS {
                    acc.quotes[g] += 1;
                }
            }
            let name = t.get(speaker);
            if name.is_empty() {
                continue;
            }
            let source = pending.sources.entry((k, name.into_owned())).or_default();
            source.quotes += 1;
            // the first quote that tells the gender tells it for the source
            if source.quotes == 1 || (source.gender == UNKNOWN && g != UNKNOWN) {
                source.gender = g;
                source.from = t.get(gender_from).into_owned();
            }
        }
        self.flush(&mut pending);
        Ok(())
    }

    /// Counts the sources of the article just read.
    fn flush(&mut self, pending: &mut Pending) {
        let Some(a) = pending.article.take() else {
            return;
        };
        let has_gender = self.gender.is_some();
        for ((k, name), s) in pending.sources.drain() {
            let g = s.gender;
            self.each_group(a, |grp| {
                grp.sources[k] += 1;
                if k == NAMED && has_gender {
                    grp.named_gender[g] += 1;
                }
            });
            let acc = &mut self.articles[a as usize];
            acc.sources += 1;
            acc.anonymous_sources += u32::from(k == ANONYMOUS);
            if let Some(acc) = &mut self.gender {
                match k {
                    NAMED => acc.named[g] += 1,
                    ANONYMOUS => acc.unnamed[g] += 1,
                    _ => {}
                }
                if (k == NAMED || k == ANONYMOUS) && g != UNKNOWN {
                    *acc.from.entry(s.from).or_default() += 1;
                }
            }
            let ranked = if k == ANONYMOUS {
                let r = self.phrases.entry(name.to_lowercase()).or_default();
                if r.display.is_empty() {
                    r.display = name;
                }
                r
            } else if k == NAMED || k == ORGANIZATION {
                self.speakers.entry((k, name)).or_default()
            } else {
                continue;
            };
            ranked.add(a, s.quotes);
            ranked.gender[g] += 1;
        }
    }

    fn read_entities(&mut self, mut t: TableReader) -> Result<(), ReportError> {
        let id = Some(t.need("article_id")?);
        let kind = Some(t.need("type")?);
        let name = Some(t.need("name")?);
        let mentions = t.column("mentions");
        let mut entities: HashMap<(String, String), Ranked> = HashMap::new();
        while t.next()? {
            let a = self.article(&t.get(id));
            let key = (t.get(kind).into_owned(), t.get(name).into_owned());
            entities
                .entry(key)
                .or_default()
                .add(a, t.number(mentions).max(1));
        }
        self.entities = Some(entities);
        Ok(())
    }

    fn read_errors(&mut self, mut t: TableReader) -> Result<(), ReportError> {
        let kind = t.column("kind");
        while t.next()? {
            *self.errors.entry(t.get(kind).into_owned()).or_default() += 1;
        }
        Ok(())
    }
}
