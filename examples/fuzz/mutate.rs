//! Mutations of an article text: the hostile inputs of issue 13 (quotation marks of every kind,
//! line ends, invisible and combining characters, RTL, emoji, long lines and words, nested quotes,
//! truncation at any code point, unmatched openers, title chains), driven by a seeded generator.

/// SplitMix64: tiny, fast and fully determined by its seed, so every execution can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every quotation mark the stages know of, and some they do not.
const MARKS: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "„", "‚", "«", "»", "‹", "›", "「", "」", "『", "』", "〝",
    "〞", "＂", "‟", "‛", "`", "``", "''", "« ", " »",
];
/// Characters that change how text looks but not how it reads.
const INVISIBLE: &[&str] = &[
    "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{0301}", "\u{0308}",
    "\u{0327}", "\u{20DD}", "\u{034F}", "\u{FE0F}", "\u{00A0}", "\u{2009}", "\u{202F}", "\u{3000}",
];
const RTL: &[&str] = &[
    "\u{202E}",
    "\u{202B}",
    "\u{200F}",
    "\u{2067}",
    "\u{2069}",
    "שלום",
    "مرحبا",
    "\u{202C}",
];
const EMOJI: &[&str] = &["😀", "👍🏽", "👨‍👩‍👧", "🇬🇧", "❤️", "🔥", "1️⃣", "🏳️‍🌈"];
const LINE_ENDS: &[&str] = &[
    "\r", "\r\n", "\n", "\n\n", "\u{2028}", "\u{2029}", "\u{85}", "\x0b", "\x0c",
];
const PUNCT: &[&str] = &[
    ".", "...", "…", ". . .", " .", "?", "!", "?!", ",", ";", ":", "—", "–", "-", "(", ")", "[",
    "]", ".”", "?”", ",”", "!\"", ".'", "…”", " …", "..", ". .", "…?",
];
const TITLES: &[&str] = &[
    "Gov.",
    "Sen.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Prof.",
    "President",
    "Minister",
    "Judge",
    "Rep.",
];
const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "he",
    "she",
    "they",
    "the",
    "Mr.",
    "U.S.",
    "Inc.",
    "No.",
    "a.m.",
    "Jan.",
    "Smith",
    "Ama Osei",
    "Police",
    "according to",
    "that",
    "spokeswoman",
    "by",
    "said that",
];

/// Lines the layout stage reads specially: headlines, datelines, bylines, credits, boilerplate.
const LAYOUT: &[&str] = &[
    "\nWESTMERE (AP) — ",
    "\nBy Ama Osei and Kofi Lund\n",
    "\nShare\n",
    "\nFollow us\n",
    "\nReporting by Ama Osei; Editing by Kofi Lund\n",
    "\nAma Osei contributed to this report.\n",
    "Advertisement\n",
    "\nRead more: ",
    "\nPhoto: ",
    "\n• ",
    "\n1. ",
    "\n- ",
    "\nMONDAY, MAY 4, 2026\n",
    "Quay Town, Ruritania — ",
    "\n\n\n",
];

/// Applies 1–8 mutations to `text`.
pub fn mutate(rng: &mut Rng, text: &mut String) {
    for _ in 0..1 + rng.below(8) {
        mutate_once(rng, text);
    }
}

fn mutate_once(rng: &mut Rng, text: &mut String) {
    match rng.below(24) {
        0..=3 => insert_one(rng, text, MARKS),
        4 => delete_mark(rng, text),
        5 => insert_one(rng, text, LINE_ENDS),
        6 => crlf(rng, text),
        7 => insert_one(rng, text, INVISIBLE),
        8 => insert_one(rng, text, RTL),
        9 => insert_one(rng, text, EMOJI),
        10 => insert_one(rng, text, PUNCT),
        11 => {
            let w = format!(" {} ", rng_pick(rng, WORDS));
            insert(rng, text, &w)
        }
        12 => truncate(rng, text),
        13 => delete_range(rng, text),
        14 => duplicate_range(rng, text),
        15 => nested(rng, text),
        16 => title_chain(rng, text),
        17 => {
            // an unmatched opener before a word
            let m = format!(
                " {}Word",
                rng_pick(rng, &["«", "„", "“", "'", "\"", "‘", "‹", "‚"])
            );
            insert(rng, text, &m)
        }
        18 => long_word(rng, text),
        19 => swap_case(rng, text),
        20 => insert_one(rng, text, LAYOUT),
        _ => {
            // any code point at all, surrogates excepted
            let c = char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('\u{FFFD}');
            insert(rng, text, c.encode_utf8(&mut [0; 4]))
        }
    }
}

fn rng_pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len())]
}

fn insert_one(rng: &mut Rng, text: &mut String, items: &[&str]) {
    let what = rng_pick(rng, items);
    insert(rng, text, what);
}

