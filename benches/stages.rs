//! Per-stage throughput (criterion, `Throughput::Bytes`): segmentation, normalisation,
//! clutter decisions, fingerprinting (shingles + MinHash) and LSH with verification, on a
//! seeded synthetic corpus. Run with `cargo bench`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use zeef::clutter::{self, ClutterConfig, Page};
use zeef::dedup::{find_clusters, DedupConfig, KeepInfo};
use zeef::fingerprint::Shingler;
use zeef::normalize::normalize_into;
use zeef::sites::SiteStats;
use zeef::synth::{generate, SynthConfig};

fn corpus() -> Vec<String> {
    let config = SynthConfig {
        seed: 7,
        documents: 400,
        sites: 8,
        ..SynthConfig::default()
    };
    generate(&config).into_iter().map(|d| d.text).collect()
}

fn stages(c: &mut Criterion) {
    let texts = corpus();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);

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
            let mut stats = SiteStats::default();
            for (page, &site) in pages.iter().zip(&site_of) {
                stats.add_page(site, &page.keys);
            }
            stats.finish();
            texts
                .iter()
                .zip(&pages)
                .zip(&site_of)
                .map(|((t, p), &s)| {
                    clutter::decide(
                        t,
                        p,
                        stats.site_pages(s),
                        |k| stats.frequency(s, k),
                        &ClutterConfig::default(),
                    )
                    .len()
                })
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
