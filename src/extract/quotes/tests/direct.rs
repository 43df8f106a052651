//! Direct quotations: each attribution pattern, split, partial and multi-paragraph quotes, marks.

use super::*;

#[test]
fn quote_comma_speaker_verb_and_split_quote() {
    let text = "Mayor Ada Fenwick opened the new bridge on Monday.\n“It took us nine years,” Fenwick said. “Nobody believed we would finish.”";
    assert_eq!(
        show(text),
        [
            ("It took us nine years,".into(), D, s("Ada Fenwick")),
            (
                "Nobody believed we would finish.".into(),
                D,
                s("Ada Fenwick")
            ),
        ]
    );
    let qs = run(text);
    assert_eq!(qs[0].rule, "quote_speaker_verb");
    assert_eq!(qs[1].rule, "continuation");
    assert_eq!(qs[0].speaker.title.as_deref(), Some("Mayor"));
}

#[test]
fn quote_verb_speaker_with_appositive_title() {
    let text = "The vote was close.\n“We lost on the numbers,” said Tomas Rebane, a city councillor who chairs the budget committee.";
    let qs = run(text);
    let q = one(&qs, text, "We lost");
    assert_eq!(q.speaker.name.as_deref(), Some("Tomas Rebane"));
    assert_eq!(q.speaker.title.as_deref(), Some("a city councillor"));
    assert_eq!(q.rule, "quote_verb_speaker");
}

#[test]
fn speaker_verb_colon_and_comma() {
    let text = "Harbour chief Lena Ostrova said: “The port stays open.”\nOstrova added, “We have enough staff.”";
    assert_eq!(
        show(text),
        [
            ("The port stays open.".into(), D, s("Lena Ostrova")),
            ("We have enough staff.".into(), D, s("Lena Ostrova")),
        ]
    );
}

#[test]
fn quote_dash_speaker() {
    let text =
        "The report closed with a warning.\n“Nothing here is settled.” — Pia Marlowe, the auditor.";
    let qs = run(text);
    assert_eq!(
        one(&qs, text, "Nothing").speaker.name.as_deref(),
        Some("Pia Marlowe")
    );
}

#[test]
fn partial_quote_with_cue_after_it() {
    let text =
        "Talks resumed on Friday.\nFishing rights are “the hardest part,” the negotiator added.";
    let qs = run(text);
    let q = one(&qs, text, "the hardest part");
    assert_eq!(q.kind, P);
    assert_eq!(q.speaker.name.as_deref(), Some("negotiator"));
    assert_eq!(q.speaker.kind, SpeakerKind::Anonymous);
}

#[test]
fn scare_quotes_and_titles_are_not_speech() {
    let text = "The band released “Night Train” in May.\nCritics loved the so-called “comeback” tour and its ’80s rock ’n’ roll sound.";
    assert!(show(text).is_empty(), "{:?}", show(text));
}

#[test]
fn apostrophes_never_open_or_close() {
    let text = "The club’s coach said the team doesn’t rest.\n“We’re ready for the ’90s revival,” the coach’s assistant said.";
    let qs = run(text);
    assert_eq!(
        one(&qs, text, "We’re").span.of(text),
        "We’re ready for the ’90s revival,"
    );
}

#[test]
fn curly_and_straight_marks_mixed() {
    let text = "A long day ended.\n\"Enough,\" said Ruth Okafor. “We go home now,” she added.";
    assert_eq!(
        show(text),
        [
            ("Enough,".into(), D, s("Ruth Okafor")),
            ("We go home now,".into(), D, s("Ruth Okafor")),
        ]
    );
}

#[test]
fn unbalanced_mark_costs_only_its_paragraph() {
    let text = "Mark Villo spoke first.\n“This sentence never closes, Villo said at noon.\nThe council then voted.\n“We agree,” said Dana Reyes.";
    let qs = run(text);
    let q = one(&qs, text, "We agree");
    assert_eq!(q.speaker.name.as_deref(), Some("Dana Reyes"));
    assert!(qs.iter().all(|q| !q.span.of(text).contains("council")));
}

#[test]
fn multi_paragraph_quote_is_one_speakers() {
    let text = "Chef Marco Bellini recalled the opening.\n“We cooked for three hundred people that night.\n“Nobody slept. We laughed the whole time,” Bellini said.";
    let qs = run(text);
    assert_eq!(qs.len(), 2, "{:?}", show(text));
    assert!(qs
        .iter()
        .all(|q| q.speaker.name.as_deref() == Some("Marco Bellini")));
    assert_eq!(qs[0].rule, "multi_paragraph");
}

#[test]
fn continuation_stops_at_a_paragraph_without_quotes() {
    let text = "“The roof leaks,” said tenant Omar Haddad.\n“It has leaked for years.”\nThe landlord did not reply.\n“Maybe next year.”";
    let qs = run(text);
    assert_eq!(
        one(&qs, text, "It has").speaker.name.as_deref(),
        Some("Omar Haddad")
    );
    assert_eq!(one(&qs, text, "Maybe").speaker.kind, SpeakerKind::None);
}

#[test]
fn adding_that_shares_the_subject_and_colon_carries_over() {
    let text = "“We are done,” said Ivo Brandt, adding that the firm would close.\nBrandt said:\n“Thank you all.”";
    assert_eq!(
        show(text),
        [
            ("We are done,".into(), D, s("Ivo Brandt")),
            ("the firm would close".into(), I, s("Ivo Brandt")),
            ("Thank you all.".into(), D, s("Ivo Brandt")),
        ]
    );
    assert_eq!(run(text)[2].rule, "speaker_verb_colon");
}

