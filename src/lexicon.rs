//! Word → class bits, the one lookup type every stage's word lists compile into, and the one
//! hasher every map in the stages uses. Words of up to 16 bytes are packed into a `u128` key in
//! registers, so a lookup is a few loads, a multiply and a compare, with no allocation.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (Firefox, rustc): a multiply and a rotate per eight bytes. The maps are built from rule
/// files and per-article words, never keyed by an attacker who could flood them.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u128(&mut self, i: u128) {
        self.add(i as u64);
        self.add((i >> 64) as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxSet<K> = HashSet<K, FxBuild>;

/// Class bits: each stage names its own.
pub type Classes = u64;

/// Whether a lexicon matches words as written or ignoring case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Exact,
    /// Entries and lookups are lower-cased (Unicode lower case).
    Folded,
}

/// Words (or phrases) → class bits. Each stage keeps its own lexicons with its own bits.
pub struct Lexicon {
    case: Case,
    short: FxMap<u128, Classes>,
    long: FxMap<Box<[u8]>, Classes>,
    max_len: usize,
}

impl Lexicon {
    pub fn new(case: Case) -> Self {
        Lexicon {
            case,
            short: FxMap::default(),
            long: FxMap::default(),
            max_len: 0,
        }
    }

    /// Adds `bits` to the classes of `word`.
    pub fn add(&mut self, word: &str, bits: Classes) {
        let key = match self.case {
            Case::Exact => word.to_string(),
            Case::Folded => word.to_lowercase(),
        };
        self.max_len = self.max_len.max(key.len());
        if key.len() <= 16 {
            *self.short.entry(pack(key.as_bytes())).or_insert(0) |= bits;
        } else {
            *self
                .long
                .entry(key.into_bytes().into_boxed_slice())
                .or_insert(0) |= bits;
        }
    }

    /// The classes of `word`; 0 when it is in no list.
    #[inline]
    pub fn get(&self, word: &str) -> Classes {
        let w = word.as_bytes();
        if w.len() > self.max_len || w.is_empty() {
            return 0;
        }
        match self.case {
            Case::Exact if w.len() <= 16 => self.short_get(load(w, false)),
            Case::Exact => self.long.get(w).copied().unwrap_or(0),
            Case::Folded if word.is_ascii() => {
                if w.len() <= 16 {
                    return self.short_get(load(w, true));
                }
                let mut buf = [0u8; 64];
                let Some(b) = buf.get_mut(..w.len()) else {
                    return 0;
                };
                for (d, s) in b.iter_mut().zip(w) {
                    *d = s.to_ascii_lowercase();
                }
                self.long.get(&*b).copied().unwrap_or(0)
            }
            Case::Folded => {
                let lower = word.to_lowercase();
                let l = lower.as_bytes();
                if l.len() <= 16 {
                    self.short_get(pack(l))
                } else {
                    self.long.get(l).copied().unwrap_or(0)
                }
            }
        }
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.get(word) != 0
    }

    #[inline]
    fn short_get(&self, key: u128) -> Classes {
        self.short.get(&key).copied().unwrap_or(0)
    }
}

fn pack(bytes: &[u8]) -> u128 {
    let mut v = [0u8; 16];
    v[..bytes.len()].copy_from_slice(bytes);
    u128::from_le_bytes(v)
}

/// `pack` of `w` (at most 16 bytes; ASCII when `lower`), ASCII-lowercased when `lower`, built in
/// registers: a few overlapping loads instead of a loop over the bytes.
#[inline]
fn load(w: &[u8], lower: bool) -> u128 {
    let n = w.len();
    let le = |i: usize, len: usize| {
        let mut v = [0u8; 8];
        v[..len].copy_from_slice(&w[i..i + len]);
        u64::from_le_bytes(v)
    };
    let (lo, hi) = if n >= 8 {
        let hi = if n > 8 {
            le(n - 8, 8) >> ((16 - n) * 8)
        } else {
            0
        };
        (le(0, 8), hi)
    } else if n >= 4 {
        // the two loads overlap on equal bytes, so or-ing them is exact
        (le(0, 4) | (le(n - 4, 4) << ((n - 4) * 8)), 0)
    } else {
        (
            w.iter().rev().fold(0u64, |k, &b| (k << 8) | u64::from(b)),
            0,
        )
    };
    if lower {
        u128::from(lower8(lo)) | (u128::from(lower8(hi)) << 64)
    } else {
        u128::from(lo) | (u128::from(hi) << 64)
    }
}

/// ASCII lowercasing of eight bytes at once (every byte below 0x80).
#[inline]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // per byte: the high bit says `b >= 'A'`, and `b > 'Z'` in the second sum
    let ge_a = x + ONES * (0x80 - u64::from(b'A'));
    let gt_z = x + ONES * (0x80 - u64::from(b'Z') - 1);
    let upper = ge_a & !gt_z & (ONES * 0x80);
    x | (upper >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_keys_match_packed_words() {
        let words = [
            "a",
            "I",
            "Mr",
            "The",
            "said",
            "SAID",
            "Zz@[`{",
            "according",
            "Spokesperson",
            "AbCdEfGhIjKlMnOp",
            "abcdefgh",
            "ABCDEFGHI",
            "x-y'z.Q&",
            "0123456789AZaz~",
        ];
        for w in words {
            let lower = w.to_ascii_lowercase();
            assert_eq!(load(w.as_bytes(), true), pack(lower.as_bytes()), "{w}");
            assert_eq!(load(w.as_bytes(), false), pack(w.as_bytes()), "{w}");
        }
        for n in 1..=16 {
            let w: String = (0..n)
                .map(|i| (b'@' + (i as u8 * 7) % 60) as char)
                .collect();
            let lower = w.to_ascii_lowercase();
            assert_eq!(load(w.as_bytes(), true), pack(lower.as_bytes()), "{w}");
        }
    }

    #[test]
    fn exact_and_folded_lookups() {
        let mut exact = Lexicon::new(Case::Exact);
        let mut folded = Lexicon::new(Case::Folded);
        for (w, bits) in [
            ("Gov.", 1),
            ("São", 2),
            ("Secretary of State", 4),
            ("Ministerpräsidentin", 8),
        ] {
            exact.add(w, bits);
            folded.add(w, bits);
        }
        assert_eq!(exact.get("Gov."), 1);
        assert_eq!(exact.get("gov."), 0);
        assert_eq!(folded.get("GOV."), 1);
        assert_eq!(exact.get("São"), 2);
        assert_eq!(folded.get("SÃO"), 2);
        assert_eq!(exact.get("Secretary of State"), 4);
        assert_eq!(folded.get("secretary OF state"), 4);
        assert_eq!(exact.get("Ministerpräsidentin"), 8);
        assert_eq!(folded.get("MINISTERPRÄSIDENTIN"), 8);
        assert_eq!(exact.get(""), 0);
        assert_eq!(exact.get("Secretary of States"), 0);
    }
}
