//! Spans and byte ↔ code point offsets. Stages work in byte offsets; output records use code points.

use serde::{Deserialize, Serialize};

/// A half-open byte range into an article's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Converts byte offsets to Unicode code point offsets for one text.
/// Pure-ASCII texts (the common case) convert for free; otherwise a sparse table of
/// checkpoints keeps memory small and each lookup O(1) plus a short scan.
pub struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    /// code point count at every CHECKPOINT-th byte
    checkpoints: Vec<usize>,
}

const CHECKPOINT: usize = 64;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            let bytes = text.as_bytes();
            let mut count = 0usize;
            checkpoints.reserve(bytes.len() / CHECKPOINT + 1);
            for (i, &b) in bytes.iter().enumerate() {
                if i.is_multiple_of(CHECKPOINT) {
                    checkpoints.push(count);
                }
                if (b & 0xC0) != 0x80 {
                    count += 1;
                }
            }
            if bytes.len().is_multiple_of(CHECKPOINT) {
                checkpoints.push(count);
            }
        }
        CharIndex {
            text,
            ascii,
            checkpoints,
        }
    }

    /// Code point offset of a byte offset that lies on a char boundary (or at the end).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        debug_assert!(self.text.is_char_boundary(byte));
        let block = byte / CHECKPOINT;
        let base = block * CHECKPOINT;
        let mut count = self.checkpoints[block];
        for &b in &self.text.as_bytes()[base..byte] {
            if (b & 0xC0) != 0x80 {
                count += 1;
            }
        }
        count
    }

    pub fn span(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

/// Byte offset of a code point offset (used when reading gold files and in tests).
pub fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points_not_bytes() {
        let text = "Lukić said “no” — Kraków, São Paulo. ".repeat(5);
        let idx = CharIndex::new(&text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(byte), chars, "at byte {byte}");
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn char_offsets_at_exact_checkpoint_length() {
        let text = format!("{}é", "a".repeat(126));
        assert_eq!(text.len(), 128);
        let idx = CharIndex::new(&text);
        assert_eq!(idx.char_offset(128), 127);
        assert_eq!(idx.char_offset(126), 126);
    }

    #[test]
    fn byte_offset_inverts_char_offset() {
        let text = "Zoë said “ok”.";
        let idx = CharIndex::new(text);
        for (b, _) in text.char_indices() {
            assert_eq!(byte_offset(text, idx.char_offset(b)), b);
        }
    }
}
