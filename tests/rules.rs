//! Rule sets users can export, edit and pass back; bad ones are refused before any article is read.

mod common;

use common::*;

fn exported() -> Work {
    let w = Work::new();
    ok(&w.run(&["rules", "export", "r"]));
    w.write("in/a.txt", "MUNICH — Talks stalled.\nSubscribe today\n");
    w
}

/// Runs extract with the rule folder and expects exit 2 and a message naming all of `needles`.
fn refused(w: &Work, needles: &[&str]) {
    let out = w.run(&["extract", "in", "-o", "out", "--rules", "r"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for n in needles {
        assert!(err.contains(n), "`{n}` not in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !w.path("out").exists(),
        "no article may be read with bad rules"
    );
}

#[test]
fn export_writes_every_builtin_rule_file_and_they_round_trip() {
    let w = exported();
    let names: Vec<_> = std::fs::read_dir(w.path("r"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n == "layout.json"), "{names:?}");
    for n in names.iter().filter(|n| *n != "world") {
        let v: serde_json::Value = serde_json::from_str(&w.read(&format!("r/{n}"))).unwrap();
        assert!(v.is_object(), "{n}");
    }
    // the generated tables go in world/, where --rules looks for them
    assert!(
        w.read("r/world/given_names.tsv").starts_with("# generated"),
        "world tables exported"
    );
    ok(&w.run(&["extract", "in", "-o", "builtin"]));
    ok(&w.run(&["extract", "in", "-o", "exported", "--rules", "r"]));
    assert_eq!(
        w.read("builtin/articles.jsonl"),
        w.read("exported/articles.jsonl")
    );
}

#[test]
fn an_edited_rule_file_changes_the_output() {
    let w = exported();
    let layout = w
        .read("r/layout.json")
        .replace("\"Tags\"", "\"Tags\", \"Subscribe today\"");
    w.write("r/layout.json", layout);
    ok(&w.run(&["extract", "in", "-o", "out", "--rules", "r"]));
    assert_eq!(
        w.articles("out")[0]["boilerplate"][0]["text"],
        "Subscribe today"
    );
}

#[test]
fn a_folder_with_only_some_files_keeps_the_builtin_others() {
    let w = Work::new();
    w.write("in/a.txt", "Hello there.\n");
    w.write("r/README.txt", "not a rule file");
    ok(&w.run(&["extract", "in", "-o", "out", "--rules", "r"]));
}

#[test]
fn invalid_json_names_the_file_and_line() {
    let w = exported();
    w.write("r/layout.json", "{\"boilerplate_lines\": [\n");
    refused(&w, &["layout.json", "line"]);
}

#[test]
fn a_wrong_type_names_the_field() {
    let w = exported();
    let layout = w.read("r/layout.json").replace(
        "\"headline_max_words\": 25",
        "\"headline_max_words\": \"many\"",
    );
    w.write("r/layout.json", layout);
    refused(&w, &["layout.json", "headline_max_words"]);
}

#[test]
fn an_unknown_field_is_refused_rather_than_ignored() {
    let w = exported();
    let layout = w
        .read("r/layout.json")
        .replacen('{', "{\"boilerplate_line\": [],", 1);
    w.write("r/layout.json", layout);
    refused(&w, &["layout.json", "boilerplate_line"]);
}

#[test]
fn an_invalid_regular_expression_names_the_field() {
    let w = exported();
    let mut v: serde_json::Value = serde_json::from_str(&w.read("r/layout.json")).unwrap();
    v["dateline"] = "^(?P<place>[A-Z+".into();
    w.write("r/layout.json", v.to_string());
    refused(&w, &["layout.json", "dateline", "regular expression"]);
}

#[test]
fn an_unknown_entity_type_is_refused() {
    let w = exported();
    let text = w.read("r/gazetteer_places.json");
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Whatever the file's shape, some object maps entity types to names: add an unknown type there.
    fn poison(v: &mut serde_json::Value) -> bool {
        if let Some(o) = v.as_object_mut() {
            if o.contains_key("GPE") {
                o.insert("PLANET".into(), serde_json::json!(["Mars"]));
                return true;
            }
            return o.values_mut().any(poison);
        }
        false
    }
    assert!(
        poison(&mut v),
        "gazetteer_places.json has no object keyed by entity type"
    );
    w.write("r/gazetteer_places.json", v.to_string());
    refused(&w, &["gazetteer_places.json", "PLANET"]);
}

#[test]
fn an_unknown_rule_file_name_is_refused() {
    let w = exported();
    w.write("r/layuot.json", "{}");
    refused(&w, &["layuot.json", "unknown rule file"]);
}

#[test]
fn a_missing_rules_folder_is_a_clear_error() {
    let w = Work::new();
    w.write("in/a.txt", "Hi.");
    let out = w.run(&["extract", "in", "--rules", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
}

#[test]
fn rules_check_validates_without_reading_articles() {
    let w = exported();
    ok(&w.run(&["rules", "check", "r"]));
    w.write("r/layout.json", "[]");
    let out = w.run(&["rules", "check", "r"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("layout.json"));
}

#[test]
fn a_bad_entry_in_the_shared_word_lists_names_words_json_and_the_field() {
    let w = exported();
    let mut v: serde_json::Value = serde_json::from_str(&w.read("r/words.json")).unwrap();
    v["speech_verbs"][0] = "said so".into();
    w.write("r/words.json", v.to_string());
    refused(&w, &["words.json", "speech_verbs"]);
}

#[test]
fn a_shared_list_missing_from_words_json_is_named() {
    let w = exported();
    let mut v: serde_json::Value = serde_json::from_str(&w.read("r/words.json")).unwrap();
    v.as_object_mut().unwrap().remove("weekdays");
    w.write("r/words.json", v.to_string());
    refused(&w, &["words.json", "weekdays"]);
}