#[test]
fn wire_story_patterns() {
    let text = "WASHINGTON (AP) — The Senate passed the bill on Tuesday.\n“We did our job,” Senate Majority Leader Rob Kellan, D-N.Y., told reporters.\nThe White House said in a statement that the president would sign it.\nThe senator’s spokesman, Tom Avery, said the vote was historic.\n“It is a good day,” Kellan said, before adding: “But there is more work.”";
    let qs = run(text);
    let got: Vec<_> = qs
        .iter()
        .map(|q| (q.span.of(text), q.speaker.name.as_deref(), q.speaker.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("We did our job,", Some("Rob Kellan"), SpeakerKind::Named),
            (
                "the president would sign it",
                Some("White House"),
                SpeakerKind::Organization
            ),
            (
                "the vote was historic",
                Some("Tom Avery"),
                SpeakerKind::Named
            ),
            ("It is a good day,", Some("Rob Kellan"), SpeakerKind::Named),
            (
                "But there is more work.",
                Some("Rob Kellan"),
                SpeakerKind::Named
            ),
        ]
    );
}

#[test]
fn a_quote_nobody_introduces_belongs_to_the_paragraph_subject() {
    let text = "The vote was held on Friday.\nCouncillor Maya Lindqvist was blunt. “This plan is a mistake.”";
    let qs = run(text);
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Maya Lindqvist"));
    assert_eq!(qs[0].rule, "paragraph_subject");
}

#[test]
fn long_paragraphs_of_quotes_and_cues_run_to_the_end() {
    // Linearity is measured by the benchmark, not timed here; this pins that nothing panics or
    // gives up deep into a paragraph of thousands of marks and cues.
    let text = format!(
        "Start.\n{}\n{}",
        "“We are close,” Smith said. ".repeat(5_000),
        "“a,” b “c” said d that e “f” according to g, ".repeat(5_000)
    );
    let qs = run(&text);
    let attributed = qs
        .iter()
        .filter(|q| q.speaker.name.as_deref() == Some("Smith"))
        .count();
    assert!(attributed >= 5_000, "{attributed}");
}

#[test]
fn a_quote_paragraph_can_continue_the_last_paragraphs_subject() {
    let text = "Researcher Nina Holt studies ants in Finland.\n“I have no doubt there will be more cases.”";
    let qs = run(text);
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Nina Holt"));
    assert_eq!(qs[0].rule, "paragraph_subject");
}

#[test]
fn a_party_tag_ending_in_a_stop_does_not_take_the_next_quote() {
    let text = "Intro here.\n\"This bill is dead on arrival,\" said Senate Majority Leader Rob Kellan, D-N.Y. \"Republicans know it.\"";
    let got: Vec<_> = run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_string(), q.speaker.name))
        .collect();
    assert_eq!(
        got,
        [
            ("This bill is dead on arrival,".to_string(), s("Rob Kellan")),
            ("Republicans know it.".to_string(), s("Rob Kellan")),
        ]
    );
}

#[test]
fn wire_abbreviations_and_quoted_verbs() {
    let text = "\"The bill is dead,\" said Leader Ana Ruiz, D-N.Y. \"They know it.\"\nSen. Tom Hale of Ohio, the No. 2 Republican, told reporters the vote \"shows who is serious.\" He said they would try again Monday.";
    let got: Vec<_> = run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_string(), q.kind, q.speaker.name))
        .collect();
    assert_eq!(
        got,
        [
            ("The bill is dead,".into(), D, s("Ana Ruiz")),
            ("They know it.".into(), D, s("Ana Ruiz")),
            // The clause stops where the quotation opens: the quoted words are a quote of their own.
            ("the vote".into(), I, s("Tom Hale")),
            ("shows who is serious.".into(), P, s("Tom Hale")),
            ("they would try again Monday".into(), I, s("Tom Hale")),
        ]
    );
}

#[test]
fn in_the_words_of_and_a_colon_without_a_verb() {
    let text = "The case was grim, in the words of the prosecutor, Ana Sola, “a tragedy from start to finish.”\nCoach Rui Vidal was blunt:\n“We were not good enough.”";
    let got: Vec<_> = run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_string(), q.speaker.name))
        .collect();
    assert_eq!(
        got,
        [
            ("a tragedy from start to finish.".into(), s("Ana Sola")),
            ("We were not good enough.".into(), s("Rui Vidal")),
        ]
    );
}

#[test]
fn a_new_sentence_subject_takes_over_the_running_quote() {
    let text =
        "“We won,” said coach Ada Brandt.\nMidfielder Tom Oyelaran disagreed. “We were lucky.”";
    let qs = run(text);
    assert_eq!(qs[1].speaker.name.as_deref(), Some("Tom Oyelaran"));
}

#[test]
fn a_span_never_starts_in_the_dateline() {
    for text in [
        "OSLO, Mar 3 (Reuters) - Norway's fleet will lose two northern zones, according to two people familiar with the plan.",
        "OSLO — Norway's fleet will lose two northern zones, according to two people familiar with the plan.",
    ] {
        let qs = who(text);
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert!(qs[0].0.starts_with("Norway's fleet"), "{qs:?}");
        assert_eq!(qs[0].1.as_deref(), Some("two people familiar with the plan"));
    }
}
