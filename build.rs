//! Fingerprints the source code, so a rerun after any change to the program reprocesses every
//! article instead of reusing records the old code made (the manifest stores this fingerprint).

use std::path::Path;

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.push("Cargo.toml".into());
    files.sort();
    // FNV-1a over paths and contents: no dependency needed for a fingerprint.
    let mut h: u64 = 0xcbf29ce484222325;
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        for b in f
            .to_string_lossy()
            .bytes()
            .chain([0])
            .chain(bytes)
            .chain([0])
        {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    println!("cargo:rustc-env=NEWSX_CODE_HASH={h:016x}");
}
