//! Accuracy floors on corpora from the seeded generator (`zeef::synth`): story clusters
//! against the generator's gold, and line-level clutter removal against its labels. The
//! floors sit just under what zeef 0.1 reaches, so a regression fails the build.

use crate::util::*;
use zeef::synth::{generate, SynthConfig};

fn corpus(dir: &TestDir, seed: u64, documents: usize) -> Vec<zeef::synth::SynthDoc> {
    let docs = generate(&SynthConfig {
        seed,
        documents,
        sites: 12,
        ..SynthConfig::default()
    });
    let body: String = docs.iter().map(|d| d.to_json_line() + "\n").collect();
    let gold: String = docs.iter().map(|d| d.gold_json_line() + "\n").collect();
    dir.write("in.jsonl", body);
    dir.write("gold.jsonl", gold);
    docs
}

#[test]
fn story_clusters_on_a_generated_corpus() {
    let dir = TestDir::new();
    corpus(&dir, 11, 1500);
    let out = dir.run(&["eval", "in.jsonl", "--gold", "gold.jsonl", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let number = |label: &str| -> f64 {
        let at = text.find(label).unwrap() + label.len();
        text[at..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (precision, recall, f1, ari) = (
        number("precision"),
        number("recall"),
        number("F1"),
        number("ARI"),
    );
    eprintln!("generated corpus: {}", text.lines().last().unwrap());
    assert!(
        precision >= 0.88 && recall >= 0.88 && f1 >= 0.88 && ari >= 0.88,
        "{text}"
    );
}

#[test]
fn the_generator_cli_matches_the_library() {
    let dir = TestDir::new();
    let docs = corpus(&dir, 5, 50);
    let out = dir.run(&[
        "generate",
        "--docs",
        "50",
        "--sites",
        "12",
        "--seed",
        "5",
        "-o",
        "cli.jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(dir.read("cli.jsonl"), dir.read("in.jsonl"));
    assert_eq!(docs.len(), 50);
}

#[test]
fn clutter_lines_on_a_generated_corpus() {
    let dir = TestDir::new();
    let docs = corpus(&dir, 12, 600);
    let out = dir.run(&[
        "clean",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--keep-duplicates",
        "-q",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cleaned: std::collections::HashMap<String, String> = jsonl(&dir.read("out.jsonl"))
        .into_iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let (mut article, mut article_kept, mut clutter, mut clutter_gone) = (0, 0, 0, 0);
    for doc in &docs {
        let kept_lines: std::collections::HashSet<&str> =
            cleaned[&doc.id].lines().map(str::trim).collect();
        for (line, &boilerplate) in doc.text.split('\n').zip(&doc.boilerplate_lines) {
            let line = line.trim();
            // Lines with glued furniture are kept only in part; whole-line checks skip them.
            if line.is_empty() || line.contains('•') {
                continue;
            }
            if boilerplate {
                clutter += 1;
                clutter_gone += usize::from(!kept_lines.contains(line));
            } else {
                article += 1;
                article_kept += usize::from(kept_lines.contains(line));
            }
        }
    }
    let kept = article_kept as f64 / article as f64;
    let removed = clutter_gone as f64 / clutter as f64;
    eprintln!(
        "generated corpus: {kept:.4} of article lines kept, {removed:.4} of clutter lines removed"
    );
    assert!(
        kept >= 0.93 && removed >= 0.91,
        "article kept {kept:.4}, clutter removed {removed:.4}"
    );
}
