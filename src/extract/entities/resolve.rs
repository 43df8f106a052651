//! The tagger: words → capitalised runs → pieces (typed, person, unknown) → entities.

use aho_corasick::{Anchored, Input};

use super::lexicon::{phrase, word, EntityRules};
use super::words::{flag, words, Token};
use super::{Entities, Entity, EntityType, Mention};
use crate::extract::tokens::Tokens;
use crate::lexicon::{FxMap, FxSet};
use crate::read::layout::Layout;
use crate::text::Span;

/// How a paragraph's capitals can be read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ParaKind {
    Prose,
    /// A headline or heading in title case: capitals there say nothing about names.
    TitleCase,
    /// A byline or contributor line: unknown names there are people.
    Credit,
    /// A paragraph in capitals: only listed names are found, from the names in capitals.
    Shouting,
}

impl ParaKind {
    /// Capitals in a heading say nothing about names.
    fn is_heading(self) -> bool {
        matches!(self, ParaKind::TitleCase | ParaKind::Shouting)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Reading {
    Known(EntityType),
    /// A name read as a person's from a title, a given name or the gazetteer.
    Person,
    Unknown,
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Token range `[first, end)`.
    first: usize,
    end: usize,
    span: Span,
    reading: Reading,
    title: Option<Span>,
    /// An unknown run with a place name inside (`Environment Canada`).
    mixed: bool,
    /// An unknown run right after a capital `The` inside a sentence (`The Onion`).
    after_the: bool,
    /// A lone organisation word after `the` (`the Church`).
    lone_head: bool,
    /// Which rule read it, for users auditing the output.
    rule: &'static str,
}

/// No gazetteer name starts at this token.
const NO_GAZ: u32 = u32::MAX;

struct Tagger<'a> {
    text: &'a str,
    stream: &'a Tokens,
    rules: &'a EntityRules,
    toks: Vec<Token>,
    /// Per token: what the word lists say.
    words: Vec<u32>,
    /// Per token: end token of a gazetteer name starting here (`NO_GAZ` when none), and its type.
    gaz_end: Vec<u32>,
    gaz_type: Vec<EntityType>,
    /// Gazetteer names inside hyphenated words (`Russia-Ukraine`), by token.
    parts: Vec<(usize, Span, EntityType)>,
    para_kind: Vec<ParaKind>,
    pieces: Vec<Piece>,
    /// Words written in lower case somewhere in the article: `Tax` in `Tax System` is a word.
    lower_words: FxSet<&'a str>,
}

pub fn tag(text: &str, layout: &Layout, tokens: &Tokens, rules: &EntityRules) -> Entities {
    let mut t = Tagger {
        text,
        stream: tokens,
        rules,
        toks: words(tokens),
        words: Vec::new(),
        gaz_end: Vec::new(),
        gaz_type: Vec::new(),
        parts: Vec::new(),
        para_kind: Vec::new(),
        pieces: Vec::new(),
        lower_words: FxSet::default(),
    };
    t.read(layout, tokens);
    t.cut_runs(layout);
    t.resolve()
}

impl<'a> Tagger<'a> {
    fn read(&mut self, layout: &Layout, tokens: &Tokens) {
        let text = self.text;
        let mut para_ranges = Vec::new();
        for p in &tokens.paragraphs {
            let (para, first, end) = (p.span, p.tokens.start, p.tokens.end);
            para_ranges.push((para, first, end));
            let kind = if layout.credit_lines.contains(&para) {
                ParaKind::Credit
            } else if shouting(&self.toks[first..end]) {
                ParaKind::Shouting
            } else if !para.of(text).ends_with(['.', '!', '?', '"', '”', ':', ';'])
                && title_case(&self.toks[first..end])
            {
                ParaKind::TitleCase
            } else {
                ParaKind::Prose
            };
            self.para_kind.push(kind);
        }
        // What the lists say, for capitalised words and the two words around them: words far
        // from any capital never matter, and skipping them keeps the stage fast.
        let toks = &self.toks;
        let capital = |j: usize| {
            toks.get(j)
                .is_some_and(|t| t.flags & (flag::CAP | flag::DIGIT) != 0)
        };
        self.words = (0..toks.len())
            .map(|i| {
                if capital(i) || capital(i + 1) || capital(i + 2) || (i > 0 && capital(i - 1)) {
                    self.rules.word(toks[i].span.of(text))
                } else {
                    0
                }
            })
            .collect();
        self.lower_words.reserve(toks.len() / 2);
        for t in toks {
            if t.has(flag::LOWER) {
                self.lower_words.insert(t.span.of(text));
            }
        }
        self.gaz_end = vec![NO_GAZ; self.toks.len()];
        self.gaz_type = vec![EntityType::Gpe; self.toks.len()];
        for (para, first, end) in para_ranges {
            let upper = first < end && self.para_kind(first) == ParaKind::Shouting;
            self.match_gazetteer(para, first, end, upper);
        }
    }

    /// Gazetteer names starting at each word (and after each hyphen inside one): one anchored
    /// Aho-Corasick probe per word that can start a name, so the cost stays linear.
    fn match_gazetteer(&mut self, para: Span, first: usize, end: usize, upper: bool) {
        // a paragraph in capitals is matched against the names in capitals (`JAPAN`)
        let (automaton, starts_name) = if upper {
            (&self.rules.gazetteer_upper, &self.rules.starts_name_upper)
        } else {
            (&self.rules.gazetteer, &self.rules.starts_name)
        };
        let text = self.text;
        let bytes = text.as_bytes();
        let hay = &text[..para.end];
        let mut k = first;
        while k < end {
            let tok = self.toks[k];
            let mut next = k + 1;
            let mut s = tok.span.start;
            // lower-case words are probed only when a listed name could start there
            let probe_word = !tok.has(flag::LOWER)
                || tok.flags & (flag::HYPHEN | flag::INNER_CAP) != 0
                || self.words[k] & word::GAZ_LOWER_START != 0;
            loop {
                if (probe_word || s > tok.span.start) && starts_name[bytes[s] as usize] {
                    let input = Input::new(hay).range(s..para.end).anchored(Anchored::Yes);
                    let found = automaton.find(input.clone()).or_else(|| {
                        // `BRUSSELS 1996-08-22`: a word in capitals inside prose
                        (!upper && tok.has(flag::ALL_CAPS) && tok.span.len() >= 4)
                            .then(|| self.rules.gazetteer_upper.find(input))
                            .flatten()
                    });
                    if let Some(m) = found {
                        let kind = self.rules.gazetteer_types[m.pattern().as_usize()];
                        if let Some(last) = self.record_match(k, end, s, m.end(), kind) {
                            next = next.max(last + 1);
                        }
                    }
                }
                if !tok.has(flag::HYPHEN) {
                    break;
                }
                // the next piece of a hyphenated word (`Russia-Ukraine`)
                match text[s..tok.span.end].find('-') {
                    Some(h) if s + h + 1 < tok.span.end => s += h + 1,
                    _ => break,
                }
            }
            k = next;
        }
    }

    /// Keeps a gazetteer match `[s, e)` found in word `k` when it lines up with words; returns the
    /// last word of a whole-word match.
    fn record_match(
        &mut self,
        k: usize,
        end: usize,
        s: usize,
        e: usize,
        kind: EntityType,
    ) -> Option<usize> {
        let text = self.text;
        let bytes = text.as_bytes();
        let tok = self.toks[k];
        let aligned_start = tok.span.start == s;
        let mut last = k;
        while last < end && self.toks[last].span.end < e {
            let t = self.toks[last];
            if t.has(flag::POSSESSIVE) && matches!(&text[t.span.end..e], "'s" | "’s") {
                break;
            }
            last += 1;
        }
        if last >= end {
            return None;
        }
        let lt = self.toks[last];
        // names written with a possessive (`Moody's`): the word's span left the `'s` out
        let possessive_name = lt.has(flag::POSSESSIVE)
            && e > lt.span.end
            && matches!(&text[lt.span.end..e], "'s" | "’s");
        if aligned_start && (lt.span.end == e || possessive_name) {
            let joined = (k + 1..=last).all(|i| {
                let prev = self.toks[i - 1];
                self.toks[i].has(flag::PLAIN_GAP)
                    || (prev.has(flag::POSSESSIVE)
                        && matches!(&text[prev.span.end..self.toks[i].span.start], "'s " | "’s "))
            });
            if !joined {
                return None;
            }
            if possessive_name {
                self.toks[last].span.end = e;
                self.toks[last].flags &= !flag::POSSESSIVE;
            }
            // the name spans a possessive (`Moody's Investors Service`): join its words
            for i in k + 1..=last {
                self.toks[i].flags |= flag::PLAIN_GAP;
                self.toks[i - 1].flags &= !flag::POSSESSIVE;
            }
            self.gaz_end[k] = (last + 1) as u32;
            self.gaz_type[k] = kind;
            return Some(last);
        }
        let part_start = tok.span.start < s && bytes[s - 1] == b'-';
        if last == k
            && kind != EntityType::Person
            && tok.span.of(text).starts_with(|c: char| c.is_uppercase())
            && (part_start || bytes.get(e) == Some(&b'-'))
            && (lt.span.end == e || bytes.get(e) == Some(&b'-'))
        {
            self.parts.push((k, Span::new(s, e), kind));
        }
        None
    }

