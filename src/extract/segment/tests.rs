use super::*;
use crate::read::layout::paragraphs;
use crate::read::layout::{self, LayoutRules};
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::words::{self, Words};

/// The files the splitter reads.
fn files() -> impl Iterator<Item = &'static RuleFile> {
    words::RULE_FILES.iter().chain(RULE_FILES)
}

fn compile(set: &RuleSet) -> Result<SegmentRules, RuleError> {
    SegmentRules::compile(set, &Words::parse(set)?)
}

fn rules() -> &'static SegmentRules {
    use std::sync::OnceLock;
    static RULES: OnceLock<SegmentRules> = OnceLock::new();
    RULES.get_or_init(|| compile(&RuleSet::builtin(files())).unwrap())
}

/// Sentences of `text`, each line a paragraph.
fn sents(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_paragraph(text, para, rules(), &mut out);
    }
    out.iter().map(|s| s.of(text)).collect()
}

fn check(text: &str, expected: &[&str]) {
    assert_eq!(sents(text), expected, "\ninput: {text:?}");
}

fn one(text: &str) {
    check(text, &[text]);
}

#[test]
fn plain_full_stops_questions_and_exclamations() {
    check(
        "The bridge reopened on Monday. Traffic moved slowly! Was it worth the wait? Drivers thought so.",
        &[
            "The bridge reopened on Monday.",
            "Traffic moved slowly!",
            "Was it worth the wait?",
            "Drivers thought so.",
        ],
    );
    check("Really?! Yes.", &["Really?!", "Yes."]);
}

#[test]
fn titles_never_end_a_sentence() {
    one("Sen. Maria A. Lopez met Gov. Tom Reed and Dr. Ann Cho in St. Paul.");
    one("Mr. and Mrs. Jones were joined by Lt. Gen. Paul Ortiz and the Rev. Ada King.");
    one("The case is Smith vs. Jones, e.g. a dispute over land.");
}

#[test]
fn us_and_uk_end_a_sentence_only_before_a_sentence_starter() {
    one("The U.S. Senate voted after U.S. Army officers testified.");
    one("She moved to the U.S. in 2009.");
    check(
        "The plant will close in the U.S. The company blamed costs.",
        &[
            "The plant will close in the U.S.",
            "The company blamed costs.",
        ],
    );
    check(
        "Exports rose in the U.K. But imports fell.",
        &["Exports rose in the U.K.", "But imports fell."],
    );
    check(
        "The storm hit the U.S. Millions lost power.",
        &["The storm hit the U.S.", "Millions lost power."],
    );
}

#[test]
fn times_end_a_sentence_unless_a_zone_or_day_follows() {
    check(
        "The polls closed at 8 p.m. Mrs. Jones was first in line.",
        &[
            "The polls closed at 8 p.m.",
            "Mrs. Jones was first in line.",
        ],
    );
    one("The launch is set for 9:30 a.m. Eastern time.");
    one("They met at 10 a.m. Friday and left by noon.");
    check(
        "It ended at 5 P.M. Fans went home.",
        &["It ended at 5 P.M.", "Fans went home."],
    );
}

#[test]
fn company_suffixes_and_months() {
    one("Acme Corp. said profits at Widget Co. and Gadget Inc. fell.");
    check(
        "The deal went to Harlow & Co. It closed in March.",
        &["The deal went to Harlow & Co.", "It closed in March."],
    );
    one("The vote is set for Jan. 12 and the count for Feb. 3.");
    one("Send it to P.O. Box 12.");
}

#[test]
fn number_prefixes_hold_before_numbers_only() {
    one("He wore No. 23 and scored on p. 4 of the program.");
    check(
        "Was he hurt? No. He walked away.",
        &["Was he hurt?", "No.", "He walked away."],
    );
}

#[test]
fn initials_and_middle_initials() {
    one("J.D. Vance spoke after John A. Smith and J. R. R. Tolkien's heirs.");
    one("The award went to T. S. Eliot.");
    check(
        "It was just you and I. Did anyone else see it?",
        &["It was just you and I.", "Did anyone else see it?"],
    );
    check(
        "They were fighting World War I. The year was 1917.",
        &["They were fighting World War I.", "The year was 1917."],
    );
}

