//! Incremental reruns: only new and changed articles are processed, and the result is
//! byte-identical to a full run on the same input.

mod common;

use common::*;

fn article(i: usize) -> String {
    format!(
        "Story number {i}\n\nLISBON — The council met on day {i}. “We are close,” said Ana Lukić, the council’s chair.\n\nShe said the vote would come soon.\n"
    )
}

fn summary(out: &std::process::Output) -> String {
    stderr(out).lines().last().unwrap_or_default().to_string()
}

#[test]
fn rerun_processes_only_new_and_changed_articles_and_matches_a_full_run() {
    let w = Work::new();
    for i in 0..6 {
        w.write(&format!("in/{i}.txt"), article(i));
    }
    ok(&w.run(&["extract", "in", "-o", "out"]));

    // Change one, remove one, add one.
    w.write("in/2.txt", article(2).replace("close", "very close"));
    std::fs::remove_file(w.path("in/4.txt")).unwrap();
    w.write("in/9.txt", article(9));
    let out = w.run(&["extract", "in", "-o", "out"]);
    ok(&out);
    assert!(
        summary(&out).contains("(1 new, 1 changed, 4 unchanged, 1 removed)"),
        "{}",
        summary(&out)
    );
    ok(&w.run(&["extract", "in", "-o", "full", "--force"]));
    assert_eq!(snapshot(&w.path("out")), snapshot(&w.path("full")));
    assert!(w.read("out/articles.jsonl").contains("very close"));
}

#[test]
fn unchanged_rerun_leaves_output_untouched_and_reports_totals() {
    let w = Work::new();
    for i in 0..3 {
        w.write(&format!("in/{i}.txt"), article(i));
    }
    ok(&w.run(&["extract", "in", "-o", "out"]));
    let before = snapshot(&w.path("out"));
    let mtime = std::fs::metadata(w.path("out/articles.jsonl"))
        .unwrap()
        .modified()
        .unwrap();
    let out = w.run(&["extract", "in", "-o", "out"]);
    ok(&out);
    assert!(
        summary(&out).contains("0 new, 0 changed, 3 unchanged, 0 removed"),
        "{}",
        summary(&out)
    );
    assert!(
        summary(&out).contains("nothing changed"),
        "{}",
        summary(&out)
    );
    assert!(!summary(&out).contains(" 0 sentences"), "{}", summary(&out));
    assert_eq!(before, snapshot(&w.path("out")));
    assert_eq!(
        mtime,
        std::fs::metadata(w.path("out/articles.jsonl"))
            .unwrap()
            .modified()
            .unwrap()
    );
}

#[test]
fn force_changed_rules_or_output_style_reprocess_everything() {
    let w = Work::new();
    for i in 0..3 {
        w.write(&format!("in/{i}.txt"), article(i));
    }
    ok(&w.run(&["extract", "in", "-o", "out"]));
    let out = w.run(&["extract", "in", "-o", "out", "--force"]);
    assert!(
        summary(&out).contains("0 new, 3 changed"),
        "{}",
        summary(&out)
    );

    ok(&w.run(&["rules", "export", "myrules"]));
    let layout = w
        .read("myrules/layout.json")
        .replace("\"Tags\"", "\"Tags\", \"Subscribe today\"");
    w.write("myrules/layout.json", layout);
    let out = w.run(&["extract", "in", "-o", "out", "--rules", "myrules"]);
    assert!(
        summary(&out).contains("0 new, 3 changed"),
        "{}",
        summary(&out)
    );

    let out = w.run(&[
        "extract", "in", "-o", "out", "--rules", "myrules", "--excel",
    ]);
    assert!(
        summary(&out).contains("0 new, 3 changed"),
        "{}",
        summary(&out)
    );
}

#[test]
fn errors_are_reported_again_on_an_unchanged_rerun() {
    let w = Work::new();
    w.write("in/a.txt", article(1));
    w.write("in/bad.txt", b"\xff\xfe");
    assert_eq!(
        w.run(&["extract", "in", "-o", "out"]).status.code(),
        Some(1)
    );
    let out = w.run(&["extract", "in", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.txt"));
    assert_eq!(w.csv("out/errors.csv").len(), 1);
    // Fixing the bad file is a change: the error row goes away.
    w.write("in/bad.txt", "Now it is fine.");
    ok(&w.run(&["extract", "in", "-o", "out"]));
    assert_eq!(w.csv("out/errors.csv").len(), 0);
}

#[test]
fn a_run_killed_midway_leaves_the_previous_output_and_the_next_run_finishes() {
    let w = Work::new();
    let mut lines = String::new();
    for i in 0..20000 {
        let text = article(i).replace('\n', "\\n");
        lines.push_str(&format!("{{\"id\":\"a{i}\",\"text\":\"{text}\"}}\n"));
    }
    w.write("in/big.jsonl", &lines);
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    let before = snapshot(&w.path("out"));

    // Change every article so the rerun has real work, then kill it at several moments.
    w.write("in/big.jsonl", lines.replace("The council", "A council"));
    let mut killed = 0;
    for delay_ms in [5u64, 40, 120] {
        let mut child = std::process::Command::new(bin())
            .args(["extract", "in", "-o", "out", "-q"])
            .current_dir(w.dir.path())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let after = snapshot(&w.path("out"));
        let visible: Vec<_> = after
            .iter()
            .filter(|(n, _)| !n.ends_with(".tmp"))
            .cloned()
            .collect();
        if status.success() {
            break; // finished before the kill: nothing left to check at this delay
        }
        assert_eq!(
            visible, before,
            "killed after {delay_ms} ms: output changed"
        );
        killed += 1;
    }
    assert!(killed > 0, "no run was killed before it finished");
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    ok(&w.run(&["extract", "in", "-o", "full", "-q", "--force"]));
    let clean = |s: Vec<(String, Vec<u8>)>| {
        s.into_iter()
            .filter(|(n, _)| !n.ends_with(".tmp"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        clean(snapshot(&w.path("out"))),
        clean(snapshot(&w.path("full")))
    );
    assert!(w.read("out/articles.jsonl").contains("A council"));
}

#[test]
fn a_jsonl_export_that_grows_at_the_top_reuses_every_moved_record_and_matches_a_full_run() {
    let w = Work::new();
    let line = |i: usize| {
        format!(
            "{{\"id\":\"s{i}\",\"outlet\":\"The Calder Courier\",\"text\":{}}}\n",
            serde_json::json!(article(i))
        )
    };
    let lines: String = (0..12).map(line).collect();
    w.write("in/export.jsonl", &lines);
    ok(&w.run(&["extract", "in", "-o", "out", "-q"]));
    // The newest story comes first, so every older line moves down by one.
    w.write("in/export.jsonl", format!("{}{lines}", line(99)));
    let out = w.run(&["extract", "in", "-o", "out"]);
    ok(&out);
    assert!(
        summary(&out).contains("(1 new, 0 changed, 12 unchanged, 0 removed)"),
        "{}",
        summary(&out)
    );
    ok(&w.run(&["extract", "in", "-o", "full", "-q", "--force"]));
    assert!(
        snapshot(&w.path("out")) == snapshot(&w.path("full")),
        "differs from a full run"
    );
    assert_eq!(w.articles("out")[1]["source"], "in/export.jsonl:2");
}
