//! The tagger pinned with sentences written for these tests, one behaviour each.

use super::testing::stages;
use super::*;
use crate::extract::{segment, tokens};
use crate::read::layout;

fn run(text: &str) -> Entities {
    let rules = stages();
    let l = layout::analyse(text, None, &rules.layout);
    let s = segment::split(text, &l, &rules.segment);
    let t = tokens::build(text, &l, &s, &rules.segment, &rules.tokens);
    tag(text, &l, &t, &rules.entities)
}

fn found(text: &str) -> Vec<(String, EntityType)> {
    run(text)
        .mentions
        .iter()
        .map(|m| (m.span.of(text).to_string(), m.kind))
        .collect()
}

fn has(text: &str, name: &str, kind: EntityType) -> bool {
    found(text).iter().any(|(n, k)| n == name && *k == kind)
}

#[test]
fn title_before_a_name_gives_a_person_and_the_title_span() {
    let text = "Talks stalled, said Secretary of State Dana Whitfield on Friday.";
    let e = run(text);
    let m = e
        .mentions
        .iter()
        .find(|m| m.kind == EntityType::Person)
        .expect("a person");
    assert_eq!(m.span.of(text), "Dana Whitfield");
    assert_eq!(m.title.map(|t| t.of(text)), Some("Secretary of State"));
}

#[test]
fn a_chain_of_titles_gives_a_title_that_does_not_grow_with_it() {
    // Issue 13: `Gov. Gov. …` made a title as long as the chain, repeated by every quote.
    let title_of = |text: &str| {
        let e = run(text);
        let m = e.mentions.iter().find(|m| m.kind == EntityType::Person);
        m.and_then(|m| m.title).map(|t| t.of(text).to_string())
    };
    let chain = format!("{}Rosa Imbert spoke.", "Gov. ".repeat(500));
    assert_eq!(title_of(&chain).as_deref(), Some("Gov. Gov. Gov. Gov."));
    let text = "Then Deputy Prime Minister Dr. Rosa Imbert spoke.";
    assert_eq!(title_of(text).as_deref(), Some("Deputy Prime Minister Dr."));
}

#[test]
fn a_country_possessive_before_a_title_belongs_to_the_title() {
    let text = "Estonia’s Foreign Minister Margus Tamm spoke first.";
    let e = run(text);
    let m = e
        .mentions
        .iter()
        .find(|m| m.kind == EntityType::Person)
        .unwrap();
    assert_eq!(m.span.of(text), "Margus Tamm");
    assert_eq!(
        m.title.map(|t| t.of(text)),
        Some("Estonia’s Foreign Minister")
    );
    assert!(has(text, "Estonia", EntityType::Gpe));
}

#[test]
fn a_surname_links_to_the_full_name_written_first() {
    let text = "Lawmaker Giedre Kairyte arrived late. Later, Kairyte said the vote would wait.\nKairyte left.";
    let e = run(text);
    let people: Vec<_> = e.people().collect();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].1.name, "Giedre Kairyte");
    assert_eq!(people[0].1.mentions, 3);
    assert!(e.mentions.iter().all(|m| m.entity == people[0].0));
}

#[test]
fn a_surname_before_the_full_name_still_links_to_it() {
    let text = "Kairyte wins vote\n\nVILNIUS — Giedre Kairyte won the vote on Sunday.";
    let e = run(text);
    let names: Vec<_> = e.people().map(|(_, p)| p.name.as_str()).collect();
    assert_eq!(names, ["Giedre Kairyte"]);
}

#[test]
fn possessives_and_hyphenated_compounds() {
    let text = "Peru’s exports grew, and the Chile-Peru border talks resumed.";
    let f = found(text);
    assert!(f.contains(&("Peru".into(), EntityType::Gpe)));
    assert!(f.contains(&("Chile".into(), EntityType::Gpe)));
    assert_eq!(f.iter().filter(|(n, _)| n == "Peru").count(), 2);
}

#[test]
fn dateline_place_is_a_place() {
    let text = "OSLO — The government fell on Tuesday.";
    assert!(has(text, "OSLO", EntityType::Gpe));
}