#[test]
fn numbers_money_and_decimals() {
    one("Revenue rose 3.5 percent to $1.2 billion, or 1,000 times more than in 2.0 days.");
    check(
        "The fund holds $40.50. It will grow.",
        &["The fund holds $40.50.", "It will grow."],
    );
    check(
        "They counted 600. Nobody complained.",
        &["They counted 600.", "Nobody complained."],
    );
}

#[test]
fn urls_and_email_addresses() {
    check(
        "Write to ann.lee@example.org. She replies fast.",
        &["Write to ann.lee@example.org.", "She replies fast."],
    );
    one("See www.news.Example.com for more.");
    check(
        "The page is https://example.org/a.b/c.html. Read it.",
        &["The page is https://example.org/a.b/c.html.", "Read it."],
    );
}

#[test]
fn sentences_run_together_without_space() {
    check(
        "It rained.Then it snowed.",
        &["It rained.", "Then it snowed."],
    );
    check(
        "The vote passed 7-2.Officials cheered.",
        &["The vote passed 7-2.", "Officials cheered."],
    );
}

#[test]
fn ellipses() {
    check(
        "He paused... Then he spoke.",
        &["He paused...", "Then he spoke."],
    );
    one("She said it was ... well, complicated.");
    one("The rule is . . . I think . . . fair.");
    check(
        "It ended there . . . . Then came more.",
        &["It ended there . . . .", "Then came more."],
    );
    check("Wait… What?", &["Wait…", "What?"]);
    one("Prices rose…and rose again.");
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    check(
        "He said, “We will win.” The crowd cheered.",
        &["He said, “We will win.”", "The crowd cheered."],
    );
    check(
        "It was done (finally.) Everyone left.",
        &["It was done (finally.)", "Everyone left."],
    );
    check(
        "She said: \"It's over.\" Then she left.",
        &["She said: \"It's over.\"", "Then she left."],
    );
    one("That is Bo Ray Jr.'s car.");
}

#[test]
fn a_lower_case_word_after_a_question_in_quotes_continues() {
    one("“Is it over?” she asked.");
    one("“Stop!” he shouted, and ran.");
    one("“Is it over?” Lopez asked.");
    one("“Why now?” Prime Minister Ann Cho asked reporters.");
    check(
        "“Is it over?” He did not answer.",
        &["“Is it over?”", "He did not answer."],
    );
}

#[test]
fn sentences_inside_a_quotation_are_split() {
    check(
        "“We are ready. The talks start now,” she said.",
        &["“We are ready.", "The talks start now,” she said."],
    );
}

#[test]
fn brackets_hold_their_marks() {
    one("The report (see p. 4? or p. 5) was late.");
    one("He said (Really. Truly.) nothing.");
}

#[test]
fn headlines_datelines_and_captions_without_stops_are_their_own_sentences() {
    check(
        "Bridge reopens after repairs\nWASHINGTON — The bridge reopened. Cars crossed.\nPhoto by Ann Lee",
        &[
            "Bridge reopens after repairs",
            "WASHINGTON — The bridge reopened.",
            "Cars crossed.",
            "Photo by Ann Lee",
        ],
    );
    check(
        "Crowds gather at the square Image: Ann Lee / City Hall",
        &["Crowds gather at the square", "Image: Ann Lee / City Hall"],
    );
    check(
        "Monday, March 2, 2020 The mayor resigned.",
        &["Monday, March 2, 2020", "The mayor resigned."],
    );
}

#[test]
fn a_paragraph_break_always_ends_a_sentence() {
    check(
        "He met Sen.\nThe talks ended",
        &["He met Sen.", "The talks ended"],
    );
}

