//! Input and output formats: JSONL, gzip, zstd, text directories, stdin and stdout.

use std::io::Write;

use crate::util::*;

fn two_docs() -> String {
    // Written by hand: `1.50` must reach zeef as typed, which `json!` would not keep.
    format!(
        "{{\"id\":\"a\",\"text\":{},\"url\":\"https://www.example.nl/x\",\"n\":1.50,\"tags\":[\"x\",{{\"y\":null}}]}}\n{}\n",
        serde_json::Value::from(prose(1)),
        serde_json::json!({"id": 7, "site": "other", "text": prose(2)})
    )
}

#[test]
fn pass_through_fields_stay_untouched_and_in_order() {
    let dir = TestDir::new();
    dir.write("in.jsonl", two_docs());
    let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = dir.read("out.jsonl");
    let first = written.lines().next().unwrap();
    assert!(first.starts_with("{\"id\":\"a\",\"text\":"), "{first}");
    assert!(
        first.ends_with(
            ",\"url\":\"https://www.example.nl/x\",\"n\":1.50,\"tags\":[\"x\",{\"y\":null}]}"
        ),
        "{first}"
    );
    assert!(written.lines().nth(1).unwrap().starts_with("{\"id\":7,"));
}

#[test]
fn stdin_to_stdout() {
    let dir = TestDir::new();
    let out = dir
        .zeef()
        .args(["clean", "-", "-q"])
        .write_stdin(two_docs())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = jsonl(&stdout(&out));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["text"], prose(1));
}

#[test]
fn gzip_and_zstd_inputs_are_detected_by_magic_bytes() {
    let dir = TestDir::new();
    let plain = two_docs();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(plain.as_bytes()).unwrap();
    // A second gzip member, as `cat a.gz b.gz` makes.
    let mut gz2 = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz2.write_all(format!("{}\n", record("c", "s", &prose(3))).as_bytes())
        .unwrap();
    let mut bytes = gz.finish().unwrap();
    bytes.extend(gz2.finish().unwrap());
    dir.write("in.jsonl.gz", bytes);
    dir.write("in.zst", zstd::encode_all(plain.as_bytes(), 3).unwrap());
    dir.write("in.data", zstd::encode_all(plain.as_bytes(), 3).unwrap());
    for (input, n) in [("in.jsonl.gz", 3), ("in.zst", 2), ("in.data", 2)] {
        let out = dir.run(&["clean", input, "-o", "out.jsonl", "-q"]);
        assert!(out.status.success(), "{input}: {}", stderr(&out));
        assert_eq!(jsonl(&dir.read("out.jsonl")).len(), n, "{input}");
    }
}

#[test]
fn compressed_output_by_extension() {
    let dir = TestDir::new();
    dir.write("in.jsonl", two_docs());
    let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl.zst", "-q"]);
    assert!(out.status.success());
    let bytes = std::fs::read(dir.path("out.jsonl.zst")).unwrap();
    let text = String::from_utf8(zstd::decode_all(&bytes[..]).unwrap()).unwrap();
    assert_eq!(jsonl(&text).len(), 2);
}

#[test]
fn text_directories_use_paths_as_ids_and_top_directory_as_site() {
    let dir = TestDir::new();
    dir.write("pages/site-b/z.txt", prose(1));
    dir.write("pages/site-a/deep/y.md", prose(2));
    dir.write("pages/site-a/x.txt", prose(3));
    dir.write("pages/.hidden.txt", prose(4));
    dir.write("pages/notes.csv", "a,b");
    let out = dir.run(&["clean", "pages", "-o", "out.jsonl", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = jsonl(&dir.read("out.jsonl"));
    let ids: Vec<_> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["site-a/deep/y.md", "site-a/x.txt", "site-b/z.txt"]);
    assert_eq!(docs[0]["site"], "site-a");
    assert_eq!(docs[2]["site"], "site-b");
}

#[test]
fn directory_output_mirrors_the_input_layout() {
    let dir = TestDir::new();
    dir.write("pages/s/a.txt", format!("Home\n\n{}\n", prose(11)));
    dir.write("pages/s/sub/b.txt", prose(12));
    dir.write("data/c.jsonl.gz", {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(two_docs().as_bytes()).unwrap();
        gz.finish().unwrap()
    });
    let out = dir.run(&["clean", "pages", "data/c.jsonl.gz", "-o", "clean", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(dir.read("clean/s/a.txt"), format!("{}\n", prose(11)));
    assert_eq!(dir.read("clean/s/sub/b.txt"), prose(12));
    let gz = std::fs::read(dir.path("clean/c.jsonl.gz")).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text).unwrap();
    assert_eq!(jsonl(&text).len(), 2);
}

#[test]
fn missing_ids_become_file_and_line_and_other_bytes_stay() {
    let dir = TestDir::new();
    dir.write("in.jsonl", "\n{\"text\": \"Een korte tekst.\", \"x\": 1}\n");
    let out = dir.run(&["clean", "in.jsonl", "-o", "out.jsonl", "--no-clutter", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        dir.read("out.jsonl"),
        "{\"id\":\"in.jsonl:2\",\"text\": \"Een korte tekst.\", \"x\": 1}\n"
    );
}

#[test]
fn crlf_bom_and_nbsp_pages_are_cleaned_without_mangling() {
    let dir = TestDir::new();
    let page = format!(
        "\u{feff}Home\r\n\r\nKop van het stuk\r\n\r\n{}\u{a0}\r\n\r\nPrevious\r\n",
        prose(5)
    );
    dir.write("pages/s/a.txt", &page);
    let out = dir.run(&["clean", "pages", "-o", "out.jsonl", "-q"]);
    assert!(out.status.success());
    let docs = jsonl(&dir.read("out.jsonl"));
    assert_eq!(
        docs[0]["text"],
        format!("Kop van het stuk\n\n{}\n", prose(5))
    );
}

#[test]
fn floor_reads_and_hashes_every_byte_of_a_compressed_file() {
    let dir = TestDir::new();
    let plain = two_docs();
    dir.write("in.zst", zstd::encode_all(plain.as_bytes(), 3).unwrap());
    let out = dir.run(&["floor", "in.zst"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["bytes"], plain.len());
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(plain.as_bytes()));
    assert_eq!(report["xxh3"], hash);
}
