//! Loading rule files, knowing no stage: the built-in files compiled in from `rules/`, a user's
//! folder replacing them file by file, typed parsing with errors that name file and field, the
//! hash a rerun compares, and export. Which files exist is the caller's registry. JSON files sit at
//! the folder's top; the generated tables sit in its `world/` folder as `world/NAME.tsv`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use thiserror::Error;

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
    #[error("rules: {file}: line {line}: {reason}")]
    Line {
        file: String,
        line: usize,
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

/// The text of every rule file, built-in or from the user's folder, before parsing.
pub struct RuleSet {
    /// The registry: every file the stages read, in the order their error messages list them.
    known: Vec<&'static RuleFile>,
    /// Name → (text, origin); built-in texts are borrowed, so the big tables cost no copy.
    files: BTreeMap<&'static str, (Cow<'static, str>, String)>,
}

impl RuleSet {
    /// The built-in contents of every file in `registry`.
    pub fn builtin(registry: impl IntoIterator<Item = &'static RuleFile>) -> Self {
        let known: Vec<&'static RuleFile> = registry.into_iter().collect();
        let files = known
            .iter()
            .map(|f| {
                (
                    f.name,
                    (Cow::Borrowed(f.builtin), format!("built-in {}", f.name)),
                )
            })
            .collect();
        RuleSet { known, files }
    }

    /// The built-in set with every `*.json` and `world/*.tsv` in `dir` replacing the built-in file
    /// of that name.
    pub fn with_overrides(
        registry: impl IntoIterator<Item = &'static RuleFile>,
        dir: &Path,
    ) -> Result<Self, RuleError> {
        let mut set = Self::builtin(registry);
        let entries = std::fs::read_dir(dir).map_err(|source| RuleError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut paths: Vec<(String, PathBuf)> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), p))
            .collect();
        // the generated tables: `DIR/world/NAME.tsv`, named `world/NAME.tsv` in the registry
        if let Ok(world) = std::fs::read_dir(dir.join("world")) {
            paths.extend(
                world
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                    .map(|p| {
                        let name = p.file_name().unwrap().to_string_lossy();
                        (format!("world/{name}"), p)
                    }),
            );
        }
        paths.sort();
        for (name, path) in paths {
            let Some(file) = set.known.iter().find(|f| f.name == name).copied() else {
                return Err(RuleError::UnknownFile {
                    file: path.display().to_string(),
                    known: set
                        .known
                        .iter()
                        .map(|f| f.name)
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            let text = std::fs::read_to_string(&path).map_err(|source| RuleError::Io {
                path: path.clone(),
                source,
            })?;
            set.files
                .insert(file.name, (Cow::Owned(text), path.display().to_string()));
        }
        Ok(set)
    }

    /// The text of one file, for the formats that are not JSON (the `world/*.tsv` tables).
    pub fn text(&self, name: &str) -> &Cow<'static, str> {
        &self
            .files
            .get(name)
            .unwrap_or_else(|| panic!("rule file {name} is not in the registry"))
            .0
    }

    /// Whether a file is the built-in one (tested at build time) rather than the user's.
    pub fn is_builtin(&self, name: &str) -> bool {
        self.files
            .get(name)
            .is_some_and(|(t, _)| matches!(t, Cow::Borrowed(_)))
    }

    /// Parses one file into a typed struct; errors name the file, the field path and the reason.
    pub fn parse<T: DeserializeOwned>(&self, name: &str) -> Result<T, RuleError> {
        let (text, origin) = self
            .files
            .get(name)
            .unwrap_or_else(|| panic!("rule file {name} is not in the registry"));
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

    /// Writes the built-in files of `registry` into `dir` for a user to edit.
    pub fn export_builtin(
        registry: impl IntoIterator<Item = &'static RuleFile>,
        dir: &Path,
    ) -> Result<Vec<PathBuf>, RuleError> {
        std::fs::create_dir_all(dir).map_err(|source| RuleError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut written = Vec::new();
        for f in registry {
            let path = dir.join(f.name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| RuleError::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            std::fs::write(&path, f.builtin).map_err(|source| RuleError::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
        Ok(written)
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

    const FILES: &[RuleFile] = &[RuleFile {
        name: "a.json",
        builtin: "{\"x\": 1}",
    }];

    fn registry() -> impl Iterator<Item = &'static RuleFile> {
        FILES.iter()
    }

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct A {
        x: u32,
    }

    #[test]
    fn a_builtin_file_parses_and_a_wrong_field_names_file_and_field() {
        let set = RuleSet::builtin(registry());
        assert_eq!(set.parse::<A>("a.json").unwrap().x, 1);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), "{\"x\": \"one\"}").unwrap();
        let set = RuleSet::with_overrides(registry(), dir.path()).unwrap();
        let err = set.parse::<A>("a.json").err().unwrap().to_string();
        assert!(err.contains("a.json") && err.contains('x'), "{err}");
    }

    #[test]
    fn a_file_outside_the_registry_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.json"), "{}").unwrap();
        let err = RuleSet::with_overrides(registry(), dir.path())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("b.json") && err.contains("a.json"), "{err}");
    }
}
