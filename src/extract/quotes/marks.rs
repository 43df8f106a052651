//! Pairing quotation marks inside one paragraph: which marks open or close a quotation, which are
//! apostrophes (doesn’t, Russia’s, ’90s, rock ’n’ roll), and which quotations are left unbalanced.

use crate::text::Span;

/// One top-level quotation found in a paragraph (nested quotations stay inside its content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The opening mark; `None` when a closing mark has no opener in this paragraph.
    pub open: Option<Span>,
    /// The closing mark; `None` when the quotation runs to the end of the paragraph.
    pub close: Option<Span>,
    /// The text between the marks, whitespace trimmed.
    pub inner: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    mark: Span,
    /// `„` pairs with `“` (German style), so remember the opener.
    low: bool,
}

/// The open marks, innermost last, with the places of each kind kept beside them, so what the scan
/// asks of every mark (is a double mark open? where is the innermost single?) costs no walk over
/// the stack: openers that never close (a paragraph of `«`) would make that quadratic.
#[derive(Default)]
struct Stack {
    opens: Vec<Open>,
    /// Indices into `opens`, ascending.
    doubles: Vec<usize>,
    singles: Vec<usize>,
    /// Double openers other than `„`.
    plain_doubles: Vec<usize>,
}

impl Stack {
    fn push(&mut self, o: Open) {
        let k = self.opens.len();
        match o.family {
            Family::Double => {
                self.doubles.push(k);
                if !o.low {
                    self.plain_doubles.push(k);
                }
            }
            Family::Single => self.singles.push(k),
        }
        self.opens.push(o);
    }

    fn truncate(&mut self, k: usize) {
        self.opens.truncate(k);
        for v in [
            &mut self.doubles,
            &mut self.singles,
            &mut self.plain_doubles,
        ] {
            while v.last().is_some_and(|&i| i >= k) {
                v.pop();
            }
        }
    }

    /// The innermost open mark of `family`.
    fn innermost(&self, family: Family) -> Option<usize> {
        match family {
            Family::Double => self.doubles.last(),
            Family::Single => self.singles.last(),
        }
        .copied()
    }
}

pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '„' | '"' | '«' | '»' | '‘' | '’' | '\'' | '‚' | '‹' | '›'
    )
}

fn opens_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
        || is_quote_char(c)
}

fn closes_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…'
        )
        || is_quote_char(c)
}

/// Finds the top-level quotations of the paragraph at `para` (absolute byte offsets).
/// `continues`: the previous paragraph ended inside a quotation, so a first closing mark with no
/// opener closes that quotation here.
pub fn scan(text: &str, para: Span, continues: bool, out: &mut Vec<Region>) {
    out.clear();
    let p = para.of(text);
    let base = para.start;
    let mut stack = Stack::default();
    // Straight double marks still to come: a misplaced opener (`communities," For`) still pairs.
    let mut straight_left = memchr::memchr_iter(b'"', p.as_bytes()).count();
    let bytes = p.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only " ' and the lead bytes of “ ” „ ‘ ’ ‚ ‹ › (E2) and « » (C2) can start a mark.
        let b = bytes[i];
        if !matches!(b, b'"' | b'\'' | 0xE2 | 0xC2) {
            i += 1;
            continue;
        }
        let Some(c) = p[i..].chars().next() else {
            break;
        };
        if !is_quote_char(c) {
            i += c.len_utf8();
            continue;
        }
        let at = i;
        i += c.len_utf8();
        let prev = p[..at].chars().next_back();
        let next = p[i..].chars().next();
        let mark = Span::new(base + at, base + i);
        // Flanking, as Markdown defines it: a mark touching a word on its right can open, on its left can close.
        let left_flank = next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(opens_before);
        let right_flank = prev.is_some_and(|q| !q.is_whitespace()) && next.is_none_or(closes_after);
        let inside_word =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let double_open = !stack.doubles.is_empty();
        let single_open = !stack.singles.is_empty();
        let action = match c {
            '“' => {
                if stack.opens.last().is_some_and(|o| o.low) {
                    Action::Close(Family::Double)
                } else {
                    // English never nests “ in “: an earlier “ still open lost its closer.
                    if let Some(&k) = stack.plain_doubles.first() {
                        stack.truncate(k);
                    }
                    Action::Open(Family::Double, false)
                }
            }
            '„' => Action::Open(Family::Double, true),
            '«' => Action::Open(Family::Double, false),
            '»' => {
                if double_open {
                    Action::Close(Family::Double)
                } else {
                    Action::Ignore
                }
            }
            '”' => {
                if double_open {
                    Action::Close(Family::Double)
                } else if left_flank && !right_flank {
                    Action::Open(Family::Double, false)
                } else {
                    Action::Unopened
                }
            }
            '"' => {
                straight_left -= 1;
                if double_open {
                    Action::Close(Family::Double)
                } else if continues && out.is_empty() && right_flank && !left_flank {
                    Action::Unopened
                } else if left_flank || !right_flank || straight_left % 2 == 1 {
                    Action::Open(Family::Double, false)
                } else {
                    Action::Unopened
                }
            }
            '‘' | '‚' => {
                if left_flank && !next.is_some_and(|n| n.is_ascii_digit()) {
                    Action::Open(Family::Single, c == '‚')
                } else {
                    Action::Ignore
                }
            }
            '’' | '\'' => {
                if single_open && right_flank && !inside_word {
                    Action::Close(Family::Single)
                } else if c == '\''
                    && left_flank
                    && !prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphabetic)
                {
                    Action::Open(Family::Single, false)
                } else {
                    Action::Ignore
                }
            }
            _ => Action::Ignore,
        };
        match action {
            Action::Open(family, low) => stack.push(Open { family, mark, low }),
            Action::Close(family) => {
                if let Some(k) = stack.innermost(family) {
                    let opener = stack.opens[k];
                    stack.truncate(k);
                    if stack.opens.is_empty() {
                        out.push(region(
                            text,
                            Some(opener.mark),
                            Some(mark),
                            opener.mark.end,
                            mark.start,
                        ));
                    }
                }
            }
            Action::Unopened => {
                if stack.opens.is_empty() && out.is_empty() {
                    out.push(region(text, None, Some(mark), base, mark.start));
                }
            }
            Action::Ignore => {}
        }
    }
    // An unclosed double quotation runs to the paragraph end; an unclosed single mark was an apostrophe.
    if let Some(first) = stack.opens.first() {
        if first.family == Family::Double {
            out.push(region(
                text,
                Some(first.mark),
                None,
                first.mark.end,
                para.end,
            ));
        }
    }
}

