//! What the tagger knows about the article's words before it cuts any name: what the word lists
//! say about each word, the kind of each paragraph, the words written in lower case, and where
//! gazetteer names start (`gazetteer.rs`). Built once; every later phase only reads it.

use super::entity::EntityType;
use super::rules::EntityRules;
use super::words::{flag, words, Token};
use crate::extract::tokens::{self, Tokens};
use crate::lexicon::FxSet;
use crate::read::layout::Layout;
use crate::text::Span;

/// How a paragraph's capitals can be read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ParaKind {
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
    pub(super) fn is_heading(self) -> bool {
        matches!(self, ParaKind::TitleCase | ParaKind::Shouting)
    }
}

/// No gazetteer name starts at this token.
pub(super) const NO_GAZ: u32 = u32::MAX;

/// The article's words as the tagger reads them.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) stream: &'a Tokens,
    pub(super) rules: &'a EntityRules,
    pub(super) toks: Vec<Token>,
    /// Per token: what the word lists say.
    pub(super) words: Vec<u64>,
    /// Per token: end token of a gazetteer name starting here (`NO_GAZ` when none), and its type.
    pub(super) gaz_end: Vec<u32>,
    pub(super) gaz_type: Vec<EntityType>,
    /// Gazetteer names inside hyphenated words (`Russia-Ukraine`), by token.
    pub(super) parts: Vec<(usize, Span, EntityType)>,
    pub(super) para_kind: Vec<ParaKind>,
    /// Words written in lower case somewhere in the article: `Tax` in `Tax System` is a word.
    pub(super) lower_words: FxSet<&'a str>,
}

impl<'a> Doc<'a> {
    /// Whether the lists put the word of token `t` in `class`, looked up whatever its distance
    /// from a capital (`words` holds only the words near capitals).
    pub(super) fn is(&self, t: &Token, class: u64) -> bool {
        self.rules.word(t.span.of(self.text)) & class != 0
    }

    /// Token `j` ends in a possessive and one space separates it from the next token
    /// (`Latvia’s Foreign Minister`).
    pub(super) fn possessive_then_space(&self, j: usize) -> bool {
        let s = &self.stream.tokens[j];
        self.toks[j].has(flag::POSSESSIVE)
            && s.has(tokens::flag::SPACE_AFTER)
            && self
                .stream
                .tokens
                .get(j + 1)
                .is_some_and(|n| n.span.start == s.span.end + 1)
    }

    /// Whether `end` is where token `j`'s possessive ends (`Moody's` of a listed name).
    pub(super) fn possessive_ends_at(&self, j: usize, end: usize) -> bool {
        self.toks[j].has(flag::POSSESSIVE) && self.stream.tokens[j].span.end == end
    }

    /// Reads the article's words: what the lists say about each, the kind of each paragraph,
    /// the words written in lower case, and the gazetteer names.
    pub(super) fn read(
        text: &'a str,
        layout: &Layout,
        stream: &'a Tokens,
        rules: &'a EntityRules,
    ) -> Self {
        let mut doc = Doc {
            text,
            stream,
            rules,
            toks: words(stream),
            words: Vec::new(),
            gaz_end: Vec::new(),
            gaz_type: Vec::new(),
            parts: Vec::new(),
            para_kind: Vec::new(),
            lower_words: FxSet::default(),
        };
        doc.read_words(layout);
        doc
    }

    pub(super) fn read_words(&mut self, layout: &Layout) {
        let text = self.text;
        let tokens = self.stream;
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

    /// Body paragraphs are a prefix of the layout's paragraphs, so the layout index is the order.
    pub(super) fn para_kind(&self, i: usize) -> ParaKind {
        self.para_kind
            .get(self.toks[i].paragraph as usize)
            .copied()
            .unwrap_or(ParaKind::Prose)
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
