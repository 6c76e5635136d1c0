//! The pipeline: read → segment → clutter → fingerprint → dedup → write → report.
//!
//! Data flows one way through plain types; every parallel step is an indexed
//! `par_iter().map().collect()`, so results land in ordinal order whatever the thread
//! count, and the only thread-dependent output is the report's `timing` block.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::clutter::{self, Page, Reason, Removal, SiteStats};
use crate::config::{Command, Config};
use crate::dedup::{self, Dedup, KeepInfo};
use crate::document::Document;
use crate::error::Result;
use crate::fingerprint::{derive_seed, Shingler};
use crate::read;
use crate::report::{
    ClusterReport, ClutterSummary, Counts, MemberReport, Rates, ReasonCount, Report, Seeds,
    TemplateBlock, Timing, Tool,
};
use crate::ui::Progress;
use crate::write::{self, AtomicFile, CorpusSink};

/// What a run produced.
#[derive(Debug)]
pub struct Outcome {
    /// The report (also written to `--report` / `--report-html` when asked).
    pub report: Report,
}

impl Outcome {
    /// Whether every `check` threshold held (always true for `clean`).
    pub fn passed(&self) -> bool {
        self.report.check.as_ref().is_none_or(|c| c.passed)
    }
}

/// Per-document results of the analysis, indexed by ordinal.
struct Analysis {
    pages: Vec<Page>,
    removals: Vec<Vec<Removal>>,
    cleaned: Vec<String>,
    dedup: Dedup,
    stats: SiteStats,
    site_names: Vec<String>,
    site_of: Vec<u32>,
}

/// Wall time per stage, for the report's `timing` block.
struct Stopwatch {
    started: Instant,
    lap: Instant,
    stages: BTreeMap<&'static str, f64>,
}

impl Stopwatch {
    fn new() -> Stopwatch {
        Stopwatch {
            started: Instant::now(),
            lap: Instant::now(),
            stages: BTreeMap::new(),
        }
    }

    /// Records the time since the previous lap as stage `name`.
    fn lap(&mut self, name: &'static str) {
        self.stages
            .insert(name, self.lap.elapsed().as_secs_f64() * 1000.0);
        self.lap = Instant::now();
    }
}

