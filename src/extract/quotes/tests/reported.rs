//! Reported speech: `S said (that) ...`, `according to S`, and what is not a reported clause.

use super::*;

#[test]
fn reported_speech_that_and_bare_clause() {
    let text = "Finance Minister Clara Voss said the budget would balance by 2030.\nShe told reporters that taxes would not rise.";
    assert_eq!(
        show(text),
        [
            (
                "the budget would balance by 2030".into(),
                I,
                s("Clara Voss")
            ),
            ("taxes would not rise".into(), I, s("Clara Voss")),
        ]
    );
}

#[test]
fn reported_speech_after_the_clause() {
    let text = "The plant will close in March, a company spokeswoman said.";
    assert_eq!(
        show(text),
        [(
            "The plant will close in March".into(),
            I,
            s("company spokeswoman")
        )]
    );
    assert_eq!(run(text)[0].rule, "clause_speaker_verb");
}

#[test]
fn according_to_before_and_after() {
    let text = "According to two people familiar with the plan, the merger will be announced soon.\nPrices will rise, according to the central bank.";
    let qs = run(text);
    let a = one(&qs, text, "the merger");
    assert_eq!(a.kind, I);
    assert_eq!(
        a.speaker.name.as_deref(),
        Some("two people familiar with the plan")
    );
    assert_eq!(a.speaker.kind, SpeakerKind::Anonymous);
    let b = one(&qs, text, "Prices will rise");
    assert_eq!(b.speaker.name.as_deref(), Some("central bank"));
    assert_eq!(b.speaker.kind, SpeakerKind::Organization);
}

#[test]
fn statement_and_interview_adverbials() {
    let text = "Governor Ines Marr said in a statement that the roads would reopen.\nMarr said last week the schools would stay shut.";
    assert_eq!(
        show(text),
        [
            ("the roads would reopen".into(), I, s("Ines Marr")),
            ("the schools would stay shut".into(), I, s("Ines Marr")),
        ]
    );
}

#[test]
fn appositive_between_subject_and_verb() {
    let text =
        "Paulo Serra, a lawmaker who chairs the transport committee, said the line was too costly.";
    let qs = run(text);
    assert_eq!(qs.len(), 1, "{:?}", show(text));
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Paulo Serra"));
    assert_eq!(qs[0].speaker.title.as_deref(), Some("a lawmaker"));
}

#[test]
fn passive_and_adjectival_cues_report_nothing() {
    let text = "Salt is added to the bread.\nThe alleged theft happened in May.";
    assert!(show(text).is_empty(), "{:?}", show(text));
}

#[test]
fn parenthesis_acronym_and_reported_questions() {
    let text = "The World Health Organization (WHO) recommends that every child be vaccinated.\nReporters asked whether the clinic would stay open.";
    assert_eq!(
        show(text),
        [
            (
                "every child be vaccinated".into(),
                I,
                s("World Health Organization")
            ),
            (
                "whether the clinic would stay open".into(),
                I,
                s("Reporters")
            ),
        ]
    );
}

#[test]
fn an_object_is_not_a_reported_clause() {
    let text = "The ministry announced the start of a new vaccination drive.\nThe ministry announced new rules would apply from May.";
    assert_eq!(
        show(text),
        [("new rules would apply from May".into(), I, s("ministry"))]
    );
}

#[test]
fn according_to_then_said_reports_both() {
    let text = "According to the Daily Ledger, coach Rui Tavares said the club was for sale.";
    let qs = run(text);
    assert_eq!(qs.len(), 2, "{:?}", show(text));
    assert_eq!(
        one(&qs, text, "the club").speaker.name.as_deref(),
        Some("Rui Tavares")
    );
}

#[test]
fn sources_familiar_with_and_close_to() {
    let text = "Two people familiar with the negotiations said the deal was close.\nA source close to the minister said she would resign.";
    assert_eq!(
        show(text),
        [
            (
                "the deal was close".into(),
                I,
                s("Two people familiar with the negotiations")
            ),
            (
                "she would resign".into(),
                I,
                s("source close to the minister")
            ),
        ]
    );
}

#[test]
fn a_second_speech_verb_ends_the_reported_clause() {
    let text = "Mayor Rui Costa said the council would help and told the BBC that nobody would be left behind.";
    assert_eq!(
        show(text),
        [
            ("the council would help".into(), I, s("Rui Costa")),
            ("nobody would be left behind".into(), I, s("Rui Costa")),
        ]
    );
}