    fn cut_runs(&mut self, layout: &Layout) {
        let n = self.toks.len();
        let dateline = layout.dateline_place;
        let mut part_i = 0;
        let mut i = 0;
        while i < n {
            let t = self.toks[i];
            if let Some(d) = dateline {
                // a line all in capitals is a heading, not a dateline (`SOCCER - JAPAN WIN`)
                if d.contains(t.span) && self.para_kind(i) != ParaKind::Shouting {
                    if t.span.start == d.start {
                        let span = Span::new(d.start, d.end);
                        self.pieces.push(Piece {
                            first: i,
                            end: i + 1,
                            span,
                            reading: Reading::Known(EntityType::Gpe),
                            title: None,
                            mixed: false,
                            after_the: false,
                            lone_head: false,
                            rule: "dateline",
                        });
                    }
                    i += 1;
                    continue;
                }
            }
            // Hyphenated compounds of known names (`Russia-Ukraine`, `U.S.-led`).
            while part_i < self.parts.len() && self.parts[part_i].0 < i {
                part_i += 1;
            }
            if part_i < self.parts.len()
                && self.parts[part_i].0 == i
                && self.gaz_end[i] == NO_GAZ
                && self.parts_cover(i, part_i)
            {
                while part_i < self.parts.len() && self.parts[part_i].0 == i {
                    let (_, span, kind) = self.parts[part_i];
                    self.pieces.push(Piece {
                        first: i,
                        end: i + 1,
                        span,
                        reading: Reading::Known(kind),
                        title: None,
                        mixed: false,
                        after_the: false,
                        lone_head: false,
                        rule: "gazetteer name in a hyphenated word",
                    });
                    part_i += 1;
                }
                i += 1;
                continue;
            }
            let startable = (t.has(flag::CAP)
                && self.words[i] & word::CONNECTIVE == 0
                && !self.month_before_day(i))
                || self.gaz_end[i] != NO_GAZ;
            if !startable || self.para_kind(i).is_heading() && self.gaz_end[i] == NO_GAZ {
                if self.para_kind(i).is_heading() && t.has(flag::CAP) {
                    self.pieces.push(self.piece(i, i + 1, Reading::Unknown, ""));
                }
                i += 1;
                continue;
            }
            let end = self.run_extent(i, part_i);
            self.segment(i, end);
            // a name may reach past its run (`Committee on Ukraine’s integration into the EU`)
            let end = self.pieces.last().map_or(end, |p| p.end.max(end));
            i = end;
        }
    }

    /// Whether the listed names inside hyphenated word `i` cover all its pieces (`Russia-Ukraine`,
    /// not `John-Christian`).
    fn parts_cover(&self, i: usize, part_i: usize) -> bool {
        let word = self.toks[i].span;
        let parts = &self.parts[part_i..];
        // every capitalised piece is a listed name; lower-case ones may follow (`U.S.-led`)
        let mut at = word.start;
        for piece in self.text[word.start..word.end].split('-') {
            let start = at;
            at += piece.len() + 1;
            let capitalised = piece.starts_with(|c: char| c.is_uppercase());
            if capitalised
                && !parts
                    .iter()
                    .take_while(|p| p.0 == i)
                    .any(|p| p.1.start == start)
            {
                return false;
            }
        }
        true
    }

    /// Body paragraphs are a prefix of the layout's paragraphs, so the layout index is the order.
    fn para_kind(&self, i: usize) -> ParaKind {
        self.para_kind
            .get(self.toks[i].paragraph as usize)
            .copied()
            .unwrap_or(ParaKind::Prose)
    }

    /// The extent of a capitalised run from `i`: capitalised words and known names joined by
    /// spaces, with lower-case connectives (`of`, `de`) between capitals.
    fn run_extent(&self, i: usize, part_i: usize) -> usize {
        let n = self.toks.len();
        let mut reach = if self.gaz_end[i] != NO_GAZ {
            self.gaz_end[i] as usize
        } else {
            i + 1
        };
        let mut j = i + 1;
        let joins = |j: usize| {
            let u = &self.toks[j];
            // `New People's Party`, `Women's Institute`: a common word's possessive inside a name
            let inner_possessive = || {
                let prev = &self.toks[j - 1];
                prev.has(flag::POSSESSIVE)
                    && self.gaz_end[j - 1] == NO_GAZ
                    && self.words[j - 1] & (word::COMMON | word::NOT_NAME) != 0
                    && matches!(
                        self.head_type(j),
                        Some(EntityType::Org | EntityType::Event | EntityType::Fac)
                    )
                    && matches!(&self.text[prev.span.end..u.span.start], "'s " | "’s ")
            };
            (u.has(flag::PLAIN_GAP) || inner_possessive())
                && (!u.has(flag::SENTENCE_START) || self.is_initial(j - 1))
        };
        while j < n {
            if !joins(j) || self.month_before_day(j) {
                break;
            }
            if j < reach {
                j += 1;
                continue;
            }
            if self.parts[part_i.min(self.parts.len())..]
                .iter()
                .take_while(|p| p.0 <= j)
                .any(|p| p.0 == j)
            {
                break;
            }
            let u = &self.toks[j];
            if (u.has(flag::CAP) && self.words[j] & word::CONNECTIVE == 0)
                || self.gaz_end[j] != NO_GAZ
                || self.particle_prefixed(j)
            {
                if self.gaz_end[j] != NO_GAZ {
                    reach = reach.max(self.gaz_end[j] as usize);
                }
                j += 1;
                continue;
            }
            // up to two lower-case connectives between capitals: `Democratic Republic of the Congo`
            if self.words[j] & (word::CONNECTIVE | word::PARTICLE) != 0 && !u.has(flag::CAP) {
                let mut k = j + 1;
                if k < n
                    && joins(k)
                    && self.words[k] & word::CONNECTIVE != 0
                    && !self.toks[k].has(flag::CAP)
                {
                    k += 1;
                }
                if k < n && joins(k) && self.toks[k].has(flag::CAP) {
                    j = k;
                    continue;
                }
            }
            break;
        }
        j
    }

    fn piece(&self, mut first: usize, end: usize, reading: Reading, rule: &'static str) -> Piece {
        // a leading article is not part of the name, unless a list says so (`The Hague`)
        if end - first >= 2
            && self.gaz_end[first] == NO_GAZ
            && matches!(self.toks[first].span.of(self.text), "The" | "A" | "An")
        {
            first += 1;
        }
        Piece {
            first,
            end,
            span: Span::new(self.toks[first].span.start, self.toks[end - 1].span.end),
            reading,
            title: None,
            mixed: false,
            after_the: false,
            lone_head: false,
            rule,
        }
    }

    fn head_type(&self, k: usize) -> Option<EntityType> {
        let w = self.words[k];
        if !self.toks[k].has(flag::CAP) || w & word::HEADS == 0 {
            return None;
        }
        Some(if w & word::ORG_HEAD != 0 {
            EntityType::Org
        } else if w & word::EVENT_HEAD != 0 {
            EntityType::Event
        } else if w & word::FAC_HEAD != 0 {
            EntityType::Fac
        } else if w & word::GPE_HEAD != 0 {
            EntityType::Gpe
        } else {
            EntityType::Loc
        })
    }

