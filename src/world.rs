//! The generated world tables (`rules/world/*.tsv`, written by tools/rulegen from open data):
//! places, given names with gender, surnames, common words and demonyms, compiled in, replaceable
//! by `--rules DIR` holding `world/NAME.tsv`. A built-in table is parsed the first time a stage asks
//! (one small article should not pay for 90,000 rows it never looks up); a user's table is parsed
//! when the rules load, so its errors name the file and line before any article is read.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lexicon::FxBuild;
use crate::rules::{RuleError, RuleFile, RuleSet};

pub const PLACES: &str = "world/places.tsv";
pub const GIVEN_NAMES: &str = "world/given_names.tsv";
pub const SURNAMES: &str = "world/surnames.tsv";
pub const COMMON_WORDS: &str = "world/common_words.tsv";
pub const DEMONYMS: &str = "world/demonyms.tsv";

pub const RULE_FILES: &[RuleFile] = &[
    crate::rule_file!("world/places.tsv"),
    crate::rule_file!("world/given_names.tsv"),
    crate::rule_file!("world/surnames.tsv"),
    crate::rule_file!("world/common_words.tsv"),
    crate::rule_file!("world/demonyms.tsv"),
];

/// The `marks` column: what else a name is (tools/rulegen/README.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks(u8);

impl Marks {
    /// `w`: also a common English word.
    pub const WORD: Marks = Marks(1);
    /// `g`: also a common given name (≥ 10,000 US births).
    pub const GIVEN: Marks = Marks(2);
    /// `s`: also a common surname (Census rank ≤ 5,000).
    pub const SURNAME: Marks = Marks(4);
    /// `p`: also a place in places.tsv.
    pub const PLACE: Marks = Marks(8);

    pub fn has(self, m: Marks) -> bool {
        self.0 & m.0 != 0
    }

    fn parse(s: &str) -> Result<Self, String> {
        let mut m = 0;
        for c in s.chars() {
            m |= match c {
                'w' => Self::WORD.0,
                'g' => Self::GIVEN.0,
                's' => Self::SURNAME.0,
                'p' => Self::PLACE.0,
                _ => return Err(format!("unknown mark `{c}` (known: w, g, s, p)")),
            };
        }
        Ok(Marks(m))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    /// The sources disagree or neither clears its threshold.
    Unknown,
}

/// A row of given_names.tsv: what a given name usually is, never what a person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenName {
    pub gender: Gender,
    /// The female share behind the verdict, 0–100; `None` when no source weighs it.
    pub female_pct: Option<u8>,
    /// US Social Security births 1880–2017.
    pub us_female: u32,
    pub us_male: u32,
    /// nam_dict's highest frequency (1 rare … 13 extremely common; 0 when absent).
    pub namdict_top: u8,
    pub namdict_countries: u16,
    pub marks: Marks,
}