#[test]
fn organisations_and_events_from_their_head_words() {
    let text = "Delegates at the Lisbon Climate Summit met the Ministry of Fisheries and the Baltic Grain Council on Monday.";
    assert!(has(text, "Lisbon Climate Summit", EntityType::Event));
    assert!(has(text, "Ministry of Fisheries", EntityType::Org));
    assert!(has(text, "Baltic Grain Council", EntityType::Org));
}

#[test]
fn a_committee_remit_runs_to_the_name_closing_the_clause() {
    let text = "She chairs its Committee on Peru’s accession to the World Trade Organization, aides said. The Committee on Monday agreed.";
    let f = found(text);
    assert!(f.contains(&(
        "Committee on Peru’s accession to the World Trade Organization".into(),
        EntityType::Org
    )));
    assert!(!f.iter().any(|(n, _)| n == "Committee"), "{f:?}");
}

#[test]
fn sentence_initial_capitals_are_not_names() {
    let f = found("Territory is the main point. Yesterday the talks ended. Easier said than done.");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn given_names_diacritics_and_speech_verbs() {
    let text = "The decision came after Zuzana Dvořáková spoke. Officials in the town said Hrabal, who chairs the board, agreed. Nakamura said nothing.";
    assert!(has(text, "Zuzana Dvořáková", EntityType::Person));
    assert!(has(text, "Hrabal", EntityType::Person));
}

#[test]
fn facility_before_a_facility_noun() {
    let text = "Leaders gathered at the Grand Meridian hotel on Friday.";
    assert!(has(text, "Grand Meridian", EntityType::Fac));
}

#[test]
fn nationalities_and_international_bodies() {
    let text = "Kenyan and Ugandan troops joined the African Union mission, NATO said.";
    assert!(has(text, "Kenyan", EntityType::Norp));
    assert!(has(text, "African Union", EntityType::Org));
    assert!(has(text, "NATO", EntityType::Org));
}

#[test]
fn mentions_are_in_text_order_and_spans_on_char_boundaries() {
    let text = "Zoë Ångström met Ségolène Royal in São Paulo, then flew to Kraków.";
    let e = run(text);
    assert!(e
        .mentions
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start));
    for m in &e.mentions {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
    }
    assert!(has(text, "São Paulo", EntityType::Gpe));
    assert!(has(text, "Kraków", EntityType::Gpe));
}

#[test]
fn headlines_in_capitals_find_listed_names_only() {
    let text = "RUGBY - FIJI STUN SAMOA IN QUALIFIER .\n\nFiji beat Samoa on Saturday .";
    let f = found(text);
    assert!(f.contains(&("FIJI".into(), EntityType::Gpe)), "{f:?}");
    assert!(f.contains(&("SAMOA".into(), EntityType::Gpe)), "{f:?}");
    assert!(!f.iter().any(|(n, _)| n == "RUGBY" || n == "STUN"), "{f:?}");
}

#[test]
fn context_types_unknown_names_that_are_not_people() {
    // a company noun before, an appositive after, a place phrase before, an event noun
    let text = "Dutch brewer Hoogveld Brouwerij said it would hire. The deal went to Castanha Ferro Leste, a small engineering firm based nearby. Hélène Brisard, the mayor of Villers-sur-Ourthe, said little. Troops joined the exercise called Silver Lantern on Monday. Stocks in Ardwell Mining Holdings fell.";
    let f = found(text);
    assert!(has(text, "Hoogveld Brouwerij", EntityType::Org), "{f:?}");
    assert!(has(text, "Castanha Ferro Leste", EntityType::Org), "{f:?}");
    assert!(has(text, "Villers-sur-Ourthe", EntityType::Gpe), "{f:?}");
    assert!(has(text, "Silver Lantern", EntityType::Event), "{f:?}");
    assert!(
        has(text, "Ardwell Mining Holdings", EntityType::Org),
        "{f:?}"
    );
    assert!(has(text, "Hélène Brisard", EntityType::Person), "{f:?}");
}

