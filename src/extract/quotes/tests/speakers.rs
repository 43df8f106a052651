//! Speakers: names, titles, pronouns, descriptions and organisations resolved to who spoke.

use super::*;

#[test]
fn surname_and_pronoun_resolve_to_the_full_name() {
    let text = "Defence Minister Arvid Lind visited the base.\nLind said the army needed more trucks. He also said the drills would continue.";
    let qs = run(text);
    assert!(
        qs.iter()
            .all(|q| q.speaker.name.as_deref() == Some("Arvid Lind")),
        "{:?}",
        show(text)
    );
}

#[test]
fn pronoun_without_antecedent_is_unresolved() {
    let text = "The storm passed overnight.\n“It was loud,” she said.";
    let qs = run(text);
    assert_eq!(qs[0].speaker.kind, SpeakerKind::Unresolved);
    assert_eq!(qs[0].speaker.name, None);
}

#[test]
fn description_resolves_to_the_titled_person() {
    let text = "Leaders including Chilean President Rosa Alvear and others met.\nThe Chilean president, speaking after the meeting, said the deal was fair.";
    let qs = run(text);
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Rosa Alvear"));
    assert_eq!(qs[0].speaker.kind, SpeakerKind::Named);
}

#[test]
fn the_official_is_the_earlier_unnamed_source() {
    let text =
        "The talks stalled, a senior defence official said.\n“Nobody moved,” the official said.";
    let qs = run(text);
    assert!(qs
        .iter()
        .all(|q| q.speaker.name.as_deref() == Some("senior defence official")));
    assert!(qs.iter().all(|q| q.speaker.kind == SpeakerKind::Anonymous));
}

#[test]
fn organisations_and_groups_speak() {
    let text = "The city council has said it will appeal.\nFour diplomats said the embassy would stay open.";
    let qs = run(text);
    assert_eq!(qs[0].speaker.name.as_deref(), Some("city council"));
    assert_eq!(qs[0].speaker.kind, SpeakerKind::Organization);
    assert_eq!(qs[1].speaker.name.as_deref(), Some("Four diplomats"));
    assert_eq!(qs[1].speaker.kind, SpeakerKind::Anonymous);
}

#[test]
fn names_joined_by_and_speak_together() {
    let text = "Cafe owners Ana Ruiz and Li Wei said the cafe would reopen in June.";
    assert_eq!(
        run(text)[0].speaker.name.as_deref(),
        Some("Ana Ruiz and Li Wei")
    );
}

#[test]
fn person_entities_supply_canonical_names_when_present() {
    use crate::extract::entities::{Entities, Entity, EntityType, Mention};
    let text = "Giedre Valaitis opened the session.\n“We must wait,” Valaitis said.";
    let rules = stages();
    let layout = layout::analyse(text, Some(""), &rules.layout);
    let sentences = segment::split(text, &layout, &rules.segment);
    let at = |w: &str| {
        let s = text.rfind(w).unwrap();
        crate::text::Span::new(s, s + w.len())
    };
    let stream = stream(text, &layout, &sentences);
    let ents = Entities::new(
        vec![Entity {
            name: "Giedre Valaitis".into(),
            kind: EntityType::Person,
            mentions: 1,
            first: crate::text::Span::new(0, 15),
        }],
        vec![Mention {
            span: at("Valaitis"),
            tokens: stream.covering(at("Valaitis")),
            kind: EntityType::Person,
            entity: 0,
            title: None,
            rule: "test",
        }],
        stream.tokens.len(),
    );
    let qs = find(text, &layout, &sentences, &stream, &ents, quote_rules());
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Giedre Valaitis"));
}

#[test]
fn she_and_he_skip_a_person_of_the_other_gender() {
    let text = "Ms. Hana Ekberg chaired the hearing, and Mr. Paul Dorsey testified.\nEkberg opened the session. Dorsey spoke next.\n“We need answers,” she said. “I have them,” he said.";
    assert_eq!(
        show(text)
            .into_iter()
            .map(|(_, _, n)| n)
            .collect::<Vec<_>>(),
        [s("Hana Ekberg"), s("Paul Dorsey")]
    );
}

#[test]
fn an_acronym_spelled_out_earlier_names_the_organisation() {
    let text = "The International Energy Agency (IEA) met in Paris.\nThe IEA said oil demand would fall next year.";
    let qs = run(text);
    assert_eq!(
        qs[0].speaker.name.as_deref(),
        Some("International Energy Agency")
    );
    assert_eq!(qs[0].speaker.kind, SpeakerKind::Organization);
}

#[test]
fn tagger_spans_with_titles_do_not_break_descriptions() {
    use crate::extract::entities::{Entities, Entity, EntityType, Mention};
    let text = "Leaders including Chilean President Rosa Alvear met.\nThe Chilean president said the deal was fair.";
    let rules = stages();
    let layout = layout::analyse(text, Some(""), &rules.layout);
    let sentences = segment::split(text, &layout, &rules.segment);
    let start = text.find("Chilean President").unwrap();
    let span = crate::text::Span::new(start, text.find(" met").unwrap());
    let stream = stream(text, &layout, &sentences);
    let ents = Entities::new(
        vec![Entity {
            name: span.of(text).to_string(),
            kind: EntityType::Person,
            mentions: 1,
            first: span,
        }],
        vec![Mention {
            span,
            tokens: stream.covering(span),
            kind: EntityType::Person,
            entity: 0,
            title: None,
            rule: "test",
        }],
        stream.tokens.len(),
    );
    let qs = find(text, &layout, &sentences, &stream, &ents, quote_rules());
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Rosa Alvear"));
}

