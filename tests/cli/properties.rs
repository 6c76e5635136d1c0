//! Invariants over arbitrary corpora (proptest): cleaning never invents or reorders text,
//! ids are never lost, and the thread count never changes a byte of output.

use proptest::prelude::*;

use crate::util::*;

/// Lines pages are built from: prose, template, furniture, odd Unicode and white space.
fn line_pool() -> Vec<String> {
    let mut pool: Vec<String> = (0..12).map(prose).collect();
    pool.extend(
        [
            "Home",
            "Previous",
            "Next",
            "Schrijf je in voor de nieuwsbrief",
            "-",
            "|",
            "",
            "Kop van een verhaal over de stad",
            "Actueel • Vandaag • leestijd 2 minuten • 12 keer bekeken",
            "Foto: ANP / Piet Jansen",
            "Door Anna de Vries",
            "Regio3 dagen geledenBrand in een loods",
            " date 2024-05 Een alinea met een datum ervoor en verder gewone woorden.",
            "東京都の新しい計画について市長が説明した。",
            "Ünïcödé — “quotes” and\u{a0}nbsp\ttabs",
            "\u{feff}bom line",
            "   ",
            "Wat vind jij? Laat het weten in de reacties! 💬",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    pool
}

fn corpus_strategy() -> impl Strategy<Value = Vec<(usize, Vec<usize>, bool)>> {
    let pool = line_pool().len();
    prop::collection::vec(
        (
            0usize..4,
            prop::collection::vec(0..pool, 0..14),
            any::<bool>(),
        ),
        1..24,
    )
}

fn build(dir: &TestDir, docs: &[(usize, Vec<usize>, bool)]) -> Vec<serde_json::Value> {
    let pool = line_pool();
    let records: Vec<serde_json::Value> = docs
        .iter()
        .enumerate()
        .map(|(i, (site, lines, crlf))| {
            let sep = if *crlf { "\r\n" } else { "\n" };
            let text = lines
                .iter()
                .map(|&l| pool[l].as_str())
                .collect::<Vec<_>>()
                .join(sep);
            serde_json::json!({"id": format!("doc{i}"), "site": format!("s{site}"), "text": text})
        })
        .collect();
    let body: String = records.iter().map(|r| format!("{r}\n")).collect();
    dir.write("in.jsonl", body);
    records
}

/// Every output token stands in the input, in the same order.
fn is_ordered_subset(output: &str, input: &str) -> bool {
    let mut from = 0;
    for token in output.split_whitespace() {
        match input[from..].find(token) {
            Some(at) => from += at + token.len(),
            None => return false,
        }
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_never_invents_text_and_never_loses_ids(docs in corpus_strategy()) {
        let dir = TestDir::new();
        let records = build(&dir, &docs);
        let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", "--clusters", "c.jsonl", "-q"]);
        prop_assert!(out.status.success(), "{}", stderr(&out));
        let written = jsonl(&dir.read("out.jsonl"));
        let dropped: Vec<String> = jsonl(&dir.read("c.jsonl"))
            .iter()
            .filter(|r| r["kept"] == false)
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        let mut seen: Vec<String> = written.iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
        seen.extend(dropped);
        seen.sort();
        let mut all: Vec<String> = records.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
        all.sort();
        prop_assert_eq!(seen, all);
        for doc in &written {
            let original = records.iter().find(|r| r["id"] == doc["id"]).unwrap()["text"].as_str().unwrap();
            let cleaned = doc["text"].as_str().unwrap();
            prop_assert!(is_ordered_subset(cleaned, original), "invented text:\n{cleaned:?}\nfrom\n{original:?}");
            prop_assert!(cleaned.len() <= original.len() + 1);
        }
    }

    #[test]
    fn thread_count_and_batch_size_never_change_output(docs in corpus_strategy()) {
        let dir = TestDir::new();
        build(&dir, &docs);
        let mut results = Vec::new();
        // One record per batch crosses a batch boundary between every two documents.
        for (threads, batch) in [("1", "8388608"), ("3", "8388608"), ("2", "1")] {
            let out = dir.run(&[
                "clean", "in.jsonl", "-j", threads, "--batch-bytes", batch, "-o", "-",
                "--explain", "e.jsonl", "--clusters", "c.jsonl", "-q",
            ]);
            prop_assert!(out.status.success());
            results.push((out.stdout, dir.read("e.jsonl"), dir.read("c.jsonl")));
        }
        prop_assert_eq!(&results[0], &results[1]);
        prop_assert_eq!(&results[0], &results[2]);
    }
}