/// A byte offset on a char boundary, uniformly over the code points (and the end).
pub fn boundary(rng: &mut Rng, text: &str) -> usize {
    if text.is_empty() {
        return 0;
    }
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn insert(rng: &mut Rng, text: &mut String, what: &str) {
    let at = boundary(rng, text);
    text.insert_str(at, what);
}

fn delete_mark(rng: &mut Rng, text: &mut String) {
    let marks: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| "\"'“”‘’„‚«»‹›".contains(*c))
        .collect();
    if marks.is_empty() {
        return;
    }
    let (at, c) = *rng.pick(&marks);
    text.replace_range(at..at + c.len_utf8(), "");
}

fn crlf(rng: &mut Rng, text: &mut String) {
    *text = match rng.below(3) {
        0 => text.replace('\n', "\r\n"),
        1 => text.replace('\n', "\r"),
        _ => text.replace("\r\n", "\n").replace('\n', " "),
    };
}

fn truncate(rng: &mut Rng, text: &mut String) {
    let at = boundary(rng, text);
    if rng.one_in(2) {
        text.truncate(at);
    } else {
        text.replace_range(..at, "");
    }
}

fn range(rng: &mut Rng, text: &str, max: usize) -> (usize, usize) {
    let a = boundary(rng, text);
    let mut b = (a + 1 + rng.below(max)).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    (a, b)
}

fn delete_range(rng: &mut Rng, text: &mut String) {
    let (a, b) = range(rng, text, 40);
    text.replace_range(a..b, "");
}

fn duplicate_range(rng: &mut Rng, text: &mut String) {
    let (a, b) = range(rng, text, 200);
    let piece = text[a..b].to_string();
    let at = boundary(rng, text);
    text.insert_str(at, &piece.repeat(1 + rng.below(3)));
}

/// Quotes inside quotes, several levels deep, around a piece of the text.
fn nested(rng: &mut Rng, text: &mut String) {
    let pairs = [
        ("“", "”"),
        ("‘", "’"),
        ("\"", "\""),
        ("'", "'"),
        ("«", "»"),
        ("„", "“"),
        ("‹", "›"),
    ];
    let (mut a, mut b) = range(rng, text, 120);
    for _ in 0..1 + rng.below(4) {
        let (open, close) = *rng.pick(&pairs);
        text.insert_str(b, close);
        text.insert_str(a, open);
        b += open.len() + close.len();
        if rng.one_in(2) && a > 0 {
            a = boundary(rng, &text[..a]);
        }
    }
}

fn title_chain(rng: &mut Rng, text: &mut String) {
    let t = rng_pick(rng, TITLES);
    let n = 1 + rng.below(30);
    let chain = format!(" {}Ama Osei said", format!("{t} ").repeat(n));
    insert(rng, text, &chain);
}

fn long_word(rng: &mut Rng, text: &mut String) {
    let c = *rng.pick(&['a', 'Z', 'é', '.', '“', '-', ' ', 'ß']);
    let n = 50 + rng.below(300);
    let word: String = std::iter::repeat_n(c, n).collect();
    insert(rng, text, &word);
}

fn swap_case(rng: &mut Rng, text: &mut String) {
    let (a, b) = range(rng, text, 60);
    let piece = if rng.one_in(2) {
        text[a..b].to_uppercase()
    } else {
        text[a..b].to_lowercase()
    };
    text.replace_range(a..b, &piece);
}

/// A big article (50–250 KB; a title chain 5–25 KB): the shapes that grow work faster than the
/// input, kept small enough that one execution stays well under a second.
pub fn big(rng: &mut Rng, seed: &str) -> String {
    let shape = rng.below(6);
    let size = if shape == 3 {
        5_000 + rng.below(20_000)
    } else {
        50_000 + rng.below(200_000)
    };
    let mark = rng_pick(rng, &["«", "„", "“", "'", "\"", "‘"]);
    let title = rng_pick(rng, TITLES);
    let mut out = String::with_capacity(size + seed.len() + 10_000);
    while out.len() < size {
        let mut unit = match shape {
            // one long line: the paragraph with its breaks removed
            0 => seed.replace(['\n', '\r'], " "),
            // a 10k-letter word amid text
            1 => format!("{} {} ", seed, "x".repeat(10_000)),
            // unmatched openers of one mark
            2 => format!("{mark}word "),
            // a title chain
            3 => format!("{title} "),
            // many speakers
            4 => format!("“Yes,” said Ama{} Osei. ", rng.below(100_000)),
            _ => format!("{seed}\n"),
        };
        if rng.one_in(64) {
            mutate_once(rng, &mut unit);
        }
        out.push_str(&unit);
    }
    out
}
