//! The hand-written fixture corpus (`fixtures/`): its expected outcome (`expected.json`)
//! is the spec for clusters found, clutter stripped and article text kept.

use std::collections::{BTreeMap, BTreeSet};

use crate::util::*;

struct Run {
    input: BTreeMap<String, serde_json::Value>,
    output: BTreeMap<String, serde_json::Value>,
    clusters: Vec<serde_json::Value>,
    expected: serde_json::Value,
}

fn run_fixture(extra: &[&str]) -> Run {
    let dir = TestDir::new();
    let corpus = fixtures().join("news.jsonl");
    let corpus = corpus.to_str().unwrap();
    let mut args = vec![
        "clean",
        corpus,
        "-o",
        "out.jsonl",
        "--clusters",
        "c.jsonl",
        "-q",
    ];
    args.extend_from_slice(extra);
    let out = dir.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let by_id = |docs: Vec<serde_json::Value>| {
        docs.into_iter()
            .map(|d| (d["id"].as_str().unwrap().to_string(), d))
            .collect::<BTreeMap<_, _>>()
    };
    Run {
        input: by_id(jsonl(
            &std::fs::read_to_string(fixtures().join("news.jsonl")).unwrap(),
        )),
        output: by_id(jsonl(&dir.read("out.jsonl"))),
        clusters: jsonl(&dir.read("c.jsonl")),
        expected: serde_json::from_str(
            &std::fs::read_to_string(fixtures().join("expected.json")).unwrap(),
        )
        .unwrap(),
    }
}

fn predicted_clusters(run: &Run) -> BTreeMap<u64, BTreeSet<String>> {
    let mut clusters: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
    for row in &run.clusters {
        clusters
            .entry(row["cluster"].as_u64().unwrap())
            .or_default()
            .insert(row["id"].as_str().unwrap().to_string());
    }
    clusters
}

#[test]
fn every_syndicated_story_is_one_cluster() {
    let run = run_fixture(&[]);
    let predicted: Vec<BTreeSet<String>> = predicted_clusters(&run).into_values().collect();
    for gold in run.expected["clusters"].as_array().unwrap() {
        let gold: BTreeSet<String> = gold
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().into())
            .collect();
        assert!(
            predicted.contains(&gold),
            "gold cluster {gold:?} not found; predicted {predicted:?}"
        );
    }
    assert_eq!(
        predicted.len(),
        run.expected["clusters"].as_array().unwrap().len(),
        "no extra clusters: {predicted:?}"
    );
}

#[test]
fn hard_negatives_are_never_clustered() {
    let run = run_fixture(&[]);
    let predicted = predicted_clusters(&run);
    for pair in run.expected["must_not_cluster"].as_array().unwrap() {
        let (a, b) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        assert!(
            !predicted.values().any(|c| c.contains(a) && c.contains(b)),
            "{a} and {b} tell different stories"
        );
    }
}

#[test]
fn clutter_is_stripped_and_article_text_kept() {
    let run = run_fixture(&["--keep-duplicates"]);
    let mut failures = Vec::new();
    for (id, strings) in run.expected["must_strip"].as_object().unwrap() {
        let text = run.output[id]["text"].as_str().unwrap();
        for s in strings.as_array().unwrap() {
            let s = s.as_str().unwrap();
            if text.contains(s) {
                failures.push(format!("{id}: clutter left: {s:?}"));
            }
        }
    }
    for (id, strings) in run.expected["must_keep"].as_object().unwrap() {
        let text = run.output[id]["text"].as_str().unwrap();
        for s in strings.as_array().unwrap() {
            let s = s.as_str().unwrap();
            if !text.contains(s) {
                failures.push(format!("{id}: article text lost: {s:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn ids_and_pass_through_fields_are_intact() {
    let run = run_fixture(&["--keep-duplicates"]);
    assert_eq!(
        run.input.keys().collect::<Vec<_>>(),
        run.output.keys().collect::<Vec<_>>()
    );
    for (id, doc) in &run.input {
        let mut a = doc.clone();
        let mut b = run.output[id].clone();
        a.as_object_mut().unwrap().remove("text");
        b.as_object_mut().unwrap().remove("text");
        assert_eq!(a, b, "{id}");
    }
}

#[test]
fn text_pages_directory_is_cleaned_too() {
    let dir = TestDir::new();
    let pages = fixtures().join("pages");
    let out = dir.run(&["clean", pages.to_str().unwrap(), "-o", "clean", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut count = 0;
    for site in std::fs::read_dir(dir.path("clean")).unwrap() {
        for page in std::fs::read_dir(site.unwrap().path()).unwrap() {
            let text = std::fs::read_to_string(page.unwrap().path()).unwrap();
            assert!(!text.trim().is_empty());
            count += 1;
        }
    }
    assert!(count >= 5, "{count} pages written");
}