#[test]
fn a_spokesman_for_an_organisation_is_the_spokesman() {
    let text = "A spokesman for the ministry said the talks would resume.";
    let qs = run(text);
    assert_eq!(
        qs[0].speaker.name.as_deref(),
        Some("spokesman for the ministry")
    );
    assert_eq!(qs[0].speaker.kind, SpeakerKind::Anonymous);
}

#[test]
fn the_spokesman_refers_back_to_a_spokesman_for_x() {
    let text = "A spokesman for the ministry said the talks would resume.\n“We are hopeful,” the spokesman said.";
    let qs = run(text);
    assert_eq!(
        qs[1].speaker.name.as_deref(),
        Some("spokesman for the ministry")
    );
}

#[test]
fn ages_and_capitalised_modifiers() {
    let text = "“It's a mess,” said Maria Lopez, 45, a nurse from Phoenix.\nA Department of Health spokesperson said the plans were final.";
    let qs = run(text);
    assert_eq!(qs[0].speaker.title.as_deref(), Some("a nurse"));
    assert_eq!(qs[1].speaker.kind, SpeakerKind::Anonymous);
}

#[test]
fn it_and_they_refer_to_the_last_organisation() {
    let text = "The airline said flights would resume on Monday.\n“We apologise to our passengers,” it said in a statement.";
    let qs = run(text);
    assert_eq!(qs[1].speaker.name.as_deref(), Some("airline"));
    assert_eq!(qs[1].speaker.kind, SpeakerKind::Organization);
}

#[test]
fn named_institutions_and_companies_are_organizations() {
    for (text, name) in [
        ("Rail\n\nThe Ministry of Transport said in a statement that the line would reopen in June.", "Ministry of Transport"),
        ("Rail\n\nThe line would reopen in June, the Department of Transport said.", "Department of Transport"),
        ("Trucks\n\nFrench truckmaker Halvard Roux said on Monday that it would build a plant near Lyon.", "Halvard Roux"),
        ("Trucks\n\nHalvard Roux, the French truckmaker, said it would build a plant near Lyon next year.", "Halvard Roux"),
    ] {
        let qs = who(text);
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert_eq!((qs[0].1.as_deref(), qs[0].2), (Some(name), SpeakerKind::Organization), "{text}");
    }
}

#[test]
fn party_tags_and_ages_are_appositives_not_speakers() {
    let text = "Bill\n\nRep. Dana Whitfield, D-Ohio, chairwoman of the housing subcommittee, said she would hold hearings in May.";
    let qs = who(text);
    assert_eq!(qs[0].1.as_deref(), Some("Dana Whitfield"), "{qs:?}");
    assert_eq!(qs[0].2, SpeakerKind::Named);
    let text =
        "Clinic\n\nMarta Oliveira, 38, a nurse, said the clinic had run out of gloves by noon.";
    let qs = who(text);
    assert_eq!(qs[0].1.as_deref(), Some("Marta Oliveira"), "{qs:?}");
    assert_eq!(qs[0].3.as_deref(), Some("a nurse"));
    // In a subordinate clause, behind `where`, the tag is skipped too.
    let text = "Bill\n\nThe bill goes to the House, where Sen. Ira Cole, R-Utah, has said he wants cuts elsewhere.";
    let qs = who(text);
    assert_eq!(qs[0].1.as_deref(), Some("Ira Cole"), "{qs:?}");
}

#[test]
fn a_participle_phrase_belongs_to_the_source() {
    let text = "Budget\n\nAccording to an internal audit reviewed by the Daily Ledger, the agency overspent by 4 million dollars.";
    let qs = who(text);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].0, "the agency overspent by 4 million dollars");
    // A document speaks as an organisation does.
    assert_eq!(
        (qs[0].1.as_deref(), qs[0].2),
        (
            Some("internal audit reviewed by the Daily Ledger"),
            SpeakerKind::Organization
        )
    );
    let text = "Budget\n\nThe agency overspent by 4 million dollars, according to three officials briefed on the audit.";
    let qs = who(text);
    assert_eq!(
        qs[0].1.as_deref(),
        Some("three officials briefed on the audit"),
        "{qs:?}"
    );
}