/// Runs the whole pipeline as configured.
pub fn run(config: &Config, progress: &Progress) -> Result<Outcome> {
    let mut watch = Stopwatch::new();

    // Inputs and outputs are checked and outputs created before any heavy work.
    let sources = read::discover(&config.inputs)?;
    let input_files: Vec<PathBuf> = sources
        .iter()
        .filter(|s| !s.is_stdin())
        .map(|s| s.path.clone())
        .collect();
    let mut planned: Vec<(&'static str, PathBuf)> = Vec::new();
    let o = &config.outputs;
    for (flag, path) in [
        ("--output", &o.corpus),
        ("--report", &o.report),
        ("--report-html", &o.report_html),
        ("--clusters", &o.clusters),
        ("--explain", &o.explain),
    ] {
        if let Some(path) = path {
            if flag == "--output" && !write::is_jsonl_path(path) && path.as_os_str() != "-" {
                planned.extend(
                    write::mirrored_paths(path, &sources)
                        .into_iter()
                        .map(|p| ("--output", p)),
                );
            } else {
                planned.push((flag, path.clone()));
            }
        }
    }
    write::check_outputs(&input_files, &planned)?;
    let corpus_sink = match (&config.command, &o.corpus) {
        (Command::Clean, Some(path)) => Some(CorpusSink::open(path)?),
        _ => None,
    };
    let report_file = write::open_optional(&o.report)?;
    let html_file = write::open_optional(&o.report_html)?;
    let clusters_file = write::open_optional(&o.clusters)?;
    let explain_file = write::open_optional(&o.explain)?;

    let corpus = read::read_corpus(sources, &config.fields, config.skip_bad)?;
    watch.lap("read");
    let docs = &corpus.documents;
    let analysis = analyse(config, docs, progress, &mut watch);

    // `dropped`: a cluster member that is not the kept copy; `written`: the text to write,
    // none for a dropped document unless duplicates are kept.
    let mut dropped = vec![false; docs.len()];
    for cluster in &analysis.dedup.clusters {
        for m in cluster.members.iter().filter(|m| m.ordinal != cluster.kept) {
            dropped[m.ordinal] = true;
        }
    }
    let written: Vec<Option<&str>> = analysis
        .cleaned
        .iter()
        .zip(&dropped)
        .map(|(text, &dup)| (!(dup && config.dedup.drop)).then_some(text.as_str()))
        .collect();

    let mut report = build_report(config, &corpus, &analysis, &written, &dropped);
    if let Some(sink) = corpus_sink {
        write::write_corpus(sink, docs, &corpus.sources, &written, &config.fields)?;
    }
    if let Some(file) = clusters_file {
        write::write_rows(file, &cluster_rows(docs, &analysis.dedup))?;
    }
    if let Some(file) = explain_file {
        write::write_rows(
            file,
            &explain_rows(docs, &analysis, &dropped, config.dedup.drop),
        )?;
    }
    watch.lap("write");

    if config.command == Command::Check {
        report.check(config);
    }
    let total = watch.started.elapsed().as_secs_f64();
    report.timing = Timing {
        threads: rayon::current_num_threads(),
        stages_ms: watch.stages,
        total_ms: total * 1000.0,
        mb_per_s: report.counts.text_bytes as f64 / 1e6 / total.max(1e-9),
        docs_per_s: report.counts.documents as f64 / total.max(1e-9),
    };
    if let Some(file) = report_file {
        let json = report.to_json();
        file.write_with(|out| out.write_all(json.as_bytes()))?;
    }
    if let Some(file) = html_file {
        let html = report.to_html();
        write_text(file, &html)?;
    }
    Ok(Outcome { report })
}

fn write_text(file: AtomicFile, text: &str) -> Result<()> {
    file.write_with(|out| out.write_all(text.as_bytes()))
}

fn analyse(
    config: &Config,
    docs: &[Document],
    progress: &Progress,
    watch: &mut Stopwatch,
) -> Analysis {
    let stage = progress.stage("segmenting", docs.len() as u64);
    let pages: Vec<Page> = docs
        .par_iter()
        .map(|d| {
            stage.advance(1);
            Page::new(&d.text)
        })
        .collect();
    drop(stage);
    watch.lap("segment");

    let mut site_ids: BTreeMap<&str, u32> = docs.iter().map(|d| (d.site.as_str(), 0)).collect();
    for (n, id) in site_ids.values_mut().enumerate() {
        *id = n as u32;
    }
    let site_names: Vec<String> = site_ids.keys().map(|s| s.to_string()).collect();
    let site_of: Vec<u32> = docs.iter().map(|d| site_ids[d.site.as_str()]).collect();

    let stats = if config.clutter.enabled {
        SiteStats::build(&site_of, &pages)
    } else {
        SiteStats::default()
    };
    let stage = progress.stage("clutter", docs.len() as u64);
    let removals: Vec<Vec<Removal>> = docs
        .par_iter()
        .map(|d| {
            stage.advance(1);
            if !config.clutter.enabled {
                return Vec::new();
            }
            let site = site_of[d.ordinal];
            clutter::decide(
                &d.text,
                &pages[d.ordinal],
                stats.site_pages(site),
                |key| stats.frequency(site, key),
                &config.clutter,
            )
        })
        .collect();
    let cleaned: Vec<String> = docs
        .par_iter()
        .map(|d| clutter::apply(&d.text, &pages[d.ordinal].blocks, &removals[d.ordinal]))
        .collect();
    drop(stage);
    watch.lap("clutter");

    let shingler = Shingler::new(
        config.dedup.shingle_size,
        config.dedup.permutations,
        config.seed,
    );
    let stage = progress.stage("fingerprint", docs.len() as u64);
    let fingerprints: Vec<_> = cleaned
        .par_iter()
        .map(|t| {
            stage.advance(1);
            shingler.fingerprint(t)
        })
        .collect();
    drop(stage);
    watch.lap("fingerprint");

    let keep: Vec<KeepInfo> = docs
        .iter()
        .map(|d| KeepInfo {
            cleaned_len: cleaned[d.ordinal].len(),
            stripped: removals[d.ordinal].iter().map(|r| r.end - r.start).sum(),
            original_len: d.text.len(),
            date: d.date.clone(),
        })
        .collect();
    let dedup = dedup::find_clusters(&fingerprints, &keep, &config.dedup);
    watch.lap("dedup");

    Analysis {
        pages,
        removals,
        cleaned,
        dedup,
        stats,
        site_names,
        site_of,
    }
}

fn build_report(
    config: &Config,
    corpus: &read::Corpus,
    analysis: &Analysis,
    written: &[Option<&str>],
    dropped: &[bool],
) -> Report {
    let docs = &corpus.documents;
    let mut by_reason: BTreeMap<&'static str, ReasonCount> = BTreeMap::new();
    let mut stripped_bytes = 0u64;
    let mut stripped_spans = 0u64;
    for removals in &analysis.removals {
        for r in removals {
            let entry = by_reason.entry(r.reason.as_str()).or_default();
            entry.spans += 1;
            entry.bytes += (r.end - r.start) as u64;
            stripped_bytes += (r.end - r.start) as u64;
            stripped_spans += 1;
        }
    }
    let text_bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let duplicates = dropped.iter().filter(|&&d| d).count();
    let documents_in_clusters = analysis
        .dedup
        .clusters
        .iter()
        .map(|c| c.members.len())
        .sum();
    let counts = Counts {
        files: corpus.sources.len(),
        documents: docs.len(),
        documents_kept: written.iter().filter(|t| t.is_some()).count(),
        duplicates,
        documents_dropped: if config.dedup.drop { duplicates } else { 0 },
        skipped_records: corpus.skipped.len(),
        sites: analysis.site_names.len(),
        text_bytes,
        stripped_bytes,
        kept_bytes: written.iter().flatten().map(|t| t.len() as u64).sum(),
        blocks: analysis.pages.iter().map(|p| p.blocks.len() as u64).sum(),
        stripped_spans,
        clusters: analysis.dedup.clusters.len(),
        documents_in_clusters,
        candidate_pairs: analysis.dedup.candidates,
        verified_pairs: analysis.dedup.verified,
    };
    let rates = Rates {
        duplicate_rate: ratio(duplicates as u64, docs.len() as u64),
        clutter_rate: ratio(stripped_bytes, text_bytes),
    };

    let top_blocks = analysis
        .stats
        .top(config.clutter.site_min_pages, 20)
        .into_iter()
        .filter_map(|(site, key, pages)| {
            let (doc, block) = docs
                .iter()
                .filter(|d| analysis.site_of[d.ordinal] == site)
                .find_map(|d| {
                    let page = &analysis.pages[d.ordinal];
                    page.keys
                        .iter()
                        .position(|&k| k == key)
                        .map(|i| (d, page.blocks[i]))
                })?;
            Some(TemplateBlock {
                site: analysis.site_names[site as usize].clone(),
                pages,
                site_pages: analysis.stats.site_pages(site),
                text: truncate(block.text(&doc.text), 200).to_string(),
            })
        })
        .collect();

    let mut histogram = vec![0u64; 10];
    let clusters = analysis
        .dedup
        .clusters
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let members = c
                .members
                .iter()
                .map(|m| {
                    if m.ordinal != c.kept {
                        histogram[((m.similarity * 10.0) as usize).min(9)] += 1;
                    }
                    MemberReport {
                        id: docs[m.ordinal].id.clone(),
                        similarity: round4(m.similarity),
                        jaccard: round4(m.jaccard),
                        containment: round4(m.containment),
                        edits: infer_edits(
                            &analysis.cleaned[m.ordinal],
                            &analysis.cleaned[c.kept],
                            m,
                            m.ordinal == c.kept,
                        ),
                    }
                })
                .collect();
            ClusterReport {
                cluster: n,
                kept: docs[c.kept].id.clone(),
                representative: docs[c.representative].id.clone(),
                members,
            }
        })
        .collect();

    Report {
        schema_version: crate::report::SCHEMA_VERSION,
        tool: Tool::default(),
        config: config.clone(),
        seeds: Seeds {
            words: derive_seed(config.seed, 0),
            bins: derive_seed(config.seed, 1),
        },
        counts,
        rates,
        check: None,
        clutter: ClutterSummary {
            by_reason,
            top_blocks,
        },
        clusters,
        similarity_histogram: histogram,
        errors: corpus.skipped.clone(),
        timing: Timing::default(),
    }
}

