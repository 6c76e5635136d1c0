//! What `clean` writes: report, HTML, clusters, explain, and the stage switches.

use crate::util::*;

/// Four pages of one site with a shared template, two of them the same story.
fn site_corpus(dir: &TestDir) {
    let template_top = "Home\nNieuws | Sport | Regio";
    let template_bottom = "Schrijf je in voor onze nieuwsbrief\n© 2025 Dagblad Test";
    let page = |headline: &str, body: &str| {
        format!("{template_top}\n{headline}\n{body}\n{template_bottom}\n")
    };
    let lines = [
        record(
            "p1",
            "dagblad.nl",
            &page("Brug gaat dicht voor herstel", &prose(1)),
        ),
        record(
            "p2",
            "dagblad.nl",
            &page("Nieuwe school geopend in wijk", &prose(2)),
        ),
        record(
            "p3",
            "dagblad.nl",
            &page("Brug langer dicht dan gedacht", &prose(1)),
        ),
        record(
            "p4",
            "dagblad.nl",
            &page("Markt verhuist naar het plein", &prose(3)),
        ),
    ];
    dir.write("in.jsonl", lines.join("\n") + "\n");
}

#[test]
fn explain_spans_point_at_what_was_removed() {
    let dir = TestDir::new();
    site_corpus(&dir);
    let out = dir.run(&[
        "clean",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--explain",
        "e.jsonl",
        "--keep",
        "first",
        "-q",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let input = jsonl(&dir.read("in.jsonl"));
    let explain = jsonl(&dir.read("e.jsonl"));
    assert!(!explain.is_empty());
    for row in &explain {
        let doc = input.iter().find(|d| d["id"] == row["id"]).unwrap();
        let text = doc["text"].as_str().unwrap();
        let (start, end) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= text.len(), "{row}");
        if row["action"] == "strip_span" {
            // The span's text, cut to its first 200 bytes when longer.
            let (span, shown) = (&text[start..end], row["text"].as_str().unwrap());
            assert!(
                span.starts_with(shown) && (shown == span || (197..=200).contains(&shown.len())),
                "{row}"
            );
            // A whole line carries the classifier's verdict on it; a cut inside a line none.
            let whole_line = (start == 0 || text.as_bytes()[start - 1] == b'\n')
                && (end == text.len() || text.as_bytes()[end] == b'\n');
            match row["article_probability"].as_f64() {
                Some(p) => assert!(whole_line && (0.0..=1.0).contains(&p), "{row}"),
                None => assert!(!whole_line, "{row}"),
            }
        }
    }
    for pair in explain.windows(2) {
        if pair[0]["id"] == pair[1]["id"] && pair[1]["action"] == "strip_span" {
            assert!(
                pair[0]["end"].as_u64() <= pair[1]["start"].as_u64(),
                "spans overlap: {pair:?}"
            );
        }
    }
    let reasons: Vec<_> = explain
        .iter()
        .filter(|r| r["id"] == "p1")
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"site_template") || reasons.contains(&"navigation"),
        "{reasons:?}"
    );
    let drop = explain
        .iter()
        .find(|r| r["action"] == "drop_document")
        .expect("a dropped duplicate");
    assert_eq!(drop["id"], "p3");
    assert_eq!(drop["kept_id"], "p1");
}

#[test]
fn clusters_file_lists_every_member_with_kept_flag() {
    let dir = TestDir::new();
    site_corpus(&dir);
    let out = dir.run(&[
        "clean",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--clusters",
        "c.jsonl",
        "--keep",
        "first",
        "-q",
    ]);
    assert!(out.status.success());
    let rows = jsonl(&dir.read("c.jsonl"));
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0]["id"].as_str(), rows[0]["kept"].as_bool()),
        (Some("p1"), Some(true))
    );
    assert_eq!(
        (rows[1]["id"].as_str(), rows[1]["kept"].as_bool()),
        (Some("p3"), Some(false))
    );
    assert_eq!(rows[0]["cluster"], rows[1]["cluster"]);
    assert!(rows[1]["similarity"].as_f64().unwrap() > 0.8);
    let written = written_ids(&dir, "out.jsonl");
    assert_eq!(written, ["p1", "p2", "p4"]);
}

#[test]
fn template_lines_go_and_headlines_stay() {
    let dir = TestDir::new();
    site_corpus(&dir);
    clean_input(&dir, &["--keep-duplicates"]);
    let docs = jsonl(&dir.read("out.jsonl"));
    assert_eq!(docs.len(), 4, "--keep-duplicates writes every document");
    let text = docs[1]["text"].as_str().unwrap();
    assert_eq!(
        text,
        format!("Nieuwe school geopend in wijk\n{}\n", prose(2))
    );
}

