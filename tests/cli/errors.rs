//! Bad input: one-line errors naming file and line, exit 2; `--skip-bad` counts and goes on.

use crate::util::*;

fn assert_bad(dir: &TestDir, input: &str, expect: &str) {
    let out = dir.run(&["clean", input, "-o", "out.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains(expect), "expected {expect:?} in {err}");
    assert!(!dir.path("out.jsonl").exists(), "no output on error");
}

#[test]
fn malformed_json_names_file_and_line() {
    let dir = TestDir::new();
    dir.write(
        "in.jsonl",
        format!("{}\n{{\"id\": \"b\", \"text\": \n", record("a", "s", "x")),
    );
    assert_bad(&dir, "in.jsonl", "in.jsonl:2: malformed JSON");
}

#[test]
fn missing_and_non_string_text_fields() {
    let dir = TestDir::new();
    dir.write("a.jsonl", "{\"id\":\"a\"}\n");
    assert_bad(&dir, "a.jsonl", "a.jsonl:1: missing text field \"text\"");
    dir.write(
        "b.jsonl",
        format!(
            "{}\n\n{{\"id\":\"b\",\"text\":42}}\n",
            record("a", "s", "x")
        ),
    );
    assert_bad(
        &dir,
        "b.jsonl",
        "b.jsonl:3: text field \"text\" is a number, not a string",
    );
}

#[test]
fn non_utf8_text_file_names_file_and_line() {
    let dir = TestDir::new();
    dir.write("pages/site/p.txt", b"Kop\nGoed\n\xff\xfe kapot\n");
    let out = dir.run(&["clean", "pages", "-o", "out.jsonl", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("p.txt:3: not valid UTF-8"), "{err}");
}

#[test]
fn missing_input_is_an_error_naming_it() {
    let dir = TestDir::new();
    let out = dir.run(&["clean", "nope.jsonl", "-o", "out.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nope.jsonl: cannot read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn repeated_ids_are_counted_named_and_every_document_still_written() {
    let dir = TestDir::new();
    let lines: Vec<String> = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5)]
        .iter()
        .map(|&(id, n)| record(id, "s", &prose(n)))
        .collect();
    dir.write("in.jsonl", format!("{}\n", lines.join("\n")));
    let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", "--report", "r.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids = written_ids(&dir, "out.jsonl");
    assert_eq!(ids, ["a", "b", "a", "c", "b"]);
    let report: serde_json::Value = serde_json::from_str(&dir.read("r.json")).unwrap();
    assert_eq!(report["counts"]["repeated_ids"], 2);
    assert_eq!(report["repeated_ids"][0]["id"], "a");
    assert_eq!(report["repeated_ids"][0]["line"], 3);
    assert_eq!(report["repeated_ids"][1]["line"], 5);
    assert!(
        stderr(&out).contains(
            "ids:        2 document(s) repeat an earlier document's id, first \"a\" at in.jsonl:3"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn skip_bad_skips_counts_and_reports() {
    let dir = TestDir::new();
    let good = record("a", "s", &prose(1));
    dir.write(
        "in.jsonl",
        format!(
            "{good}\nnot json\n{{\"id\":\"c\"}}\n{}\n",
            record("d", "s", &prose(2))
        ),
    );
    let out = dir.run(&[
        "clean",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--report",
        "r.json",
        "--skip-bad",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids = written_ids(&dir, "out.jsonl");
    assert_eq!(ids, ["a", "d"]);
    let report: serde_json::Value = serde_json::from_str(&dir.read("r.json")).unwrap();
    assert_eq!(report["counts"]["skipped_records"], 2);
    assert_eq!(report["errors"][0]["line"], 2);
    assert_eq!(report["errors"][1]["line"], 3);
    assert!(
        stderr(&out).contains("skipped:    2 bad record(s)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_last_record_is_skipped_like_any_other() {
    let dir = TestDir::new();
    dir.write(
        "in.jsonl",
        format!("{}\nnot json\n", record("a", "s", &prose(1))),
    );
    let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", "--skip-bad", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids = written_ids(&dir, "out.jsonl");
    assert_eq!(ids, ["a"]);
}

#[test]
fn refuses_to_write_over_its_input() {
    let dir = TestDir::new();
    let original = format!("{}\n", record("a", "s", &prose(1)));
    dir.write("in.jsonl", &original);
    for flag in ["-o", "--report", "--explain", "--clusters"] {
        let out = if flag == "-o" {
            dir.run(&["clean", "in.jsonl", "-o", "in.jsonl"])
        } else {
            dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", flag, "in.jsonl"])
        };
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(
            stderr(&out).contains("refusing to write over an input"),
            "{}",
            stderr(&out)
        );
        assert_eq!(dir.read("in.jsonl"), original, "input untouched");
    }
}

#[test]
fn mirrored_output_into_the_input_directory_is_refused() {
    let dir = TestDir::new();
    dir.write("pages/s/a.txt", prose(1));
    let out = dir.run(&["clean", "pages", "-o", "pages"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refusing to write over an input"));
}

#[test]
fn bad_flag_values_are_usage_errors() {
    let dir = TestDir::new();
    dir.write("in.jsonl", format!("{}\n", record("a", "s", "x")));
    for args in [
        vec!["clean", "in.jsonl", "--bands", "100", "--rows", "4"],
        vec!["clean", "in.jsonl", "--threshold", "1.5"],
        vec!["clean", "in.jsonl", "--clutter-threshold", "1.5"],
        vec!["clean", "in.jsonl", "--clutter-threshold", "NaN"],
        vec!["clean", "in.jsonl", "--keep", "oldest"],
        vec!["clean"],
        vec!["check", "in.jsonl", "--max-duplicate-rate", "2"],
    ] {
        let out = dir.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn config_file_sets_options_and_rejects_unknown_keys() {
    let dir = TestDir::new();
    dir.write("in.jsonl", format!("{}\n", record("a", "s", "x")));
    dir.write(
        "good.toml",
        "shingle-size = 4\nkeep = \"first\"\nclutter-threshold = 0.3\n",
    );
    let out = dir.run(&[
        "clean",
        "in.jsonl",
        "--config",
        "good.toml",
        "--bands",
        "8",
        "--print-config",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let cfg: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cfg["dedup"]["shingle_size"], 4);
    assert_eq!(cfg["dedup"]["keep"], "first");
    assert_eq!(cfg["dedup"]["bands"], 8, "flag wins");
    assert_eq!(cfg["clutter"]["keep_threshold"], 0.3);
    dir.write("bad.toml", "shingel-size = 4\n");
    let out = dir.run(&["clean", "in.jsonl", "--config", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.toml"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn interrupt_exits_130_and_leaves_no_temporary_files() {
    use std::process::{Command, Stdio};
    let dir = TestDir::new();
    // Standard input stays open, so zeef is still reading when the signal comes; its
    // outputs were already created as temporary files.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("zeef"))
        .current_dir(dir.path("."))
        .args(["clean", "-", "-o", "out.jsonl", "--report", "r.json", "-q"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    // Held open until zeef has exited: `wait` would otherwise close it, and zeef could read
    // the end of its input before its interrupt handler runs.
    let _stdin = child.stdin.take();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::read_dir(dir.path(".")).unwrap().count() < 2
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = child.wait().unwrap().code();
    assert_eq!(code, Some(130), "exit status of the interrupted run");
    let left: Vec<_> = std::fs::read_dir(dir.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_directory_without_corpus_files_is_an_error() {
    let dir = TestDir::new();
    dir.write("notes/readme.csv", "a,b");
    let out = dir.run(&["check", "notes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("notes: no .txt, .md, .jsonl or .ndjson files"),
        "{}",
        stderr(&out)
    );
}