/// What can be said of a copy against its kept document from their cleaned texts
/// (nothing for the kept document itself).
fn infer_edits(member: &str, kept: &str, m: &dedup::Member, is_kept: bool) -> Vec<&'static str> {
    if is_kept {
        return Vec::new();
    }
    if member == kept {
        return vec!["exact"];
    }
    let mut edits = Vec::new();
    let first = |t: &str| {
        t.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let (a, b) = (first(member), first(kept));
    if strsim::normalized_levenshtein(&a, &b) < 0.8 {
        edits.push("headline_changed");
    }
    if (member.len() as f64) < 0.85 * kept.len() as f64 && m.containment >= 0.8 {
        edits.push("truncated");
    }
    if (member.len() as f64) > 1.15 * kept.len() as f64 {
        edits.push("extended");
    }
    if m.jaccard < 0.9 && edits.is_empty() {
        edits.push("edited");
    }
    edits
}

fn cluster_rows(docs: &[Document], dedup: &Dedup) -> Vec<serde_json::Value> {
    let mut rows: Vec<(usize, serde_json::Value)> = Vec::new();
    for (n, c) in dedup.clusters.iter().enumerate() {
        for m in &c.members {
            rows.push((
                m.ordinal,
                serde_json::json!({
                    "id": docs[m.ordinal].id,
                    "cluster": n,
                    "kept": m.ordinal == c.kept,
                    "similarity": round4(m.similarity),
                }),
            ));
        }
    }
    rows.sort_by_key(|r| r.0);
    rows.into_iter().map(|r| r.1).collect()
}