#[test]
fn inline_lists() {
    check(
        "1. Buy milk 2. Sell bonds 3. Rest",
        &["1. Buy milk", "2. Sell bonds", "3. Rest"],
    );
    check(
        "Rules follow. a) be kind b) be brief",
        &["Rules follow.", "a) be kind", "b) be brief"],
    );
    check(
        "(a) One item. (b) Two items.",
        &["(a) One item.", "(b) Two items."],
    );
    one("Pay for 1. above and skip 2. below.");
    check("• 1. Start • 2. Finish", &["• 1. Start", "• 2. Finish"]);
}

#[test]
fn footnote_marks_stay_with_their_sentence() {
    check(
        "He was a poet.[3] He died young.",
        &["He was a poet.[3]", "He died young."],
    );
}

#[test]
fn spans_are_trimmed_and_only_space_lies_between() {
    let text = "  One.   Two?  Three!  ";
    let para = Span::new(0, text.len());
    let mut out = Vec::new();
    split_paragraph(text, para, rules(), &mut out);
    let got: Vec<_> = out.iter().map(|s| s.of(text)).collect();
    assert_eq!(got, ["One.", "Two?", "Three!"]);
    for w in out.windows(2) {
        assert!(text[w[0].end..w[1].start].trim().is_empty());
    }
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        ".",
        "...",
        "?!",
        "“",
        "”.",
        "(",
        ")",
        "[.",
        "é. É. ü… ß! ",
        "a.b.c.d.e.f.g",
        "“Unclosed quote. And more",
        "Ünïcödé. Ωmega. 日本語。次の文。",
        "1) 2) 3)",
        "• • •",
        "Monday, ",
        "x\u{a0}.\u{a0}Y",
    ] {
        let _ = sents(text);
        let mut out = Vec::new();
        for k in 0..=text.len() {
            if text.is_char_boundary(k) {
                split_paragraph(text, Span::new(0, k), rules(), &mut out);
            }
        }
    }
    let long = "a.".repeat(5000) + &"(".repeat(5000) + &". ".repeat(5000);
    let _ = sents(&long);
}

#[test]
fn full_width_stops_end_sentences_without_space() {
    check("天气很好。我们出去吧。", &["天气很好。", "我们出去吧。"]);
}

#[test]
fn splits_body_paragraphs_into_sentences_with_paragraph_indexes() {
    let text = "Storm hits coast\n\nThe storm hit. Power failed.\n\nRepairs began.";
    let layout_rules = LayoutRules::compile(&RuleSet::builtin(layout::RULE_FILES)).unwrap();
    let layout = layout::analyse(text, None, &layout_rules);
    let got = split(text, &layout, rules());
    let texts: Vec<_> = got.iter().map(|s| (s.span.of(text), s.paragraph)).collect();
    assert_eq!(
        texts,
        [
            ("Storm hits coast", 0),
            ("The storm hit.", 1),
            ("Power failed.", 1),
            ("Repairs began.", 2)
        ]
    );
}

/// The built-in rules with `split_inside_quotes` turned off.
fn quote_keeping_rules() -> &'static SegmentRules {
    use std::sync::OnceLock;
    static RULES: OnceLock<SegmentRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let text = include_str!("../../../rules/segment.json").replace(
            "\"split_inside_quotes\": true",
            "\"split_inside_quotes\": false",
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("segment.json"), text).unwrap();
        let set = RuleSet::with_overrides(files(), dir.path()).unwrap();
        compile(&set).unwrap()
    })
}

#[test]
fn quotations_kept_whole_when_the_rules_say_so() {
    for (t, expected) in [
        (
            "“We are ready. The talks start now,” she said. Then she left.",
            &[
                "“We are ready. The talks start now,” she said.",
                "Then she left.",
            ][..],
        ),
        (
            "He said \"Go. Now.\" They went.",
            &["He said \"Go. Now.\"", "They went."],
        ),
        (
            "She wrote 'they'll win. We know it.' It was true.",
            &["She wrote 'they'll win. We know it.'", "It was true."],
        ),
        (
            "An ‘odd year’s end. Truly.’ Done.",
            &["An ‘odd year’s end. Truly.’", "Done."],
        ),
    ] {
        let mut out = Vec::new();
        split_paragraph(t, Span::new(0, t.len()), quote_keeping_rules(), &mut out);
        let got: Vec<_> = out.iter().map(|s| s.of(t)).collect();
        assert_eq!(got, expected, "{t}");
    }
}

