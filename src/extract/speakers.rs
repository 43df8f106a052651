//! Who is quoted: reading a speaker noun phrase (name, title, description, pronoun), resolving it to
//! the fullest earlier mention in the article, and one summary row per speaker.

use std::collections::HashMap;

use super::entities::{Entities, EntityType};
use super::quotes::tokens::{class, Tok};
use super::quotes::{Quote, Speaker, SpeakerKind};
use crate::text::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerSummary {
    pub name: String,
    pub kind: SpeakerKind,
    pub title: Option<String>,
    pub quotes: usize,
    /// Words inside the speaker's quotes.
    pub words: usize,
}

/// One row per distinct speaker, in order of first quote; quotes with no speaker are left out.
pub fn summarise(text: &str, quotes: &[Quote]) -> Vec<SpeakerSummary> {
    let mut out: Vec<SpeakerSummary> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for q in quotes {
        let Some(name) = &q.speaker.name else {
            continue;
        };
        let words = q.span.of(text).split_whitespace().count();
        match index.get(name.as_str()) {
            Some(&i) => {
                let s = &mut out[i];
                s.quotes += 1;
                s.words += words;
                if s.title.is_none() {
                    s.title.clone_from(&q.speaker.title);
                }
            }
            None => {
                index.insert(name, out.len());
                out.push(SpeakerSummary {
                    name: name.clone(),
                    kind: q.speaker.kind,
                    title: q.speaker.title.clone(),
                    quotes: 1,
                    words,
                });
            }
        }
    }
    out
}

/// What a speaker noun phrase is, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// he, she, they, I, we...
    Pronoun,
    /// A personal name, maybe with a title (`Croatia’s Foreign Minister Ana Lukić`).
    Name,
    /// A description of a person or group (`the official`, `six European officials`).
    Description,
    /// An organisation, a publication or a document (`the Trump administration`, `The report`).
    Organization,
}

/// A speaker noun phrase read from the tokens around a cue.
#[derive(Debug, Clone, PartialEq)]
pub struct Np {
    pub span: Span,
    pub form: Form,
    /// The personal name inside the phrase, for `Form::Name`.
    pub name: Option<Span>,
    /// A title before the name, or an appositive after it.
    pub title: Option<Span>,
    /// Lowercased words of the phrase without determiners, for matching descriptions to titles.
    pub words: Vec<String>,
    /// Starts with `the`, `this` or `that`: refers back to someone already introduced.
    pub definite: bool,
    /// A title word or a possessive stands before the name: evidence of a person.
    pub titled: bool,
    /// Several people named together (`Ana Ruiz and Li Wei`).
    pub group: bool,
}

fn lower_word(t: &str) -> String {
    let t = t
        .strip_suffix("’s")
        .or_else(|| t.strip_suffix("'s"))
        .unwrap_or(t);
    t.trim_end_matches(['’', '\'']).to_lowercase()
}

fn is_name_token(t: &Tok, text: &str) -> bool {
    if !t.is_word() || t.is(class::TITLE) || t.is(class::STOP) || t.is(class::DET) {
        return false;
    }
    if t.cap {
        return true;
    }
    // al-Amr, bin Salman, van der Berg
    let w = t.span.of(text);
    t.is(class::PARTICLE)
        || w.split_once('-')
            .is_some_and(|(_, r)| r.chars().next().is_some_and(char::is_uppercase))
}

