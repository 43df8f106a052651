//! Each attribution pattern pinned with sentences written for these tests.

use super::*;
use crate::extract::entities::testing::{rule_files, stages};
use crate::extract::{entities, segment, tokens};
use crate::read::layout;

fn quote_rules() -> &'static QuoteRules {
    static RULES: std::sync::OnceLock<QuoteRules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        QuoteRules::compile(&RuleSet::builtin(rule_files().chain(RULE_FILES))).unwrap()
    })
}

fn stream(text: &str, layout: &Layout, sentences: &[Sentence]) -> Tokens {
    tokens::build(text, layout, sentences, &stages().segment)
}

fn run(text: &str) -> Vec<Quote> {
    let rules = stages();
    let layout = layout::analyse(text, Some(""), &rules.layout);
    let sentences = segment::split(text, &layout, &rules.segment);
    let stream = stream(text, &layout, &sentences);
    let ents = entities::tag(text, &layout, &stream, &rules.entities);
    find(text, &layout, &sentences, &stream, &ents, quote_rules())
}

/// (quoted text, kind, speaker name) per quote.
fn show(text: &str) -> Vec<(String, QuoteKind, Option<String>)> {
    run(text)
        .into_iter()
        .map(|q| (q.span.of(text).to_string(), q.kind, q.speaker.name))
        .collect()
}

fn one<'a>(qs: &'a [Quote], text: &str, starts: &str) -> &'a Quote {
    qs.iter()
        .find(|q| q.span.of(text).starts_with(starts))
        .unwrap_or_else(|| panic!("no quote starting {starts:?} in {:?}", show(text)))
}

const D: QuoteKind = QuoteKind::Direct;
const P: QuoteKind = QuoteKind::Partial;
const I: QuoteKind = QuoteKind::Indirect;

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

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
fn passive_and_adjectival_cues_report_nothing() {
    let text = "Salt is added to the bread.\nThe alleged theft happened in May.";
    assert!(show(text).is_empty(), "{:?}", show(text));
}

#[test]
fn every_quote_names_its_rule_and_summary_counts_words() {
    let text = "“One two three,” said Nora Quist. “Four five.”\nQuist said the count was over.";
    let qs = run(text);
    assert!(qs.iter().all(|q| !q.rule.is_empty()));
    let rows = summarise(text, &qs);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Nora Quist");
    assert_eq!(rows[0].quotes, 3);
    assert_eq!(rows[0].words, 3 + 2 + 4);
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "\"",
        "“",
        "”x",
        "'",
        "said",
        "according to",
        "“A,” said",
        ", said he",
        "é said “ü",
        "\n\n“\n”\n",
    ] {
        let _ = run(text);
    }
}

#[test]
fn seed_article_when_present() {
    let Ok(t) = std::fs::read_to_string("../shared/seeds/000_5064e0e4a95fe05b.txt") else {
        return;
    };
    let qs = run(&t);
    assert!(qs.len() >= 25);
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
fn a_quote_nobody_introduces_belongs_to_the_paragraph_subject() {
    let text = "The vote was held on Friday.\nCouncillor Maya Lindqvist was blunt. “This plan is a mistake.”";
    let qs = run(text);
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Maya Lindqvist"));
    assert_eq!(qs[0].rule, "paragraph_subject");
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
fn every_gum_text_and_its_prefixes_run_without_panics() {
    let Ok(data) = std::fs::read_to_string("../shared/eval/gum/news_dev.jsonl") else {
        return;
    };
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap_or("");
        for (i, _) in text.char_indices().step_by(211) {
            let _ = run(&text[..i]);
            let _ = run(&text[i..]);
        }
    }
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
                "the changes would ‘save lives’".into(),
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
fn a_quote_paragraph_can_continue_the_last_paragraphs_subject() {
    let text = "Researcher Nina Holt studies ants in Finland.\n“I have no doubt there will be more cases.”";
    let qs = run(text);
    assert_eq!(qs[0].speaker.name.as_deref(), Some("Nina Holt"));
    assert_eq!(qs[0].rule, "paragraph_subject");
}

#[test]
fn debug_a3() {
    let text = "Intro here.\n\"This bill is dead on arrival,\" said Senate Majority Leader Chuck Schumer, D-N.Y. \"Republicans know it.\"";
    for q in run(text) {
        eprintln!(
            "{:?} {:?} {} | {}",
            q.kind,
            q.speaker.name,
            q.rule,
            q.span.of(text)
        );
    }
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
            (
                "the vote \"shows who is serious.\"".into(),
                I,
                s("Tom Hale")
            ),
            ("shows who is serious.".into(), P, s("Tom Hale")),
            ("they would try again Monday".into(), I, s("Tom Hale")),
        ]
    );
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

/// (quoted text, speaker, kind, title) per quote, for the speaker-phrase tests below.
fn who(text: &str) -> Vec<(String, Option<String>, SpeakerKind, Option<String>)> {
    run(text)
        .into_iter()
        .map(|q| {
            (
                q.span.of(text).to_string(),
                q.speaker.name,
                q.speaker.kind,
                q.speaker.title,
            )
        })
        .collect()
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
fn speech_inside_a_relative_clause_ends_at_its_comma() {
    let text = "Market\n\nTraders from the old market, where stallholders say their rents have doubled, marched to city hall.";
    let qs = who(text);
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].0, "their rents have doubled");
    assert_eq!(qs[0].1.as_deref(), Some("stallholders"));
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
