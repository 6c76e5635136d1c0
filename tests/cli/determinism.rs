//! The same input and flags give byte-identical outputs whatever the thread count and
//! however the input is cut into batches.

use crate::util::*;

fn outputs(dir: &TestDir, threads: &str, batch_bytes: &str, tag: &str) -> Vec<String> {
    let names = ["out", "c", "e", "r"].map(|n| format!("{n}-{tag}"));
    let out = dir.run(&[
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
        "--explain",
        &format!("{}.jsonl", names[2]),
        "--report",
        &format!("{}.json", names[3]),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files = vec![
        dir.read(&format!("{}.jsonl", names[0])),
        dir.read(&format!("{}.jsonl", names[1])),
        dir.read(&format!("{}.jsonl", names[2])),
    ];
    let mut report: serde_json::Value =
        serde_json::from_str(&dir.read(&format!("{}.json", names[3]))).unwrap();
    report.as_object_mut().unwrap().remove("timing");
    report["config"].as_object_mut().unwrap().remove("outputs");
    files.push(report.to_string());
    files
}

#[test]
fn one_thread_and_four_threads_agree_byte_for_byte() {
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
