//! The README documents every rule file and every field in it, in that file's own table, and
//! documents no field the file does not have, so the docs cannot drift from the data.

use std::collections::BTreeSet;

/// The rule-file part of the README: `(file name, field names of its table)` per section.
fn documented(readme: &str) -> Vec<(String, BTreeSet<String>)> {
    let start = readme
        .find("<!-- rule-files:start -->")
        .expect("rule-files:start marker");
    let end = readme
        .find("<!-- rule-files:end -->")
        .expect("rule-files:end marker");
    let mut out: Vec<(String, BTreeSet<String>)> = Vec::new();
    for line in readme[start..end].lines() {
        if let Some(rest) = line.strip_prefix("**`") {
            let name = rest.split('`').next().unwrap_or_default().to_string();
            out.push((name, BTreeSet::new()));
        } else if let Some(rest) = line.strip_prefix("| `") {
            let field = rest.split('`').next().unwrap_or_default().to_string();
            if let Some((_, fields)) = out.last_mut() {
                fields.insert(field);
            }
        }
    }
    out
}

#[test]
fn readme_documents_every_rule_file_and_field_in_its_own_table() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let docs = documented(&readme);
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root.join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.push(name.clone());
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let keys: BTreeSet<String> = v.as_object().unwrap().keys().cloned().collect();
        let Some((_, fields)) = docs.iter().find(|(n, _)| *n == name) else {
            problems.push(format!("{name}: no section"));
            continue;
        };
        for k in keys.difference(fields) {
            problems.push(format!("{name}: field `{k}` not documented"));
        }
        for f in fields.difference(&keys) {
            problems.push(format!(
                "{name}: README documents `{f}`, the file has no such field"
            ));
        }
    }
    for (name, _) in &docs {
        if !files.contains(name) {
            problems.push(format!(
                "README has a section for {name}, which is no rule file"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "README.md rule docs:\n{}",
        problems.join("\n")
    );
}