enum Action {
    Open(Family, bool),
    Close(Family),
    Unopened,
    Ignore,
}

fn region(text: &str, open: Option<Span>, close: Option<Span>, from: usize, to: usize) -> Region {
    let inner = Span::new(from, to.max(from));
    let s = inner.of(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let inner = if lead + trail >= s.len() {
        Span::new(inner.start, inner.start)
    } else {
        Span::new(inner.start + lead, inner.end - trail)
    };
    Region { open, close, inner }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(p: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan(p, Span::new(0, p.len()), false, &mut out);
        out.iter().map(|r| r.inner.of(p).to_string()).collect()
    }

    #[test]
    fn curly_pairs_and_apostrophes() {
        assert_eq!(
            quotes("“It doesn’t matter,” she said of Russia’s ’90s rock ’n’ roll."),
            ["It doesn’t matter,"]
        );
    }

    #[test]
    fn straight_marks_toggle_and_nest_singles() {
        assert_eq!(
            quotes(r#""He called it 'a farce,' and left," a clerk said. Kids' toys aren't "art"."#),
            ["He called it 'a farce,' and left,", "art"]
        );
    }

    #[test]
    fn british_single_quotes_at_top_level() {
        assert_eq!(
            quotes("‘We will not yield,’ the mayor said, ‘not in the ’80s, not now.’"),
            ["We will not yield,", "not in the ’80s, not now."]
        );
    }

    #[test]
    fn guillemets_and_low_marks() {
        assert_eq!(quotes("Er sagte „Nein“ und « oui »."), ["Nein", "oui"]);
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        assert_eq!(
            quotes("“This goes on and on into the next paragraph"),
            ["This goes on and on into the next paragraph"]
        );
    }

    #[test]
    fn closer_without_opener_starts_at_paragraph_start() {
        assert_eq!(
            quotes("Nobody opened this,” he said."),
            ["Nobody opened this,"]
        );
    }

    #[test]
    fn misplaced_straight_opener_still_pairs() {
        assert_eq!(
            quotes(
                r#"She said kits would be sent," For example, schools can vote". Then she left."#
            ),
            ["For example, schools can vote"]
        );
    }

    #[test]
    fn continued_paragraph_closes_without_opener() {
        let p = r#"The rest of it," she said. Then he said, "Next."#;
        let mut out = Vec::new();
        scan(p, Span::new(0, p.len()), true, &mut out);
        let got: Vec<_> = out.iter().map(|r| r.inner.of(p)).collect();
        assert_eq!(got, ["The rest of it,", "Next."]);
        assert!(out[0].open.is_none());
    }

    #[test]
    fn a_lost_closer_costs_only_its_own_quote() {
        assert_eq!(
            quotes("He said “no and left. Later, “Fine,” said Bob."),
            ["Fine,"]
        );
    }

    #[test]
    fn openers_that_never_close_still_give_way_to_a_curly_pair() {
        // The stack keeps every unclosed `«` and `'`; a `“` drops them all and pairs anew.
        let p = "The «plan and the «vote, 'maybe, and then “Yes,” he said.";
        assert_eq!(quotes(p), ["Yes,"]);
        let many = "«word ".repeat(5000) + "“Fine,” she said.";
        assert_eq!(quotes(&many), ["Fine,"]);
    }

    #[test]
    fn odd_input_never_panics() {
        for p in ["", "\"", "’", "“”", "'", "„", "«»»", "a ' b ' c", "é“é”é"] {
            let _ = quotes(p);
        }
    }
}
