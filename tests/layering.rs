//! The architecture as a table, checked: every `crate::`, `super::` and `use` path in `src/` may
//! name only its own layer or a lower one. A newcomer reads the layers from `LAYERS`; an upward
//! import fails here with the file, the line and the offending path.

use std::path::Path;

/// Module path prefixes, lowest layer first. A module belongs to the layer of its longest matching
/// prefix and may import that layer or any lower one.
const LAYERS: &[(&str, &str)] = &[
    ("text", "spans and byte ↔ code point offsets"),
    (
        "lexicon",
        "word-class maps and the one hasher every stage uses",
    ),
    ("rules", "loading and validating rule files; knows no stage"),
    (
        "world",
        "the generated tables of places, names and words (rules/world/*.tsv)",
    ),
    (
        "words",
        "the word lists several stages share (rules/words.json)",
    ),
    (
        "read",
        "inputs and article layout (paragraphs, headline, dateline, bylines)",
    ),
    ("extract::segment", "sentences"),
    ("extract::tokens", "the one token stream per article"),
    ("extract::entities", "named entities"),
    (
        "extract::quotes",
        "quotations, speaker phrases and speaker coreference",
    ),
    (
        "extract",
        "assembling the stages: the rule-file registry and the compiled bundle",
    ),
    ("record", "output records in code point offsets"),
    ("write", "output formats"),
    ("pipeline", "the batch: read → extract → write, in parallel"),
    ("eval", "newsx eval"),
    (
        "report",
        "newsx report: a page of figures read back from the CSV tables",
    ),
    ("cli", "the flags"),
    ("main", "the binary"),
];

/// Names at the crate root that live in a layer: the macro `rules.rs` exports.
const ROOT_ALIASES: &[(&str, &str)] = &[("rule_file", "rules")];

/// Layers that sit side by side at the top: they may import each other's lower layers only.
const TOP: &[&str] = &["eval", "report", "cli", "main"];

fn rank(module: &str) -> Option<usize> {
    let module = ROOT_ALIASES
        .iter()
        .find(|(alias, _)| module == *alias || module.starts_with(&format!("{alias}::")))
        .map_or(module, |(_, layer)| layer);
    let mut best: Option<(usize, usize)> = None;
    for (i, (prefix, _)) in LAYERS.iter().enumerate() {
        let hit = module == *prefix || module.starts_with(&format!("{prefix}::"));
        if hit && best.is_none_or(|(len, _)| prefix.len() > len) {
            best = Some((prefix.len(), i));
        }
    }
    let i = best?.1;
    // eval, cli and main share the top rank
    let top = LAYERS.iter().position(|(p, _)| TOP.contains(p)).unwrap();
    Some(i.min(top))
}

/// The module path of a source file: `src/extract/quotes/mod.rs` → `extract::quotes`.
fn module_of(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The source with comments and the contents of string and char literals blanked out, lines kept.
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i < b.len() && !(b[i] == '*' && b.get(i + 1) == Some(&'/')) {
                out.push(blank(b[i]));
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&b, i) {
            // r"..." or r#"..."#
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &x in &b[i..j.min(b.len())] {
                out.push(blank(x));
            }
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // a char literal ('x', '\n', '\u{a0}'), or else a lifetime
            let close = if next == Some('\\') {
                (i + 2..b.len().min(i + 12)).find(|&k| b[k] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(k) => {
                    for _ in i..=k {
                        out.push(' ');
                    }
                    i = k + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into full paths.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree
            .split(" as ")
            .next()
            .unwrap_or_default()
            .trim_end_matches("::self")
            .to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len().saturating_sub(1)];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand(p).into_iter().map(move |x| {
                if x == "self" {
                    prefix.trim_end_matches("::").to_string()
                } else {
                    format!("{prefix}{x}")
                }
            })
        })
        .collect()
}

/// Resolves a path written in `module` (`crate::a::b`, `super::x`, `newsx::y`) to a module path
/// from the crate root; `None` for paths outside the crate (`std::`, `serde::`).
fn resolve(path: &str, module: &[String]) -> Option<String> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let (mut base, rest): (Vec<String>, &[&str]) = match segs.first()? {
        &"crate" | &"$crate" | &"newsx" => (Vec::new(), &segs[1..]),
        &"super" | &"self" => (module.to_vec(), &segs[..]),
        _ => return None,
    };
    let mut rest = rest;
    while let Some((&first, tail)) = rest.split_first() {
        match first {
            "super" => {
                base.pop();
            }
            "self" => {}
            _ => break,
        }
        rest = tail;
    }
    base.extend(rest.iter().map(|s| s.to_string()));
    Some(base.join("::"))
}

struct Import {
    line: usize,
    written: String,
    resolved: String,
}

