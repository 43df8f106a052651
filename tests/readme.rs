//! The README documents every rule file and every field in it, so the docs cannot drift from the data.

#[test]
fn readme_documents_every_rule_file_and_field() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root.join("rules")).unwrap() {
        let path = entry.unwrap().path();
        // Rule files are the JSON ones; rules/world/ (generated) and LICENSES.md are documented
        // in tools/rulegen/README.md.
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !readme.contains(&format!("`{name}`")) {
            missing.push(name.clone());
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for key in v.as_object().unwrap().keys() {
            if !readme.contains(&format!("`{key}`")) {
                missing.push(format!("{name}: {key}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not documented in README.md: {missing:?}"
    );
}
