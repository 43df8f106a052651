//! Text encodings an export can arrive in: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark (Excel's "Unicode text"), and Windows-1252 where a web page declares it. Only
//! encodings that say what they are are decoded; anything else is left for the caller to refuse.

use std::io::{self, BufRead, BufReader, Read};

/// What a stream's first bytes say about its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    None,
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Bom {
    pub fn sniff(bytes: &[u8]) -> Bom {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            Bom::Utf8
        } else if bytes.starts_with(b"\xFF\xFE") {
            Bom::Utf16Le
        } else if bytes.starts_with(b"\xFE\xFF") {
            Bom::Utf16Be
        } else {
            Bom::None
        }
    }

    fn len(self) -> usize {
        match self {
            Bom::None => 0,
            Bom::Utf8 => 3,
            Bom::Utf16Le | Bom::Utf16Be => 2,
        }
    }
}

/// A reader of UTF-8 bytes whatever the stream's byte-order mark said; the mark itself is dropped.
pub fn utf8_reader(mut inner: Box<dyn Read + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    // A pipe may deliver the mark over several reads: gather the first three bytes first.
    let mut head = [0u8; 3];
    let mut n = 0;
    while n < head.len() {
        match inner.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let bom = Bom::sniff(&head[..n]);
    let rest = io::Cursor::new(head[bom.len()..n].to_vec()).chain(inner);
    Ok(match bom {
        Bom::Utf16Le | Bom::Utf16Be => Box::new(BufReader::with_capacity(
            1 << 16,
            Utf16Reader {
                inner: BufReader::with_capacity(1 << 16, rest),
                big_endian: bom == Bom::Utf16Be,
                high: None,
                out: Vec::new(),
                pos: 0,
                offset: bom.len() as u64,
            },
        )),
        _ => Box::new(BufReader::with_capacity(1 << 16, rest)),
    })
}

/// Decodes a whole UTF-16 buffer (after its mark); an unpaired surrogate is an error, not U+FFFD,
/// so no text is silently changed.
pub fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<String, String> {
    if bytes.len() % 2 == 1 {
        return Err("UTF-16 text with an odd number of bytes".into());
    }
    let units = bytes.chunks_exact(2).map(|p| unit(p, big_endian));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        out.push(c.map_err(|_| format!("invalid UTF-16 (unpaired surrogate) near unit {i}"))?);
    }
    Ok(out)
}

fn unit(pair: &[u8], big_endian: bool) -> u16 {
    if big_endian {
        u16::from_be_bytes([pair[0], pair[1]])
    } else {
        u16::from_le_bytes([pair[0], pair[1]])
    }
}

/// Streams UTF-16 as UTF-8, a chunk at a time.
struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    /// A high surrogate waiting for its pair from the next chunk.
    high: Option<u16>,
    out: Vec<u8>,
    pos: usize,
    /// Bytes of the source consumed, for error messages.
    offset: u64,
}

impl<R: BufRead> Utf16Reader<R> {
    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        while self.out.is_empty() {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                if self.high.is_some() {
                    return Err(self.invalid("unpaired surrogate at the end"));
                }
                return Ok(());
            }
            if chunk.len() == 1 {
                // Half a unit: join it with the next read's first byte.
                let first = chunk[0];
                self.inner.consume(1);
                let mut second = [0u8; 1];
                if self.inner.read(&mut second)? == 0 {
                    return Err(self.invalid("odd number of bytes"));
                }
                self.offset += 2;
                self.push_unit(unit(&[first, second[0]], self.big_endian))?;
                continue;
            }
            let take = chunk.len() & !1;
            let units: Vec<u16> = chunk[..take]
                .chunks_exact(2)
                .map(|p| unit(p, self.big_endian))
                .collect();
            self.inner.consume(take);
            for u in units {
                self.push_unit(u)?;
                self.offset += 2;
            }
        }
        Ok(())
    }

    fn push_unit(&mut self, u: u16) -> io::Result<()> {
        let c = match (self.high.take(), u) {
            (None, 0xD800..=0xDBFF) => {
                self.high = Some(u);
                return Ok(());
            }
            (Some(h), 0xDC00..=0xDFFF) => {
                char::from_u32(0x10000 + ((h as u32 - 0xD800) << 10) + (u as u32 - 0xDC00))
            }
            (None, 0xDC00..=0xDFFF) | (Some(_), _) => None,
            (None, _) => char::from_u32(u as u32),
        };
        let c = c.ok_or_else(|| self.invalid("unpaired surrogate"))?;
        let mut buf = [0u8; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    fn invalid(&self, what: &str) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("invalid UTF-16 at byte {}: {what}", self.offset),
        )
    }
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.out.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Windows-1252, which the web platform also uses for pages labelled ISO-8859-1 or ASCII.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    // 0x80..=0x9F; the five bytes Windows-1252 leaves undefined map to the C1 controls, as browsers do.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> io::Result<String> {
        let mut r = utf8_reader(Box::new(io::Cursor::new(bytes.to_vec())))?;
        let mut s = String::new();
        r.read_to_string(&mut s)?;
        Ok(s)
    }

    fn utf16le(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        v
    }

    #[test]
    fn utf16_with_a_mark_reads_as_utf8_including_astral_characters() {
        let text = "id\ttext\r\n1\t“Señora” 👍 said\r\n";
        assert_eq!(read_all(&utf16le(text)).unwrap(), text);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(read_all(&be).unwrap(), text);
        assert_eq!(decode_utf16(&utf16le(text)[2..], false).unwrap(), text);
    }

    #[test]
    fn utf16_split_across_reads_at_odd_offsets_still_decodes() {
        struct Dribble(Vec<u8>, usize);
        impl Read for Dribble {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                // Three bytes at a time: units and surrogate pairs straddle reads.
                let n = 3.min(buf.len()).min(self.0.len() - self.1);
                buf[..n].copy_from_slice(&self.0[self.1..self.1 + n]);
                self.1 += n;
                Ok(n)
            }
        }
        let text = "a👍b€c";
        let inner = BufReader::with_capacity(3, Dribble(utf16le(text)[2..].to_vec(), 0));
        let mut r = Utf16Reader {
            inner,
            big_endian: false,
            high: None,
            out: Vec::new(),
            pos: 0,
            offset: 0,
        };
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!(s, text);
    }

    #[test]
    fn unpaired_surrogate_is_an_error_not_a_replacement() {
        let bytes = [0xFF, 0xFE, 0x00, 0xD8, b'a', 0];
        assert!(read_all(&bytes).is_err());
        assert!(decode_utf16(&bytes[2..], false).is_err());
    }

    #[test]
    fn utf8_mark_is_dropped_and_plain_bytes_pass_through() {
        assert_eq!(read_all(b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
        assert_eq!(read_all(b"ab").unwrap(), "ab");
        assert_eq!(read_all(b"").unwrap(), "");
    }

    #[test]
    fn windows_1252_maps_the_high_range_like_browsers() {
        assert_eq!(
            decode_windows_1252(b"caf\xe9 \x93ok\x94 \x80"),
            "café “ok” €"
        );
    }
}