/// Reads the noun phrase `toks` (and an optional appositive after it) into an `Np`.
pub fn analyse(text: &str, toks: &[Tok], appositive: Option<&[Tok]>) -> Option<Np> {
    let first = toks.first()?;
    let last = toks.last()?;
    let span = Span::new(first.span.start, last.span.end);
    if toks.len() == 1 && first.is(class::PRONOUN) {
        return Some(Np {
            span,
            form: Form::Pronoun,
            name: None,
            title: None,
            words: vec![first.span.of(text).to_lowercase()],
            definite: false,
            titled: false,
            group: false,
        });
    }
    let mut s = 0;
    let mut definite = false;
    // Leading determiners, and a capitalised conjunction opening the sentence (`And`, `But`).
    while s < toks.len()
        && (toks[s].is(class::DET) || (toks[s].cap && toks[s].is(class::LINK | class::STOP)))
    {
        let w = toks[s].span.of(text).to_lowercase();
        definite |= matches!(w.as_str(), "the" | "this" | "that");
        s += 1;
    }
    // "one of the officials": keep the whole phrase; the determiners only mark definiteness.
    let body = &toks[s.min(toks.len())..];
    let words: Vec<String> = body
        .iter()
        .filter(|t| t.is_word() && !t.is(class::DET) && !t.is(class::LINK))
        .map(|t| lower_word(t.span.of(text)))
        .collect();
    if body.is_empty() {
        return None;
    }
    // A name followed by an affiliation (`Lydia Buchtmann for Food Standards`): the name ends at the link.
    let mut core = body;
    let mut affiliation: Option<Span> = None;
    let affiliation_link =
        |t: &Tok| t.is(class::LINK) && matches!(t.span.of(text), "for" | "of" | "at" | "from");
    if let Some(k) = body.iter().position(affiliation_link) {
        let left = &body[..k];
        if k > 0
            && is_name_token(&left[k - 1], text)
            && !left[k - 1].is(class::ORG)
            && left.iter().all(|t| t.cap || t.is(class::PARTICLE))
        {
            // Titles may precede the name (`Sen. John Thune of South Dakota`), nothing else.
            let plain = left
                .iter()
                .all(|t| is_name_token(t, text) || t.is(class::TITLE));
            if plain && k + 1 < body.len() {
                core = left;
                affiliation = Some(Span::new(body[k].span.start, last.span.end));
            }
        }
    }
    // `a planning document seen by reporters`: the participle phrase qualifies the head before it.
    if let Some(b) = core.iter().position(|t| t.span.of(text) == "by") {
        if b >= 2 && is_participle(&core[b - 1], text) {
            core = &core[..b - 1];
        }
    }
    // `Analysts at Goldman Sachs`, `officials in the ministry`: people, named by where they work.
    if let Some(k) = core
        .iter()
        .position(|t| t.is_word() && matches!(t.span.of(text), "in" | "at" | "from"))
    {
        if k > 0 && core[k - 1].is(class::PERSON) && !core[k - 1].is(class::ORG) {
            core = &core[..k];
        }
    }
    let head = core.last()?;
    // `Critics said`: a capitalised common noun opening a sentence is no name.
    let lone_noun = core.len() == 1 && head.is(class::PERSON | class::ORG);
    let appos_title = appositive.and_then(|a| appositive_title(text, a));
    // `The Chief of Police`, `the Secretary of State`: an office, held by a person.
    let office = core.len() >= 3
        && core[0].cap
        && core[0].is(class::TITLE | class::PERSON)
        && !core[0].is(class::ORG)
        && core[1].span.of(text) == "of"
        && core.iter().all(|t| t.cap || t.is(class::LINK));
    if is_name_token(head, text) && !lone_noun && !office {
        let mut n = core.len() - 1;
        while n > 0 && is_name_token(&core[n - 1], text) {
            n -= 1;
        }
        // A person's name never holds `Organization` or `Ministry`; a title before a name may.
        let org_name = core[n..].iter().any(|t| t.is(class::ORG));
        let org = core.iter().any(|t| t.is(class::ORG));
        let titled = core[..n].iter().any(|t| t.is(class::TITLE) || t.poss);
        // `Acme Motors, the French carmaker, said`: an appositive headed by an organisation noun.
        let appos_org = appositive.is_some_and(|a| {
            let end = a
                .iter()
                .position(|t| !t.is_word() || t.is(class::STOP | class::LINK))
                .unwrap_or(a.len());
            a[..end]
                .last()
                .is_some_and(|t| t.is(class::ORG) && !t.is(class::PERSON) && !t.cap)
        });
        if org_name || (org && !titled) || (appos_org && !titled) {
            // `Bavarian carmaker Acme Motors`: a lowercase descriptor before the name is no part of it.
            let descriptor = n > 0 && !core[n - 1].cap && core[n - 1].is(class::ORG);
            let from = if descriptor {
                core[n].span.start
            } else {
                body[0].span.start
            };
            // The appositive's words say what kind of organisation it is, for `the company` later.
            let mut words = words;
            if let Some(a) = appositive.filter(|_| appos_org) {
                words.extend(
                    a.iter()
                        .filter(|t| t.is_word())
                        .map(|t| lower_word(t.span.of(text))),
                );
            }
            return Some(Np {
                span,
                form: Form::Organization,
                name: Some(Span::new(from, core[core.len() - 1].span.end)),
                title: None,
                words,
                definite,
                titled: false,
                group: false,
            });
        }
        // `Ana Ruiz and Li Wei`: names joined by `and` speak together.
        let joined = core[..n]
            .iter()
            .rposition(|t| t.is(class::LINK) && matches!(t.span.of(text), "and" | "&"));
        let group = joined.is_some_and(|j| j > 0 && is_name_token(&core[j - 1], text));
        let n = if group {
            core[..joined.unwrap_or(0)]
                .iter()
                .rposition(|t| !is_name_token(t, text))
                .map_or(0, |k| k + 1)
        } else {
            n
        };
        let name_toks = &core[n..];
        let name = Span::new(
            name_toks[0].span.start,
            name_toks[name_toks.len() - 1].span.end,
        );
        let title = if n > 0 {
            Some(Span::new(core[0].span.start, core[n - 1].span.end))
        } else {
            affiliation.or(appos_title)
        };
        return Some(Np {
            span,
            form: Form::Name,
            name: Some(name),
            title,
            words,
            definite,
            titled,
            group,
        });
    }
    // `the company’s spokesman, Tom Jones, said`: the appositive is the name, the phrase its title.
    let name_like = |a: &&[Tok]| {
        a.last().is_some_and(|t| is_name_token(t, text))
            && a.iter().all(|t| t.cap || t.is(class::PARTICLE))
    };
    if let Some(a) = appositive.filter(name_like) {
        let inner = analyse(text, a, None).filter(|n| n.form == Form::Name && !n.group);
        if let (false, Some(inner)) = (is_name_token(head, text), inner) {
            return Some(Np {
                span: Span::new(span.start, inner.span.end),
                title: Some(Span::new(body[0].span.start, last.span.end)),
                titled: true,
                words,
                definite,
                ..inner
            });
        }
    }
    // `spokesman for the ministry`: the head noun stands before the `for`/`of` phrase.
    // (`A Department of Health spokesperson`: a capitalised name before `of` is a modifier.)
    let link = core
        .iter()
        .position(affiliation_link)
        .filter(|&k| k > 0 && !core[k - 1].cap)
        // `Officials in her department`: a group of people and where they belong.
        .or_else(|| {
            core.iter()
                .position(|t| t.is_word() && matches!(t.span.of(text), "in" | "at" | "from"))
                .filter(|&k| k > 0 && core[k - 1].is(class::PERSON) && !core[k - 1].is(class::ORG))
        });
    let head = link.map_or(head, |k| &core[k - 1]);
    // `The Department of Transport`: a capitalised institution's name; `the Chief of Police` and
    // `the Secretary of State` are people.
    let x_of_y = core.len() >= 3
        && link.is_none()
        && core[0].cap
        && core[1].span.of(text) == "of"
        && core.iter().all(|t| t.cap || t.is(class::LINK));
    let institution = x_of_y && core[0].is(class::ORG) && !core[0].is(class::TITLE);
    let org = ((head.is(class::ORG) && !head.is(class::PERSON)) || institution) && !office;
    let words = match link {
        _ if lone_noun => vec![lower_word(head.span.of(text))],
        // Matching and back-reference use the head phrase, not what it is `of`.
        Some(k) => core[..k]
            .iter()
            .filter(|t| t.is_word() && !t.is(class::DET))
            .map(|t| lower_word(t.span.of(text)))
            .collect(),
        // The head phrase without a participle or `in`/`at` phrase cut off after it.
        None => core
            .iter()
            .filter(|t| t.is_word() && !t.is(class::DET) && !t.is(class::LINK))
            .map(|t| lower_word(t.span.of(text)))
            .collect(),
    };
    Some(Np {
        span,
        form: if org {
            Form::Organization
        } else {
            Form::Description
        },
        name: None,
        title: appos_title,
        words,
        definite,
        titled: false,
        group: false,
    })
}

