//! The one invariant that needs the binary: a batch of mutated articles gives byte-identical output
//! folders with -j1 and -j2. Run once per fuzz run, not per execution.

use std::path::Path;
use std::process::Command;

/// Writes `sample` as one JSON Lines file, runs `bin extract` on it with -j1 and -j2, and compares
/// every file of the two output folders.
pub fn compare(bin: &Path, sample: &[String]) -> Result<String, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("no temp dir: {e}"))?;
    let input = dir.path().join("sample.jsonl");
    let mut lines = String::new();
    for (i, text) in sample.iter().enumerate() {
        let v = serde_json::json!({"id": format!("f{i}"), "text": text});
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    std::fs::write(&input, lines).map_err(|e| format!("cannot write the sample: {e}"))?;
    let mut outs = Vec::new();
    for j in ["1", "2"] {
        let out = dir.path().join(format!("out-j{j}"));
        let status = Command::new(bin)
            .args(["extract", "-q", "--force", "-j", j, "-o"])
            .arg(&out)
            .arg(&input)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        // 1 is fine (some articles refused); 2 or a signal is not.
        if !matches!(status.code(), Some(0 | 1)) {
            return Err(format!("{} -j{j} exited with {status}", bin.display()));
        }
        outs.push(out);
    }
    let mut names: Vec<_> = std::fs::read_dir(&outs[0])
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.file_name())
        .collect();
    names.sort();
    let mut bytes = 0;
    for name in &names {
        let a = std::fs::read(outs[0].join(name)).map_err(|e| e.to_string())?;
        let b = std::fs::read(outs[1].join(name))
            .map_err(|e| format!("{name:?} missing with -j2: {e}"))?;
        if a != b {
            return Err(format!("{name:?} differs between -j1 and -j2"));
        }
        bytes += a.len();
    }
    Ok(format!(
        "{} articles, {} files, {bytes} bytes, identical",
        sample.len(),
        names.len()
    ))
}
