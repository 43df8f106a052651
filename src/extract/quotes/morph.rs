//! Word endings the quote stage reads, from `quotes.json`: `-ly` adverbs, `-ing` gerunds, `-ed`
//! past forms and participles, plural `-s` (not `-ss`), and the endings of nouns for groups of
//! people (`-ers`, `-ists`); and the possessive `’s` of the shared word lists.

/// A list of endings; a word has one when it ends in it.
#[derive(Debug, Default)]
pub struct Endings(Vec<String>);

impl Endings {
    pub fn new(list: &[String]) -> Self {
        Endings(list.to_vec())
    }

    /// Whether `w` ends in one of the endings.
    pub fn end(&self, w: &str) -> bool {
        self.0.iter().any(|e| w.ends_with(e.as_str()))
    }

    /// Whether `w` ends in one of the endings with more than `stem` bytes before it.
    pub fn end_after(&self, w: &str, stem: usize) -> bool {
        self.0
            .iter()
            .any(|e| w.len() > e.len() + stem && w.ends_with(e.as_str()))
    }
}

#[derive(Debug, Default)]
pub struct Morphology {
    pub adverb: Endings,
    pub gerund: Endings,
    pub past: Endings,
    pub participle: Endings,
    /// Participles that do not end in a `participle` ending (`seen`).
    pub participles: Vec<String>,
    pub plural: Endings,
    /// Endings that look plural and are not (`-ss`).
    pub not_plural: Endings,
    pub group_noun: Endings,
    /// `’s`, `'s`, from the shared word lists.
    pub possessive: Endings,
}

impl Morphology {
    /// `w` without a possessive ending (`Smith’s` → `Smith`).
    pub fn strip_possessive<'w>(&self, w: &'w str) -> &'w str {
        self.possessive
            .0
            .iter()
            .find_map(|e| w.strip_suffix(e.as_str()))
            .unwrap_or(w)
    }

    /// A lower-case past participle (`seen`, `obtained`, `reviewed`).
    pub fn is_participle(&self, w: &str) -> bool {
        self.participle.end(w) || self.participles.iter().any(|p| p == w)
    }

    /// `-s` but not `-ss`: a plural noun, or a present verb after a noun (`the ministry says`).
    pub fn is_plural(&self, w: &str) -> bool {
        self.plural.end(w) && !self.not_plural.end(w)
    }

    /// The singular of a plural word of more than three letters (`officials` → `official`).
    pub fn singular<'w>(&self, w: &'w str) -> &'w str {
        if w.len() <= 3 || self.not_plural.end(w) {
            return w;
        }
        self.plural
            .0
            .iter()
            .find(|e| w.ends_with(e.as_str()))
            .map_or(w, |e| &w[..w.len() - e.len()])
    }
}
