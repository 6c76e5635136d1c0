//! Per-stage throughput (criterion, `Throughput::Bytes`): reading and parsing JSONL,
//! segmentation, normalisation, clutter (site statistics and decisions), the block
//! classifier's trees alone, fingerprinting
//! (shingles + MinHash), LSH with verification, and writing the cleaned records, on a
//! seeded synthetic corpus. Run with `cargo bench`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use zeef::classifier::Model;
use zeef::clutter::{self, ClutterConfig, Page};
use zeef::dedup::{find_clusters, DedupConfig, KeepInfo};
use zeef::fingerprint::Shingler;
use zeef::normalize::normalize_into;
use zeef::read::{discover, DocumentStream, Fields};
use zeef::sites::SiteStats;
use zeef::synth::{generate, SynthConfig, SynthDoc};
use zeef::write::write_document_line;

fn corpus() -> Vec<SynthDoc> {
    let config = SynthConfig {
        seed: 7,
        documents: 400,
        sites: 8,
        ..SynthConfig::default()
    };
    generate(&config)
}

/// The site statistics of `pages`, the `n`-th page on site `site_of[n]`.
fn site_stats(pages: &[Page], site_of: &[u32]) -> SiteStats {
    let mut stats = SiteStats::default();
    let keyed: Vec<(u32, &[u64])> = pages
        .iter()
        .zip(site_of)
        .map(|(page, &site)| (site, page.keys.as_slice()))
        .collect();
    stats.add_pages(&keyed);
    stats.finish();
    stats
}

/// The clutter stage over `pages`: site statistics, then each page's judgement.
fn judge_all(texts: &[String], pages: &[Page], site_of: &[u32]) -> Vec<clutter::Judgement> {
    let stats = site_stats(pages, site_of);
    let config = ClutterConfig::default();
    texts
        .iter()
        .zip(pages)
        .zip(site_of)
        .map(|((t, p), &s)| {
            clutter::judge(
                t,
                p,
                stats.site_pages(s),
                |k| stats.frequency(s, k),
                &config,
            )
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    let texts: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);

    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("corpus.jsonl");
    let jsonl: String = docs
        .iter()
        .map(|d| {
            let record = serde_json::json!({"id": d.id, "site": d.site, "url": d.url, "date": d.date, "text": d.text});
            format!("{record}\n")
        })
        .collect();
    std::fs::write(&path, jsonl).expect("the corpus is written");
    let sources = discover(std::slice::from_ref(&path)).expect("the corpus is found");
    let fields = Fields::default();
    let read_all = || {
        let mut stream = DocumentStream::new(&sources, &fields, false);
        let mut read = Vec::new();
        while let Some(batch) = stream.next_batch().expect("the corpus parses") {
            read.extend(batch);
        }
        read
    };
    group.bench_function("read", |b| b.iter(|| read_all().len()));

    group.bench_function("segment", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| zeef::segment::segment(t).len())
                .sum::<usize>()
        })
    });
    group.bench_function("normalize", |b| {
        let mut out = String::new();
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    normalize_into(t, &mut out);
                    out.len()
                })
                .sum::<usize>()
        })
    });
    let pages: Vec<Page> = texts.iter().map(|t| Page::new(t)).collect();
    let site_of: Vec<u32> = (0..texts.len() as u32).map(|i| i % 8).collect();
    group.bench_function("clutter", |b| {
        b.iter(|| {
            judge_all(&texts, &pages, &site_of)
                .iter()
                .map(|j| j.removals.len())
                .sum::<usize>()
        })
    });
    // The block classifier alone: the trees over every block's inputs, computed once.
    let vectors: Vec<Vec<f32>> = judge_all(&texts, &pages, &site_of)
        .into_iter()
        .map(|j| j.vectors)
        .collect();
    let model = Model::get();
    group.bench_function("classifier", |b| {
        b.iter(|| {
            vectors
                .iter()
                .map(|v| model.probabilities(v).len())
                .sum::<usize>()
        })
    });
    let shingler = Shingler::new(3, 128, 1);
    group.bench_function(
        BenchmarkId::new("fingerprint", "3-word shingles, 128 bins"),
        |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| shingler.fingerprint(t).shingles)
                    .sum::<u32>()
            })
        },
    );
    let fingerprints: Vec<_> = texts.iter().map(|t| shingler.fingerprint(t)).collect();
    let keep: Vec<KeepInfo> = texts
        .iter()
        .map(|t| KeepInfo {
            cleaned_len: t.len(),
            original_len: t.len(),
            ..KeepInfo::default()
        })
        .collect();
    let documents = read_all();
    group.bench_function("write", |b| {
        let mut out = Vec::with_capacity(bytes as usize * 2);
        b.iter(|| {
            out.clear();
            for (doc, text) in documents.iter().zip(&texts) {
                write_document_line(&mut out, doc, &fields, text).expect("writing to memory");
            }
            out.len()
        })
    });
    group.bench_function("lsh_and_verify", |b| {
        b.iter(|| {
            find_clusters(&fingerprints, &keep, &DedupConfig::default())
                .clusters
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