    /// The type a run `[a, k)` takes from its last word: an organisation word anywhere wins over a
    /// place word at the end (`Irving Independent School District`), and a person's name keeps
    /// place words (`Marc Lamont Hill`).
    fn run_head(&self, a: usize, k: usize) -> Option<EntityType> {
        let h = self.head_type(k - 1)?;
        if matches!(h, EntityType::Org | EntityType::Event) {
            return Some(h);
        }
        if (a..k - 1).any(|j| self.words[j] & word::ORG_HEAD != 0 && self.toks[j].has(flag::CAP)) {
            return Some(EntityType::Org);
        }
        if self.words[a] & word::GIVEN != 0
            && k - a <= 3
            && self.words[k - 1] & word::SURNAME_PLACE != 0
        {
            return None;
        }
        // `Pieter van Dam`: a word after a particle is a surname, not a head word
        if self.words[a] & word::GIVEN != 0 && k - a >= 3 && self.is_particle(k - 2) {
            return None;
        }
        Some(h)
    }

    /// A lower-case name particle (`van`, `de`).
    fn is_particle(&self, j: usize) -> bool {
        self.words[j] & word::PARTICLE != 0 && !self.toks[j].has(flag::CAP)
    }

    /// After a given name at `i`, one or two particles at `j` and a capitalised word: the end of
    /// that surname (`van Dam`, `de la Cruz`).
    fn particle_surname(&self, i: usize, j: usize, b: usize) -> Option<usize> {
        if self.words[i] & word::GIVEN == 0 || !self.is_particle(j) {
            return None;
        }
        let mut k = j + 1;
        if k < b && self.is_particle(k) {
            k += 1;
        }
        let t = self.toks.get(k).filter(|_| k < b)?;
        (t.has(flag::CAP) && !t.has(flag::ALL_CAPS) && self.gaz_end[k] == NO_GAZ).then_some(k + 1)
    }

    /// `Jan 14`, `Sept. 3`: a month before a day number is a date, not a name.
    fn month_before_day(&self, i: usize) -> bool {
        self.words[i] & word::MONTH != 0
            && self.toks.get(i + 1).is_some_and(|t| {
                let d = t.span.of(self.text);
                t.has(flag::PLAIN_GAP)
                    && t.paragraph == self.toks[i].paragraph
                    && (1..=2).contains(&d.len())
                    && d.bytes().all(|c| c.is_ascii_digit())
            })
    }

    /// The `n` words before `first` when they are lower-case words of the same sentence joined
    /// by spaces (`mayor of` before a name).
    fn lower_words_before(&self, first: usize, n: usize) -> Option<&'a str> {
        let a = first.checked_sub(n)?;
        let para = self.toks[first].paragraph;
        let ok = (a..first).all(|j| {
            let t = &self.toks[j];
            t.paragraph == para
                && t.has(flag::LOWER)
                && !t.has(flag::CAP)
                && self.toks[j + 1].has(flag::PLAIN_GAP)
                && !self.toks[j + 1].has(flag::SENTENCE_START)
        });
        ok.then(|| Span::new(self.toks[a].span.start, self.toks[first - 1].span.end).of(self.text))
    }

    /// What the words around an unknown name say it is: a place after `in` or `the mayor of`, an
    /// organisation after `carmaker` or `an analyst at`, an event after `the exercise called`, and
    /// what an appositive after it calls it (`, a local engineering firm,`).
    fn context_type(&self, p: &Piece) -> Option<(EntityType, &'static str)> {
        let text = self.text;
        let w = |j: usize| self.words[j];
        let first = p.first;
        // `a website Example.com`: a web address is no organisation, place or event
        let span = Span::new(self.toks[first].span.start, self.toks[p.end - 1].span.end);
        if span
            .of(text)
            .split('.')
            .skip(1)
            .any(|x| x.starts_with(|c: char| c.is_ascii_lowercase()))
        {
            return None;
        }
        // `Shares in Calder Holdings`: an organisation word outweighs a place cue
        let org_word = (first..p.end).any(|j| w(j) & word::ORG_HEAD != 0);
        if let Some(two) = self.lower_words_before(first, 2) {
            if self.rules.phrase(two) & phrase::PLACE_CUE_BEFORE != 0 && !org_word {
                return Some((EntityType::Gpe, "place word before a name"));
            }
            // `an analyst at X`, `the director of X`: where a person works
            let (role, prep) = (first - 2, first - 1);
            if w(role) & word::CUE_PERSON_BEFORE != 0 && self.toks[prep].span.of(text) == "at" {
                return Some((EntityType::Org, "workplace after a role"));
            }
        }
        if let Some(one) = self.lower_words_before(first, 1) {
            // a lone word after `in` is as often a field or a title (`in Linguistics`)
            // and `Professor in Educational Leadership` is a field
            let weak = one == "in"
                && (p.end - first == 1
                    || first >= 2
                        && self.toks[first - 2].has(flag::CAP)
                        && self.toks[first - 1].has(flag::PLAIN_GAP));
            let numbered = self.toks.get(p.end).is_some_and(|t| t.has(flag::DIGIT));
            if self.rules.phrase(one) & phrase::PLACE_CUE_BEFORE != 0
                && !weak
                && !numbered
                && !org_word
            {
                return Some((EntityType::Gpe, "place word before a name"));
            }
            if w(first - 1) & word::ORG_NOUN != 0 {
                return Some((EntityType::Org, "organisation noun before a name"));
            }
            // `told Bayerischer Rundfunk`: without a given name, whoever is told in the news is
            // most often a news outlet
            let reported = {
                let last = &self.toks[p.end - 1];
                last.flags & (flag::COMMA_AFTER | flag::PUNCT_AFTER) != 0
                    || self.toks.get(p.end).is_some_and(|t| {
                        t.paragraph == last.paragraph
                            && matches!(t.span.of(text), "that" | "in" | "on" | "last" | "this")
                    })
            };
            if one == "told" && w(first) & word::GIVEN == 0 && p.end - first >= 2 && reported {
                return Some((EntityType::Org, "news outlet told"));
            }
            if w(first - 1) & word::EVENT_NOUN != 0 {
                return Some((EntityType::Event, "event noun before a name"));
            }
            // `the drill, called Amber Shield`
            if matches!(
                one,
                "called" | "dubbed" | "named" | "codenamed" | "code-named"
            ) && first >= 2
                && self.toks[first - 2].has(flag::LOWER)
                && w(first - 2) & word::EVENT_NOUN != 0
            {
                return Some((EntityType::Event, "event noun before a name"));
            }
        }
        let last = &self.toks[p.end - 1];
        let next = |k: usize| {
            self.toks
                .get(p.end + k)
                .filter(|t| t.paragraph == last.paragraph && !t.has(flag::SENTENCE_START))
        };
        // `the Amber Shield exercise`
        if !last.has(flag::PUNCT_AFTER)
            && !last.has(flag::COMMA_AFTER)
            && !last.has(flag::POSSESSIVE)
        {
            if let Some(t) = next(0) {
                if t.has(flag::LOWER) && w(p.end) & word::EVENT_NOUN != 0 {
                    return Some((EntityType::Event, "name before an event noun"));
                }
                // `X said in a statement`: people speak, organisations issue statements
                let said = matches!(t.span.of(text), "said" | "says");
                let statement = (1..=4)
                    .any(|k| next(k).is_some_and(|u| u.span.of(text).starts_with("statement")));
                if said && statement && next(1).is_some_and(|u| u.span.of(text) == "in") {
                    return Some((EntityType::Org, "name that issues statements"));
                }
            }
        }
        // `X, a local engineering firm,`: the noun of an appositive says what X is
        if last.has(flag::COMMA_AFTER) {
            let opener = next(0)?;
            let o = opener.span.of(text);
            if o.bytes().all(|c| c.is_ascii_digit()) && next(0)?.has(flag::COMMA_AFTER) {
                return Some((EntityType::Person, "age after a name"));
            }
            if !matches!(o, "a" | "an" | "the") {
                return None;
            }
            for k in 1..6 {
                let t = next(k)?;
                if !t.has(flag::LOWER) || t.has(flag::CAP) {
                    return None;
                }
                // words far from capitals were not looked up when reading
                let tw = self.rules.word(t.span.of(text));
                let found = if tw & word::ORG_NOUN != 0 {
                    Some(EntityType::Org)
                } else if tw & word::FAC_NOUN != 0 {
                    Some(EntityType::Fac)
                } else if tw & word::GPE_NOUN != 0 {
                    Some(EntityType::Gpe)
                } else if tw & word::EVENT_NOUN != 0 {
                    Some(EntityType::Event)
                } else if tw & word::CUE_PERSON_BEFORE != 0 {
                    Some(EntityType::Person)
                } else {
                    None
                };
                // the head noun ends the phrase: `a firm that`, `a farmer from`
                let ends = t.flags & (flag::COMMA_AFTER | flag::PUNCT_AFTER) != 0
                    || next(k + 1).is_none_or(|u| {
                        !u.has(flag::LOWER)
                            || matches!(
                                u.span.of(text),
                                "that"
                                    | "which"
                                    | "who"
                                    | "from"
                                    | "in"
                                    | "at"
                                    | "of"
                                    | "for"
                                    | "with"
                                    | "based"
                                    | "near"
                                    | "on"
                            )
                    });
                // `the group of chemicals`: a noun followed by `of` names a kind, not a body
                let of = next(k + 1).is_some_and(|u| u.span.of(text) == "of");
                if ends && !(of && found == Some(EntityType::Org)) {
                    return found.map(|k| (k, "appositive after a name"));
                }
                if ends {
                    return None;
                }
            }
        }
        None
    }

