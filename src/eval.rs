//! `newsx eval`: runs the pipeline on a gold file and scores it. (To be filled in.)

use std::path::Path;

pub struct Report {
    pub figures: serde_json::Value,
}

impl Report {
    pub fn render(&self, _show_errors: usize) -> String {
        format!("{}\n", self.figures)
    }
}

pub fn run(_gold: &Path, _rules: &crate::rules::Rules) -> anyhow::Result<Report> {
    anyhow::bail!("not implemented yet")
}