/// A lowercase past participle (`seen`, `obtained`, `reviewed`).
fn is_participle(t: &Tok, text: &str) -> bool {
    let w = t.span.of(text);
    t.is_word() && !t.cap && (w.ends_with("ed") || w.ends_with("en"))
}

/// The title an appositive gives (`, a Ukrainian parliamentarian who chairs ...`), cut before a clause.
fn appositive_title(text: &str, toks: &[Tok]) -> Option<Span> {
    let first = toks.first()?;
    if !(first.is(class::DET) || first.cap || first.is(class::TITLE)) {
        return None;
    }
    let end = toks
        .iter()
        .position(|t| !t.is_word() || (t.is(class::STOP) && !t.is(class::DET)))
        .unwrap_or(toks.len());
    if end == 0 {
        return None;
    }
    let _ = text;
    Some(Span::new(first.span.start, toks[end - 1].span.end))
}

/// A person the article has named, with the titles it gave them.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    title: Option<String>,
    title_words: Vec<String>,
    /// Known from a gendered title (`Mr`, `spokeswoman`) or an earlier he/she.
    female: Option<bool>,
}

/// Lowercased words of a rule list.
pub type WordSet = std::collections::HashSet<String>;

/// Gendered title words (`mr` → false, `spokeswoman` → true), from the rule files.
pub type Genders = HashMap<String, bool>;