    fn is_connective(&self, j: usize) -> bool {
        self.words[j] & (word::CONNECTIVE | word::PARTICLE) != 0 && !self.toks[j].has(flag::CAP)
    }

    /// Capitalised words from `i` up to `b`, stopping at connectives, at known names and at a
    /// title that is followed by a name.
    fn name_run(&self, i: usize, b: usize) -> usize {
        let mut j = i + 1;
        while j < b {
            if self.is_connective(j) {
                // `Pieter van Dam`, `Maria de la Cruz`: after a given name, particles join a surname
                match self.particle_surname(i, j, b) {
                    Some(e) => {
                        j = e;
                        continue;
                    }
                    None => break,
                }
            }
            if self.gaz_end[j] != NO_GAZ {
                // `Rahul Gandhi`: a listed surname after a given name is part of the name
                if self.gaz_type[j] == EntityType::Person && self.words[i] & word::GIVEN != 0 {
                    j = (self.gaz_end[j] as usize).clamp(j + 1, b);
                    continue;
                }
                break;
            }
            // `Washington State University Simon Ličen`: a head word ends a name before a person's
            if self.words[j] & word::GIVEN != 0
                && matches!(
                    self.head_type(j - 1),
                    Some(EntityType::Org | EntityType::Event)
                )
            {
                break;
            }
            if self.words[j] & word::TITLE != 0
                && j + 1 < b
                && !self.is_connective(j + 1)
                && self.title_end(j, b).is_some()
                && self.head_type(b - 1).is_none()
            {
                break;
            }
            j += 1;
        }
        j
    }

    /// The end of the longest title phrase starting at `i` (`Secretary of State`).
    fn title_end(&self, i: usize, b: usize) -> Option<usize> {
        if self.words[i] & word::TITLE == 0 {
            return None;
        }
        let max = self.rules.max_title_words.min(b - i);
        (1..=max).rev().find_map(|n| {
            let s = Span::new(self.toks[i].span.start, self.toks[i + n - 1].span.end);
            if n > 1 && self.toks[i + n - 2].has(flag::POSSESSIVE) {
                return None;
            }
            self.rules.is_title(s.of(self.text)).then_some(i + n)
        })
    }

    /// The person's name after a title: capitalised words and name particles (`de`, `bin`).
    fn name_after_title(&self, i: usize, b: usize, honorific: bool) -> usize {
        let mut j = i;
        while j < b && j < i + 5 {
            let w = self.words[j];
            let t = &self.toks[j];
            let name_word = (t.has(flag::CAP) || self.particle_prefixed(j))
                && !t.has(flag::ALL_CAPS)
                && (w & word::NOT_NAME == 0 || w & word::GIVEN != 0 || (honorific && j == i))
                && w & word::CONNECTIVE == 0
                && (self.gaz_end[j] == NO_GAZ || self.gaz_type[j] == EntityType::Person);
            let particle = w & word::PARTICLE != 0 && j + 1 < b && j > i;
            if name_word {
                if self.gaz_end[j] != NO_GAZ {
                    j = (self.gaz_end[j] as usize).min(b);
                    continue;
                }
                j += 1;
                if self.toks[j - 1].has(flag::POSSESSIVE) {
                    break;
                }
            } else if particle {
                j += 1;
            } else {
                break;
            }
        }
        // a name does not end on a particle
        while j > i && self.is_connective(j - 1) {
            j -= 1;
        }
        j
    }

