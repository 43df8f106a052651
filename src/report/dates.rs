//! Reading the month out of an article's `published` value, as the input wrote it.
//! The report groups by the month as written: no time zone is applied, nothing is guessed.

/// A calendar month as `year * 12 + (month - 1)`, so months sort and step as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub u32);

impl Month {
    pub fn new(year: u32, month: u32) -> Option<Month> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then(|| Month(year * 12 + month - 1))
    }

    pub fn year(self) -> u32 {
        self.0 / 12
    }

    /// `2026-03`: sorts as text too, and spreadsheets read it as the same month.
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year(), self.0 % 12 + 1)
    }
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month of a `published` value: ISO 8601 (`2026-03-04`, `2026-03-04T10:00:00Z`, `2026-03`),
/// `2026/03/04`, a bare `20260304`, or a month name with a four-digit year in any order
/// (`March 4, 2026`, `Wed, 04 Mar 2026 10:00:00 GMT`, `4 March 2026`). `None` for anything else.
pub fn month_of(published: &str) -> Option<Month> {
    let s = published.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if let (Some(year), Some(&sep)) = (digits(0..4), b.get(4)) {
        if sep == b'-' || sep == b'/' {
            // `2026-3-4` is read too; a one-digit month ends at the next separator
            let month = digits(5..7)
                .or_else(|| digits(5..6).filter(|_| !b.get(6).is_some_and(u8::is_ascii_digit)))?;
            return Month::new(year, month);
        }
    }
    if b.len() == 8 {
        if let (Some(year), Some(month)) = (digits(0..4), digits(4..6)) {
            return Month::new(year, month);
        }
    }
    named_month(s)
}

fn named_month(s: &str) -> Option<Month> {
    let mut month = None;
    let mut year = None;
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.len() == 4 && word.bytes().all(|c| c.is_ascii_digit()) {
            year = year.or(word.parse().ok());
        } else if word.len() >= 3 && word.bytes().all(|c| c.is_ascii_alphabetic()) {
            let w = word.to_ascii_lowercase();
            // a full name or its first three letters (`Sept` too), never `mayor` for May
            if let Some(i) = MONTH_NAMES
                .iter()
                .position(|m| *m == w || (w.len() <= 4 && m.starts_with(&w)))
            {
                month = month.or(Some(i as u32 + 1));
            }
        }
    }
    Month::new(year?, month?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<String> {
        month_of(s).map(Month::label)
    }

    #[test]
    fn iso_dates_and_timestamps_give_their_month() {
        assert_eq!(label("2026-03-04").as_deref(), Some("2026-03"));
        assert_eq!(
            label("2026-03-04T23:30:00-05:00").as_deref(),
            Some("2026-03")
        );
        assert_eq!(label("2026-11").as_deref(), Some("2026-11"));
        assert_eq!(label("2026/7/9").as_deref(), Some("2026-07"));
        assert_eq!(label("20261231").as_deref(), Some("2026-12"));
    }

    #[test]
    fn written_dates_give_their_month() {
        assert_eq!(label("March 4, 2026").as_deref(), Some("2026-03"));
        assert_eq!(
            label("Wed, 04 Mar 2026 10:00:00 GMT").as_deref(),
            Some("2026-03")
        );
        assert_eq!(label("4 Sept 2025").as_deref(), Some("2025-09"));
        assert_eq!(label("mayo 2026"), None);
    }

    #[test]
    fn values_without_a_month_give_none() {
        for s in [
            "",
            "yesterday",
            "2026",
            "2026-13-01",
            "1741000000",
            "03/04/2026",
        ] {
            assert_eq!(month_of(s), None, "{s}");
        }
    }
}