/// How many recent subjects a he/she may reach back to.
const RECENT: usize = 8;

/// Resolves speaker phrases in text order against what the article said before them.
pub struct Resolver<'r> {
    genders: &'r Genders,
    company: &'r WordSet,
    /// Organisations that spoke, with the words of their phrase: `the ministry` refers back to one.
    orgs: Vec<(String, Vec<String>)>,
    persons: Vec<Person>,
    by_last: HashMap<String, usize>,
    /// Recent sentence subjects and speakers, latest last: the antecedents for he/she.
    recent: Vec<usize>,
    /// Unnamed sources so far: (head noun, singular), description used as their name.
    anonymous: Vec<(String, String)>,
    /// The most recent group or organisation that spoke: the antecedent for they.
    group: Option<Speaker>,
    /// Acronyms the article spelled out: `WHO` → `World Health Organization`.
    aliases: HashMap<String, String>,
}

fn singular(w: &str) -> &str {
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

fn clean_name(s: &str) -> String {
    let s = s.trim_matches(|c: char| c.is_whitespace() || c == ',');
    let s = s
        .strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s);
    s.trim_end_matches(['’', '\'', ',']).to_string()
}

fn strip_article(s: &str) -> &str {
    for a in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(r) = s.strip_prefix(a) {
            return r;
        }
    }
    s
}

impl<'r> Resolver<'r> {
    pub fn new(genders: &'r Genders, company: &'r WordSet) -> Self {
        Resolver {
            genders,
            company,
            orgs: Vec::new(),
            persons: Vec::new(),
            by_last: HashMap::new(),
            recent: Vec::new(),
            anonymous: Vec::new(),
            group: None,
            aliases: HashMap::new(),
        }
    }

    pub fn alias(&mut self, short: String, long: String) {
        self.aliases.insert(short, long);
    }

    fn mention(&mut self, i: usize) {
        self.recent.retain(|&r| r != i);
        if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push(i);
    }

    /// The latest subject a he/she can refer to; the pronoun then fixes their gender.
    fn antecedent(&mut self, female: Option<bool>) -> Option<usize> {
        let &i = self.recent.iter().rev().find(|&&i| {
            female.is_none() || self.persons[i].female.is_none_or(|f| Some(f) == female)
        })?;
        if female.is_some() {
            self.persons[i].female = female;
        }
        Some(i)
    }

