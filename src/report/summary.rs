//! The report's figures: the counts of a `Tally` ranked and capped into what a page can show.
//! Every list is cut to a fixed length here, so the page is as long for 100,000 articles as for 100.

use serde::Serialize;

use super::tally::{Group, Ranked, Tally, GENDERS, KINDS, NAMED, ORGANIZATION};

pub const TOP_PEOPLE: usize = 20;
pub const TOP_ORGANISATIONS: usize = 15;
pub const TOP_PHRASES: usize = 20;
pub const TOP_ENTITIES: usize = 10;
pub const TOP_ARTICLES: usize = 20;
pub const MAX_OUTLETS: usize = 20;
/// Beyond this many months the timeline is drawn by year.
pub const MAX_MONTHS: usize = 60;

#[derive(Debug, Serialize)]
pub struct Summary {
    pub articles: u64,
    pub errors: Vec<(String, u64)>,
    pub sentences: u64,
    pub chars: u64,
    pub mentions: u64,
    pub quotes: u64,
    /// Quotes by `type` (direct, partial, indirect).
    pub quote_types: Vec<(String, u64)>,
    pub kinds: [&'static str; 6],
    pub all: Group,
    pub gender: Option<Gender>,
    pub people: Ranking,
    pub organisations: Ranking,
    pub phrases: Ranking,
    /// `None` when the run wrote no entities.csv.
    pub entity_types: Option<Vec<EntityType>>,
    pub outlets: Option<Groups>,
    pub months: Option<Groups>,
    pub unreadable_months: u64,
    pub unreadable_example: Option<String>,
    pub unnamed_articles: Vec<ArticleRow>,
    /// Articles with at least one unnamed source.
    pub articles_with_unnamed: u64,
}

#[derive(Debug, Serialize)]
pub struct Gender {
    pub genders: [&'static str; 3],
    pub quotes: [u64; 3],
    pub named: [u64; 3],
    pub unnamed: [u64; 3],
    pub from: Vec<(String, u64)>,
}

#[derive(Debug, Serialize)]
pub struct Ranking {
    /// Distinct names (or phrases) in the batch; `rows` holds the first few.
    pub distinct: u64,
    pub rows: Vec<Row>,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub name: String,
    /// Quotes, or mentions for entities.
    pub value: u64,
    pub articles: u64,
    /// The first articles (by input order) the figure counts, at most `SAMPLES`.
    pub sample_ids: Vec<String>,
    /// By gender (indexed like `GENDERS`), for people.
    pub gender: [u64; 3],
}

#[derive(Debug, Serialize)]
pub struct EntityType {
    pub kind: String,
    pub mentions: u64,
    pub ranking: Ranking,
}

#[derive(Debug, Serialize)]
pub struct Groups {
    /// What a row is: an outlet, a month or a year.
    pub unit: &'static str,
    pub rows: Vec<(String, Group)>,
    /// The groups beyond the cap, added together, and how many they were.
    pub rest: Option<(u64, Group)>,
    /// Articles with no outlet (or no readable month).
    pub without: Group,
}

#[derive(Debug, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub anonymous_sources: u32,
    pub sources: u32,
    pub anonymous_quotes: u32,
    pub quotes: u32,
}

impl Summary {
    pub fn from_tally(t: Tally) -> Summary {
        let ids = |samples: &[u32]| -> Vec<String> {
            samples
                .iter()
                .map(|&a| t.articles[a as usize].id.clone())
                .collect()
        };
        let rank = |items: Vec<(String, &Ranked)>, cap: usize| -> Ranking {
            let distinct = items.len() as u64;
            let mut items = items;
            // most first; ties by name so the page never depends on hashing
            items.sort_by(|a, b| {
                (b.1.value, b.1.articles)
                    .cmp(&(a.1.value, a.1.articles))
                    .then_with(|| a.0.cmp(&b.0))
            });
            items.truncate(cap);
            let rows = items
                .into_iter()
                .map(|(name, r)| Row {
                    name,
                    value: r.value,
                    articles: r.articles,
                    sample_ids: ids(&r.samples),
                    gender: r.gender,
                })
                .collect();
            Ranking { distinct, rows }
        };
        let speakers_of = |kind: usize, cap: usize| {
            let items = t
                .speakers
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, name), r)| (name.clone(), r))
                .collect();
            rank(items, cap)
        };
        let people = speakers_of(NAMED, TOP_PEOPLE);
        let organisations = speakers_of(ORGANIZATION, TOP_ORGANISATIONS);
        let phrases = rank(
            t.phrases.values().map(|r| (r.display.clone(), r)).collect(),
            TOP_PHRASES,
        );
        let entity_types = t.entities.as_ref().map(|entities| {
            let mut by_type: std::collections::BTreeMap<&str, Vec<(String, &Ranked)>> =
                Default::default();
            for ((kind, name), r) in entities {
                by_type
                    .entry(kind.as_str())
                    .or_default()
                    .push((name.clone(), r));
            }
            let mut types: Vec<EntityType> = by_type
                .into_iter()
                .map(|(kind, items)| EntityType {
                    kind: kind.to_string(),
                    mentions: items.iter().map(|(_, r)| r.value).sum(),
                    ranking: rank(items, TOP_ENTITIES),
                })
                .collect();
            types.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.kind.cmp(&b.kind)));
            types
        });

        let outlets = (!t.outlets.is_empty()).then(|| {
            let mut rows = t.outlets.clone();
            rows.sort_by(|a, b| b.1.articles.cmp(&a.1.articles).then(a.0.cmp(&b.0)));
            capped("outlet", rows, MAX_OUTLETS, t.no_outlet.clone())
        });
        let months = (!t.months.is_empty()).then(|| {
            let mut rows: Vec<(String, Group)> = t
                .months
                .iter()
                .map(|(m, g)| (m.label(), g.clone()))
                .collect();
            if rows.len() > MAX_MONTHS {
                let mut years: std::collections::BTreeMap<u32, Group> = Default::default();
                for (m, g) in &t.months {
                    years.entry(m.year()).or_default().add(g);
                }
                rows = years.into_iter().map(|(y, g)| (y.to_string(), g)).collect();
                return capped("year", rows, usize::MAX, t.no_month.clone());
            }
            capped("month", rows, usize::MAX, t.no_month.clone())
        });

        let mut unnamed: Vec<u32> = (0..t.articles.len() as u32)
            .filter(|&a| t.articles[a as usize].anonymous_sources > 0)
            .collect();
        let articles_with_unnamed = unnamed.len() as u64;
        let key = |a: &u32| {
            let x = &t.articles[*a as usize];
            (
                std::cmp::Reverse((x.anonymous_sources, x.anonymous_quotes)),
                *a,
            )
        };
        if unnamed.len() > TOP_ARTICLES {
            unnamed.select_nth_unstable_by_key(TOP_ARTICLES, key);
            unnamed.truncate(TOP_ARTICLES);
        }
        unnamed.sort_by_key(key);
        let unnamed_articles = unnamed
            .into_iter()
            .map(|a| {
                let x = &t.articles[a as usize];
                ArticleRow {
                    id: x.id.clone(),
                    title: x.title.clone(),
                    outlet: x
                        .outlet
                        .map(|o| t.outlets[o as usize].0.clone())
                        .unwrap_or_default(),
                    anonymous_sources: x.anonymous_sources,
                    sources: x.sources,
                    anonymous_quotes: x.anonymous_quotes,
                    quotes: x.quotes,
                }
            })
            .collect();

        let gender = t.gender.as_ref().map(|g| Gender {
            genders: GENDERS,
            quotes: g.quotes,
            named: g.named,
            unnamed: g.unnamed,
            from: g.from.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        });
        Summary {
            articles: t.all.articles,
            errors: t.errors.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            sentences: t.sentences,
            chars: t.chars,
            mentions: t.mentions,
            quotes: t.all.quotes.iter().sum(),
            quote_types: t.quote_types.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            kinds: KINDS,
            all: t.all.clone(),
            gender,
            people,
            organisations,
            phrases,
            entity_types,
            outlets,
            months,
            unreadable_months: t.unreadable_months,
            unreadable_example: t.unreadable_example.clone(),
            unnamed_articles,
            articles_with_unnamed,
        }
    }
}

/// Keeps the first `cap` groups and adds up the rest.
fn capped(
    unit: &'static str,
    mut rows: Vec<(String, Group)>,
    cap: usize,
    without: Group,
) -> Groups {
    let rest = (rows.len() > cap).then(|| {
        let extra = rows.split_off(cap);
        let mut sum = Group::default();
        for (_, g) in &extra {
            sum.add(g);
        }
        (extra.len() as u64, sum)
    });
    Groups {
        unit,
        rows,
        rest,
        without,
    }
}