/// Every crate-internal path of a file, with the line it is on. Inline `mod x {` blocks shift
/// what `super` means.
fn imports(src: &str, file_module: &str) -> Vec<Import> {
    let code = code_only(src);
    let base: Vec<String> = if file_module.is_empty() {
        Vec::new()
    } else {
        file_module.split("::").map(str::to_string).collect()
    };
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    // inline modules open at a brace depth
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut line = 1;
    let mut i = 0;
    let word_at = |i: usize, w: &str| {
        let wc: Vec<char> = w.chars().collect();
        chars.get(i..i + wc.len()) == Some(&wc[..])
            && !ident_before(&chars, i)
            && chars
                .get(i + wc.len())
                .is_none_or(|c| !(c.is_alphanumeric() || *c == '_'))
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        } else if c == '{' {
            depth += 1;
        } else if c == '}' {
            depth = depth.saturating_sub(1);
            while inline.last().is_some_and(|(_, d)| *d > depth) {
                inline.pop();
            }
        }
        let module: Vec<String> = base
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect();
        if word_at(i, "mod") {
            // `mod name {` opens an inline module; `mod name;` is a file
            let rest: String = chars[i + 3..].iter().take(80).collect();
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = rest.trim_start()[name.len()..].trim_start().to_string();
            if !name.is_empty() && after.starts_with('{') {
                inline.push((name, depth + 1));
            }
        }
        if word_at(i, "use") {
            let end = (i..chars.len())
                .find(|&k| chars[k] == ';')
                .unwrap_or(chars.len());
            let stmt: String = chars[i + 3..end].iter().collect();
            for p in expand(&stmt) {
                if let Some(r) = resolve(&p, &module) {
                    out.push(Import {
                        line,
                        written: p.clone(),
                        resolved: r,
                    });
                }
            }
            line += stmt.matches('\n').count();
            i = end + 1;
            continue;
        }
        for start in ["crate::", "$crate::", "super::", "newsx::"] {
            let w = start.trim_end_matches("::");
            if word_at(i, w) && chars[i..].iter().take(start.len()).collect::<String>() == start {
                let path: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '$'))
                    .collect();
                if let Some(r) = resolve(path.trim_end_matches(':'), &module) {
                    out.push(Import {
                        line,
                        written: path.clone(),
                        resolved: r,
                    });
                }
                i += path.len();
                break;
            }
        }
        i += 1;
    }
    out
}

/// Upward imports of one file: `(line, written path, why)`.
fn violations(src: &str, file_module: &str) -> Vec<(usize, String, String)> {
    let Some(own) = rank(file_module) else {
        return vec![(0, file_module.to_string(), "module in no layer".into())];
    };
    let mut out = Vec::new();
    for imp in imports(src, file_module) {
        // a path that names nothing but the crate root, or a module's own items
        if imp.resolved.is_empty() || imp.resolved == file_module {
            continue;
        }
        match rank(&imp.resolved) {
            None => out.push((imp.line, imp.written, "names a module in no layer".into())),
            Some(r) if r > own => out.push((
                imp.line,
                imp.written,
                format!(
                    "`{}` is above `{file_module}`",
                    LAYERS[r].0.split("::").collect::<Vec<_>>().join("::")
                ),
            )),
            _ => {}
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let module = module_of(rel);
        if module.is_empty() {
            continue; // lib.rs only declares the modules
        }
        let text = std::fs::read_to_string(f).unwrap();
        for (line, path, why) in violations(&text, &module) {
            found.push(format!("src/{}:{line}: {path}: {why}", rel.display()));
        }
    }
    assert!(
        found.is_empty(),
        "upward imports (layers, lowest first: {}):\n{}",
        LAYERS.iter().map(|l| l.0).collect::<Vec<_>>().join(" → "),
        found.join("\n")
    );
}

#[test]
fn the_checker_sees_upward_paths_in_every_form() {
    let src = r#"
use crate::text::Span;
use crate::{pipeline::run, text::CharIndex};
use super::super::record::ArticleRecord;
// use crate::write::csv; is only a comment
fn f() -> crate::cli::Cli { let _ = "crate::eval::run"; todo!() }
#[cfg(test)]
mod tests {
    use super::*;
    use super::super::super::quotes::Quote;
}
"#;
    let got: Vec<(usize, String)> = violations(src, "extract::entities::gazetteer")
        .into_iter()
        .map(|(l, p, _)| (l, p))
        .collect();
    assert_eq!(
        got,
        [
            (3, "crate::pipeline::run".to_string()),
            (4, "super::super::record::ArticleRecord".to_string()),
            (6, "crate::cli::Cli".to_string()),
            (10, "super::super::super::quotes::Quote".to_string()),
        ]
    );
}

#[test]
fn every_layer_prefix_ranks_itself() {
    for (prefix, _) in LAYERS {
        assert!(rank(prefix).is_some(), "{prefix}");
    }
    assert!(rank("extract::quotes::speakers::coref") > rank("extract::entities"));
    assert!(rank("extract::rules") > rank("extract::quotes"));
    assert_eq!(rank("eval"), rank("main"));
    assert_eq!(rank("somewhere"), None);
}