    /// Records a person named with a title or as an entity; returns their index.
    pub fn register(&mut self, name: &str, title: Option<&str>) -> usize {
        let name = clean_name(name);
        let last = name
            .split_whitespace()
            .last()
            .map(str::to_lowercase)
            .unwrap_or_default();
        let tw: Vec<String> = title
            .map(|t| t.split_whitespace().map(lower_word).collect())
            .unwrap_or_default();
        let female = tw.iter().find_map(|w| self.genders.get(w).copied());
        if let Some(&i) = self.by_last.get(&last) {
            let p = &mut self.persons[i];
            let old_words = p.name.split_whitespace().count();
            let new_words = name.split_whitespace().count();
            let same = old_words == 1
                || new_words == 1
                || p.name.split_whitespace().next() == name.split_whitespace().next();
            if same {
                if new_words > old_words {
                    p.name = name;
                }
                if p.title.is_none() {
                    p.title = title.map(str::to_string);
                }
                p.title_words.extend(tw);
                p.female = p.female.or(female);
                return i;
            }
        }
        self.persons.push(Person {
            name,
            title: title.map(str::to_string),
            title_words: tw,
            female,
        });
        let i = self.persons.len() - 1;
        self.by_last.insert(last, i);
        i
    }

    fn find(&self, name: &str) -> Option<usize> {
        let name = clean_name(name);
        let last = name.split_whitespace().last()?.to_lowercase();
        let &i = self.by_last.get(&last)?;
        let p = &self.persons[i];
        let first_new = name.split_whitespace().next();
        let compatible = name.split_whitespace().count() == 1
            || p.name.split_whitespace().count() == 1
            || p.name.split_whitespace().next() == first_new;
        compatible.then_some(i)
    }

    /// A sentence that starts with a known person's name makes them the antecedent for he/she.
    /// Returns that person as a speaker with no mention, for a quote nobody introduces.
    pub fn subject(
        &mut self,
        name: &str,
        title: Option<&str>,
        new_person: bool,
    ) -> Option<Speaker> {
        let i = match self.find(name) {
            Some(i) => i,
            None if new_person => self.register(name, title),
            None => return None,
        };
        self.mention(i);
        let p = &self.persons[i];
        Some(Speaker {
            name: Some(p.name.clone()),
            mention: None,
            kind: SpeakerKind::Named,
            title: p.title.clone(),
        })
    }

    fn named(&mut self, i: usize, mention: Span, title: Option<String>) -> Speaker {
        // A lone unknown word (`Quantcast`) may be a company: no antecedent for he/she/I.
        let p = &self.persons[i];
        if p.name.contains(' ') || p.title.is_some() || p.female.is_some() {
            self.mention(i);
        }
        let p = &self.persons[i];
        Speaker {
            name: Some(p.name.clone()),
            mention: Some(mention),
            kind: SpeakerKind::Named,
            title: title.or_else(|| p.title.clone()),
        }
    }