#[test]
fn bad_rule_entries_name_the_field() {
    let text = include_str!("../../../rules/segment.json").replace("\"Mr\",", "\"Mr.\",");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("segment.json"), text).unwrap();
    let set = RuleSet::with_overrides(files(), dir.path()).unwrap();
    match compile(&set) {
        Err(RuleError::Field { field, .. }) => assert_eq!(field, "titles[0]"),
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("a trailing stop must be rejected"),
    }
}

#[test]
fn dashes_after_marks() {
    check("Who knew? - Nobody did.", &["Who knew?", "- Nobody did."]);
    one("Add salt and -- voila! -- it tastes better.");
    one("“We will never give up.” — Ana Silva");
}

#[test]
fn camel_case_names_start_sentences() {
    check(
        "The phone sold out. iPhone sales rose.",
        &["The phone sold out.", "iPhone sales rose."],
    );
}

#[test]
fn a_bracket_after_a_full_stop_opens_a_sentence() {
    check(
        "The site grew fast. (see the chart below)",
        &["The site grew fast.", "(see the chart below)"],
    );
    one("He is from Springfield (Ill.) and works there.");
}

#[test]
fn random_input_never_panics_and_spans_stay_ordered() {
    const ALPHABET: &[&str] = &[
        "a",
        "B",
        "I",
        "U.S.",
        " ",
        "  ",
        ".",
        "..",
        "?",
        "!",
        "…",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "(",
        ")",
        "[",
        "]",
        "1",
        "2.",
        "a)",
        "•",
        "—",
        "-",
        ":",
        "Image",
        "Mr.",
        "p.m.",
        "The",
        "é",
        "日",
        "。",
        "\u{a0}",
        ",",
        "Monday, May 4, 2020",
        "www.",
        "@",
        "/",
        "‘",
        "e.g.",
        "p.",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let n = (next() % 40) as usize;
        let text: String = (0..n)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let para = Span::new(0, text.len());
        let mut out = Vec::new();
        let r = if next() % 2 == 0 {
            rules()
        } else {
            quote_keeping_rules()
        };
        split_paragraph(&text, para, r, &mut out);
        let mut prev_end = 0;
        for s in &out {
            assert!(s.start >= prev_end && s.start < s.end, "{text:?}: {out:?}");
            assert!(
                text[prev_end..s.start].trim().is_empty(),
                "{text:?}: {out:?}"
            );
            let piece = s.of(&text);
            assert_eq!(piece, piece.trim(), "{text:?}: {out:?}");
            prev_end = s.end;
        }
        assert!(text[prev_end..].trim().is_empty(), "{text:?}: {out:?}");
    }
}

#[test]
fn titles_after_us() {
    one("U.S. Sen. Ted Ray and U.S. Rep. Ann Cole spoke, as did Sec. Ida Blum (Ret.) of Ohio.");
    check(
        "The firm is new to the U.S. Mr. Lee runs it.",
        &["The firm is new to the U.S.", "Mr. Lee runs it."],
    );
}

#[test]
fn a_stop_before_an_ellipsis_ends_the_sentence() {
    check(
        "It was over. ... nobody came back.",
        &["It was over.", "... nobody came back."],
    );
    check(
        "They had lists, maps, etc. Nobody read them.",
        &["They had lists, maps, etc.", "Nobody read them."],
    );
}

#[test]
fn an_ellipsis_character_before_spaced_stops_does_not_panic() {
    // Found by the fuzz harness: the cut after the word's own stop assumed a one-byte `.`.
    check("It ended…. . Then rain.", &["It ended…", ". . Then rain."]);
}

#[test]
fn bracketed_sentences_split_like_any_others() {
    check(
        "The firm was sold. (The buyer declined to comment. It paid $5 million.) Shares rose.",
        &[
            "The firm was sold.",
            "(The buyer declined to comment.",
            "It paid $5 million.)",
            "Shares rose.",
        ],
    );
}