impl GivenName {
    /// US births of either sex: how common the name is among English speakers.
    pub fn us_births(&self) -> u32 {
        self.us_female + self.us_male
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceType {
    Gpe,
    Loc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Continent,
    Former,
    State,
    Province,
    Capital,
    City,
    County,
}

/// What the tagger needs before it calls the name a place (tools/rulegen/README.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// A capitalised match is a place.
    Safe,
    /// A place in place context (`in X`, `X, State`, a dateline).
    Small,
    /// Also a given name or surname: a place when it stands alone.
    Name,
    /// Also a common word: a place only capitalised inside a sentence.
    Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub kind_of: PlaceType,
    pub kind: PlaceKind,
    /// ISO 3166 alpha-2, or blank for continents.
    pub country: [u8; 2],
    pub population: u64,
    pub marks: Marks,
    pub tier: Tier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Surname {
    /// US Census 1990 rank, 1 = commonest.
    pub rank: u32,
    pub marks: Marks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Zipf frequency × 10 (30 = once per million words).
    pub zipf10: u8,
    /// Share of lowercase uses among lowercase + capitalised, 0–100.
    pub lower_pct: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demonym {
    pub plural: String,
    pub country: [u8; 2],
}

type Map<T> = HashMap<Box<str>, T, FxBuild>;

/// Parses one row's fields into its key and value, or says what is wrong with it.
type RowFn<T> = fn(&[&str]) -> Result<(String, T), String>;

/// One table: its text and, once asked for, its rows by key.
struct Table<T> {
    file: &'static str,
    origin: String,
    text: Cow<'static, str>,
    rows: OnceLock<Map<T>>,
    /// Column count of a row, checked on every line.
    columns: usize,
    row: RowFn<T>,
}

impl<T> Table<T> {
    fn load(
        set: &RuleSet,
        file: &'static str,
        columns: usize,
        row: RowFn<T>,
    ) -> Result<Self, RuleError> {
        let t = Table {
            file,
            origin: set.origin(file),
            text: set.text(file).clone(),
            rows: OnceLock::new(),
            columns,
            row,
        };
        if !set.is_builtin(file) {
            let rows = t.parse()?;
            let _ = t.rows.set(rows);
        }
        Ok(t)
    }

    fn parse(&self) -> Result<Map<T>, RuleError> {
        let err = |line: usize, reason: String| RuleError::Line {
            file: self.origin.clone(),
            line,
            reason,
        };
        let mut map = Map::default();
        for (i, line) in self.text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != self.columns {
                return Err(err(
                    i + 1,
                    format!(
                        "{} columns, expected {} (tab-separated)",
                        fields.len(),
                        self.columns
                    ),
                ));
            }
            let (key, value) = (self.row)(&fields).map_err(|r| err(i + 1, r))?;
            map.insert(key.into_boxed_str(), value);
        }
        Ok(map)
    }

    fn rows(&self) -> &Map<T> {
        self.rows.get_or_init(|| {
            self.parse()
                .unwrap_or_else(|e| panic!("built-in {} is invalid: {e}", self.file))
        })
    }

    fn get(&self, key: &str) -> Option<&T> {
        self.rows().get(key)
    }
}

/// Every generated table, shared by all threads.
pub struct World {
    places: Table<Place>,
    given_names: Table<GivenName>,
    surnames: Table<Surname>,
    common_words: Table<Word>,
    demonyms: Table<Demonym>,
}

impl World {
    pub fn load(set: &RuleSet) -> Result<Self, RuleError> {
        Ok(World {
            places: Table::load(set, PLACES, 7, place_row)?,
            given_names: Table::load(set, GIVEN_NAMES, 8, given_row)?,
            surnames: Table::load(set, SURNAMES, 3, surname_row)?,
            common_words: Table::load(set, COMMON_WORDS, 3, word_row)?,
            demonyms: Table::load(set, DEMONYMS, 3, demonym_row)?,
        })
    }

    /// A given name as written (`Maria`), or in ALL CAPS (`MARIA`).
    pub fn given_name(&self, name: &str) -> Option<&GivenName> {
        lookup(&self.given_names, name)
    }

    /// A place by its name as written (`New York`, `Zürich`), or in ALL CAPS.
    pub fn place(&self, name: &str) -> Option<&Place> {
        lookup(&self.places, name)
    }

    /// A surname in any spelling: matched on its letters folded to lower case (`O'Brien` → `obrien`).
    pub fn surname(&self, name: &str) -> Option<&Surname> {
        self.surnames.get(&fold(name))
    }

    /// A common English word, in lower case.
    pub fn common_word(&self, word: &str) -> Option<&Word> {
        self.common_words.get(word)
    }

    /// A demonym, singular as written (`Kenyan`).
    pub fn demonym(&self, word: &str) -> Option<&Demonym> {
        self.demonyms.get(word)
    }

    /// Every place name with its row, for building automata.
    pub fn places(&self) -> impl Iterator<Item = (&str, &Place)> {
        self.places.rows().iter().map(|(k, v)| (&**k, v))
    }

    /// Every given name with its row.
    pub fn given_names(&self) -> impl Iterator<Item = (&str, &GivenName)> {
        self.given_names.rows().iter().map(|(k, v)| (&**k, v))
    }
}

/// Exact, then title case for a word in capitals (`PARIS` → `Paris`, `NEW YORK` → `New York`).
fn lookup<'a, T>(table: &'a Table<T>, name: &str) -> Option<&'a T> {
    table.get(name).or_else(|| {
        let has_lower = name.chars().any(char::is_lowercase);
        (!has_lower && name.chars().any(char::is_uppercase))
            .then(|| table.get(&title_case(name)))
            .flatten()
    })
}

/// Each word's first letter kept, the rest lowered.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// Letters only, lower case: the key surnames are matched on.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

fn num<N: std::str::FromStr>(field: &str, what: &str) -> Result<N, String> {
    field
        .parse()
        .map_err(|_| format!("{what} `{field}` is not a whole number in range"))
}

