//! The report's charts as inline SVG: shares (100% stacked bars), ranked bars and a timeline.
//! Every mark carries a `<title>` with its figure, and every chart has a table of the same numbers
//! beside it, so colour is never the only way to read a value.

use std::fmt::Write;

use super::{esc, num, pct};

/// One stacked series: its name, its colour and the colour of text drawn on it.
#[derive(Debug, Clone, Copy)]
pub struct Series {
    pub label: &'static str,
    pub fill: &'static str,
    pub ink: &'static str,
}

const WIDTH: u32 = 900;
/// Average advance of a 13 px system-ui character, for laying out labels.
const CHAR_PX: f64 = 7.2;

fn open(out: &mut String, id: &str, title: &str, height: u32) {
    let _ = write!(
        out,
        r#"<svg class="chart" id="{id}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}-t"><title id="{id}-t">{}</title>"#,
        esc(title)
    );
}

fn label(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return esc(s);
    }
    let cut: String = s.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", esc(&cut))
}

/// The legend of the series that have a value in some row.
fn legend(out: &mut String, series: &[Series], rows: &[(String, Vec<u64>)], y: u32) {
    let mut x = 0.0;
    let used = |i: usize| rows.iter().any(|r| r.1.get(i).is_some_and(|&v| v > 0));
    for (_, s) in series.iter().enumerate().filter(|(i, _)| used(*i)) {
        let _ = write!(
            out,
            r##"<rect x="{x:.0}" y="{}" width="14" height="14" fill="{}" stroke="#333" stroke-width="0.5"/><text x="{:.0}" y="{}" class="legend">{}</text>"##,
            y,
            s.fill,
            x + 19.0,
            y + 12,
            esc(s.label)
        );
        x += 19.0 + s.label.chars().count() as f64 * CHAR_PX + 22.0;
    }
}

/// One 100% stacked bar per row: each series' share of the row's total, with the total at the end.
pub fn shares(id: &str, title: &str, rows: &[(String, Vec<u64>)], series: &[Series]) -> String {
    const ROW: u32 = 28;
    const TOP: u32 = 30;
    let (x0, x1) = (230.0, 790.0);
    let height = TOP + ROW * rows.len() as u32 + 6;
    let mut out = String::new();
    open(&mut out, id, title, height);
    legend(&mut out, series, rows, 2);
    for (i, (name, values)) in rows.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let total: u64 = values.iter().sum();
        let _ = write!(
            out,
            r#"<text x="{:.0}" y="{}" text-anchor="end" class="label"><title>{}</title>{}</text>"#,
            x0 - 8.0,
            y + 15,
            esc(name),
            label(name, 30)
        );
        if total == 0 {
            let _ = write!(
                out,
                r##"<rect x="{x0}" y="{y}" width="{}" height="20" fill="none" stroke="#999"/><text x="{}" y="{}" class="value">none</text>"##,
                x1 - x0,
                x0 + 6.0,
                y + 15
            );
            continue;
        }
        let mut x = x0;
        for (s, &v) in series.iter().zip(values) {
            if v == 0 {
                continue;
            }
            let w = (x1 - x0) * v as f64 / total as f64;
            let _ = write!(
                out,
                r#"<rect class="mark" x="{x:.2}" y="{y}" width="{w:.2}" height="20" fill="{}"><title>{}: {} of {} ({})</title></rect>"#,
                s.fill,
                esc(s.label),
                num(v),
                num(total),
                pct(v, total)
            );
            if w >= 38.0 {
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{}" text-anchor="middle" fill="{}" class="inbar">{}</text>"#,
                    x + w / 2.0,
                    y + 15,
                    s.ink,
                    pct(v, total)
                );
            }
            x += w;
        }
        let _ = write!(
            out,
            r#"<text x="{:.0}" y="{}" class="value">n = {}</text>"#,
            x1 + 8.0,
            y + 15,
            num(total)
        );
    }
    out.push_str("</svg>");
    out
}