#[test]
fn workplaces_places_and_hyphenated_agencies() {
    let text = "Marek Oles, an economist at Kredyt Zachodni in Warsaw, disagreed. The forecast came from Hydro-Quebec, and Transport Ireland said fares would rise. Farmers near Dolna Wieś waited.";
    let f = found(text);
    assert!(has(text, "Kredyt Zachodni", EntityType::Org), "{f:?}");
    assert!(has(text, "Hydro-Quebec", EntityType::Org), "{f:?}");
    assert!(has(text, "Transport Ireland", EntityType::Org), "{f:?}");
    assert!(has(text, "Dolna Wieś", EntityType::Gpe), "{f:?}");
    assert!(has(text, "Marek Oles", EntityType::Person), "{f:?}");
}

#[test]
fn statements_come_from_organisations_and_web_addresses_are_not_firms() {
    let text = "Prices fell after Norvale Kettering said in a statement that it would close. Fans built the website Tallyboard.net in a week.";
    let f = found(text);
    assert!(has(text, "Norvale Kettering", EntityType::Org), "{f:?}");
    let text =
        "The minister told Radio Vltava that talks would go on, and told Jana Novak the same.";
    let f = found(text);
    assert!(has(text, "Radio Vltava", EntityType::Org), "{f:?}");
    assert!(has(text, "Jana Novak", EntityType::Person), "{f:?}");
    assert!(!f.iter().any(|(n, _)| n.contains("Tallyboard")), "{f:?}");
}

#[test]
fn a_month_before_a_day_number_is_a_date() {
    let text =
        "OSLO, Jan 9 (Reuters) - Ministers met. Talks resume on Aug. 21 and May 3 in Bergen.";
    let f = found(text);
    assert!(
        !f.iter()
            .any(|(n, _)| ["Jan", "Aug.", "May"].contains(&n.as_str())),
        "{f:?}"
    );
}

#[test]
fn particles_join_a_persons_name() {
    let text =
        "The report was written by Karin de Bruin and Jeroen van Dam, who spent a year on it.";
    let f = found(text);
    assert!(has(text, "Jeroen van Dam", EntityType::Person), "{f:?}");
    assert!(has(text, "Karin de Bruin", EntityType::Person), "{f:?}");
    assert!(!f.iter().any(|(n, _)| n == "Jeroen"), "{f:?}");
}

#[test]
fn towns_saints_and_regions() {
    let text = "A nurse from Ipswich waited at St. Albans station with commuters from Lublin and the Baltic region.";
    let f = found(text);
    assert!(has(text, "Ipswich", EntityType::Gpe), "{f:?}");
    assert!(has(text, "St. Albans", EntityType::Fac), "{f:?}");
    assert!(has(text, "Lublin", EntityType::Gpe), "{f:?}");
    assert!(has(text, "Baltic", EntityType::Norp), "{f:?}");
    assert!(
        !f.iter()
            .any(|(n, k)| n == "Albans" || *k == EntityType::Person),
        "{f:?}"
    );
}

#[test]
fn a_dateline_in_capitals_and_the_place_later_are_one_entity() {
    let text = "GDANSK — Dockers walked out on Friday in Gdansk, the union said.";
    let e = run(text);
    let places: Vec<_> = e
        .entities
        .iter()
        .filter(|x| x.kind == EntityType::Gpe)
        .collect();
    assert_eq!(places.len(), 1, "{places:?}");
    assert_eq!(places[0].mentions, 2);
    assert_eq!(places[0].name, "Gdansk");
    let texts: Vec<_> = e.mentions.iter().map(|m| m.span.of(text)).collect();
    assert!(texts.contains(&"GDANSK") && texts.contains(&"Gdansk"));
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        " ",
        "“",
        "“Unclosed quote by Anna",
        "’s",
        "A-",
        "-A",
        "U.S.",
        "e\u{301} É\u{301}cole Normale",
        "🙂 Anna 🙂 Smith’s",
        "ALL CAPS HEADLINE ABOUT RUSSIA\n\nText.",
        "Mr.",
        "Secretary of State",
        "The The The",
        "of of of Ministry of",
        "Jan 1",
        "told Zz Yy",
        "St.",
        "the mayor of",
        "Xx Yy, a",
        "Xx Yy, 5",
        "in É-Ü",
        "exercise called",
    ] {
        let _ = run(text);
    }
}
