//! Rule files: the built-in set compiled in from `rules/`, optionally replaced file by file from a
//! user's folder, parsed and validated once into each stage's compiled matchers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::extract::{entities, quotes, segment};
use crate::read::{html, layout};

/// A rule file a stage reads, with its built-in contents.
pub struct RuleFile {
    pub name: &'static str,
    pub builtin: &'static str,
}

/// `rule_file!("x.json")`: the file `rules/x.json`, compiled in under its name.
#[macro_export]
macro_rules! rule_file {
    ($name:literal) => {
        $crate::rules::RuleFile {
            name: $name,
            builtin: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $name)),
        }
    };
}

#[derive(Debug, Error)]
pub enum RuleError {
    #[error("rules: cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("rules: {file}: unknown rule file (known files: {known})")]
    UnknownFile { file: String, known: String },
    #[error("rules: {file}: field `{field}`: {reason}")]
    Field {
        file: String,
        field: String,
        reason: String,
    },
}

impl RuleError {
    pub fn field(file: &str, field: impl Into<String>, reason: impl Into<String>) -> Self {
        RuleError::Field {
            file: file.to_string(),
            field: field.into(),
            reason: reason.into(),
        }
    }
}

fn all_files() -> impl Iterator<Item = &'static RuleFile> {
    layout::RULE_FILES
        .iter()
        .chain(html::RULE_FILES)
        .chain(segment::RULE_FILES)
        .chain(entities::RULE_FILES)
        .chain(quotes::RULE_FILES)
}

/// The text of every rule file, built-in or from the user's folder, before parsing.
pub struct RuleSet {
    files: BTreeMap<&'static str, (String, String)>,
}

impl RuleSet {
    pub fn builtin() -> Self {
        let files = all_files()
            .map(|f| {
                (
                    f.name,
                    (f.builtin.to_string(), format!("built-in {}", f.name)),
                )
            })
            .collect();
        RuleSet { files }
    }

    /// The built-in set with every `*.json` in `dir` replacing the built-in file of that name.
    pub fn with_overrides(dir: &Path) -> Result<Self, RuleError> {
        let mut set = Self::builtin();
        let entries = std::fs::read_dir(dir).map_err(|source| RuleError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let Some(file) = all_files().find(|f| f.name == name) else {
                return Err(RuleError::UnknownFile {
                    file: path.display().to_string(),
                    known: all_files().map(|f| f.name).collect::<Vec<_>>().join(", "),
                });
            };
            let text = std::fs::read_to_string(&path).map_err(|source| RuleError::Io {
                path: path.clone(),
                source,
            })?;
            set.files
                .insert(file.name, (text, path.display().to_string()));
        }
        Ok(set)
    }

    /// Parses one file into a typed struct; errors name the file, the field path and the reason.
    pub fn parse<T: DeserializeOwned>(&self, name: &str) -> Result<T, RuleError> {
        let (text, origin) = self
            .files
            .get(name)
            .unwrap_or_else(|| panic!("rule file {name} is not registered in RULE_FILES"));
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            RuleError::Field {
                file: origin.clone(),
                field: if path == "." {
                    "(top level)".into()
                } else {
                    path
                },
                reason: inner.to_string(),
            }
        })
    }

    /// Where a file came from, for error messages that name it.
    pub fn origin(&self, name: &str) -> String {
        self.files
            .get(name)
            .map_or_else(|| name.to_string(), |(_, o)| o.clone())
    }

    /// A hash of every file's name and contents: a rerun with different rules reprocesses everything.
    pub fn hash(&self) -> String {
        let mut h = blake3::Hasher::new();
        for (name, (text, _)) in &self.files {
            h.update(name.as_bytes());
            h.update(&[0]);
            h.update(text.as_bytes());
            h.update(&[0]);
        }
        h.finalize().to_hex()[..32].to_string()
    }

    /// Writes the built-in files into `dir` for a user to edit.
    pub fn export_builtin(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
        std::fs::create_dir_all(dir).map_err(|source| RuleError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut written = Vec::new();
        for f in all_files() {
            let path = dir.join(f.name);
            std::fs::write(&path, f.builtin).map_err(|source| RuleError::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
        Ok(written)
    }
}

/// Every stage's compiled rules, built once per run and shared by all threads.
pub struct Rules {
    pub layout: layout::LayoutRules,
    pub segment: segment::SegmentRules,
    pub entities: entities::EntityRules,
    pub quotes: quotes::QuoteRules,
    /// How web pages are read (the reader gets it through `read::Formats`).
    pub html: std::sync::Arc<html::HtmlRules>,
    pub hash: String,
}

impl Rules {
    pub fn compile(set: &RuleSet) -> Result<Self, RuleError> {
        Ok(Rules {
            layout: layout::LayoutRules::compile(set)?,
            segment: segment::SegmentRules::compile(set)?,
            entities: entities::EntityRules::compile(set)?,
            quotes: quotes::QuoteRules::compile(set)?,
            html: std::sync::Arc::new(html::HtmlRules::compile(set)?),
            hash: set.hash(),
        })
    }

    pub fn builtin() -> Self {
        Self::compile(&RuleSet::builtin()).expect("built-in rules are valid")
    }
}

/// Compiles a regular expression from a rule file, naming the file and field when it is invalid.
pub fn compile_regex(
    set: &RuleSet,
    file: &str,
    field: &str,
    pattern: &str,
) -> Result<regex::Regex, RuleError> {
    regex::Regex::new(pattern).map_err(|e| {
        RuleError::field(
            &set.origin(file),
            field,
            format!("invalid regular expression: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_compile() {
        Rules::compile(&RuleSet::builtin()).unwrap();
    }

    #[test]
    fn every_rule_file_name_is_unique() {
        let mut names: Vec<_> = all_files().map(|f| f.name).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }
}