/// One horizontal bar per row, longest first as given, its value at its end.
pub fn bars(id: &str, title: &str, rows: &[(String, u64)], fill: &str) -> String {
    const ROW: u32 = 24;
    let (x0, x1) = (250.0, 820.0);
    let height = ROW * rows.len() as u32 + 4;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let mut out = String::new();
    open(&mut out, id, title, height);
    for (i, (name, v)) in rows.iter().enumerate() {
        let y = ROW * i as u32 + 2;
        let w = ((x1 - x0) * *v as f64 / max as f64).max(1.0);
        let _ = write!(
            out,
            r#"<text x="{:.0}" y="{}" text-anchor="end" class="label"><title>{}</title>{}</text><rect class="mark" x="{x0}" y="{y}" width="{w:.2}" height="17" fill="{fill}"><title>{}: {}</title></rect><text x="{:.1}" y="{}" class="value">{}</text>"#,
            x0 - 8.0,
            y + 13,
            esc(name),
            label(name, 32),
            esc(name),
            num(*v),
            x0 + w + 6.0,
            y + 13,
            num(*v)
        );
    }
    out.push_str("</svg>");
    out
}

/// A round step for about four grid lines up to `max`.
fn tick_step(max: u64) -> u64 {
    let rough = (max as f64 / 4.0).max(1.0);
    let mag = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * mag);
    step.max(1.0) as u64
}

/// Stacked columns, one per period, in the order given.
pub fn timeline(id: &str, title: &str, cols: &[(String, Vec<u64>)], series: &[Series]) -> String {
    let height = 270;
    let (x0, x1, top, base) = (64.0, 880.0, 34.0, 226.0);
    let max = cols
        .iter()
        .map(|c| c.1.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let step = tick_step(max);
    let ceiling = max.div_ceil(step) * step;
    let y_of = |v: u64| base - (base - top) * v as f64 / ceiling as f64;
    let mut out = String::new();
    open(&mut out, id, title, height);
    legend(&mut out, series, cols, 2);
    let mut tick = 0;
    while tick <= ceiling {
        let y = y_of(tick);
        let _ = write!(
            out,
            r##"<line x1="{x0}" x2="{x1}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.0}" y="{:.1}" text-anchor="end" class="axis">{}</text>"##,
            x0 - 6.0,
            y + 4.0,
            num(tick)
        );
        tick += step;
    }
    let slot = (x1 - x0) / cols.len().max(1) as f64;
    let width = (slot * 0.8).min(60.0);
    let every = cols.len().div_ceil(12).max(1);
    for (i, (name, values)) in cols.iter().enumerate() {
        let x = x0 + slot * i as f64 + (slot - width) / 2.0;
        let total: u64 = values.iter().sum();
        let mut below = 0;
        for (s, &v) in series.iter().zip(values) {
            if v == 0 {
                continue;
            }
            let (y_top, y_bottom) = (y_of(below + v), y_of(below));
            let _ = write!(
                out,
                r#"<rect class="mark" x="{x:.2}" y="{y_top:.2}" width="{width:.2}" height="{:.2}" fill="{}"><title>{} {}: {} of {} ({})</title></rect>"#,
                (y_bottom - y_top).max(0.5),
                s.fill,
                esc(name),
                esc(s.label),
                num(v),
                num(total),
                pct(v, total)
            );
            below += v;
        }
        if i % every == 0 {
            let _ = write!(
                out,
                r#"<text x="{:.1}" y="{}" text-anchor="middle" class="axis">{}</text>"#,
                x + width / 2.0,
                base + 18.0,
                esc(name)
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: [Series; 2] = [
        Series {
            label: "a",
            fill: "#000",
            ink: "#fff",
        },
        Series {
            label: "b & c",
            fill: "#fff",
            ink: "#000",
        },
    ];

    #[test]
    fn shares_draw_one_mark_per_nonzero_value_and_escape_labels() {
        let svg = shares(
            "s",
            "T",
            &[("<x>".into(), vec![3, 1]), ("y".into(), vec![0, 0])],
            &TWO,
        );
        assert_eq!(svg.matches(r#"class="mark""#).count(), 2);
        assert!(svg.contains("a: 3 of 4 (75.0%)"));
        assert!(svg.contains("b &amp; c"));
        assert!(svg.contains("&lt;x&gt;") && !svg.contains("<x>"));
        assert!(svg.contains(">none<"));
    }

    #[test]
    fn long_labels_are_cut_with_the_full_text_kept_in_the_title() {
        let long = "x".repeat(50);
        let svg = bars("b", "T", &[(long.clone(), 5)], "#000");
        assert!(svg.contains(&format!("<title>{long}</title>")));
        assert!(svg.contains(&format!("{}…", "x".repeat(31))));
    }

    #[test]
    fn tick_steps_are_round() {
        assert_eq!(tick_step(1), 1);
        assert_eq!(tick_step(9), 5);
        assert_eq!(tick_step(230), 100);
        assert_eq!(tick_step(1_000_000), 500_000);
    }
}
