//! What source audits count, pinned: a speaker's gender with what it rests on, the organisation
//! they speak for, and the entity they are.

use super::*;
use crate::extract::quotes::quote::{Gender, GenderFrom};

/// (speaker, gender, what it rests on) of the quote starting `starts`.
fn gender(text: &str, starts: &str) -> (Option<String>, Gender, Option<GenderFrom>) {
    let qs = run(text);
    let q = one(&qs, text, starts);
    (
        q.speaker.name.clone(),
        q.speaker.gender,
        q.speaker.gender_from,
    )
}

#[test]
fn a_later_she_gives_the_gender_of_an_earlier_quote() {
    let text = "“The tunnel will open in May,” said Ilse Marwick.\nThe engineers cheered. She has led the project since 2019.";
    assert_eq!(
        gender(text, "The tunnel"),
        (s("Ilse Marwick"), Gender::Female, Some(GenderFrom::Pronoun))
    );
    let text = "Tobias Renner chairs the board. “We are not selling,” Renner said.\nHe spoke after the vote.";
    assert_eq!(
        gender(text, "We are not"),
        (s("Tobias Renner"), Gender::Male, Some(GenderFrom::Pronoun))
    );
}

#[test]
fn honorifics_and_gendered_titles_give_a_gender() {
    let text = "“Rates will hold,” said Mrs. Odile Farrow.";
    assert_eq!(gender(text, "Rates").1, Gender::Female);
    assert_eq!(gender(text, "Rates").2, Some(GenderFrom::Honorific));
    let text = "“The vote is close,” said Congresswoman Petra Lindqvist.";
    assert_eq!(gender(text, "The vote").1, Gender::Female);
    assert_eq!(gender(text, "The vote").2, Some(GenderFrom::Title));
    let text = "“My son was brave,” said his mother, Dalia Osei.";
    assert_eq!(gender(text, "My son").1, Gender::Female);
}

#[test]
fn they_a_surname_and_nothing_give_no_gender() {
    // `they` is no gender, and `Kemp` could be anyone's surname.
    let text = "“We will appeal,” said Robin Kemp.\nThey later left the court.";
    assert_eq!(
        gender(text, "We will"),
        (s("Robin Kemp"), Gender::Unknown, None)
    );
    let text = "“The roof leaks,” a tenant said.";
    assert_eq!(gender(text, "The roof").1, Gender::Unknown);
    let text = "“The roof leaks,” a local woman said.";
    assert_eq!(gender(text, "The roof").1, Gender::Female);
}

#[test]
fn a_user_table_overrides_what_the_article_says() {
    let text = "“The count is done,” said Mr. Alex Brannock.";
    let dir = tempfile::tempdir().unwrap();
    let file = "speakers_words.json";
    let builtin = include_str!("../../../../rules/speakers_words.json");
    let mut json: serde_json::Value = serde_json::from_str(builtin).unwrap();
    json["known_genders"] = serde_json::json!({"Alex Brannock": "female"});
    std::fs::write(dir.path().join(file), json.to_string()).unwrap();
    let words = crate::rules::RuleSet::with_overrides(
        crate::extract::entities::testing::rule_files().chain(RULE_FILES),
        dir.path(),
    )
    .unwrap();
    let shared = crate::words::Words::parse(&words).unwrap();
    let rules = QuoteRules::compile(&words, &shared, world()).unwrap();
    let st = stages();
    let layout = layout::analyse(text, Some(""), &st.layout);
    let sentences = segment::split(text, &layout, &st.segment);
    let stream = stream(text, &layout, &sentences);
    let ents = entities::tag(text, &layout, &stream, &st.entities);
    let qs = find(text, &layout, &sentences, &stream, &ents, &rules);
    assert_eq!(qs[0].speaker.gender, Gender::Female);
    assert_eq!(qs[0].speaker.gender_from, Some(GenderFrom::Rules));
    // the built-in rules read the honorific
    assert_eq!(gender(text, "The count").1, Gender::Male);
}

/// (speaker, title, org) of the quote starting `starts`.
fn org(text: &str, starts: &str) -> (Option<String>, Option<String>, Option<String>) {
    let qs = run(text);
    let q = one(&qs, text, starts);
    (
        q.speaker.name.clone(),
        q.speaker.title.clone(),
        q.speaker.org.clone(),
    )
}

#[test]
fn the_organisation_a_title_names_is_the_speakers_org() {
    let text =
        "“We will watch the costs,” said Piet Jansen, a spokesman for the Calder Port Authority.";
    assert_eq!(org(text, "We will").2, s("Calder Port Authority"));
    let text = "Acme Motors’s chief economist Ivo Marek said that prices would fall.";
    assert_eq!(org(text, "prices").2, s("Acme Motors"));
    // `Education` and `Ohio` are no organisations.
    let text = "“Classes resume,” said Minister of Education Sara Lund.";
    assert_eq!(org(text, "Classes").2, None);
    let text = "Shares fell in May. The Vantor Group said that profits would rise.";
    assert_eq!(org(text, "profits").2, s("Vantor Group"));
}

#[test]
fn speakers_carry_the_entity_they_are() {
    let text = "Nadia Quarles runs the Brenmoor Institute. “The data is clear,” Quarles said.";
    let qs = run(text);
    let q = one(&qs, text, "The data");
    let e = q.speaker.entity.expect("an entity");
    let st = stages();
    let layout = layout::analyse(text, Some(""), &st.layout);
    let sentences = segment::split(text, &layout, &st.segment);
    let stream = stream(text, &layout, &sentences);
    let ents = entities::tag(text, &layout, &stream, &st.entities);
    assert_eq!(ents.entities[e].name, "Nadia Quarles");
}

