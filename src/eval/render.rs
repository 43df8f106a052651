//! The figures of `newsx eval` as lines a person reads, in the order and wording of `score.py`.

use std::fmt::Write as _;

use serde_json::Value;

use super::Report;

impl Report {
    /// The figures as lines a person reads, then up to `show_errors` errors of each kind.
    pub fn render(&self, show_errors: usize) -> String {
        let mut out = String::new();
        let Value::Object(fig) = &self.figures else {
            return out;
        };
        let line = |out: &mut String, name: &str, v: &Value| {
            let _ = writeln!(
                out,
                "{name} P {:.3} R {:.3} F1 {:.3}  (gold {}, pred {})",
                v["p"].as_f64().unwrap_or(0.0),
                v["r"].as_f64().unwrap_or(0.0),
                v["f1"].as_f64().unwrap_or(0.0),
                v["gold"],
                v["pred"]
            );
        };
        let _ = writeln!(out, "articles {}", fig["articles"]);
        for (k, v) in fig {
            match k.as_str() {
                "articles" => {}
                "entities" => {
                    for (t, m) in v.as_object().unwrap() {
                        line(&mut out, &format!("entities {t:8}"), m);
                    }
                }
                "sentence_cases" => {
                    for (g, m) in v.as_object().unwrap() {
                        let _ = writeln!(
                            out,
                            "sentence cases {g}: {}/{} = {:.3}",
                            m["right"],
                            m["cases"],
                            m["accuracy"].as_f64().unwrap_or(0.0)
                        );
                    }
                }
                _ if v.get("f1").is_some() => line(&mut out, &format!("{k:20}"), v),
                _ => {
                    let acc = v["accuracy"]
                        .as_f64()
                        .map_or("n/a".to_string(), |a| format!("{a:.3}"));
                    let mut extra = String::new();
                    if let Some(c) = v.get("clean").and_then(Value::as_f64) {
                        let _ = write!(extra, ", clean names {c:.3}");
                    }
                    if let Some(w) = v.get("wrong").and_then(Value::as_f64) {
                        let _ = write!(extra, ", wrong {w:.3}");
                    }
                    let _ = writeln!(
                        out,
                        "{k:20} accuracy {acc}  ({}/{}){extra}",
                        v["right"], v["scored"]
                    );
                }
            }
        }
        if show_errors > 0 {
            for (kind, items) in &self.errors {
                let _ = writeln!(out, "\n{kind}: {}", items.len());
                for it in items.iter().take(show_errors) {
                    let _ = writeln!(out, "  {it}");
                }
            }
        }
        out
    }
}
