//! Speaker coreference: resolving each speaker phrase, in text order, to the fullest earlier
//! mention of the same person or organisation (surnames, he/she, `the ministry`, acronyms).

use super::super::morph::Morphology;
use super::super::quote::{GenderFrom, Speaker, SpeakerKind};
use super::phrase::{lower_word, Form, Np};
use crate::extract::entities::{Entities, EntityType};
use crate::lexicon::{FxMap, FxSet};
use crate::text::Span;

/// A person the article has named, with the titles it gave them.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    title: Option<String>,
    /// The distinct words of the titles the article gave them.
    title_words: Vec<String>,
    /// Known from a gendered title (`Mr`, `spokeswoman`) or a he/she, with what it rests on.
    gender: Option<(bool, GenderFrom)>,
    /// The entity the tagger found on one of their names.
    entity: Option<usize>,
}

impl Person {
    fn female(&self) -> Option<bool> {
        self.gender.map(|(f, _)| f)
    }

    /// Takes evidence of gender unless stronger evidence is already there.
    fn learn(&mut self, female: bool, from: GenderFrom) {
        if self.gender.is_none_or(|(_, had)| from < had) {
            self.gender = Some((female, from));
        }
    }
}

/// Lowercased words of a rule list.
pub type WordSet = FxSet<String>;

/// Gendered title words (`mr` → false, `spokeswoman` → true), from the rule files.
pub type Genders = FxMap<String, bool>;

/// The words coreference reads, from the rule files (lower-cased).
#[derive(Debug, Default)]
pub struct CorefWords {
    /// Gendered title words and pronouns.
    pub genders: Genders,
    /// Nouns a business goes by (`carmaker`, `bank`): `the company` refers back to one of them.
    pub company: WordSet,
    /// `Mr`, `Dr.`, `Sen.`: a title that says nothing of the person's role.
    pub honorifics: WordSet,
    /// `he`, `she`, `I`: the latest person (of that gender).
    pub person_pronouns: WordSet,
    /// `they`: the latest group.
    pub group_pronouns: WordSet,
    /// `it`: the latest organisation.
    pub organization_pronouns: WordSet,
    pub articles: Vec<String>,
    /// The rule set's table of people (lower-cased full names) and their gender.
    pub known_genders: Genders,
}

/// How many recent subjects a he/she may reach back to.
const RECENT: usize = 8;

/// Resolves speaker phrases in text order against what the article said before them.
pub struct Resolver<'r> {
    words: &'r CorefWords,
    morph: &'r Morphology,
    /// Organisations that spoke, with the words of their phrase: `the ministry` refers back to one.
    orgs: Vec<(String, Vec<String>)>,
    persons: Vec<Person>,
    by_last: FxMap<String, usize>,
    /// Recent sentence subjects and speakers, latest last: the antecedents for he/she.
    recent: Vec<usize>,
    /// Unnamed sources so far: (head noun, singular), description used as their name.
    anonymous: Vec<(String, String)>,
    /// The most recent group or organisation that spoke: the antecedent for they.
    group: Option<Speaker>,
    /// Acronyms the article spelled out: `WHO` → `World Health Organization`.
    aliases: FxMap<String, String>,
}

/// A name as a speaker row shows it: no surrounding commas or space, no possessive.
fn clean_name(s: &str, morph: &Morphology) -> String {
    let s = s.trim_matches(|c: char| c.is_whitespace() || c == ',');
    morph
        .strip_possessive(s)
        .trim_end_matches(['’', '\'', ','])
        .to_string()
}

/// `s` without a leading article, lower-case or capitalised (`the ministry` → `ministry`).
fn strip_article<'s>(s: &'s str, articles: &[String]) -> &'s str {
    for a in articles {
        let mut chars = a.chars();
        let capitalised: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars)
            .collect();
        for form in [a.as_str(), capitalised.as_str()] {
            if let Some(rest) = s.strip_prefix(form).and_then(|r| r.strip_prefix(' ')) {
                return rest;
            }
        }
    }
    s
}

