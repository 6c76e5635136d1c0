//! Checks against `../shared` (the seeds and the labelled dev sets) when it stands beside
//! the project, as it does in CI. The project's own tests never need it: without it these
//! tests print a note and pass. The floors are regression guards set just under the scores
//! measured when they were written; the issues set the targets.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::*;

fn shared() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if path.join("seeds").is_dir() {
        Some(path)
    } else {
        eprintln!("note: ../shared is not there; skipping");
        None
    }
}

/// Runs `zeef clean INPUT -o out.jsonl -q FLAGS` in `dir` and checks it succeeded.
fn clean(dir: &TestDir, input: &Path, flags: &[&str]) {
    let mut args = vec!["clean", input.to_str().unwrap(), "-o", "out.jsonl", "-q"];
    args.extend_from_slice(flags);
    let out = dir.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Runs a scorer from `../shared/eval` and returns its output.
fn score(script: &Path, args: &[&Path]) -> String {
    let out = Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The number after `label` in a scorer's line.
fn number_after(text: &str, label: &str) -> f64 {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("{label} not in {text}"))
        + label.len();
    text[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn seeds_five_stories_no_cluster_named_clutter_gone_paragraphs_kept() {
    let Some(shared) = shared() else { return };
    let dir = TestDir::new();
    let seeds = shared.join("seeds");
    clean(&dir, &seeds, &["--clusters", "c.jsonl"]);
    assert_eq!(dir.read("c.jsonl"), "", "five different stories");
    let docs = jsonl(&dir.read("out.jsonl"));
    assert_eq!(docs.len(), 5);
    let all: String = docs
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    for line in ["Home", "Previous", "Next", "Source: NRC"] {
        assert!(!all.lines().any(|l| l.trim() == line), "{line} left");
    }
    for fragment in [
        "nieuwsbrief NRC",
        "geledenHardnekkige",
        "leestijd 2 minuten",
        "date 2025-",
    ] {
        assert!(!all.contains(fragment), "{fragment} left");
    }
    // The real subheadings SEEDS.md names.
    for subheading in ["Uitstekende band", "Groenland", "Ongenade"] {
        assert!(
            all.lines().any(|l| l.trim() == subheading),
            "{subheading} lost"
        );
    }
    // The longest paragraph of the page's own article (in the first third of the page; 003
    // has a second article below its first) survives, read from the seed itself.
    for doc in &docs {
        let id = doc["id"].as_str().unwrap();
        let original = std::fs::read_to_string(seeds.join(id)).unwrap();
        let text = doc["text"].as_str().unwrap();
        let lines: Vec<&str> = original.lines().collect();
        let longest = lines[..lines.len().div_ceil(3)]
            .iter()
            .max_by_key(|l| l.len())
            .unwrap()
            .trim();
        let tail: String = longest
            .chars()
            .rev()
            .take(60)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(text.contains(&tail), "{id}: its longest paragraph was cut");
    }
}

#[test]
fn syndication_dev_pair_f1_stays_above_floor() {
    let Some(shared) = shared() else { return };
    let dir = TestDir::new();
    let data = shared.join("data/syndication-dev");
    clean(&dir, &data.join("docs.jsonl"), &["--clusters", "c.jsonl"]);
    let result = score(
        &shared.join("eval/score_dedup.py"),
        &[&dir.path("c.jsonl"), &data.join("gold_clusters.jsonl")],
    );
    let f1 = number_after(&result, "F1");
    let ari = number_after(&result, "ARI");
    eprintln!("syndication-dev: {}", result.lines().last().unwrap_or(""));
    assert!(f1 >= 0.975 && ari >= 0.975, "regressed: {result}");
}

#[test]
fn clutter_dev_word_f1_stays_above_floor() {
    let Some(shared) = shared() else { return };
    // The built-in classifier was fitted on these pages (with others): these are in-sample
    // scores, a guard against breaking the pipeline around it. For sites the model never
    // saw, tools/train_classifier.py --held-out measures 0.919 and 0.918.
    for (variant, floor) in [("", 0.95), ("bs4/", 0.955)] {
        let dir = TestDir::new();
        let data = shared.join(format!("data/clutter-dev/{variant}"));
        clean(&dir, &data.join("docs.jsonl"), &["--keep-duplicates"]);
        let result = score(
            &shared.join("eval/score_clutter.py"),
            &[&dir.path("out.jsonl"), &data],
        );
        let all = result
            .lines()
            .find(|l| l.starts_with("ALL"))
            .expect("ALL row");
        let f1: f64 = all.split_whitespace().nth(5).unwrap().parse().unwrap();
        eprintln!("clutter-dev {variant}: {all}");
        assert!(f1 >= floor, "clutter-dev {variant} word F1 {f1} < {floor}");
    }
}