#[test]
fn no_clutter_writes_text_unchanged() {
    let dir = TestDir::new();
    site_corpus(&dir);
    let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", "--no-clutter", "-q"]);
    assert!(out.status.success());
    let input = jsonl(&dir.read("in.jsonl"));
    let docs = jsonl(&dir.read("out.jsonl"));
    assert_eq!(docs.len(), 3, "the duplicate is still dropped");
    for doc in &docs {
        let original = input.iter().find(|d| d["id"] == doc["id"]).unwrap();
        assert_eq!(doc["text"], original["text"]);
    }
}

/// Four pages on each of two sites whose template (menus, teasers, footer) is longer than
/// their stories, laid out with indentation and runs of blank lines; the story of `a0` is
/// also published on the other site as `b0`.
fn template_heavy_corpus(dir: &TestDir) {
    let template = |site: usize| {
        let teasers: Vec<String> = (0..3).map(|n| prose(900 + 10 * site + n)).collect();
        (
            format!(
                "  Home\n  Nieuws | Sport | Regio\n\n\n  Meest gelezen\n    {}\n",
                teasers.join("\n    ")
            ),
            format!("\n\n  Schrijf je in voor de nieuwsbrief  \n  © 2025 Site {site}\n"),
        )
    };
    let mut lines = Vec::new();
    for (site, name) in ["a", "b"].iter().enumerate() {
        let (top, bottom) = template(site);
        for page in 0..4 {
            // Page 0 of both sites carries the same story.
            let story = if page == 0 { 0 } else { 10 * site + page };
            let text = format!(
                "{top}\n    Kop {name}{page}\n\n    {}\n{bottom}",
                prose(story)
            );
            lines.push(record(
                &format!("{name}{page}"),
                &format!("{name}.nl"),
                &text,
            ));
        }
    }
    dir.write("in.jsonl", lines.join("\n") + "\n");
}

#[test]
fn no_clutter_keeps_every_byte_and_finds_copies_without_the_site_template() {
    let dir = TestDir::new();
    template_heavy_corpus(&dir);
    clean_input(
        &dir,
        &["--no-clutter", "--keep-duplicates", "--clusters", "c.jsonl"],
    );
    let input = jsonl(&dir.read("in.jsonl"));
    let written = jsonl(&dir.read("out.jsonl"));
    assert_eq!(
        input, written,
        "every byte of every text is written as it was"
    );
    // Pages of one site share more template than story: only the story's copies match.
    let clusters = jsonl(&dir.read("c.jsonl"));
    let ids: Vec<&str> = clusters.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a0", "b0"], "{clusters:?}");
}

#[test]
fn no_clutter_finds_a_short_story_a_site_posted_three_times() {
    // Every paragraph of the story is short and stands on three pages of the site, as
    // template does: the copies still match on their whole text.
    let dir = TestDir::new();
    let story: Vec<String> = (0..8)
        .map(|n| prose(700 + n).split(". ").next().unwrap().to_string() + ".")
        .collect();
    let mut lines = Vec::new();
    for copy in 0..3 {
        lines.push(record(&format!("copy{copy}"), "s.nl", &story.join("\n")));
    }
    for other in 0..5 {
        lines.push(record(
            &format!("other{other}"),
            "s.nl",
            &prose(800 + other),
        ));
    }
    dir.write("in.jsonl", lines.join("\n") + "\n");
    clean_input(&dir, &["--no-clutter", "--clusters", "c.jsonl"]);
    let clusters = jsonl(&dir.read("c.jsonl"));
    let ids: Vec<&str> = clusters.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["copy0", "copy1", "copy2"], "{clusters:?}");
    assert_eq!(jsonl(&dir.read("out.jsonl")).len(), 6);
}