    /// Resolves one speaker phrase. `entities` supplies canonical person names when it has them.
    pub fn resolve(&mut self, text: &str, np: &Np, entities: &Entities) -> Speaker {
        let title = np.title.map(|t| clean_name(t.of(text)));
        if let Some(long) = self.aliases.get(strip_article(np.span.of(text))) {
            let s = Speaker {
                name: Some(long.clone()),
                mention: Some(np.span),
                kind: SpeakerKind::Organization,
                title: None,
            };
            self.group = Some(s.clone());
            return s;
        }
        match np.form {
            Form::Pronoun => {
                let w = np.words[0].as_str();
                match w {
                    // In an interview's answers "I" is the interviewee, the person the text is about.
                    "he" | "she" | "i" => match self.antecedent(match w {
                        "he" => Some(false),
                        "she" => Some(true),
                        _ => None,
                    }) {
                        Some(i) => self.named(i, np.span, None),
                        None => unresolved(np.span),
                    },
                    "they" => match &self.group {
                        Some(g) => Speaker {
                            mention: Some(np.span),
                            ..g.clone()
                        },
                        None => unresolved(np.span),
                    },
                    // `“...,” it said in a statement`: the organisation that spoke last.
                    "it" => match self
                        .group
                        .as_ref()
                        .filter(|g| g.kind == SpeakerKind::Organization)
                    {
                        Some(g) => Speaker {
                            mention: Some(np.span),
                            ..g.clone()
                        },
                        None => unresolved(np.span),
                    },
                    _ => unresolved(np.span),
                }
            }
            Form::Name if np.group => {
                let s = Speaker {
                    name: Some(clean_name(np.name.unwrap_or(np.span).of(text))),
                    mention: Some(np.span),
                    kind: SpeakerKind::Named,
                    title,
                };
                self.group = Some(s.clone());
                s
            }
            Form::Name => {
                let name_span = np.name.unwrap_or(np.span);
                // `Acme Motors said ... Acme said`: the short form of an organisation that spoke.
                let short = clean_name(name_span.of(text)).to_lowercase();
                if np.title.is_none() && !short.contains(' ') && self.find(&short).is_none() {
                    let org = self.orgs.iter().rev().find(|(name, _)| {
                        name.split_whitespace()
                            .next()
                            .is_some_and(|w| w.to_lowercase() == short)
                    });
                    if let Some((name, _)) = org {
                        let s = Speaker {
                            name: Some(name.clone()),
                            mention: Some(np.span),
                            kind: SpeakerKind::Organization,
                            title: None,
                        };
                        self.group = Some(s.clone());
                        return s;
                    }
                }
                let covering = entities
                    .mentions
                    .iter()
                    .find(|m| m.kind == EntityType::Person && m.span.overlaps(name_span));
                let mine = clean_name(name_span.of(text));
                let (name, etitle) = match covering {
                    Some(m) => (
                        canonical(&mine, &entities.entities[m.entity].name, title.as_deref()),
                        m.title.map(|t| t.of(text).to_string()),
                    ),
                    None => (mine, None),
                };
                let title = title.or(etitle);
                let i = match self.find(&name) {
                    Some(i) if name.split_whitespace().count() == 1 => i,
                    _ => self.register(&name, title.as_deref()),
                };
                // `Mr Morland`: a bare honorific gives way to the role the article gave him.
                let honorific = title.as_deref().is_some_and(|t| {
                    t.split_whitespace().all(|w| {
                        matches!(
                            w.to_lowercase().as_str(),
                            "mr" | "mr." | "ms" | "ms." | "mrs" | "mrs." | "miss" | "dr" | "dr."
                        )
                    })
                });
                let title = match (&self.persons[i].title, honorific) {
                    (Some(known), true) => Some(known.clone()),
                    _ => title,
                };
                self.named(i, np.span, title)
            }
            Form::Organization => {
                // `The ministry said`: the organisation of that kind that spoke before.
                let head = match np.words.as_slice() {
                    [w] if np.definite && singular(w) == w.as_str() => Some(w.as_str()),
                    _ => None,
                };
                let earlier = head.and_then(|h| {
                    let business = self.company.contains(h);
                    self.orgs.iter().rev().find(|(_, words)| {
                        words
                            .iter()
                            .any(|w| w == h || (business && self.company.contains(w)))
                    })
                });
                let tagged =
                    || head.and_then(|h| earlier_org(entities, np.span.start, h, self.company));
                let name = match earlier.map(|(n, _)| n.clone()).or_else(tagged) {
                    Some(name) => name,
                    None => {
                        let name = clean_name(strip_article(np.name.unwrap_or(np.span).of(text)));
                        if head.is_none() {
                            self.orgs.push((name.clone(), np.words.clone()));
                        }
                        name
                    }
                };
                let s = Speaker {
                    name: Some(name),
                    mention: Some(np.span),
                    kind: SpeakerKind::Organization,
                    title: None,
                };
                self.group = Some(s.clone());
                s
            }
            Form::Description => {
                // "the Ukrainian president": the person an earlier title described that way.
                let content: Vec<&str> = np.words.iter().map(String::as_str).collect();
                if !content.is_empty() && content.len() <= 4 {
                    let hit = self.persons.iter().rposition(|p| {
                        content.iter().all(|w| p.title_words.iter().any(|t| t == w))
                    });
                    if let Some(i) = hit {
                        let t = title.or_else(|| Some(clean_name(strip_article(np.span.of(text)))));
                        return self.named(i, np.span, t);
                    }
                }
                let head = np
                    .words
                    .last()
                    .map(|w| singular(w).to_string())
                    .unwrap_or_default();
                let plural = np.words.last().is_some_and(|w| singular(w) != w.as_str());
                if np.definite && !plural {
                    if let Some((_, name)) = self.anonymous.iter().rev().find(|(h, _)| *h == head) {
                        return Speaker {
                            name: Some(name.clone()),
                            mention: Some(np.span),
                            kind: SpeakerKind::Anonymous,
                            title,
                        };
                    }
                }
                let name = clean_name(strip_article(np.span.of(text)));
                self.anonymous.push((head, name.clone()));
                let s = Speaker {
                    name: Some(name),
                    mention: Some(np.span),
                    kind: SpeakerKind::Anonymous,
                    title,
                };
                if plural {
                    self.group = Some(s.clone());
                }
                s
            }
        }
    }
}

