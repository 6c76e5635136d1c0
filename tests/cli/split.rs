//! `--split-articles`: a second article appended below a page's own (infinite scroll) is
//! written as a document of its own, right after its page, and compared with every other
//! document for duplicates.

use crate::util::*;

/// The fixture page with a second article below its own (a football report, then a
/// bakery closing under the section label `Regio`).
const PAGE: &str = "noord/voetbal-promotie";
/// A sentence of the page's own article, and one of the second article.
const OWN: &str = "VV Brakelveen speelt volgend seizoen in de hoofdklasse.";
const SECOND: &str = "Na bijna een eeuw gaat bakkerij Van der Veen aan de Dorpsstraat";

/// The fixture record of [`PAGE`], as a JSON value.
fn page_record() -> serde_json::Value {
    let news = std::fs::read_to_string(fixtures().join("news.jsonl")).expect("fixture");
    jsonl(&news)
        .into_iter()
        .find(|r| r["id"] == PAGE)
        .expect("the fixture page")
}

/// The second article's paragraphs as the page has them: from below its headline to the
/// related list.
fn second_article_paragraphs() -> String {
    let text = page_record()["text"].as_str().unwrap().to_string();
    let start = text.find(SECOND).expect("the second article");
    let end = text.find("Lees ook").expect("the related list");
    text[start..end].trim().to_string()
}

fn by_id<'a>(records: &'a [serde_json::Value], id: &str) -> Option<&'a serde_json::Value> {
    records.iter().find(|r| r["id"] == id)
}

#[test]
fn a_second_article_is_written_as_a_document_of_its_own_after_its_page() {
    let dir = TestDir::new();
    let news = fixtures().join("news.jsonl");
    let news = news.to_str().unwrap();
    dir.run_ok(&[
        "clean",
        news,
        "-o",
        "split.jsonl",
        "--keep-duplicates",
        "--split-articles",
        "--report",
        "r.json",
        "--explain",
        "e.jsonl",
        "-q",
    ]);
    let split = jsonl(&dir.read("split.jsonl"));
    let page = by_id(&split, PAGE).expect("the page is written");
    let second_id = format!("{PAGE}#2");
    let second = by_id(&split, &second_id).expect("the second article is written");
    let (page_text, second_text) = (
        page["text"].as_str().unwrap(),
        second["text"].as_str().unwrap(),
    );
    assert!(
        page_text.contains(OWN) && !page_text.contains(SECOND),
        "{page_text}"
    );
    assert!(
        second_text.contains(SECOND) && !second_text.contains(OWN),
        "{second_text}"
    );
    // Its own headline opens it; the label and the page's related list stay out.
    assert!(second_text.starts_with("Bakkerij Van der Veen in Kleiwolde sluit na 94 jaar\n"));
    assert!(!second_text.contains("Regio") && !second_text.contains("Lees ook"));
    // Right after its page, with every field of the page's record and the page's id.
    let at = split.iter().position(|r| r["id"] == PAGE).unwrap();
    assert_eq!(split[at + 1]["id"], second_id.as_str());
    assert_eq!(second["split_from"], PAGE);
    for (field, value) in page.as_object().unwrap() {
        if !["id", "text"].contains(&field.as_str()) {
            assert_eq!(&second[field], value, "{field}");
        }
    }

    // Without the flag the second article is stripped and nothing else changes.
    dir.run_ok(&[
        "clean",
        news,
        "-o",
        "plain.jsonl",
        "--keep-duplicates",
        "-q",
    ]);
    let plain = jsonl(&dir.read("plain.jsonl"));
    assert!(by_id(&plain, &second_id).is_none());
    let unsplit: Vec<&serde_json::Value> = split
        .iter()
        .filter(|r| r.get("split_from").is_none())
        .collect();
    assert_eq!(unsplit.len(), plain.len());
    for (a, b) in unsplit.iter().zip(&plain) {
        assert_eq!(*a, b);
    }

    let report: serde_json::Value = serde_json::from_str(&dir.read("r.json")).unwrap();
    let counts = &report["counts"];
    let splits = split.len() - plain.len();
    assert!(splits >= 1);
    assert_eq!(counts["split_articles"], splits);
    assert_eq!(counts["second_articles"], splits);
    assert_eq!(counts["documents"], plain.len());
    assert_eq!(counts["documents_kept"], split.len());
    // A split article is moved, not stripped: no byte is both written and counted as
    // clutter, and its explain rows say where it went.
    let bytes = |key: &str| counts[key].as_u64().unwrap();
    assert!(bytes("kept_bytes") + bytes("stripped_bytes") <= bytes("text_bytes"));
    assert!(report["clutter"]["by_reason"]
        .get("second_article")
        .is_none());
    let explain = jsonl(&dir.read("e.jsonl"));
    let moved: Vec<&serde_json::Value> = explain
        .iter()
        .filter(|r| r["id"] == PAGE && r["reason"] == "second_article")
        .collect();
    assert!(!moved.is_empty());
    assert!(moved.iter().all(|r| r["moved_to"] == second_id.as_str()));
}

