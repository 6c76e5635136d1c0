//! `zeef check`: thresholds, exit codes, and nothing written but the report.

use crate::util::*;

fn corpus(dir: &TestDir) {
    // Three copies of one story and two other stories: duplicate rate 2/5.
    let story = prose(1);
    let lines = [
        record("a", "s1", &story),
        record("b", "s2", &story),
        record("c", "s3", &format!("Nieuwe kop\n{story}")),
        record("d", "s1", &prose(2)),
        record("e", "s2", &prose(3)),
    ];
    dir.write("in.jsonl", lines.join("\n"));
}

#[test]
fn passes_when_every_threshold_holds() {
    let dir = TestDir::new();
    corpus(&dir);
    let out = dir.run(&[
        "check",
        "in.jsonl",
        "--max-duplicate-rate",
        "0.5",
        "--max-clutter-rate",
        "0.5",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("max_duplicate_rate 0.4000 <= 0.5000  ok"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "check writes no corpus");
}

#[test]
fn fails_with_exit_1_when_a_threshold_is_exceeded() {
    let dir = TestDir::new();
    corpus(&dir);
    let out = dir.run(&[
        "check",
        "in.jsonl",
        "--max-duplicate-rate",
        "0.1",
        "--report",
        "r.json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("FAILED"));
    let report: serde_json::Value = serde_json::from_str(&dir.read("r.json")).unwrap();
    assert_eq!(report["check"]["passed"], false);
    assert_eq!(report["rates"]["duplicate_rate"], 0.4);
    let files: Vec<_> = std::fs::read_dir(dir.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 2, "only input and report: {files:?}");
}

#[test]
fn duplicates_count_even_when_kept() {
    let dir = TestDir::new();
    corpus(&dir);
    let out = dir.run(&[
        "check",
        "in.jsonl",
        "--keep-duplicates",
        "--max-duplicate-rate",
        "0.3",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).is_empty(), "-q prints nothing");
}