/// The entity tagger's name for a person when it is the same person, written more fully: it must
/// end with our name's last word; a title it carries in front (`Foreign Minister X`) is dropped.
pub fn canonical(mine: &str, tagged: &str, title: Option<&str>) -> String {
    let tagged = clean_name(tagged);
    let tagged = title
        .and_then(|t| tagged.strip_prefix(t))
        .map_or(tagged.as_str(), str::trim_start);
    let last = |s: &str| s.split_whitespace().last().map(str::to_lowercase);
    let longer = tagged.split_whitespace().count() > mine.split_whitespace().count();
    if longer && last(tagged) == last(mine) && tagged.split_whitespace().count() <= 4 {
        tagged.to_string()
    } else {
        mine.to_string()
    }
}

/// How many entity mentions back `the ministry` looks for the organisation it names.
const ORG_REACH: usize = 40;

/// The latest organisation the tagger found before `pos` whose name has the word `head`
/// (`the ministry` → `Ministry of Health`), or any business noun when `head` is one
/// (`the company` → `Voltaic Cells Inc.`).
fn earlier_org(entities: &Entities, pos: usize, head: &str, company: &WordSet) -> Option<String> {
    let business = company.contains(head);
    let before = entities.mentions.partition_point(|m| m.span.end <= pos);
    entities.mentions[..before]
        .iter()
        .rev()
        .take(ORG_REACH)
        .filter(|m| m.kind == EntityType::Org)
        .map(|m| &entities.entities[m.entity].name)
        .find(|name| {
            name.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                w == head
                    || (business
                        && (company.contains(&w) || company.contains(w.trim_end_matches('.'))))
            })
        })
        .cloned()
}

fn unresolved(span: Span) -> Speaker {
    Speaker {
        name: None,
        mention: Some(span),
        kind: SpeakerKind::Unresolved,
        title: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagger_names_only_replace_ours_when_fuller() {
        assert_eq!(
            canonical("Valaitis", "Giedre Valaitis", None),
            "Giedre Valaitis"
        );
        assert_eq!(canonical("Ada Moss", "Moss", None), "Ada Moss");
        assert_eq!(canonical("Ada Moss", "Ada Mossberg", None), "Ada Moss");
        assert_eq!(
            canonical(
                "Ada Moss",
                "Foreign Minister Ada Moss",
                Some("Foreign Minister")
            ),
            "Ada Moss"
        );
    }

    #[test]
    fn summary_rows_per_speaker() {
        use crate::extract::quotes::QuoteKind;
        let text = "one two three four";
        let q = |s, e, name: &str| Quote {
            span: Span::new(s, e),
            kind: QuoteKind::Direct,
            sentence: 0,
            cue: None,
            speaker: Speaker {
                name: Some(name.to_string()),
                mention: None,
                kind: SpeakerKind::Named,
                title: None,
            },
            rule: "test",
        };
        let rows = summarise(text, &[q(0, 7, "A"), q(8, 18, "B"), q(0, 3, "A")]);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].quotes, rows[0].words), (2, 3));
        assert_eq!((rows[1].quotes, rows[1].words), (1, 2));
    }
}