#[test]
fn a_department_before_a_place_and_people_in_a_department() {
    let text = "Fares\n\nFares in Canada will rise in April.\nFares will rise by 2 percent from April, Transport Canada said last week.";
    let qs = who(text);
    assert_eq!(
        (qs[0].1.as_deref(), qs[0].2),
        (Some("Transport Canada"), SpeakerKind::Organization),
        "{qs:?}"
    );
    // `described X as Y` reports no clause; the people are not their department.
    let text =
        "Fares\n\nOfficials in her department described the plan as costly, the minister added.";
    assert!(
        who(text)
            .iter()
            .all(|q| q.1.as_deref() != Some("her department")),
        "{:?}",
        who(text)
    );
    // An appositive to the sentence's subject makes a later he resolve to it.
    let text = "Water\n\nThe county's water chief, Omar Haddad, rejected that account. He told reporters that the pipes had been replaced.";
    let qs = who(text);
    assert_eq!(qs[0].1.as_deref(), Some("Omar Haddad"), "{qs:?}");
}

#[test]
fn a_capitalised_plural_noun_is_a_group_not_a_name() {
    let text =
        "Frost\n\nThe frost came early. Beekeepers said the hives would not recover before summer.";
    let qs = who(text);
    assert_eq!(
        (qs[0].1.as_deref(), qs[0].2),
        (Some("Beekeepers"), SpeakerKind::Anonymous),
        "{qs:?}"
    );
    let text = "Frost\n\nSurveyors hired by the county estimated that the hives would not recover.";
    assert_eq!(who(text)[0].2, SpeakerKind::Anonymous, "{:?}", who(text));
}

#[test]
fn the_ministry_and_the_company_refer_back_to_the_organisation() {
    let text = "Health\n\nThe Ministry of Water said on Monday that two wells had been closed.\nThe ministry said the wells would reopen in May.";
    let qs = who(text);
    assert_eq!(qs[1].1.as_deref(), Some("Ministry of Water"), "{qs:?}");
    let text = "Trucks\n\nHalvard Roux, the French truckmaker, said it would build a plant near Lyon.\nThe company said the plant would employ 900 people.";
    let qs = who(text);
    assert_eq!(qs[1].1.as_deref(), Some("Halvard Roux"), "{qs:?}");
    assert_eq!(qs[1].2, SpeakerKind::Organization);
    // With no earlier organisation of that kind, the phrase names itself.
    let text = "Trucks\n\nThe company said the plant would employ 900 people.";
    assert_eq!(who(text)[0].1.as_deref(), Some("company"));
}

#[test]
fn an_office_is_a_person_and_an_institution_an_organisation() {
    for (text, kind) in [
        (
            "Car\n\nThe Chief of Police said the suspect had fled by car.",
            SpeakerKind::Anonymous,
        ),
        (
            "Car\n\nThe Secretary of State said the talks would resume in May.",
            SpeakerKind::Anonymous,
        ),
        (
            "Car\n\nThe Bank of England said inflation would fall by June.",
            SpeakerKind::Organization,
        ),
        (
            "Car\n\nThe State Department said the talks would resume in May.",
            SpeakerKind::Organization,
        ),
    ] {
        let qs = who(text);
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert_eq!(qs[0].2, kind, "{text}");
    }
}

#[test]
fn the_company_can_be_an_organisation_named_before_it_spoke() {
    let text = "Steel\n\nShares in Norrland Steel Inc. fell 4 percent on Tuesday after a profit warning.\nThe company said demand from carmakers had slowed.";
    let qs = who(text);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(
        (qs[0].1.as_deref(), qs[0].2),
        (Some("Norrland Steel Inc."), SpeakerKind::Organization)
    );
}

#[test]
fn people_at_an_organisation_are_people() {
    for (text, name) in [
        (
            "Bank\n\nAnalysts at Halden Bank said the rate cut would come in June.",
            "Analysts at Halden Bank",
        ),
        (
            "Bank\n\nOfficials at the Interior Ministry said the border would reopen on Friday.",
            "Officials at the Interior Ministry",
        ),
    ] {
        let qs = who(text);
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert_eq!(
            (qs[0].1.as_deref(), qs[0].2),
            (Some(name), SpeakerKind::Anonymous),
            "{text}"
        );
    }
    // A tag after the name at the end of the attribution, and in parentheses.
    let text =
        "Senate\n\n“We will pass it this week,” said Sen. Ana Ruiz, D-N.Y., who leads the panel.";
    assert_eq!(who(text)[0].1.as_deref(), Some("Ana Ruiz"));
    let text = "Senate\n\nSen. Tom Lee (R-Ohio) said the vote would be close.";
    assert_eq!(who(text)[0].1.as_deref(), Some("Tom Lee"));
}

#[test]
fn the_official_refers_back_to_an_official_in_a_department() {
    let text = "Fund\n\nA senior official in the finance directorate said the fund would be ready by May.\nThe official said two banks had already applied.";
    let qs = who(text);
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(qs[1].1, qs[0].1, "{qs:?}");
}

#[test]
fn a_short_form_of_an_organisation_that_spoke_is_that_organisation() {
    let text = "Trucks\n\nFrench truckmaker Halvard Roux said on Monday that it would build a plant near Lyon.\nHalvard said the plant would employ 900 people.";
    let qs = who(text);
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert_eq!(
        (qs[1].1.as_deref(), qs[1].2),
        (Some("Halvard Roux"), SpeakerKind::Organization)
    );
}
