//! The JSON Lines sink: one article record a line, as the workers serialised it.

use std::io;

use crate::write::sink::{Processed, Sink, Staged, Totals};
use crate::write::Output;

pub const FILE_NAME: &str = "articles.jsonl";

/// Bytes an article's line takes in the JSON Lines output: its JSON and a line end.
pub fn line_len(json: &str) -> u64 {
    json.len() as u64 + 1
}

pub struct JsonlSink {
    out: Output,
}

impl JsonlSink {
    pub fn new(out: Output) -> Self {
        JsonlSink { out }
    }
}

impl Sink for JsonlSink {
    fn article(&mut self, a: &Processed) -> io::Result<()> {
        self.out.write(a.json.as_bytes())?;
        self.out.write(b"\n")
    }

    fn finish(self: Box<Self>, _: &Totals) -> io::Result<Vec<Staged>> {
        self.out.finish()
    }
}
