//! The JSON Lines sink: one article record a line, as the workers serialised it.

use std::io;

use serde::Serialize;

use crate::record::ErrorRecord;
use crate::write::sink::{Processed, Rendered, Sink, Staged, Totals};
use crate::write::Output;

pub const FILE_NAME: &str = "articles.jsonl";

/// Bytes an article's line takes in the JSON Lines output: its JSON and a line end.
pub fn line_len(json_len: u64) -> u64 {
    json_len + 1
}

pub struct JsonlSink {
    out: Output,
    /// Refused articles are lines too (`--errors inline`): one line per input article.
    errors: bool,
}

impl JsonlSink {
    pub fn new(out: Output) -> Self {
        JsonlSink { out, errors: false }
    }

    pub fn with_errors(self) -> Self {
        JsonlSink {
            errors: true,
            ..self
        }
    }
}

/// The line of a refused article: `{"id", "error": {"kind", "message"}}`.
#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a str,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
}

impl Sink for JsonlSink {
    fn article(&mut self, a: &Processed) -> io::Result<()> {
        match &a.rendered {
            Rendered::Ready { json, .. } => self.out.write(json.as_bytes())?,
            Rendered::ByTheSinks { .. } => {
                serde_json::to_writer(&mut self.out, a.to_render()).map_err(io::Error::from)?
            }
        }
        self.out.write(b"\n")
    }

    fn error(&mut self, e: &ErrorRecord) -> io::Result<()> {
        if !self.errors {
            return Ok(());
        }
        let line = ErrorLine {
            id: &e.article_id,
            error: ErrorBody {
                kind: &e.kind,
                message: &e.message,
            },
        };
        let json = serde_json::to_string(&line).map_err(io::Error::other)?;
        self.out.write(json.as_bytes())?;
        self.out.write(b"\n")
    }

    fn finish(self: Box<Self>, _: &Totals) -> io::Result<Vec<Staged>> {
        self.out.finish()
    }
}