/// (speaker, kind, title) of the quote starting `starts`.
fn speaker_kind(text: &str, starts: &str) -> (Option<String>, SpeakerKind, Option<String>) {
    let qs = run(text);
    let q = one(&qs, text, starts);
    (
        q.speaker.name.clone(),
        q.speaker.kind,
        q.speaker.title.clone(),
    )
}

#[test]
fn a_role_glued_before_a_name_goes_to_the_title() {
    // was `Harbour Trust Tomas Brandt`, title `director of the`
    let text = "“We are ready for the ships,” said director of the Harbour Trust Tomas Brandt.";
    assert_eq!(
        speaker_kind(text, "We are"),
        (
            s("Tomas Brandt"),
            SpeakerKind::Named,
            s("director of the Harbour Trust")
        )
    );
    // was `Governor of Ohio Paula Kemp`, anonymous
    let text = "“Ohio will help,” said Governor of Ohio Paula Kemp.";
    assert_eq!(
        speaker_kind(text, "Ohio will"),
        (s("Paula Kemp"), SpeakerKind::Named, s("Governor of Ohio"))
    );
    // was kind `organization`
    let text = "“The water is calm,” crew member Lena Varga said.";
    assert_eq!(
        speaker_kind(text, "The water"),
        (s("Lena Varga"), SpeakerKind::Named, s("crew member"))
    );
}

#[test]
fn a_description_the_article_resolves_is_the_named_person() {
    // was `Kenyan Ambassador`, anonymous
    let text = "Kenyan Ambassador Daniel Mwangi arrived on Tuesday. The talks began at noon.\n“Our people are safe,” the ambassador said.";
    let (name, kind, _) = speaker_kind(text, "Our people");
    assert_eq!((name, kind), (s("Daniel Mwangi"), SpeakerKind::Named));
    // `Ms. Okafor` is the fullest name the article gives, even when it comes later.
    let text = "“Nothing changed,” Ms. Okafor told reporters.\nGrace Okafor, a nurse, has worked at the clinic for years.";
    let (name, _, title) = speaker_kind(text, "Nothing");
    assert_eq!((name, title), (s("Grace Okafor"), s("Ms.")));
}

#[test]
fn a_date_or_a_bare_common_noun_is_no_speaker() {
    // was `March 3 and Peru`, organization
    let text = "Ministers met in Lima. On March 3 and Peru said that the talks would go on.";
    assert_eq!(
        speaker_kind(text, "the talks"),
        (None, SpeakerKind::None, None)
    );
    // was `health checks`, anonymous
    let text = "Health checks showed that the crew was fine after the storm.";
    assert_eq!(
        speaker_kind(text, "the crew"),
        (None, SpeakerKind::None, None)
    );
    let text = "“Nobody was hurt,” the ferry log said. “We sailed on,” said Captain Ines Moreau.";
    assert_eq!(speaker_kind(text, "Nobody").1, SpeakerKind::None);
    // people still speak
    let text = "Volunteers said that the shelter was full by midnight.";
    assert_eq!(speaker_kind(text, "the shelter").1, SpeakerKind::Anonymous);
    let text = "A person familiar with the talks said that a deal was close.";
    assert_eq!(speaker_kind(text, "a deal").1, SpeakerKind::Anonymous);
}

#[test]
fn an_email_speaks_as_a_document() {
    for text in [
        "The email said that the depot would close in June.",
        "An e-mail from the council said that the road would reopen.",
        "“Bring your own tools,” the e-mail said.",
    ] {
        let qs = run(text);
        assert_eq!(qs.len(), 1, "{text}");
        assert_eq!(qs[0].speaker.kind, SpeakerKind::Organization, "{text}");
    }
}

#[test]
fn a_clear_given_name_gives_a_gender_when_the_article_gives_none() {
    let text = "“The tide is late,” said Paula Vries.";
    assert_eq!(
        gender(text, "The tide"),
        (
            s("Paula Vries"),
            Gender::Female,
            Some(GenderFrom::GivenName)
        )
    );
    let text = "“Nets are up,” said Thomas Quell.";
    assert_eq!(gender(text, "Nets").1, Gender::Male);
    // a name given to both stays unknown; so does a surname alone
    let text = "“Fares rise,” said Robin Aske. “Fares fall,” said Okonkwo.";
    assert_eq!(gender(text, "Fares rise").1, Gender::Unknown);
    assert_eq!(gender(text, "Fares fall").1, Gender::Unknown);
    // the article's pronoun outranks the name table
    let text = "“We sail at dawn,” said Paula Vries. He checked the ropes again.";
    assert_eq!(gender(text, "We sail").2, Some(GenderFrom::Pronoun));
}

#[test]
fn party_state_tag_is_the_speakers_party_in_every_quote() {
    let text = "Water bill stalls\n\nSen. Mara Lind (D-Ore.) said the bill would pass in June.\n\nRep. Tom Pruitt, R-Texas, said the cost was too high.\n\n\u{201c}We will try again,\u{201d} Lind said.\n\nRep. Ana Ruiz, 52, said she would vote for it.";
    let got: Vec<_> = run(text)
        .into_iter()
        .map(|q| (q.speaker.name, q.speaker.org))
        .collect();
    assert_eq!(
        got,
        [
            (s("Mara Lind"), s("Democratic Party")),
            (s("Tom Pruitt"), s("Republican Party")),
            (s("Mara Lind"), s("Democratic Party")),
            (s("Ana Ruiz"), None),
        ]
    );
}
