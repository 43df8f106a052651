//! newsx: news articles in, sentences, quotations with speakers and named entities out.
//!
//! The stages in [`extract`] are pure functions over one article's text; [`pipeline`] runs them
//! over a batch in parallel and hands the records to the writers in [`write`].

pub mod cli;
pub mod eval;
pub mod extract;
pub mod lexicon;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod report;
pub mod rules;
pub mod text;
pub mod words;
pub mod world;
pub mod write;
