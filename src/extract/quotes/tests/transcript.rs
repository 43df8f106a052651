//! Transcript turns: `NAME:` and `Q:`/`A:` paragraphs are the labelled person's speech.

use super::*;

/// (turn text, speaker, kind) for the transcript turns only.
fn turns(text: &str) -> Vec<(String, Option<String>, SpeakerKind)> {
    run(text)
        .into_iter()
        .filter(|q| q.rule == "transcript")
        .map(|q| {
            assert_eq!(q.kind, D);
            (q.span.of(text).to_string(), q.speaker.name, q.speaker.kind)
        })
        .collect()
}

#[test]
fn capital_labels_name_the_host_and_the_guest_by_the_full_name() {
    let text = "Mayor Ann Lee on the flood plans\n\nMayor Ann Lee spoke to the station on Tuesday.\n\nHOST: Will the levee hold?\n\nMAYOR LEE: It held in 2019 and it will hold now.\n\nHOST: And the farms downstream?\n\nMAYOR LEE: We have moved the pumps there.";
    use SpeakerKind::{Anonymous as R, Named as N};
    assert_eq!(
        turns(text),
        [
            ("Will the levee hold?".into(), s("host"), R),
            (
                "It held in 2019 and it will hold now.".into(),
                s("Ann Lee"),
                N
            ),
            ("And the farms downstream?".into(), s("host"), R),
            ("We have moved the pumps there.".into(), s("Ann Lee"), N),
        ]
    );
}

#[test]
fn name_labels_in_title_case_and_a_moderator() {
    let text = "Debate night in Leeds\n\nMODERATOR: Your opening remarks, please.\n\nJoan Pike: The bus lanes come first.\n\nOmar Haddad: Schools come first.\n\nJoan Pike: Both can wait a year, then.";
    let got: Vec<_> = turns(text).into_iter().map(|t| t.1).collect();
    assert_eq!(
        got,
        [
            s("moderator"),
            s("Joan Pike"),
            s("Omar Haddad"),
            s("Joan Pike")
        ]
    );
}

#[test]
fn question_and_answer_labels_take_the_person_of_the_headline() {
    let text = "An interview with the potter Ines Varga\n\nShe opened her first studio in Szeged.\n\nQ: Why clay?\n\nA: Because it keeps the mark of the hand.\n\nQ: And glaze?\n\nA: Glaze is the weather on top of it.";
    use SpeakerKind::{Anonymous as R, Named as N};
    assert_eq!(
        turns(text),
        [
            ("Why clay?".into(), s("interviewer"), R),
            (
                "Because it keeps the mark of the hand.".into(),
                s("Ines Varga"),
                N
            ),
            ("And glaze?".into(), s("interviewer"), R),
            (
                "Glaze is the weather on top of it.".into(),
                s("Ines Varga"),
                N
            ),
        ]
    );
}

#[test]
fn notes_updates_times_and_a_lone_label_are_no_turns() {
    let text = "Storm closes the ferry\n\nUpdate: The ferry runs again from 10:30 on Friday.\n\nNote: times may change.\n\nPrice: 4 euros a crossing.\n\nHarbour master Eva Roth: the pier is safe.\n\nThe service resumed at noon.";
    assert_eq!(turns(text), []);
}