/// The fixture page, and a copy of its second article published alone on another site.
fn page_and_a_copy_of_its_second_article(dir: &TestDir) {
    let copy = format!(
        "Home\n\nBakker Van der Veen stopt: Kleiwolde verliest zijn bakkerij\n\n{}\n\nDeel dit artikel\n",
        second_article_paragraphs()
    );
    let lines = [
        page_record().to_string(),
        record("elders/bakkerij", "elders.nl", &copy),
    ];
    dir.write("in.jsonl", lines.join("\n") + "\n");
}

#[test]
fn a_split_article_joins_the_copies_of_its_story() {
    let dir = TestDir::new();
    page_and_a_copy_of_its_second_article(&dir);
    clean_input(&dir, &["--split-articles", "--clusters", "c.jsonl"]);
    let clusters = jsonl(&dir.read("c.jsonl"));
    let second_id = format!("{PAGE}#2");
    let ids: Vec<&str> = clusters.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{clusters:?}");
    assert!(ids.contains(&second_id.as_str()) && ids.contains(&"elders/bakkerij"));
    assert_eq!(clusters[0]["cluster"], clusters[1]["cluster"]);
    // One copy of the bakery story is written, and the page's own article stays.
    let written = jsonl(&dir.read("out.jsonl"));
    let bakery = written
        .iter()
        .filter(|r| r["text"].as_str().unwrap().contains(SECOND))
        .count();
    assert_eq!(bakery, 1);
    assert!(by_id(&written, PAGE).is_some());
}

/// Cleans `in.jsonl` with split articles, the earliest copy kept, explained to `e.jsonl`.
fn split_keeping_the_first_copy(dir: &TestDir) {
    clean_input(
        dir,
        &[
            "--split-articles",
            "--keep",
            "first",
            "--explain",
            "e.jsonl",
        ],
    );
}

/// The byte range an explain row covers.
fn span_of(row: &serde_json::Value) -> (usize, usize) {
    let at = |key: &str| row[key].as_u64().expect("an offset") as usize;
    (at("start"), at("end"))
}

#[test]
fn a_split_article_dropped_as_a_copy_is_explained_by_its_place_on_the_page() {
    let dir = TestDir::new();
    page_and_a_copy_of_its_second_article(&dir);
    // The earliest copy is kept: the copy on the other site, read before any split article.
    split_keeping_the_first_copy(&dir);
    let page = page_record();
    let text = page["text"].as_str().unwrap();
    let second_id = format!("{PAGE}#2");
    let explain = jsonl(&dir.read("e.jsonl"));
    let dropped = by_id(&explain, &second_id).expect("the split article is dropped");
    assert_eq!(dropped["action"], "drop_document");
    assert_eq!(dropped["kept_id"], "elders/bakkerij");
    let (start, end) = span_of(dropped);
    let place = &text[start..end];
    assert!(
        place.starts_with("Bakkerij Van der Veen in Kleiwolde"),
        "{place}"
    );
    assert!(place.contains(SECOND) && !place.contains(OWN) && !place.contains("Lees ook"));
    let written = jsonl(&dir.read("out.jsonl"));
    assert!(by_id(&written, &second_id).is_none() && by_id(&written, PAGE).is_some());
}