    /// Whether the article also writes this capitalised word in lower case (a common word).
    fn written_lower(&self, j: usize) -> bool {
        let s = self.toks[j].span.of(self.text);
        let mut buf = [0u8; 32];
        if s.is_ascii() && s.len() <= buf.len() {
            let b = &mut buf[..s.len()];
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).is_ok_and(|l| self.lower_words.contains(l))
        } else {
            self.lower_words.contains(s.to_lowercase().as_str())
        }
    }

    /// An initial (`L.` in `L. Ron Hubbard`): a sentence splitter may wrongly end a sentence there.
    fn is_initial(&self, j: usize) -> bool {
        let s = self.toks[j].span.of(self.text).as_bytes();
        s.len() == 2 && s[0].is_ascii_uppercase() && s[1] == b'.'
    }

    /// A lower-case word glued to a name by a particle: `al-Amr`, `bin-Laden`.
    fn particle_prefixed(&self, j: usize) -> bool {
        let t = &self.toks[j];
        t.has(flag::HYPHEN) && t.has(flag::LOWER) && {
            let s = t.span.of(self.text);
            s.split_once('-').is_some_and(|(p, rest)| {
                self.rules.word(p) & word::PARTICLE != 0
                    && rest.chars().next().is_some_and(|c| c.is_uppercase())
            })
        }
    }

    /// The end of `of Defence` after `Ministry` (`k` at the connective): one capitalised name, and
    /// a second joined by `and` when it is a plain name (`of Health and Human Services`).
    fn of_extension(&self, k: usize, b: usize) -> usize {
        let text_of = |j: usize| self.toks[j].span.of(self.text);
        let capitalised_name = |mut j: usize| {
            if j < b && text_of(j) == "the" {
                j += 1;
            }
            let start = j;
            while j < b
                && !self.is_connective(j)
                && (self.toks[j].has(flag::CAP) || self.gaz_end[j] != NO_GAZ)
            {
                j = if self.gaz_end[j] != NO_GAZ {
                    (self.gaz_end[j] as usize).clamp(j + 1, b)
                } else {
                    j + 1
                };
            }
            (start, j)
        };
        let (start, mut end) = capitalised_name(k + 1);
        // `Council on Monday`: a lone common word is not the rest of the name
        if end == start || (end == start + 1 && self.words[start] & word::NOT_NAME != 0) {
            return k;
        }
        // `Committee on Ukraine’s integration into the European Union`: a committee's remit is
        // a phrase that runs on to the end of a name closing the clause
        if matches!(text_of(k), "on" | "for") && self.toks[end - 1].has(flag::POSSESSIVE) {
            let para = self.toks[k].paragraph;
            let mut j = end;
            while j < self.toks.len() && j < end + 8 {
                let t = &self.toks[j];
                if t.paragraph != para
                    || t.has(flag::SENTENCE_START)
                    || (j > end && !t.has(flag::PLAIN_GAP))
                {
                    break;
                }
                if t.flags & (flag::COMMA_AFTER | flag::PUNCT_AFTER) != 0 {
                    if t.has(flag::CAP) {
                        return j + 1;
                    }
                    break;
                }
                j += 1;
            }
        }
        // `Centre for Control of Iodine Deficiency Disorders`: one more `of` name
        if end < b && matches!(text_of(end), "of" | "for") {
            let (s2, e2) = capitalised_name(end + 1);
            if e2 > s2 && !(e2 == s2 + 1 && self.words[s2] & word::NOT_NAME != 0) {
                end = e2;
            }
        }
        if end < b && text_of(end) == "and" {
            let (s2, e2) = capitalised_name(end + 1);
            if e2 > s2
                && e2 - s2 <= 3
                && (s2..e2).all(|j| self.gaz_end[j] == NO_GAZ)
                && self.head_type(e2 - 1).is_none()
            {
                end = e2;
            }
        }
        end
    }

    /// `World Cup 2018`: a year right after an event's name belongs to it.
    fn with_year(&self, mut p: Piece) -> Piece {
        if p.reading != Reading::Known(EntityType::Event) {
            return p;
        }
        if let Some(t) = self.toks.get(p.end) {
            let s = t.span.of(self.text);
            if t.has(flag::PLAIN_GAP)
                && t.paragraph == self.toks[p.first].paragraph
                && s.len() == 4
                && s.bytes().all(|b| b.is_ascii_digit())
            {
                p.end += 1;
                p.span.end = t.span.end;
            }
        }
        p
    }

    /// Cuts the run `[a, b)` into pieces.
    fn segment(&mut self, a: usize, b: usize) {
        let mut i = a;
        // The previous piece of this run, for titles like `Ukrainian President`.
        let mut prev: Option<usize> = None;
        let mut after_the = false;
        // `Latvia’s Foreign Minister`: a possessive name right before the run starts a title.
        if a > 0
            && self.toks[a - 1].has(flag::POSSESSIVE)
            && matches!(
                &self.text[self.toks[a - 1].span.end..self.toks[a].span.start],
                "’s " | "'s "
            )
        {
            if let Some(p) = self.pieces.last() {
                if p.end == a {
                    prev = Some(self.pieces.len() - 1);
                }
            }
        }
        while i < b {
            let w = self.words[i];
            if self.is_connective(i) && self.gaz_end[i] == NO_GAZ {
                i += 1;
                continue;
            }
            // a gazetteer name, or an organisation or event named after it (`Munich Security Conference`)
            if self.gaz_end[i] != NO_GAZ {
                let ge = (self.gaz_end[i] as usize).min(b);
                let kind = self.gaz_type[i];
                let given_first = ge == i + 1
                    && w & word::GIVEN != 0
                    && !self.toks[i].has(flag::POSSESSIVE)
                    && kind != EntityType::Person
                    && i + 1 < b
                    && self.gaz_end[i + 1] == NO_GAZ
                    && self.words[i + 1]
                        & (word::NOT_NAME | word::HEADS | word::TITLE | word::CONNECTIVE)
                        == 0;
                if !given_first {
                    let k = if ge < b { self.name_run(ge, b) } else { ge };
                    let headed = if k > ge && !self.toks[ge - 1].has(flag::POSSESSIVE) {
                        self.run_head(i, k)
                    } else {
                        None
                    };
                    // `Italian Supreme Court of Cassation`
                    let k = match headed {
                        Some(EntityType::Org | EntityType::Event)
                            if k < b
                                && matches!(
                                    self.toks[k].span.of(self.text),
                                    "of" | "for" | "on"
                                ) =>
                        {
                            self.of_extension(k, b)
                        }
                        _ => k,
                    };
                    // `Diana Ross`: a listed one-word name followed by more of a person's name
                    let k_person = if kind == EntityType::Person
                        && ge == i + 1
                        && w & word::GIVEN != 0
                        && k > ge
                        && headed.is_none()
                        && self.all_name_words(ge, k, false)
                    {
                        Some(k)
                    } else {
                        None
                    };
                    let (end, kind, rule) = match headed {
                        _ if k_person.is_some() => (k, kind, "listed name and more of a name"),
                        Some(h)
                            if kind != EntityType::Person
                                || matches!(
                                    h,
                                    EntityType::Org | EntityType::Fac | EntityType::Event
                                ) =>
                        {
                            (k, h, "known name and a head word")
                        }
                        _ => (ge, kind, "gazetteer"),
                    };
                    let reading = if kind == EntityType::Person {
                        Reading::Person
                    } else {
                        Reading::Known(kind)
                    };
                    let p = self.with_year(self.piece(i, end, reading, rule));
                    self.pieces.push(p);
                    prev = Some(self.pieces.len() - 1);
                    i = end;
                    continue;
                }
            }
            // in a heading only listed names count; other capitals are unknown words
            if self.para_kind(i).is_heading() {
                self.pieces.push(self.piece(i, i + 1, Reading::Unknown, ""));
                i += 1;
                continue;
            }
            // a title, then the person's name
            if let Some(mut te) = self.title_end(i, b) {
                while te < b {
                    match self.title_end(te, b) {
                        Some(e) => te = e,
                        None => break,
                    }
                }
                let honorific = self.words[te - 1] & word::HONORIFIC != 0;
                let ne = self.name_after_title(te, b, honorific);
                if ne > te && self.head_type(ne - 1).is_none() {
                    let title_start = match prev {
                        Some(p) if self.pieces[p].end == i => self.pieces[p].span.start,
                        Some(p) if i == a => self.pieces[p].span.start,
                        _ => self.toks[i].span.start,
                    };
                    let mut p = self.piece(te, ne, Reading::Person, "title before a name");
                    p.title = Some(Span::new(title_start, self.toks[te - 1].span.end));
                    self.pieces.push(p);
                    prev = Some(self.pieces.len() - 1);
                    i = ne;
                    continue;
                }
                if ne > te {
                    // `General Motors`-like: the title word starts an organisation's name
                    let k = self.name_run(i, b);
                    if let Some(h) = self.head_type(k - 1) {
                        self.pieces.push(self.piece(
                            i,
                            k,
                            Reading::Known(h),
                            "name ending in a head word",
                        ));
                        i = k;
                        continue;
                    }
                }
                i = te;
                continue;
            }
            // `University of Texas`, `Battle of Britain`, `Hurricane Katrina`
            // `Confederation of British Industry`: any organisation word before `of`/`for`
            let head_before_of = w & (word::ORG_HEAD | word::EVENT_HEAD) != 0
                && i + 1 < b
                && matches!(self.toks[i + 1].span.of(self.text), "of" | "for" | "on");
            if (w & (word::ORG_PREFIX | word::EVENT_PREFIX) != 0 || head_before_of) && i + 1 < b {
                let kind = if w & (word::ORG_PREFIX | word::ORG_HEAD) != 0 {
                    EntityType::Org
                } else {
                    EntityType::Event
                };
                if self.is_connective(i + 1) {
                    let end = self.of_extension(i + 1, b);
                    if end > i + 1 {
                        let p = self.piece(i, end, Reading::Known(kind), "head word before of");
                        self.pieces.push(p);
                        i = end;
                        continue;
                    }
                }
                if kind == EntityType::Event {
                    let k = self.name_run(i, b);
                    self.pieces.push(self.piece(
                        i,
                        k,
                        Reading::Known(kind),
                        "event word before a name",
                    ));
                    i = k;
                    continue;
                }
            }
            // `Lake Victoria`, `Cape Canaveral`, `Kibbutz Be'eri`
            if w & word::LOC_PREFIX != 0 && i + 1 < b && self.toks[i + 1].has(flag::CAP) {
                let k = if self.gaz_end[i + 1] != NO_GAZ {
                    (self.gaz_end[i + 1] as usize).min(b)
                } else {
                    self.name_run(i + 1, b)
                };
                if k > i + 1 {
                    let kind = if matches!(
                        self.toks[i].span.of(self.text),
                        "Fort" | "Port" | "Kibbutz" | "Kfar" | "Kafr" | "Tel" | "Rio"
                    ) {
                        EntityType::Gpe
                    } else {
                        EntityType::Loc
                    };
                    // `St. Pancras station`: a facility noun right after makes it a facility
                    let fac_after = self.toks.get(k).is_some_and(|t| {
                        t.has(flag::LOWER)
                            && t.has(flag::PLAIN_GAP)
                            && t.paragraph == self.toks[i].paragraph
                            && self.rules.word(t.span.of(self.text)) & word::FAC_NOUN != 0
                    });
                    let kind = if fac_after { EntityType::Fac } else { kind };
                    let p = self.piece(i, k, Reading::Known(kind), "place word before a name");
                    self.pieces.push(p);
                    prev = Some(self.pieces.len() - 1);
                    i = k;
                    continue;
                }
            }
            let mut k = self.name_run(i, b);
            // `Environment Canada`, `Transport Scotland`: a place inside a name
            let mut mixed = false;
            if k < b
                && w & word::NOT_NAME == 0
                && self.gaz_end[k] == k as u32 + 1
                && matches!(self.gaz_type[k], EntityType::Gpe | EntityType::Loc)
                && !self.toks[k - 1].has(flag::POSSESSIVE)
            {
                k += 1;
                if k < b && self.toks[k].has(flag::CAP) && !self.toks[k - 1].has(flag::POSSESSIVE) {
                    k = self.name_run(k, b);
                }
                mixed = true;
            }
            if let Some(h) = self.run_head(i, k) {
                // `The Committee` is one word of name, not two
                let article = matches!(self.toks[i].span.of(self.text), "The" | "A" | "An");
                if k - i >= 2 + usize::from(article) {
                    // organisation heads followed by `of`: `Ministry of Defence`
                    let of = k < b
                        && self.toks[k - 1].has(flag::CAP)
                        && matches!(self.toks[k].span.of(self.text), "of" | "for" | "on");
                    let end = if of && matches!(h, EntityType::Org | EntityType::Event) {
                        self.of_extension(k, b)
                    } else {
                        k
                    };
                    let p = self.with_year(self.piece(
                        i,
                        end,
                        Reading::Known(h),
                        "name ending in a head word",
                    ));
                    self.pieces.push(p);
                    prev = Some(self.pieces.len() - 1);
                    i = end;
                    continue;
                }
            }
            // `the Church`, `the Committee`: a lone organisation word may stand for a name
            // written in full elsewhere (decided once the article is read)
            if k == i + 1
                && w & (word::ORG_HEAD | word::ORG_PREFIX) != 0
                && i > 0
                && self.toks[i - 1].span.of(self.text) == "the"
            {
                let mut p = self.piece(i, k, Reading::Unknown, "");
                p.lone_head = true;
                self.pieces.push(p);
                i = k;
                continue;
            }
            if w & word::NOT_NAME != 0 && w & word::GIVEN == 0 {
                // `remarked to The Brooklyn Paper`: a capital `The` inside a sentence starts a title
                after_the = i + 1 < b
                    && !self.toks[i].has(flag::SENTENCE_START)
                    && self.toks[i].span.of(self.text) == "The";
                i += 1;
                continue;
            }
            // `Pan-democrat Leung Kwok-hung`: a hyphenated modifier before a name is not part of it
            if k - i >= 3 && self.toks[i].has(flag::HYPHEN) {
                let w0 = self.toks[i].span.of(self.text);
                if w0
                    .split_once('-')
                    .is_some_and(|(_, b)| b.starts_with(|c: char| c.is_lowercase()))
                {
                    i += 1;
                    continue;
                }
            }
            // `Biologist Nick Bos`, `Nonpartisan Paul Tse`: a person's name starts at the given name
            if !mixed && w & word::GIVEN == 0 {
                if let Some(j) = (i + 1..k.saturating_sub(1)).find(|&j| {
                    self.words[j] & word::GIVEN != 0 && !self.toks[j].has(flag::ALL_CAPS)
                }) {
                    if !(i..j).any(|x| self.toks[x].has(flag::POSSESSIVE)) {
                        self.pieces.push(self.piece(i, j, Reading::Unknown, ""));
                        i = j;
                    }
                }
            }
            // `Aner Shalev Wednesday`: common words at the end are not part of a name
            while k > i + 1
                && self.words[k - 1] & word::NOT_NAME != 0
                && self.words[k - 1] & (word::GIVEN | word::HEADS) == 0
            {
                k -= 1;
            }
            let mut p = self.piece(i, k, Reading::Unknown, "");
            p.mixed = mixed;
            p.after_the = after_the;
            after_the = false;
            self.pieces.push(p);
            prev = Some(self.pieces.len() - 1);
            i = k;
        }
    }

    /// Types the unknown pieces from context and from the rest of the article, then links
    /// mentions to entities.
    fn resolve(mut self) -> Entities {
        let text = self.text;
        // What the article says for sure: names typed by lists, titles and given names.
        let mut known: FxMap<&str, EntityType> = FxMap::default();
        let mut surnames: FxMap<&str, usize> = FxMap::default();
        // First and last words of organisations named in full (`Church` of `Church of Scientology`).
        let mut org_ends: FxSet<&str> = FxSet::default();
        for idx in 0..self.pieces.len() {
            let p = self.pieces[idx];
            if p.reading == Reading::Unknown && p.end - p.first >= 2 {
                let w0 = self.words[p.first];
                if w0 & word::GIVEN != 0 && self.all_name_words(p.first + 1, p.end, true) {
                    // `the exercise Amber Shield`: what the words around say outweighs a given name
                    let (reading, rule) = match self.context_type(&p) {
                        Some((
                            k @ (EntityType::Org | EntityType::Event | EntityType::Fac),
                            rule,
                        )) => (Reading::Known(k), rule),
                        _ => (Reading::Person, "given name first"),
                    };
                    self.pieces[idx].reading = reading;
                    self.pieces[idx].rule = rule;
                }
            }
            let p = self.pieces[idx];
            match p.reading {
                Reading::Person => {
                    known.insert(p.span.of(text), EntityType::Person);
                    self.register_surname(&p, idx, &mut surnames);
                }
                Reading::Known(k) => {
                    known.entry(p.span.of(text)).or_insert(k);
                    if k == EntityType::Org && p.end - p.first >= 2 {
                        org_ends.insert(self.toks[p.first].span.of(text));
                        org_ends.insert(self.toks[p.end - 1].span.of(text));
                    }
                }
                Reading::Unknown => {}
            }
        }
        // Capitalised words that stand alone somewhere: a surname written again.
        let mut alone: FxMap<&str, u32> = FxMap::default();
        for p in &self.pieces {
            if p.end - p.first == 1 {
                *alone.entry(p.span.of(text)).or_default() += 1;
            }
        }
        // `Warhol Polaroids`: a known person's surname before other capitals is a modifier
        let mut split = Vec::with_capacity(self.pieces.len());
        for p in &self.pieces {
            let n = p.end - p.first;
            if p.reading == Reading::Unknown
                && n >= 2
                && surnames.contains_key(self.toks[p.first].span.of(text))
                && !surnames.contains_key(self.toks[p.end - 1].span.of(text))
                // the rest is a word of its own elsewhere, not a given name (`Wong Kwok-kin`)
                && (n == 2 && alone.contains_key(self.toks[p.first + 1].span.of(text))
                    || (p.first + 1..p.end).any(|j| self.words[j] & word::COMMON != 0))
            {
                let mut person = self.piece(p.first, p.first + 1, Reading::Person, "");
                person.rule = "surname of a person named in full";
                split.push(person);
                split.push(self.piece(p.first + 1, p.end, Reading::Unknown, ""));
            } else {
                split.push(*p);
            }
        }
        self.pieces = split;
        // Unknown pieces: each occurrence read from its context, then one vote per name, so that
        // every occurrence of a name gets the type most of its contexts gave it.
        let mut votes: FxMap<&str, [u16; 8]> = FxMap::default();
        let mut readings = Vec::with_capacity(self.pieces.len());
        for idx in 0..self.pieces.len() {
            let p = self.pieces[idx];
            if p.reading != Reading::Unknown {
                readings.push((p.reading, p.rule));
                continue;
            }
            let s = p.span.of(text);
            let (reading, rule) = if p.lone_head {
                if org_ends.contains(s) {
                    (
                        Reading::Known(EntityType::Org),
                        "organisation word standing for its name",
                    )
                } else {
                    (Reading::Unknown, "")
                }
            } else {
                self.read_unknown(&p, s, &known, &surnames, &alone)
            };
            readings.push((reading, rule));
            let kind = match reading {
                Reading::Known(k) => k,
                Reading::Person => EntityType::Person,
                Reading::Unknown => continue,
            };
            votes.entry(s).or_default()[kind as usize] += 1;
            if reading == Reading::Person {
                self.register_surname(&p, idx, &mut surnames);
            }
        }
        for (idx, (reading, rule)) in readings.into_iter().enumerate() {
            let p = self.pieces[idx];
            if p.reading != Reading::Unknown {
                continue;
            }
            let Some(v) = votes.get(p.span.of(text)) else {
                continue;
            };
            let best = (0..v.len())
                .max_by_key(|&t| (v[t], usize::MAX - t))
                .unwrap_or(0);
            let kind = ALL_TYPES[best];
            let voted = as_reading(kind);
            self.pieces[idx].reading = voted;
            self.pieces[idx].rule = if voted == reading {
                rule
            } else {
                "same name elsewhere"
            };
        }
        self.surnames_that_are_places();
        self.languages_are_not_nationalities();
        self.link()
    }

    /// `spoke English`, `the Arabic language`: a language, which is none of the tagged types.
    fn languages_are_not_nationalities(&mut self) {
        for idx in 0..self.pieces.len() {
            let p = self.pieces[idx];
            if p.reading != Reading::Known(EntityType::Norp)
                || p.end - p.first != 1
                || self.words[p.first] & word::LANGUAGE == 0
            {
                continue;
            }
            let para = self.toks[p.first].paragraph;
            let cue = |j: usize| {
                self.toks.get(j).is_some_and(|t| {
                    t.paragraph == para
                        && t.has(flag::LOWER)
                        && self.words[j] & word::LANGUAGE_CUE != 0
                })
            };
            if (p.first > 0 && cue(p.first - 1)) || cue(p.end) {
                self.pieces[idx].reading = Reading::Unknown;
            }
        }
    }

    /// `Valeska Paris ... Paris said`: a listed place that is the surname of a person named in
    /// full is that person, unless the article also writes it as a place (`in Paris`).
    fn surnames_that_are_places(&mut self) {
        let text = self.text;
        let people: FxSet<&str> = self
            .pieces
            .iter()
            .filter(|p| p.reading == Reading::Person && p.end - p.first >= 2)
            .map(|p| self.toks[p.end - 1].span.of(text))
            .collect();
        if people.is_empty() {
            return;
        }
        let is_place = |p: &Piece| {
            p.end - p.first == 1
                && matches!(p.reading, Reading::Known(EntityType::Gpe | EntityType::Loc))
                && people.contains(p.span.of(text))
        };
        let mut used_as_place: FxSet<&str> = FxSet::default();
        for p in self.pieces.iter().filter(|p| is_place(p)) {
            let after_preposition = p.first > 0 && {
                let prev = &self.toks[p.first - 1];
                prev.paragraph == self.toks[p.first].paragraph
                    && prev.has(flag::LOWER)
                    && self.words[p.first - 1] & word::CUE_LOC_BEFORE != 0
            };
            if after_preposition {
                used_as_place.insert(p.span.of(text));
            }
        }
        for idx in 0..self.pieces.len() {
            let p = self.pieces[idx];
            if is_place(&p) && !used_as_place.contains(p.span.of(text)) {
                self.pieces[idx].reading = Reading::Person;
                self.pieces[idx].rule = "surname of a person named in full";
            }
        }
    }

    /// A full name's surname (both ends for family-name-first names) stands for the person later.
    fn register_surname(&self, p: &Piece, idx: usize, surnames: &mut FxMap<&'a str, usize>) {
        if p.end - p.first < 2 {
            return;
        }
        surnames
            .entry(self.toks[p.end - 1].span.of(self.text))
            .or_insert(idx);
        if self.family_name_first(p) {
            surnames
                .entry(self.toks[p.first].span.of(self.text))
                .or_insert(idx);
        }
    }

    /// `Wong Kwok-kin`: a hyphenated given name last (`Kwok-kin`) puts the family name first.
    fn family_name_first(&self, p: &Piece) -> bool {
        let last = self.toks[p.end - 1].span.of(self.text);
        p.end - p.first == 2
            && last
                .split_once('-')
                .is_some_and(|(_, b)| b.starts_with(|c: char| c.is_lowercase()))
    }

    /// Whether `[a, b)` are words a name is made of; after a given name, place words are
    /// surnames too (`Christopher Hill`), organisation words never are.
    fn all_name_words(&self, a: usize, b: usize, after_given: bool) -> bool {
        let not_name = word::NOT_NAME | word::HEADS;
        (a..b).all(|j| {
            let t = &self.toks[j];
            let w = self.words[j];
            let place_surname = after_given && w & word::SURNAME_PLACE != 0;
            let after_particle = j > a && self.is_particle(j - 1);
            (t.has(flag::CAP)
                && !t.has(flag::ALL_CAPS)
                && (w & not_name == 0 || place_surname || after_particle))
                || (w & word::PARTICLE != 0 && j + 1 < b)
                || (w & word::GIVEN != 0)
        })
    }

    fn read_unknown(
        &self,
        p: &Piece,
        s: &str,
        known: &FxMap<&str, EntityType>,
        surnames: &FxMap<&str, usize>,
        alone: &FxMap<&str, u32>,
    ) -> (Reading, &'static str) {
        let n = p.end - p.first;
        let first = &self.toks[p.first];
        let kind = self.para_kind(p.first);
        if let Some(&k) = known.get(s) {
            return (as_reading(k), "same name elsewhere");
        }
        if n == 1 && surnames.contains_key(s) {
            return (Reading::Person, "surname of a person named in full");
        }
        let namey = self.all_name_words(p.first, p.end, false);
        if n >= 2 && namey && surnames.contains_key(self.toks[p.end - 1].span.of(self.text)) {
            return (Reading::Person, "surname of a person named in full");
        }
        if kind.is_heading() {
            return (Reading::Unknown, "");
        }
        let initial = first.has(flag::SENTENCE_START);
        if kind == ParaKind::Credit && namey && n <= 4 {
            return (Reading::Person, "name in a credit line");
        }
        // what follows: `Valaitis said`, `Smith, who`, `the Grand Bristol hotel`
        let last = &self.toks[p.end - 1];
        let next = self
            .toks
            .get(p.end)
            .filter(|t| t.paragraph == last.paragraph);
        let next_w = next.map_or(0, |_| self.words[p.end]);
        let plain_next =
            next.is_some() && !last.has(flag::PUNCT_AFTER) && !last.has(flag::POSSESSIVE);
        let comma_next = last.has(flag::COMMA_AFTER);
        if let Some(t) = next {
            if t.has(flag::LOWER) && plain_next && !comma_next {
                if next_w & word::FAC_NOUN != 0 {
                    return (
                        Reading::Known(EntityType::Fac),
                        "name before a facility noun",
                    );
                }
                if next_w & word::GPE_NOUN != 0 {
                    return (Reading::Known(EntityType::Gpe), "name before a place noun");
                }
                if next_w & word::LOC_NOUN != 0 {
                    return (Reading::Known(EntityType::Loc), "name before a place noun");
                }
                if next_w & word::ORG_NOUN != 0 {
                    return (
                        Reading::Known(EntityType::Org),
                        "name before an organisation noun",
                    );
                }
            }
        }
        // `European Central Bank (ECB)`: a name spelled out before its acronym is not a person
        let acronym_after = next.is_some_and(|t| {
            t.has(flag::ALL_CAPS)
                && matches!(self.text[last.span.end..t.span.start].trim(), "(" | "(the")
        });
        if n >= 2 && acronym_after {
            return (Reading::Known(EntityType::Org), "name before its acronym");
        }
        // `XVII`, `UNLESS`: numerals and shouted words are not acronyms
        let numeral = s.bytes().all(|b| b"IVXLCDM".contains(&b));
        if n == 1
            && first.has(flag::ALL_CAPS)
            && !s.contains('.')
            && !numeral
            && !self.written_lower(p.first)
        {
            // an acronym, unless the text around it is shouting in capitals
            let shouting = |j: Option<usize>| {
                j.and_then(|j| self.toks.get(j))
                    .is_some_and(|t| t.paragraph == first.paragraph && t.has(flag::ALL_CAPS))
            };
            if s.len() <= 6 && !shouting(p.first.checked_sub(1)) && !shouting(Some(p.end)) {
                return (Reading::Known(EntityType::Org), "acronym");
            }
            return (Reading::Unknown, "");
        }
        if p.mixed {
            // `Valeska Paris`, `Dion Dublin`: a first name the article never writes in lower case
            let given = self.words[p.first] & word::GIVEN != 0;
            let person_like = n == 2
                && self.words[p.first] & word::COMMON == 0
                && self.gaz_end[p.first + 1] != NO_GAZ
                && !self.toks[p.first + 1].has(flag::ALL_CAPS)
                && self.all_name_words(p.first, p.first + 1, false)
                && !self.written_lower(p.first);
            return if given || person_like {
                (Reading::Person, "given name before a place name")
            } else {
                (
                    Reading::Known(EntityType::Org),
                    "name with a place name inside",
                )
            };
        }
        // `Météo-France`: a hyphenated word with a place in it names an organisation
        if n == 1 && first.has(flag::HYPHEN) && {
            let at = self.parts.partition_point(|x| x.0 < p.first);
            let head = s.split('-').next().unwrap_or_default();
            // not `R-Texas` (a party and a state) nor `Pro-Beijing`
            self.parts.get(at).is_some_and(|x| x.0 == p.first)
                && head.chars().count() >= 3
                && self.rules.word(head) & (word::COMMON | word::NOT_NAME) == 0
        } {
            return (
                Reading::Known(EntityType::Org),
                "name with a place name inside",
            );
        }
        if let Some((k, rule)) = self.context_type(p) {
            return (as_reading(k), rule);
        }
        let cue_after = next.is_some_and(|t| {
            let tw = t.span.of(self.text);
            (plain_next && next_w & word::CUE_PERSON_AFTER != 0)
                || (comma_next && matches!(tw, "who" | "whose" | "whom"))
        });
        let prev = p
            .first
            .checked_sub(1)
            .map(|j| &self.toks[j])
            .filter(|t| t.paragraph == first.paragraph);
        let prev_w = prev.map_or(0, |_| self.words[p.first - 1]);
        let cue_before = prev
            .is_some_and(|t| !t.has(flag::CAP) && prev_w & word::CUE_PERSON_BEFORE != 0)
            || (p.first >= 2 && {
                let a = &self.toks[p.first - 2];
                let before = Span::new(a.span.start, self.toks[p.first - 1].span.end);
                a.paragraph == first.paragraph
                    && self.rules.phrase(before.of(self.text)) & phrase::PERSON_CUE_BEFORE != 0
            });
        let given = self.words[p.first] & word::GIVEN != 0;
        if initial && n == 1 && comma_next && !given {
            // `Specifically, ...`: a sentence-opening word set off by a comma
            return (Reading::Unknown, "");
        }
        // a lone word opening a sentence needs more than a verb (`Easier said than done`)
        // a lone common word is no one's name (`British Industry said`)
        let common_single = n == 1 && self.words[p.first] & word::COMMON != 0;
        if namey && n <= 4 && (cue_after || cue_before) && !(initial && n == 1) && !common_single {
            return (Reading::Person, "name before or after a speech verb");
        }
        if n == 1 && given && !initial {
            return (Reading::Person, "given name");
        }
        if p.after_the && !initial {
            return (
                Reading::Known(EntityType::Org),
                "capitalised The before a name",
            );
        }
        if initial && n == 1 {
            return (Reading::Unknown, "");
        }
        // a name does not end on an initial (`Protected B`)
        if (2..=3).contains(&n) && namey && last.span.len() >= 2 {
            let surname = self.toks[p.end - 1].span.of(self.text);
            if alone.contains_key(surname) {
                return (
                    Reading::Person,
                    "name whose last word stands alone elsewhere",
                );
            }
            if !(p.first..p.end).any(|j| self.words[j] & word::COMMON != 0 || self.written_lower(j))
            {
                // measured on GUM: with no other evidence, two or three capitalised words are
                // more often a person than not (context rules above catch places and firms)
                return (Reading::Person, "two or three capitalised words");
            }
        }
        (Reading::Unknown, "")
    }

    /// One entity per name: a surname or a repeated name links to the full name written first.
    fn link(self) -> Entities {
        let text = self.text;
        let mut out = Entities::default();
        let mut by_name: FxMap<(EntityType, &str), usize> = FxMap::default();
        // names in capitals, one per entity: `MUNICH` in a dateline and `Munich` later are one
        // place (folded only when the exact name is new, so the cost is per entity, not mention)
        let mut by_upper: FxMap<(EntityType, String), usize> = FxMap::default();
        let mut by_surname: FxMap<&str, usize> = FxMap::default();
        let mut by_given: FxMap<&str, usize> = FxMap::default();
        let mut pieces: Vec<Piece> = self
            .pieces
            .iter()
            .copied()
            .filter(|p| p.reading != Reading::Unknown)
            .collect();
        pieces.sort_by_key(|p| (p.span.start, p.span.end));
        // Full names of people first, so that a surname before the full name still links to it.
        let mut order: Vec<usize> = (0..pieces.len()).collect();
        order.sort_by_key(|&i| {
            let p = &pieces[i];
            let multi = p.end - p.first >= 2;
            (!(p.reading == Reading::Person && multi), i)
        });
        let mut entity_of = vec![0usize; pieces.len()];
        for &i in &order {
            let p = pieces[i];
            let name = p.span.of(text);
            let kind = match p.reading {
                Reading::Known(k) => k,
                _ => EntityType::Person,
            };
            let exact = by_name.get(&(kind, name)).copied();
            let folded = || by_upper.get(&(kind, name.to_uppercase())).copied();
            let id = if kind == EntityType::Person {
                let single = p.end - p.first == 1;
                exact
                    .or_else(folded)
                    .or_else(|| {
                        single
                            .then(|| by_surname.get(name).or_else(|| by_given.get(name)).copied())
                            .flatten()
                    })
                    .or_else(|| {
                        // `Lamont Hill` after `Marc Lamont Hill`
                        (!single)
                            .then(|| by_surname.get(self.toks[p.end - 1].span.of(text)).copied())
                            .flatten()
                            .filter(|&e| out.entities[e].name.ends_with(name))
                    })
            } else {
                exact.or_else(folded)
            };
            let id = id.unwrap_or_else(|| {
                out.entities.push(Entity {
                    name: name.to_string(),
                    kind,
                    mentions: 0,
                    first: p.span,
                });
                let e = out.entities.len() - 1;
                by_upper.insert((kind, name.to_uppercase()), e);
                if kind == EntityType::Person && p.end - p.first >= 2 {
                    by_surname
                        .entry(self.toks[p.end - 1].span.of(text))
                        .or_insert(e);
                    by_given
                        .entry(self.toks[p.first].span.of(text))
                        .or_insert(e);
                }
                e
            });
            // the entity is named as prose writes it, not as a dateline shouts it
            let e = &mut out.entities[id];
            if e.name.len() == name.len() && !e.name.chars().any(char::is_lowercase) {
                e.name = name.to_string();
            }
            by_name.entry((kind, name)).or_insert(id);
            entity_of[i] = id;
        }
        for (i, p) in pieces.iter().enumerate() {
            let id = entity_of[i];
            let e = &mut out.entities[id];
            e.mentions += 1;
            if p.span.start < e.first.start {
                e.first = p.span;
            }
            out.mentions.push(Mention {
                span: p.span,
                tokens: self.stream.covering(p.span),
                kind: e.kind,
                entity: id,
                title: p.title,
                rule: p.rule,
            });
        }
        Entities::new(out.entities, out.mentions, self.stream.tokens.len())
    }
}

