//! The same input and flags give byte-identical outputs whatever the thread count and
//! however the input is cut into batches.

use crate::util::*;

/// The corpus, clusters, explain stream (when `explain`) and report (less its timing and
/// paths) of one run.
fn outputs(dir: &TestDir, threads: &str, batch_bytes: &str, tag: &str) -> Vec<String> {
    outputs_explained(dir, threads, batch_bytes, tag, true)
}

fn outputs_explained(
    dir: &TestDir,
    threads: &str,
    batch_bytes: &str,
    tag: &str,
    explain: bool,
) -> Vec<String> {
    let names = ["out", "c", "e", "r"].map(|n| format!("{n}-{tag}"));
    let mut args = vec![
        "clean",
        "in.jsonl",
        "pages",
        "-j",
        threads,
        "--batch-bytes",
        batch_bytes,
        "-q",
        "-o",
        &format!("{}.jsonl", names[0]),
        "--clusters",
        &format!("{}.jsonl", names[1]),
        "--report",
        &format!("{}.json", names[3]),
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    if explain {
        args.extend(["--explain".to_string(), format!("{}.jsonl", names[2])]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = dir.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files = vec![
        dir.read(&format!("{}.jsonl", names[0])),
        dir.read(&format!("{}.jsonl", names[1])),
    ];
    if explain {
        files.push(dir.read(&format!("{}.jsonl", names[2])));
    }
    let mut report: serde_json::Value =
        serde_json::from_str(&dir.read(&format!("{}.json", names[3]))).unwrap();
    report.as_object_mut().unwrap().remove("timing");
    report["config"].as_object_mut().unwrap().remove("outputs");
    files.push(report.to_string());
    files
}

/// A corpus of 120 pages on five sites, stories repeated across them, and six text files.
fn corpus() -> TestDir {
    let dir = TestDir::new();
    let mut lines = Vec::new();
    for i in 0..120 {
        let story = prose(i % 40);
        let text = format!(
            "Home\nKop nummer {}\n{story}\n{}\nDeel dit artikel\n",
            i % 40,
            prose(i + 100)
        );
        lines.push(record(&format!("d{i}"), &format!("site{}", i % 5), &text));
    }
    dir.write("in.jsonl", lines.join("\n"));
    for i in 0..6 {
        dir.write(
            &format!("pages/s{}/p{i}.txt", i % 2),
            format!("Menu\n\n{}\n", prose(i)),
        );
    }
    dir
}

#[test]
fn one_thread_and_four_threads_agree_byte_for_byte() {
    let dir = corpus();
    let one = outputs(&dir, "1", "8388608", "a");
    let four = outputs(&dir, "4", "8388608", "b");
    // Batches of about three records: copies of one story fall in different batches.
    let small_batches = outputs(&dir, "2", "2000", "c");
    assert!(one[1].lines().count() > 10, "the corpus has clusters");
    for ((a, b), c) in one.iter().zip(&four).zip(&small_batches) {
        assert_eq!(a, b);
        assert_eq!(a, c);
    }
}

#[test]
fn asking_for_the_explain_stream_changes_no_other_output() {
    // Without `--explain` the classifier skips blocks a rule strips for certain.
    let dir = corpus();
    let explained = outputs_explained(&dir, "2", "8388608", "a", true);
    let plain = outputs_explained(&dir, "2", "8388608", "b", false);
    assert!(explained[2].contains("\"article_probability\""));
    assert_eq!(
        [&explained[0], &explained[1], &explained[3]],
        [&plain[0], &plain[1], &plain[2]]
    );
}