#[test]
fn a_page_dropped_as_a_copy_is_explained_without_the_split_article_it_keeps() {
    let dir = TestDir::new();
    // The page's own report, published alone on another site and read first.
    let text = page_record()["text"].as_str().unwrap().to_string();
    let own_start = text.find("VV Brakelveen na").expect("the page's headline");
    let own_end = text.find("Deel dit artikel").expect("the share bar");
    let copy = format!("Home\n\n{}\n\nLees meer\n", text[own_start..own_end].trim());
    let lines = [
        record("elders/voetbal", "elders.nl", &copy),
        page_record().to_string(),
    ];
    dir.write("in.jsonl", lines.join("\n") + "\n");
    split_keeping_the_first_copy(&dir);
    let second_id = format!("{PAGE}#2");
    let written = jsonl(&dir.read("out.jsonl"));
    assert!(
        by_id(&written, PAGE).is_none(),
        "the page is dropped as a copy"
    );
    assert!(
        by_id(&written, &second_id).is_some(),
        "its split article is kept"
    );
    let explain = jsonl(&dir.read("e.jsonl"));
    let drops: Vec<&serde_json::Value> = explain
        .iter()
        .filter(|r| r["id"] == PAGE && r["action"] == "drop_document")
        .collect();
    assert!(!drops.is_empty());
    for row in drops {
        assert_eq!(row["kept_id"], "elders/voetbal");
        let (start, end) = span_of(row);
        let place = &text[start..end];
        assert!(
            !place.contains(SECOND),
            "a drop row covers the kept split: {place}"
        );
    }
    assert!(
        by_id(&explain, &second_id).is_none(),
        "the kept split has no drop row"
    );
}

#[test]
fn split_articles_are_the_same_for_any_thread_count_and_batch_size() {
    let dir = TestDir::new();
    page_and_a_copy_of_its_second_article(&dir);
    let news = fixtures().join("news.jsonl");
    let run = |tag: &str, threads: &str, batch: &str| {
        dir.run_ok(&[
            "clean",
            "in.jsonl",
            news.to_str().unwrap(),
            "--split-articles",
            "-j",
            threads,
            "--batch-bytes",
            batch,
            "-o",
            &format!("o{tag}.jsonl"),
            "--clusters",
            &format!("c{tag}.jsonl"),
            "--explain",
            &format!("e{tag}.jsonl"),
            "-q",
        ]);
        ["o", "c", "e"].map(|n| dir.read(&format!("{n}{tag}.jsonl")))
    };
    let one = run("1", "1", "8388608");
    assert!(one[0].contains("#2\""), "a second article is split off");
    assert_eq!(one, run("2", "2", "3000"));
    assert_eq!(one, run("3", "3", "8388608"));
}

#[test]
fn split_articles_need_the_clutter_stage_a_jsonl_output_and_their_own_field() {
    let dir = TestDir::new();
    dir.write("in.jsonl", record("a", "s", "Een tekst.") + "\n");
    dir.write("pages/p.txt", "Een tekst.\n");
    for (args, problem) in [
        (
            &[
                "clean",
                "in.jsonl",
                "-o",
                "o.jsonl",
                "--split-articles",
                "--no-clutter",
            ][..],
            "--split-articles needs the clutter stage",
        ),
        (
            &["clean", "pages", "-o", "mirror", "--split-articles"][..],
            "write a .jsonl output instead",
        ),
        (
            &[
                "clean",
                "in.jsonl",
                "-o",
                "o.jsonl",
                "--split-articles",
                "--id-field",
                "split_from",
            ][..],
            "--id-field cannot be split_from",
        ),
        (
            &[
                "clean",
                "in.jsonl",
                "-o",
                "o.jsonl",
                "--split-articles",
                "--text-field",
                "split_from",
            ][..],
            "--text-field cannot be split_from",
        ),
    ] {
        let out = dir.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(problem), "{}", stderr(&out));
    }
    assert!(!dir.path("mirror").exists(), "nothing is written");
    // A mirrored directory of JSONL files holds split articles as lines of their own.
    dir.run_ok(&[
        "clean",
        "in.jsonl",
        "-o",
        "mirror",
        "--split-articles",
        "-q",
    ]);
}

#[test]
fn a_split_article_takes_the_next_free_id_when_the_input_has_its_page_id_hash_two() {
    let dir = TestDir::new();
    let news = std::fs::read_to_string(fixtures().join("news.jsonl")).expect("fixture");
    let taken = format!("{PAGE}#2");
    let input = format!("{news}{}\n", record(&taken, "elders", &prose(7)));
    dir.write("in.jsonl", input);
    dir.run_ok(&[
        "clean",
        "in.jsonl",
        "-o",
        "o.jsonl",
        "--keep-duplicates",
        "--split-articles",
        "-q",
    ]);
    let out = jsonl(&dir.read("o.jsonl"));
    let second = by_id(&out, &format!("{PAGE}#3")).expect("the split article, as #3");
    assert_eq!(second["split_from"], PAGE);
    assert!(second["text"].as_str().unwrap().contains(SECOND));
    // The input's own `#2` is written as it was read, under its id.
    let own = by_id(&out, &taken).expect("the input's #2");
    assert!(own.get("split_from").is_none());
    assert_eq!(own["site"], "elders");
    let mut ids: Vec<&str> = out.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    let written = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), written, "every id is written once");
}