/// Entity types in the order of their discriminants, for votes indexed by `kind as usize`.
const ALL_TYPES: [EntityType; 8] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Gpe,
    EntityType::Loc,
    EntityType::Fac,
    EntityType::Norp,
    EntityType::Event,
    EntityType::Product,
];

fn as_reading(k: EntityType) -> Reading {
    if k == EntityType::Person {
        Reading::Person
    } else {
        Reading::Known(k)
    }
}

/// A paragraph in capitals (`SOCCER - JAPAN GET LUCKY WIN`).
fn shouting(toks: &[Token]) -> bool {
    let words = toks
        .iter()
        .filter(|t| t.span.len() >= 3 && !t.has(flag::DIGIT));
    let (mut long, mut caps) = (0, 0);
    for t in words {
        long += 1;
        caps += usize::from(t.has(flag::ALL_CAPS));
    }
    long >= 2 && caps * 10 >= long * 8
}

/// A heading in title case: most longer words capitalised.
fn title_case(toks: &[Token]) -> bool {
    let mut long = 0;
    let mut caps = 0;
    for t in toks {
        if t.span.len() >= 4 && !t.has(flag::DIGIT) {
            long += 1;
            if t.has(flag::CAP) {
                caps += 1;
            }
        }
    }
    long >= 3 && caps * 10 >= long * 8
}