fn explain_rows(
    docs: &[Document],
    analysis: &Analysis,
    dropped: &[bool],
    drop: bool,
) -> Vec<serde_json::Value> {
    let mut cluster_of: Vec<Option<(usize, usize, f64)>> = vec![None; docs.len()];
    for (n, c) in analysis.dedup.clusters.iter().enumerate() {
        for m in &c.members {
            cluster_of[m.ordinal] = Some((n, c.kept, m.similarity));
        }
    }
    let mut rows = Vec::new();
    for d in docs {
        for r in &analysis.removals[d.ordinal] {
            let mut row = serde_json::json!({
                "id": d.id,
                "action": "strip_span",
                "start": r.start,
                "end": r.end,
                "reason": r.reason.as_str(),
                "text": truncate(&d.text[r.start..r.end], 200),
            });
            if r.reason == Reason::SiteTemplate {
                row["site_pages"] = r.site_pages.into();
            }
            rows.push(row);
        }
        if dropped[d.ordinal] {
            if let Some((cluster, kept, similarity)) = cluster_of[d.ordinal] {
                rows.push(serde_json::json!({
                    "id": d.id,
                    "action": if drop { "drop_document" } else { "keep_duplicate" },
                    "start": 0,
                    "end": d.text.len(),
                    "reason": Reason::DuplicateDocument.as_str(),
                    "cluster": cluster,
                    "kept_id": docs[kept].id,
                    "similarity": round4(similarity),
                }));
            }
        }
    }
    rows
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// At most `max` bytes of `text`, cut on a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
