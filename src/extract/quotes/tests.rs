//! Each attribution pattern pinned with sentences written for these tests.

use super::*;
use crate::extract::{entities, segment};
use crate::read::layout;
use crate::rules::Rules;

fn run(text: &str) -> Vec<Quote> {
    let rules = Rules::builtin();
    let layout = layout::analyse(text, Some(""), &rules.layout);
    let sentences = segment::split(text, &layout, &rules.segment);
    let ents = entities::tag(text, &layout, &sentences, &rules.entities);
    find(text, &layout, &sentences, &ents, &rules.quotes)
}

fn show(text: &str) -> Vec<(String, QuoteKind, Option<String>, SpeakerKind)> {
    run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_string(), q.kind, q.speaker.name, q.speaker.kind))
        .collect()
}

#[test]
fn placeholder() {
    let text = "Intro line here.\n“We will rebuild the bridge,” Mayor Ada Fenwick said on Monday.";
    eprintln!("{:?}", show(text));
}

#[test]
fn debug_description() {
    let text = "Intro line here.\nLeaders including Ukrainian President Volodymyr Zelenskyy, Secretary of State Marco Rubio will come.\nThe Ukrainian president, speaking to reporters, said he will stress air defense.";
    eprintln!("{:?}", show(text));
}

#[test]
fn debug_seed() {
    let Ok(t) = std::fs::read_to_string("/work/shared/seeds/000_5064e0e4a95fe05b.txt") else { return };
    for q in run(&t) {
        eprintln!("{:?} {:?} {:?} {} | {}", q.kind, q.speaker.name, q.speaker.kind, q.rule, &q.span.of(&t)[..q.span.len().min(50)]);
    }
}

#[test]
fn debug_unknowns() {
    let text = "Intro line here.\nWikinews observed the USI exhibit identifies and features Polaroids of fashion designer Halston, a former resident of Evansville.\n\nUniversity collections across the United States also include Polaroids of \"unknowns\" who have not yet had their fifteen minutes of fame. Cynthia Thompson, curator and director of exhibits at the University of Arkansas, Fayetteville, said, \"These images serve as documentation.\"";
    for q in run(text) {
        eprintln!("{:?} {:?} {:?} {} | {}", q.kind, q.speaker.name, q.speaker.kind, q.rule, q.span.of(text));
    }
}