fn country(field: &str) -> Result<[u8; 2], String> {
    match field.as_bytes() {
        [] => Ok([b' ', b' ']),
        [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok([*a, *b]),
        _ => Err(format!("country `{field}` is not an ISO alpha-2 code")),
    }
}

fn non_empty(field: &str, what: &str) -> Result<String, String> {
    if field.trim().is_empty() {
        Err(format!("empty {what}"))
    } else {
        Ok(field.to_string())
    }
}

fn place_row(f: &[&str]) -> Result<(String, Place), String> {
    let kind_of = match f[1] {
        "GPE" => PlaceType::Gpe,
        "LOC" => PlaceType::Loc,
        t => return Err(format!("type `{t}` (known: GPE, LOC)")),
    };
    let kind = match f[2] {
        "country" => PlaceKind::Country,
        "continent" => PlaceKind::Continent,
        "former" => PlaceKind::Former,
        "state" => PlaceKind::State,
        "province" => PlaceKind::Province,
        "capital" => PlaceKind::Capital,
        "city" => PlaceKind::City,
        "county" => PlaceKind::County,
        k => return Err(format!("kind `{k}` (known: country, continent, former, state, province, capital, city, county)")),
    };
    let tier = match f[6] {
        "safe" => Tier::Safe,
        "small" => Tier::Small,
        "name" => Tier::Name,
        "word" => Tier::Word,
        t => return Err(format!("tier `{t}` (known: safe, small, name, word)")),
    };
    let place = Place {
        kind_of,
        kind,
        country: country(f[3])?,
        population: num(f[4], "population")?,
        marks: Marks::parse(f[5])?,
        tier,
    };
    Ok((non_empty(f[0], "name")?, place))
}

fn given_row(f: &[&str]) -> Result<(String, GivenName), String> {
    let gender = match f[1] {
        "f" => Gender::Female,
        "m" => Gender::Male,
        "u" => Gender::Unknown,
        g => return Err(format!("gender `{g}` (known: f, m, u)")),
    };
    let female_pct = match f[2] {
        "" => None,
        p => match num::<u8>(p, "female_pct")? {
            p @ 0..=100 => Some(p),
            p => return Err(format!("female_pct {p} is over 100")),
        },
    };
    let name = GivenName {
        gender,
        female_pct,
        us_female: num(f[3], "us_female")?,
        us_male: num(f[4], "us_male")?,
        namdict_top: num(f[5], "namdict_top")?,
        namdict_countries: num(f[6], "namdict_countries")?,
        marks: Marks::parse(f[7])?,
    };
    Ok((non_empty(f[0], "name")?, name))
}

fn surname_row(f: &[&str]) -> Result<(String, Surname), String> {
    let s = Surname {
        rank: num(f[1], "rank")?,
        marks: Marks::parse(f[2])?,
    };
    Ok((fold(&non_empty(f[0], "surname")?), s))
}

fn word_row(f: &[&str]) -> Result<(String, Word), String> {
    let w = Word {
        zipf10: num(f[1], "zipf10")?,
        lower_pct: num(f[2], "lower_pct")?,
    };
    Ok((non_empty(f[0], "word")?, w))
}

fn demonym_row(f: &[&str]) -> Result<(String, Demonym), String> {
    let d = Demonym {
        plural: non_empty(f[1], "plural")?,
        country: country(f[2])?,
    };
    Ok((non_empty(f[0], "demonym")?, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> World {
        World::load(&RuleSet::builtin(RULE_FILES.iter())).unwrap()
    }

    #[test]
    fn every_builtin_table_parses() {
        let w = builtin();
        for t in [
            w.places.parse().map(|m| m.len()),
            w.given_names.parse().map(|m| m.len()),
        ] {
            assert!(t.unwrap() > 10_000);
        }
        assert!(w.surnames.parse().unwrap().len() > 10_000);
        assert!(w.common_words.parse().unwrap().len() > 10_000);
        assert!(w.demonyms.parse().unwrap().len() > 100);
    }

    #[test]
    fn a_given_name_has_its_gender_counts_and_share() {
        let w = builtin();
        let mary = w.given_name("Mary").unwrap();
        assert_eq!(mary.gender, Gender::Female);
        assert!(mary.female_pct.unwrap() >= 95 && mary.us_female > 1_000_000);
        assert_eq!(w.given_name("MARY"), Some(mary));
        assert_eq!(w.given_name("Taylor").unwrap().gender, Gender::Unknown);
        assert_eq!(w.given_name("mary"), None);
    }

    #[test]
    fn places_surnames_words_and_demonyms_are_found() {
        let w = builtin();
        assert_eq!(w.place("NEW YORK").unwrap().kind_of, PlaceType::Gpe);
        assert_eq!(w.place("Reading").unwrap().tier, Tier::Word);
        assert_eq!(w.surname("MCDONALD"), w.surname("McDonald"));
        assert!(w.surname("O'Brien").is_some());
        assert!(w.common_word("however").is_some());
        assert_eq!(&w.demonym("Kenyan").unwrap().country, b"KE");
    }

    #[test]
    fn a_bad_user_table_names_file_and_line_when_the_rules_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("world")).unwrap();
        let bad =
            "# header\n# name\tplural\tcountry\nKenyan\tKenyans\tKE\nRuritanian\tRuritanians\n";
        std::fs::write(dir.path().join("world/demonyms.tsv"), bad).unwrap();
        let set = RuleSet::with_overrides(RULE_FILES.iter(), dir.path()).unwrap();
        let err = World::load(&set).err().unwrap().to_string();
        assert!(
            err.contains("demonyms.tsv") && err.contains("line 4"),
            "{err}"
        );
        let good = "# header\n# name\tplural\tcountry\nRuritanian\tRuritanians\tRU\n";
        std::fs::write(dir.path().join("world/demonyms.tsv"), good).unwrap();
        let set = RuleSet::with_overrides(RULE_FILES.iter(), dir.path()).unwrap();
        let w = World::load(&set).unwrap();
        assert!(w.demonym("Ruritanian").is_some() && w.demonym("Kenyan").is_none());
    }

    #[test]
    fn an_unknown_mark_or_gender_is_refused() {
        assert!(given_row(&["Ann", "x", "", "1", "0", "0", "0", ""]).is_err());
        assert!(given_row(&["Ann", "f", "", "1", "0", "0", "0", "q"]).is_err());
        assert!(given_row(&["Ann", "f", "101", "1", "0", "0", "0", ""]).is_err());
    }
}