#[test]
fn report_has_schema_config_counts_clusters_and_timing() {
    let dir = TestDir::new();
    site_corpus(&dir);
    let out = dir.run(&[
        "clean",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--report",
        "r.json",
        "--report-html",
        "r.html",
        "--seed",
        "7",
    ]);
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_str(&dir.read("r.json")).unwrap();
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["tool"]["name"], "zeef");
    assert_eq!(r["config"]["seed"], 7);
    assert_eq!(r["config"]["dedup"]["permutations"], 256);
    assert_eq!(r["counts"]["documents"], 4);
    assert_eq!(r["counts"]["documents_dropped"], 1);
    assert_eq!(r["clusters"][0]["members"].as_array().unwrap().len(), 2);
    assert!(r["clutter"]["by_reason"].as_object().unwrap().len() >= 2);
    assert_eq!(r["clutter"]["top_blocks"][0]["pages"], 4);
    assert!(r["timing"]["total_ms"].as_f64().unwrap() >= 0.0);
    assert!(r["timing"]["stages_ms"]["dedup"].is_number());
    let memory = &r["timing"]["memory"];
    if cfg!(target_os = "linux") {
        let peak = memory["peak_rss_bytes"].as_u64().unwrap();
        let counting = memory["counting_peak_rss_bytes"].as_u64().unwrap();
        assert!(counting > 0 && counting <= peak, "{memory}");
        assert!(memory["distinct_blocks_counted"].as_u64().unwrap() > 0);
        let per_document = memory["bytes_per_document"].as_f64().unwrap();
        assert_eq!(per_document, peak as f64 / 4.0);
    }
    let html = dir.read("r.html");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    let without_namespace = html.replace("http://www.w3.org/2000/svg", "");
    assert!(
        !html.contains("<script") && !without_namespace.contains("http"),
        "self-contained"
    );
    assert!(html.contains("p3"), "members are listed");
    let summary = stderr(&out);
    assert!(
        summary.contains("zeef: 4 documents") && summary.contains("MB/s"),
        "{summary}"
    );
}

#[test]
fn outputs_are_created_before_work_and_bad_paths_fail_fast() {
    let dir = TestDir::new();
    site_corpus(&dir);
    let out = dir.run(&[
        "clean",
        "in.jsonl",
        "-o",
        "out.jsonl",
        "--report",
        "no/such/dir/r.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/dir/r.json: cannot write"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path("out.jsonl").exists());
}

#[test]
fn block_features_give_every_block_its_inputs_whatever_the_thread_count() {
    let dir = TestDir::new();
    site_corpus(&dir);
    for threads in ["1", "2"] {
        let features = format!("f{threads}.jsonl");
        let out = dir.run(&[
            "clean",
            "in.jsonl",
            "-o",
            "out.jsonl",
            "--block-features",
            &features,
            "-j",
            threads,
            "-q",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(dir.read("f1.jsonl"), dir.read("f2.jsonl"));
    let rows = jsonl(&dir.read("f1.jsonl"));
    let input = jsonl(&dir.read("in.jsonl"));
    let blocks: usize = input
        .iter()
        .map(|d| {
            let text = d["text"].as_str().unwrap();
            text.lines().filter(|l| !l.trim().is_empty()).count()
        })
        .sum();
    assert_eq!(rows.len(), blocks);
    for row in &rows {
        let x = row["x"].as_array().unwrap();
        assert_eq!(x.len(), zeef::classifier::FEATURE_COUNT);
        assert!(row["certain"].is_boolean());
        let doc = input.iter().find(|d| d["id"] == row["id"]).unwrap();
        let line = row["line"].as_u64().unwrap() as usize;
        let text = doc["text"].as_str().unwrap();
        assert!(!text.split('\n').nth(line).unwrap().trim().is_empty());
    }
}

/// A model of no trees: every block's probability is that of `baseline` log-odds.
fn constant_model(dir: &TestDir, baseline: f64) -> String {
    let model = serde_json::json!({
        "features": zeef::classifier::FEATURES.to_vec(),
        "baseline": baseline,
        "threshold": 0.5,
        "trees": [],
    });
    dir.write("model.json", model.to_string());
    dir.path("model.json").display().to_string()
}

#[test]
fn a_classifier_of_ones_own_replaces_the_built_in_one() {
    let dir = TestDir::new();
    site_corpus(&dir);
    let run = |extra: &[&str]| {
        clean_input(&dir, &[&["--keep-duplicates"], extra].concat());
        jsonl(&dir.read("out.jsonl"))
    };
    let built_in = run(&[]);
    assert!(built_in
        .iter()
        .all(|d| !d["text"].as_str().unwrap().contains("Home")));
    // A model that keeps everything leaves the template in; only in-line cuts and what a
    // rule strips whatever the model says (a call to action standing alone) go.
    let model = constant_model(&dir, 5.0);
    let keep_all = run(&["--classifier", &model]);
    assert!(keep_all.iter().all(|d| {
        let text = d["text"].as_str().unwrap();
        text.contains("Home") && !text.contains("nieuwsbrief")
    }));
}

#[test]
fn a_broken_classifier_file_is_a_one_line_error_naming_it() {
    let dir = TestDir::new();
    site_corpus(&dir);
    dir.write(
        "bad.json",
        r#"{"features": ["a"], "baseline": 0, "threshold": 0.5, "trees": []}"#,
    );
    for (file, problem) in [
        ("bad.json", "not this build's FEATURES"),
        ("missing.json", "not a usable classifier model"),
    ] {
        let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", "--classifier", file]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains(file) && err.contains(problem), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!dir.path("out.jsonl").exists());
    }
}