#[test]
fn saying_after_the_main_clause_reports_for_its_subject() {
    let text = "The Health Secretary, Wes Morland, defended the closures, saying the changes would ‘save lives’.\nMr Morland said: ‘The evidence is clear.’\nIts chair, Dr Ana Pell, warned that staff were tired.";
    let got: Vec<_> = run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_string(), q.speaker.name, q.speaker.title))
        .collect();
    assert_eq!(
        got,
        [
            (
                "the changes would".into(),
                s("Wes Morland"),
                s("Health Secretary")
            ),
            ("save lives".into(), s("Wes Morland"), s("Health Secretary")),
            (
                "The evidence is clear.".into(),
                s("Wes Morland"),
                s("Health Secretary")
            ),
            ("staff were tired".into(), s("Ana Pell"), s("chair")),
        ]
    );
}

#[test]
fn a_request_with_an_infinitive_is_not_reported_speech() {
    let text =
        "Frost\n\nThe growers will ask the regional council to declare a disaster next week.";
    assert!(run(text).is_empty(), "{:?}", who(text));
}

#[test]
fn a_relative_clause_after_the_source_is_not_what_was_said() {
    let text = "Wine\n\nAccording to one Dijon trader, who asked not to be named, prices had doubled since March.";
    let qs = who(text);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].0, "prices had doubled since March");
    assert_eq!(qs[0].1.as_deref(), Some("one Dijon trader"));
}

#[test]
fn speech_inside_a_relative_clause_ends_at_its_comma() {
    let text = "Market\n\nTraders from the old market, where stallholders say their rents have doubled, marched to city hall.";
    let qs = who(text);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].0, "their rents have doubled");
    assert_eq!(qs[0].1.as_deref(), Some("stallholders"));
}

#[test]
fn a_document_seen_by_reporters_says_what_it_says() {
    let text = "Plan\n\nA draft report seen by the Daily Ledger said the mine would close by 2030.";
    let qs = who(text);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(
        (qs[0].1.as_deref(), qs[0].2),
        (
            Some("draft report seen by the Daily Ledger"),
            SpeakerKind::Organization
        )
    );
}

#[test]
fn reported_clause_stops_where_a_quotation_inside_it_opens() {
    let text = "Mayor Rosa Lind said the new bridge would be \u{201c}a lifeline for the valley\u{201d}.\nThe inspectors wrote that the pumps had \u{201c}failed by any measure\u{201d}.\nAccording to the union, workers at the plant were \u{201c}pushed to the limit\u{201d}.";
    let got: Vec<_> = show(text).into_iter().filter(|q| q.1 == I).collect();
    assert_eq!(
        got,
        [
            ("the new bridge would be".into(), I, s("Rosa Lind")),
            ("the pumps had".into(), I, s("inspectors")),
            ("workers at the plant were".into(), I, s("union")),
        ]
    );
}

#[test]
fn reported_clause_that_goes_on_after_its_quotation_stays_whole() {
    let text = "Ms Lind said the talks \u{201c}have stalled,\u{201d} with neither side willing to move on the border.\nThe report said the pumps were \u{201c}worn out\u{201d} and that nobody had checked them for years.\nHe said the deal was \u{201c}dead\u{201d} for now, though talks could resume in the spring.";
    let got: Vec<_> = show(text)
        .into_iter()
        .filter(|q| q.1 == I)
        .map(|q| q.0)
        .collect();
    assert_eq!(
        got,
        [
            "the talks \u{201c}have stalled,\u{201d} with neither side willing to move on the border",
            "the pumps were \u{201c}worn out\u{201d} and that nobody had checked them for years",
            "the deal was \u{201c}dead\u{201d} for now, though talks could resume in the spring",
        ]
    );
}

#[test]
fn object_with_a_relative_clause_is_not_reported_speech() {
    let text = "In the second half the keeper conceded a goal which the referee allowed after a long review.\nThe club announced a new coach who joined from Lyon.\nPolice said a man who was hurt in the crash later died.";
    assert_eq!(
        show(text),
        [(
            "a man who was hurt in the crash later died".into(),
            I,
            s("Police")
        )]
    );
}

#[test]
fn a_possessive_before_a_noun_makes_no_verb() {
    let text = "The museum tweeted praise for its volunteers on Sunday.\nThe council posted thanks to its staff via its website.\nThe team tweeted support for his family after the race.";
    assert_eq!(show(text), []);
}

#[test]
fn a_noun_like_cue_heads_the_subject() {
    let text = "Recent reports have revealed that the dam was built without permits.\nTwo police reports say that the fire began in the kitchen.\nThe court's statements show that the judge was never told.";
    let speakers: Vec<_> = show(text).into_iter().map(|q| (q.0, q.2)).collect();
    assert_eq!(
        speakers,
        [
            (
                "the dam was built without permits".into(),
                s("Recent reports")
            ),
            (
                "the fire began in the kitchen".into(),
                s("Two police reports")
            ),
            ("the judge was never told".into(), s("court's statements")),
        ]
    );
}