impl<'r> Resolver<'r> {
    pub fn new(words: &'r CorefWords, morph: &'r Morphology) -> Self {
        Resolver {
            words,
            morph,
            orgs: Vec::new(),
            persons: Vec::new(),
            by_last: FxMap::default(),
            recent: Vec::new(),
            anonymous: Vec::new(),
            group: None,
            aliases: FxMap::default(),
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
            female.is_none() || self.persons[i].female().is_none_or(|f| Some(f) == female)
        })?;
        if let Some(f) = female {
            self.persons[i].learn(f, GenderFrom::Pronoun);
        }
        Some(i)
    }

    /// Records a person named with a title or as an entity; returns their index.
    pub fn register(&mut self, name: &str, title: Option<&str>) -> usize {
        let name = clean_name(name, self.morph);
        let last = name
            .split_whitespace()
            .last()
            .map(str::to_lowercase)
            .unwrap_or_default();
        let tw: Vec<String> = title
            .map(|t| {
                t.split_whitespace()
                    .map(|w| lower_word(w, self.morph))
                    .collect()
            })
            .unwrap_or_default();
        let gender = tw.iter().find_map(|w| {
            let from = if self.words.honorifics.contains(w) {
                GenderFrom::Honorific
            } else {
                GenderFrom::Title
            };
            self.words.genders.get(w).map(|&f| (f, from))
        });
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
                // Each word once: a person named often keeps a list the size of their titles.
                for w in tw {
                    if !p.title_words.contains(&w) {
                        p.title_words.push(w);
                    }
                }
                if let Some((f, from)) = gender {
                    p.learn(f, from);
                }
                return i;
            }
        }
        self.persons.push(Person {
            name,
            title: title.map(str::to_string),
            title_words: tw,
            gender,
            entity: None,
        });
        let i = self.persons.len() - 1;
        self.by_last.insert(last, i);
        i
    }

    fn find(&self, name: &str) -> Option<usize> {
        let name = clean_name(name, self.morph);
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
            kind: SpeakerKind::Named,
            title: p.title.clone(),
            person: Some(i),
            ..Speaker::none()
        })
    }

    /// A he/she opening a sentence: the latest person it can refer to is of that gender.
    pub fn pronoun(&mut self, female: bool) {
        self.antecedent(Some(female));
    }

    /// What the whole article says of person `i`: their fullest name, gender and entity.
    pub fn person(&self, i: usize) -> (&str, Option<(bool, GenderFrom)>, Option<usize>) {
        let p = &self.persons[i];
        (&p.name, p.gender, p.entity)
    }

    /// The genders the rule set's table knows, for a person the article gives none or another.
    pub fn known_gender(&self, name: &str) -> Option<bool> {
        self.words.known_genders.get(&name.to_lowercase()).copied()
    }

    fn named(&mut self, i: usize, mention: Span, title: Option<String>) -> Speaker {
        // A lone unknown word (`Quantcast`) may be a company: no antecedent for he/she/I.
        let p = &self.persons[i];
        if p.name.contains(' ') || p.title.is_some() || p.gender.is_some() {
            self.mention(i);
        }
        let p = &self.persons[i];
        Speaker {
            name: Some(p.name.clone()),
            mention: Some(mention),
            kind: SpeakerKind::Named,
            title: title.or_else(|| p.title.clone()),
            person: Some(i),
            ..Speaker::none()
        }
    }

    /// Resolves one speaker phrase. `entities` supplies canonical person names when it has them.
    pub fn resolve(&mut self, text: &str, np: &Np, entities: &Entities) -> Speaker {
        let title = np.title.map(|t| clean_name(t.of(text), self.morph));
        if let Some(long) = self
            .aliases
            .get(strip_article(np.span.of(text), &self.words.articles))
        {
            let s = organization(long.clone(), np.span);
            self.group = Some(s.clone());
            return s;
        }
        match np.form {
            Form::Pronoun => {
                let w = np.words[0].as_str();
                let words = self.words;
                if words.person_pronouns.contains(w) {
                    // In an interview's answers "I" is the interviewee, the person the text is about.
                    match self.antecedent(words.genders.get(w).copied()) {
                        Some(i) => self.named(i, np.span, None),
                        None => unresolved(np.span),
                    }
                } else if words.group_pronouns.contains(w) {
                    match &self.group {
                        Some(g) => Speaker {
                            mention: Some(np.span),
                            ..g.clone()
                        },
                        None => unresolved(np.span),
                    }
                } else if words.organization_pronouns.contains(w) {
                    // `“...,” it said in a statement`: the organisation that spoke last.
                    match self
                        .group
                        .as_ref()
                        .filter(|g| g.kind == SpeakerKind::Organization)
                    {
                        Some(g) => Speaker {
                            mention: Some(np.span),
                            ..g.clone()
                        },
                        None => unresolved(np.span),
                    }
                } else {
                    unresolved(np.span)
                }
            }
            Form::Name if np.group => {
                let s = Speaker {
                    name: Some(clean_name(np.name.unwrap_or(np.span).of(text), self.morph)),
                    mention: Some(np.span),
                    kind: SpeakerKind::Named,
                    title,
                    ..Speaker::none()
                };
                self.group = Some(s.clone());
                s
            }
            Form::Name => {
                let name_span = np.name.unwrap_or(np.span);
                // `Acme Motors said ... Acme said`: the short form of an organisation that spoke.
                let short = clean_name(name_span.of(text), self.morph).to_lowercase();
                if np.title.is_none() && !short.contains(' ') && self.find(&short).is_none() {
                    let org = self.orgs.iter().rev().find(|(name, _)| {
                        name.split_whitespace()
                            .next()
                            .is_some_and(|w| w.to_lowercase() == short)
                    });
                    if let Some((name, _)) = org {
                        let s = organization(name.clone(), np.span);
                        self.group = Some(s.clone());
                        return s;
                    }
                }
                let covering = entities
                    .over(np.name_tokens.clone())
                    .iter()
                    .find(|m| m.kind == EntityType::Person);
                let mine = clean_name(name_span.of(text), self.morph);
                let (name, etitle) = match covering {
                    Some(m) => (
                        canonical(
                            &mine,
                            &entities.entities[m.entity].name,
                            title.as_deref(),
                            self.morph,
                        ),
                        m.title.map(|t| t.of(text).to_string()),
                    ),
                    None => (mine, None),
                };
                let title = title.or(etitle);
                let i = match self.find(&name) {
                    Some(i) if name.split_whitespace().count() == 1 => i,
                    _ => self.register(&name, title.as_deref()),
                };
                if let Some(m) = covering {
                    self.persons[i].entity.get_or_insert(m.entity);
                }
                // `Mr Morland`: a bare honorific gives way to the role the article gave him.
                let honorific = title.as_deref().is_some_and(|t| {
                    t.split_whitespace()
                        .all(|w| self.words.honorifics.contains(&w.to_lowercase()))
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
                    [w] if np.definite && self.morph.singular(w) == w.as_str() => Some(w.as_str()),
                    _ => None,
                };
                let earlier = head.and_then(|h| {
                    let business = self.words.company.contains(h);
                    self.orgs.iter().rev().find(|(_, words)| {
                        words
                            .iter()
                            .any(|w| w == h || (business && self.words.company.contains(w)))
                    })
                });
                let tagged = || {
                    head.and_then(|h| {
                        earlier_org(entities, np.tokens.start, h, &self.words.company)
                    })
                };
                let name = match earlier.map(|(n, _)| n.clone()).or_else(tagged) {
                    Some(name) => name,
                    None => {
                        let name = clean_name(
                            strip_article(
                                np.name.unwrap_or(np.span).of(text),
                                &self.words.articles,
                            ),
                            self.morph,
                        );
                        if head.is_none() {
                            self.orgs.push((name.clone(), np.words.clone()));
                        }
                        name
                    }
                };
                let s = organization(name, np.span);
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
                        let t = title.or_else(|| {
                            Some(clean_name(
                                strip_article(np.span.of(text), &self.words.articles),
                                self.morph,
                            ))
                        });
                        return self.named(i, np.span, t);
                    }
                }
                let head = np
                    .words
                    .last()
                    .map(|w| self.morph.singular(w).to_string())
                    .unwrap_or_default();
                let plural = np
                    .words
                    .last()
                    .is_some_and(|w| self.morph.singular(w) != w.as_str());
                if np.definite && !plural {
                    if let Some((_, name)) = self.anonymous.iter().rev().find(|(h, _)| *h == head) {
                        return Speaker {
                            name: Some(name.clone()),
                            mention: Some(np.span),
                            kind: SpeakerKind::Anonymous,
                            title,
                            ..Speaker::none()
                        };
                    }
                }
                let name = clean_name(
                    strip_article(np.span.of(text), &self.words.articles),
                    self.morph,
                );
                self.anonymous.push((head, name.clone()));
                let s = Speaker {
                    name: Some(name),
                    mention: Some(np.span),
                    kind: SpeakerKind::Anonymous,
                    title,
                    ..Speaker::none()
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
pub fn canonical(mine: &str, tagged: &str, title: Option<&str>, morph: &Morphology) -> String {
    let tagged = clean_name(tagged, morph);
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

/// The latest organisation the tagger found before stream token `token` whose name has the word `head`
/// (`the ministry` → `Ministry of Health`), or any business noun when `head` is one
/// (`the company` → `Voltaic Cells Inc.`).
fn earlier_org(entities: &Entities, token: usize, head: &str, company: &WordSet) -> Option<String> {
    let business = company.contains(head);
    entities
        .before(token)
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
        mention: Some(span),
        kind: SpeakerKind::Unresolved,
        ..Speaker::none()
    }
}

/// An organisation that speaks: it speaks for itself.
fn organization(name: String, span: Span) -> Speaker {
    Speaker {
        org: Some(name.clone()),
        name: Some(name),
        mention: Some(span),
        kind: SpeakerKind::Organization,
        ..Speaker::none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quotes::morph::Endings;

    fn morph() -> Morphology {
        Morphology {
            possessive: Endings::new(&["’s".to_string(), "'s".to_string()]),
            ..Morphology::default()
        }
    }

    #[test]
    fn tagger_names_only_replace_ours_when_fuller() {
        let m = &morph();
        assert_eq!(
            canonical("Valaitis", "Giedre Valaitis’s", None, m),
            "Giedre Valaitis"
        );
        assert_eq!(canonical("Ada Moss", "Moss", None, m), "Ada Moss");
        assert_eq!(canonical("Ada Moss", "Ada Mossberg", None, m), "Ada Moss");
        assert_eq!(
            canonical(
                "Ada Moss",
                "Foreign Minister Ada Moss",
                Some("Foreign Minister"),
                m
            ),
            "Ada Moss"
        );
    }
}
