//! The pipeline: read → segment → clutter → fingerprint → dedup → write → report, over the
//! input streamed in batches, in three passes:
//!
//! 1. **Site statistics**: every document is segmented and its block keys counted per
//!    site ([`SiteStats`]). Nothing of the text is kept.
//! 2. **Clean and fingerprint**: the input is read again; each document's clutter is
//!    decided with the site statistics and the cleaned text is fingerprinted (with
//!    `--no-clutter`, the text less its site template). The spans
//!    removed (16 bytes each) and the explain rows go to spool files. Memory keeps a
//!    fixed-size [`Fingerprint`] and a short summary per document.
//! 3. **Dedup and write**: clusters are found among the fingerprints, then the input is
//!    read a third time and each kept document's cleaned record rebuilt from it and its
//!    spooled spans, in parallel batches; the explain spool is copied out. Re-reading the
//!    input costs less than writing a copy of the cleaned corpus to disk and reading it
//!    back, which is what the corpus spool did before.
//!
//! Memory therefore grows with the number of documents and of distinct repeated blocks,
//! never with the size of their text. Standard input is spooled to a temporary file so it
//! can be read twice.
//!
//! Every parallel step is an indexed `par_iter().map().collect()` within a batch and
//! batches are taken in input order, so results land in ordinal order whatever the thread
//! count; the only thread-dependent output is the report's `timing` block.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::clutter::{self, ClutterConfig, Page, Reason, Removal};
use crate::config::{Command, Config};
use crate::dedup::{self, Dedup, KeepInfo};
use crate::document::{Document, Format, RepeatedIds, Skipped};
use crate::error::{Error, Result};
use crate::fingerprint::{derive_seed, Fingerprint, Shingler};
use crate::read::{self, DocumentStream, Source};
use crate::report::{
    ClusterReport, ClutterSummary, Counts, MemberReport, Memory, Rates, ReasonCount, Report, Seeds,
    TemplateBlock, Timing, Tool,
};
use crate::sites::{SiteIndex, SiteStats};
use crate::ui::Progress;
use crate::write::{
    self, AtomicFile, CorpusSink, SplitIds, Spool, SpoolPrefetch, SpoolReader, SpoolWriter,
};

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

/// Wall time per stage, summed over batches, for the report's `timing` block.
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

    /// Adds the time since the previous lap to stage `name`.
    fn lap(&mut self, name: &'static str) {
        *self.stages.entry(name).or_default() += self.lap.elapsed().as_secs_f64() * 1000.0;
        self.lap = Instant::now();
    }
}

/// The files a run writes, opened before any heavy work so a bad path fails at once.
struct Outputs {
    corpus: Option<CorpusSink>,
    report: Option<AtomicFile>,
    html: Option<AtomicFile>,
    clusters: Option<AtomicFile>,
    explain: Option<AtomicFile>,
    block_features: Option<AtomicFile>,
    /// Where spool files go: beside the corpus output, where there is room for it.
    spool_dir: PathBuf,
}

/// What the report and the writer need to know of one document after the second pass.
struct Summary {
    id: String,
    source: usize,
    /// The record's line in its source: what tells pass three which record is which.
    line: u64,
    /// The first non-blank line of the cleaned text (at most 200 bytes), for edit kinds.
    headline: String,
    /// xxh3 of the cleaned text, to tell exact copies.
    content: u64,
}

/// Totals over all documents, for the report.
#[derive(Default)]
struct Tallies {
    /// Indexed by [`Reason`] (`reason as usize`).
    by_reason: [ReasonCount; Reason::ALL.len()],
    stripped_bytes: u64,
    stripped_spans: u64,
    text_bytes: u64,
    blocks: u64,
}

/// What the second pass leaves, indexed by ordinal: the input's documents, then the second
/// articles split off them (`--split-articles`), in the order of their pages.
struct Cleaned {
    summaries: Vec<Summary>,
    fingerprints: Vec<Fingerprint>,
    keep: Vec<KeepInfo>,
    /// The documents read: the ordinals below it are theirs, the ones above split articles.
    documents: usize,
    /// The pages a second article was found on (stripped, or split off).
    second_articles: usize,
    /// The split articles, in order: `splits[k]` has the ordinal `documents + k`.
    splits: Vec<Split>,
    tallies: Tallies,
    /// An example text for each of the top template blocks.
    examples: Vec<Option<String>>,
    skipped: Vec<Skipped>,
    corpus_spool: Option<Spool>,
    explain_spool: Option<Spool>,
    features_spool: Option<Spool>,
}

/// Runs the whole pipeline as configured.
pub fn run(config: &Config, progress: &Progress) -> Result<Outcome> {
    let mut watch = Stopwatch::new();
    let mut sources = read::discover(&config.inputs)?;
    let outputs = open_outputs(config, &sources)?;
    read::spool_stdin(&mut sources, &outputs.spool_dir)?;

    let mut sites = SiteIndex::default();
    // Even when clutter is not stripped, dedup reads pages without their site template.
    let (stats, pages, counted, split_ids, repeated_ids) =
        count_blocks(config, &sources, &outputs, &mut sites, progress, &mut watch)?;
    // The report's template blocks are those stripped, none with `--no-clutter`.
    let top = if config.clutter.enabled {
        stats.top(config.clutter.site_min_pages, 20)
    } else {
        Vec::new()
    };
    let mut cleaned = clean(
        config, &sources, &stats, pages, &mut sites, &top, &split_ids, &outputs, progress,
        &mut watch,
    )?;

    let dedup = dedup::find_clusters(&cleaned.fingerprints, &cleaned.keep, &config.dedup);
    cleaned.fingerprints = Vec::new();
    watch.lap("dedup");

    // `dropped`: a cluster member that is not the kept copy; `written`: whether the
    // document is written (a dropped one only when duplicates are kept).
    let documents = cleaned.summaries.len();
    let mut dropped = vec![false; documents];
    for cluster in &dedup.clusters {
        for m in cluster.members.iter().filter(|m| m.ordinal != cluster.kept) {
            dropped[m.ordinal] = true;
        }
    }
    let written: Vec<bool> = dropped
        .iter()
        .map(|&dup| !(dup && config.dedup.drop))
        .collect();

    let mut report = build_report(
        config,
        &sources,
        &sites,
        &stats,
        &top,
        &cleaned,
        &dedup,
        &dropped,
        &written,
        repeated_ids,
    );
    write_outputs(
        config,
        &sources,
        outputs,
        &mut cleaned,
        &dedup,
        &dropped,
        &written,
        &mut report,
        &mut watch,
        &counted,
    )?;
    Ok(Outcome { report })
}

/// Plans, checks and opens every output.
fn open_outputs(config: &Config, sources: &[Source]) -> Result<Outputs> {
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
        ("--block-features", &o.block_features),
    ] {
        if let Some(path) = path {
            if flag == "--output" && !write::is_jsonl_path(path) && path.as_os_str() != "-" {
                planned.extend(
                    write::mirrored_paths(path, sources)
                        .into_iter()
                        .map(|p| ("--output", p)),
                );
            } else {
                planned.push((flag, path.clone()));
            }
        }
    }
    write::check_outputs(&input_files, &planned)?;
    // A mirrored directory holds one file per input file.
    let mirrored = o
        .corpus
        .as_ref()
        .filter(|path| !write::is_jsonl_path(path) && path.as_os_str() != "-");
    if let (true, Some(dir)) = (config.clutter.split_articles, mirrored) {
        if let Some(text) = sources.iter().find(|s| s.format == Format::Text) {
            return Err(Error::Usage(format!(
                "--split-articles writes a split article as a record of its own, which a text \
                 file mirrored into {} cannot hold ({} is one): write a .jsonl output instead",
                dir.display(),
                text.path.display()
            )));
        }
    }
    let corpus = match (&config.command, &o.corpus) {
        (Command::Clean, Some(path)) => Some(CorpusSink::open(path)?),
        _ => None,
    };
    let spool_dir = match &corpus {
        Some(CorpusSink::Directory(dir)) => dir.clone(),
        Some(CorpusSink::File(_)) => o
            .corpus
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        _ => std::env::temp_dir(),
    };
    Ok(Outputs {
        corpus,
        report: write::open_optional(&o.report)?,
        html: write::open_optional(&o.report_html)?,
        clusters: write::open_optional(&o.clusters)?,
        explain: write::open_optional(&o.explain)?,
        block_features: write::open_optional(&o.block_features)?,
        spool_dir,
    })
}

/// The error for a spool that gave no frame for the next record of `input`: it ran out
/// (more records than the pass that wrote it saw: the input grew), or it is unreadable.
fn spool_ended(error: std::io::Error, input: &Path, spool_dir: &Path) -> Error {
    if error.kind() == std::io::ErrorKind::UnexpectedEof {
        Error::InputChanged {
            path: input.to_path_buf(),
        }
    } else {
        Error::Read {
            path: spool_dir.to_path_buf(),
            source: error,
        }
    }
}

/// A pass over the input, as every pass reads it.
fn read_input<'a>(config: &'a Config, sources: &'a [Source]) -> DocumentStream<'a> {
    DocumentStream::new(sources, &config.fields, config.skip_bad)
        .with_batch_bytes(config.batch_bytes)
}

/// What the first pass held at its end, before its statistics forgot the blocks seen once.
#[derive(Default)]
struct Counted {
    distinct_blocks: usize,
    peak_rss_bytes: Option<u64>,
}

/// Pass one: the site statistics, and every page as segmented and normalised, spooled for
/// pass two (see [`Page::to_frame`]).
fn count_blocks(
    config: &Config,
    sources: &[Source],
    outputs: &Outputs,
    sites: &mut SiteIndex,
    progress: &Progress,
    watch: &mut Stopwatch,
) -> Result<(SiteStats, SpoolPrefetch, Counted, SplitIds, RepeatedIds)> {
    let spool_error = |source| Error::Write {
        path: outputs.spool_dir.clone(),
        source,
    };
    let stage = progress.stage("counting", None);
    let mut stats = SiteStats::default();
    let mut split_ids = SplitIds::default();
    let mut repeated_ids = RepeatedIds::default();
    let mut spool = SpoolWriter::start(Spool::create(&outputs.spool_dir)?);
    let mut stream = read_input(config, sources);
    loop {
        let batch = stream.next_batch()?;
        watch.lap("read");
        let Some(docs) = batch else { break };
        let (keys, frames): (Vec<Vec<u64>>, Vec<Vec<u8>>) = docs
            .par_iter()
            .map(|d| {
                let page = Page::new(&d.text);
                let frame = page.to_frame(&d.text);
                (page.keys, frame)
            })
            .unzip();
        let pages: Vec<(u32, &[u64])> = docs
            .iter()
            .zip(&keys)
            .map(|(doc, keys)| (sites.id(&doc.site), keys.as_slice()))
            .collect();
        stats.add_pages(&pages);
        for doc in &docs {
            repeated_ids.note(doc, || sources[doc.source].path.display().to_string());
            if config.clutter.split_articles {
                split_ids.note(&doc.id);
            }
        }
        spool.push_batch(frames).map_err(spool_error)?;
        stage.advance(docs.len() as u64);
        watch.lap("site_stats");
    }
    let counted = Counted {
        distinct_blocks: stats.distinct_blocks(),
        peak_rss_bytes: crate::report::peak_rss_bytes(),
    };
    stats.finish();
    watch.lap("site_stats");
    let pages = spool
        .finish()
        .and_then(Spool::into_reader)
        .map_err(spool_error)?;
    Ok((
        stats,
        SpoolPrefetch::start(pages),
        counted,
        split_ids,
        repeated_ids,
    ))
}

/// A second article split off its page (`--split-articles`): a document of its own from
/// the second pass on, whose ordinal comes after every input document's.
struct Split {
    /// The ordinal of the page it was split off.
    page: usize,
    /// Where on that page it stands: its first kept byte and one past its last.
    range: (usize, usize),
}

/// A split article's results in the second pass (see [`Split`]).
struct SplitPart {
    summary: Summary,
    fingerprint: Fingerprint,
    keep: KeepInfo,
    range: (usize, usize),
}

/// One document's results in the second pass, before they are merged in ordinal order.
struct Processed {
    /// The second article split off the page, under `--split-articles`.
    split: Option<SplitPart>,
    /// Whether a second article was found on the page (split off or not).
    second_article: bool,
    summary: Summary,
    fingerprint: Fingerprint,
    keep: KeepInfo,
    removals: Vec<Removal>,
    blocks: usize,
    /// The removed spans, for the corpus spool (see [`encode_spans`]).
    spans: Vec<u8>,
    explained: Vec<u8>,
    /// The `--block-features` lines of the document.
    featured: Vec<u8>,
    examples: Vec<(usize, String)>,
}

/// One document after the clutter stage.
struct Decided<'a> {
    page: Page,
    removals: Vec<Removal>,
    /// The second article split off the page, under `--split-articles`.
    split: Option<SplitText>,
    /// The cleaned text (the text itself with `--no-clutter`).
    text: Cow<'a, str>,
    /// The key form of what the page keeps, for its fingerprint.
    form: String,
    /// Its `--block-features` lines.
    featured: Vec<u8>,
}

/// A second article split off its page, as the clutter stage leaves it.
struct SplitText {
    /// The spans to strip from the page to leave the article alone.
    spans: Vec<(usize, usize)>,
    text: String,
    /// The key form of `text`, for its fingerprint.
    form: String,
    /// Where on the page it stands (see [`clutter::SecondArticle::range`]).
    range: (usize, usize),
}

impl SplitText {
    /// The second article found on `page`, as a text of its own.
    fn of(doc: &Document, page: &Page, second: clutter::SecondArticle) -> SplitText {
        let clutter::SecondArticle { spans, range } = second;
        SplitText {
            text: clutter::apply(&doc.text, &page.blocks, &spans),
            form: clutter::kept_form(&doc.text, page, &spans),
            spans,
            range,
        }
    }
}

impl Summary {
    /// The summary of a document of id `id` read from `doc`'s record, whose text is `text`.
    fn of(id: String, doc: &Document, text: &str) -> Summary {
        Summary {
            id,
            source: doc.source,
            line: doc.line,
            headline: truncate(first_line(text), 200).to_string(),
            content: xxh3_64(text.as_bytes()),
        }
    }
}

/// Pass two: clutter, fingerprints and the spools.
#[allow(clippy::too_many_arguments)]
fn clean(
    config: &Config,
    sources: &[Source],
    stats: &SiteStats,
    mut pages: SpoolPrefetch,
    sites: &mut SiteIndex,
    top: &[(u32, u64, u32)],
    split_ids: &SplitIds,
    outputs: &Outputs,
    progress: &Progress,
    watch: &mut Stopwatch,
) -> Result<Cleaned> {
    let shingler = Shingler::new(
        config.dedup.shingle_size,
        config.dedup.permutations,
        config.seed,
    );
    // Only `--explain` shows what the classifier thinks of a block a rule strips for certain.
    let clutter_config = ClutterConfig {
        score_certain: outputs.explain.is_some(),
        ..config.clutter.clone()
    };
    let top_index: HashMap<(u32, u64), usize> = top
        .iter()
        .enumerate()
        .map(|(n, &(site, key, _))| ((site, key), n))
        .collect();
    let spool = |wanted: bool| -> Result<Option<Spool>> {
        wanted
            .then(|| Spool::create(&outputs.spool_dir))
            .transpose()
    };
    let mut out = Cleaned {
        summaries: Vec::new(),
        fingerprints: Vec::new(),
        keep: Vec::new(),
        documents: 0,
        second_articles: 0,
        splits: Vec::new(),
        tallies: Tallies::default(),
        examples: vec![None; top.len()],
        skipped: Vec::new(),
        corpus_spool: spool(outputs.corpus.is_some())?,
        explain_spool: spool(outputs.explain.is_some())?,
        features_spool: spool(outputs.block_features.is_some())?,
    };
    // The split articles' results, appended after every input document's at the end.
    let mut split_parts: Vec<SplitPart> = Vec::new();
    let stage = progress.stage("cleaning", None);
    let mut stream = read_input(config, sources);
    loop {
        let batch = stream.next_batch()?;
        watch.lap("read");
        let Some(docs) = batch else { break };
        let site_of: Vec<u32> = docs.iter().map(|d| sites.id(&d.site)).collect();
        // Pass one's pages, one frame per document.
        let frames: Vec<Vec<u8>> = docs
            .iter()
            .map(|d| {
                pages
                    .next_frame()
                    .map_err(|e| spool_ended(e, &sources[d.source].path, &outputs.spool_dir))
            })
            .collect::<Result<_>>()?;

        let mut decided: Vec<Decided> = docs
            .par_iter()
            .zip(&site_of)
            .zip(frames)
            .map(|((d, &site), frame)| {
                let page = if frame.is_empty() {
                    Page::new(&d.text)
                } else {
                    Page::from_frame(&frame, &d.text).ok_or_else(|| Error::InputChanged {
                        path: sources[d.source].path.clone(),
                    })?
                };
                let (removals, featured, split) = if config.clutter.enabled {
                    let mut judgement = clutter::judge(
                        &d.text,
                        &page,
                        stats.site_pages(site),
                        |key| stats.frequency(site, key),
                        &clutter_config,
                    );
                    let featured = match &outputs.block_features {
                        Some(_) => feature_rows(d, &page, &judgement),
                        None => Vec::new(),
                    };
                    let split = judgement
                        .second_article
                        .take()
                        .filter(|_| config.clutter.split_articles)
                        .map(|second| SplitText::of(d, &page, second));
                    (judgement.removals, featured, split)
                } else {
                    (Vec::new(), Vec::new(), None)
                };
                let (text, form) = if config.clutter.enabled {
                    (
                        Cow::Owned(clutter::apply(&d.text, &page.blocks, &removals)),
                        clutter::kept_form(&d.text, &page, &removals),
                    )
                } else {
                    // `--no-clutter` writes the text as it is, white space and all, but
                    // finds its copies without the site's template, which pages of one
                    // site share.
                    let form = clutter::template_free_form(
                        &d.text,
                        &page,
                        stats.site_pages(site),
                        |key| stats.frequency(site, key),
                        &config.clutter,
                    );
                    (Cow::Borrowed(d.text.as_str()), form)
                };
                Ok(Decided {
                    page,
                    removals,
                    split,
                    text,
                    form,
                    featured,
                })
            })
            .collect::<Result<_>>()?;
        watch.lap("clutter");

        let fingerprints: Vec<(Fingerprint, Option<Fingerprint>)> = decided
            .par_iter_mut()
            .map(|d| {
                let split = d
                    .split
                    .as_mut()
                    .map(|s| shingler.fingerprint_form(&std::mem::take(&mut s.form)));
                (
                    shingler.fingerprint_form(&std::mem::take(&mut d.form)),
                    split,
                )
            })
            .collect();
        watch.lap("fingerprint");

        let processed: Vec<Processed> = docs
            .par_iter()
            .zip(decided)
            .zip(fingerprints)
            .zip(&site_of)
            .map(
                |(((doc, decided), (fingerprint, split_fingerprint)), &site)| {
                    let Decided {
                        page,
                        removals,
                        split,
                        text,
                        featured,
                        ..
                    } = decided;
                    let second_article = removals.iter().any(|r| r.reason == Reason::SecondArticle);
                    let split_spans = split.as_ref().map(|s| s.spans.as_slice());
                    let spans = match &outputs.corpus {
                        Some(_) => encode_spans(&removals, split_spans),
                        None => Vec::new(),
                    };
                    // A split article moves to a document of its own: its blocks are not
                    // counted as clutter stripped, and its explain rows say where it went.
                    let moved_to = split.as_ref().map(|_| split_ids.split_id(&doc.id));
                    let explained = match &outputs.explain {
                        Some(_) => explain_strips(doc, &removals, moved_to.as_deref()),
                        None => Vec::new(),
                    };
                    let removals: Vec<Removal> = match &moved_to {
                        Some(_) => removals
                            .into_iter()
                            .filter(|r| r.reason != Reason::SecondArticle)
                            .collect(),
                        None => removals,
                    };
                    let split = split.zip(split_fingerprint).zip(moved_to).map(
                        |((split, fingerprint), id)| {
                            let range = split.range;
                            SplitPart {
                                summary: Summary::of(id, doc, &split.text),
                                fingerprint,
                                keep: KeepInfo {
                                    site,
                                    cleaned_len: split.text.len(),
                                    stripped: (range.1 - range.0).saturating_sub(split.text.len()),
                                    original_len: range.1 - range.0,
                                    date: doc.date.clone(),
                                },
                                range,
                            }
                        },
                    );
                    let examples = if top_index.is_empty() {
                        Vec::new()
                    } else {
                        template_examples(doc, &page, site, &top_index)
                    };
                    Processed {
                        summary: Summary::of(doc.id.clone(), doc, &text),
                        fingerprint,
                        keep: KeepInfo {
                            site,
                            cleaned_len: text.len(),
                            stripped: removals.iter().map(|r| r.end - r.start).sum(),
                            original_len: doc.text.len(),
                            date: doc.date.clone(),
                        },
                        blocks: page.blocks.len(),
                        spans,
                        split,
                        second_article,
                        explained,
                        featured,
                        removals,
                        examples,
                    }
                },
            )
            .collect();
        for mut p in processed {
            if let Some(part) = p.split.take() {
                out.splits.push(Split {
                    page: out.summaries.len(),
                    range: part.range,
                });
                split_parts.push(part);
            }
            out.merge(p, outputs)?;
        }
        stage.advance(docs.len() as u64);
        watch.lap("write");
    }
    out.skipped = stream.skipped().to_vec();
    out.documents = out.summaries.len();
    for part in split_parts {
        out.summaries.push(part.summary);
        out.fingerprints.push(part.fingerprint);
        out.keep.push(part.keep);
    }
    Ok(out)
}

impl Cleaned {
    /// Takes in one document's results, in ordinal order.
    fn merge(&mut self, p: Processed, outputs: &Outputs) -> Result<()> {
        let spool_error = |source| Error::Write {
            path: outputs.spool_dir.clone(),
            source,
        };
        if let Some(spool) = &mut self.corpus_spool {
            spool.push(&p.spans).map_err(spool_error)?;
        }
        if let Some(spool) = &mut self.explain_spool {
            spool.push(&p.explained).map_err(spool_error)?;
        }
        if let Some(spool) = &mut self.features_spool {
            spool.push(&p.featured).map_err(spool_error)?;
        }
        let t = &mut self.tallies;
        for r in &p.removals {
            let entry = &mut t.by_reason[r.reason as usize];
            entry.spans += 1;
            entry.bytes += (r.end - r.start) as u64;
            t.stripped_bytes += (r.end - r.start) as u64;
            t.stripped_spans += 1;
        }
        t.text_bytes += p.keep.original_len as u64;
        self.second_articles += usize::from(p.second_article);
        t.blocks += p.blocks as u64;
        for (n, text) in p.examples {
            self.examples[n].get_or_insert(text);
        }
        self.summaries.push(p.summary);
        self.fingerprints.push(p.fingerprint);
        self.keep.push(p.keep);
        Ok(())
    }
}

/// The texts of a page's blocks that are among the top template blocks, first of each.
fn template_examples(
    doc: &Document,
    page: &Page,
    site: u32,
    top_index: &HashMap<(u32, u64), usize>,
) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for (block, &key) in page.blocks.iter().zip(&page.keys) {
        if let Some(&n) = top_index.get(&(site, key)) {
            if found.iter().all(|(m, _)| *m != n) {
                found.push((n, truncate(block.text(&doc.text), 200).to_string()));
            }
        }
    }
    found
}

/// The `--explain` lines of a document's stripped spans.
/// The spans of `removals`, and those that leave a split article alone (`split`), as the
/// corpus spool holds them: how many spans `removals` has, then `start` and `end` of each
/// span and then of each of `split`'s, 8 bytes each, little-endian.
fn encode_spans(removals: &[Removal], split: Option<&[(usize, usize)]>) -> Vec<u8> {
    let spans = removals
        .iter()
        .map(|r| (r.start, r.end))
        .chain(split.unwrap_or_default().iter().copied());
    std::iter::once(removals.len() as u64)
        .chain(spans.flat_map(|(start, end)| [start as u64, end as u64]))
        .flat_map(u64::to_le_bytes)
        .collect()
}

/// The spans [`encode_spans`] wrote: the page's, and a split article's when there is one.
type DecodedSpans = (Vec<(usize, usize)>, Option<Vec<(usize, usize)>>);

/// See [`encode_spans`].
fn decode_spans(frame: &[u8]) -> DecodedSpans {
    let number = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().unwrap_or_default()) as usize;
    let (count, spans) = frame.split_at(frame.len().min(8));
    let mut spans: Vec<(usize, usize)> = spans
        .chunks_exact(16)
        .map(|span| (number(&span[..8]), number(&span[8..])))
        .collect();
    let split = spans.split_off(number(count).min(spans.len()));
    (spans, (!split.is_empty()).then_some(split))
}

/// Pass three's records: each written document's cleaned record, rebuilt from a third read
/// of the input and the spans the second pass removed, one batch at a time and in
/// parallel. Documents that are not written get an empty frame.
struct Rerender<'a> {
    stream: DocumentStream<'a>,
    spans: write::SpoolReader,
    /// Where the spool lives, for errors.
    spool_dir: &'a Path,
    /// The second pass's summaries: which record each document is (source and line), and
    /// the content hash its rebuilt text must match.
    summaries: &'a [Summary],
    /// Whether each ordinal is written, split articles' included.
    written: &'a [bool],
    /// Whether each input document's frame holds anything: its page or its split article
    /// is written.
    framed: &'a [bool],
    /// The split articles, and the documents read (the first split article's ordinal).
    splits: &'a [Split],
    documents: usize,
    /// The ordinal of the next document to be found in the input.
    next_ordinal: usize,
    /// How many records the second pass skipped as bad, and how many this pass passed over.
    skipped: usize,
    passed_over: usize,
    /// Whether the corpus goes to a mirrored directory (text files are written bare).
    mirrored: bool,
    /// Whether texts are written unchanged (`--no-clutter`), not rebuilt from their spans.
    unchanged: bool,
    sources: &'a [Source],
    fields: &'a read::Fields,
}

impl Rerender<'_> {
    /// The error for an input that ended before the second pass's did.
    fn input_ended(&self) -> Error {
        let last = self.sources.last().map(|s| s.path.clone());
        Error::InputChanged {
            path: last.unwrap_or_default(),
        }
    }

    /// Reads and renders the next batch: one frame per document, `None` at the end. Only
    /// the documents that are written are parsed.
    fn render_batch(&mut self) -> Result<Option<Vec<Vec<u8>>>> {
        let Some(records) = self.stream.next_unparsed()? else {
            return Ok(None);
        };
        // Each record is the next document of the second pass when its source and line
        // are that document's; a record between them is one the second pass skipped as
        // bad.
        let mut placed = Vec::with_capacity(records.len());
        for record in records {
            let next = self.summaries[..self.documents].get(self.next_ordinal);
            if next.is_none_or(|next| (next.source, next.line) != (record.source, record.line)) {
                // More such records than the second pass skipped: the input grew.
                self.passed_over += 1;
                if self.passed_over > self.skipped {
                    return Err(Error::InputChanged {
                        path: self.sources[record.source].path.clone(),
                    });
                }
                continue;
            }
            let frame = self
                .spans
                .next_frame()
                .map_err(|e| spool_ended(e, &self.sources[record.source].path, self.spool_dir))?;
            placed.push((self.next_ordinal, record, decode_spans(frame)));
            self.next_ordinal += 1;
        }
        let parser = self.stream.parser();
        let written = |ordinal: usize| self.written.get(ordinal).copied().unwrap_or(false);
        let frames: Vec<Vec<u8>> = placed
            .into_par_iter()
            .map(|(ordinal, record, (spans, split_spans))| {
                let split = self
                    .splits
                    .binary_search_by_key(&ordinal, |s| s.page)
                    .ok()
                    .map(|k| self.documents + k)
                    .filter(|&split| written(split));
                if !written(ordinal) && split.is_none() {
                    return Ok(Vec::new());
                }
                let source = &self.sources[record.source];
                // A record the second pass read, unreadable now: the input changed.
                let doc = parser
                    .parse(record, ordinal)
                    .map_err(|_| Error::InputChanged {
                        path: source.path.clone(),
                    })?;
                // The text must be the one the second pass cleaned, or the spans mean nothing.
                let changed = || Error::InputChanged {
                    path: source.path.clone(),
                };
                let fits = |&(start, end): &(usize, usize)| {
                    start <= end
                        && doc.text.is_char_boundary(start)
                        && doc.text.is_char_boundary(end)
                };
                let split_spans = match (split, split_spans) {
                    (Some(_), None) => return Err(changed()),
                    (_, split_spans) => split_spans.unwrap_or_default(),
                };
                if !spans.iter().chain(&split_spans).all(fits) {
                    return Err(changed());
                }
                let blocks = if self.unchanged {
                    Vec::new()
                } else {
                    crate::segment::segment(&doc.text)
                };
                // The text rebuilt from `spans`, which must be the one ordinal `of` had.
                let rebuilt = |spans: &[(usize, usize)], of: usize| {
                    let text = if self.unchanged {
                        Cow::Borrowed(doc.text.as_str())
                    } else {
                        Cow::Owned(clutter::apply(&doc.text, &blocks, spans))
                    };
                    let expected = self.summaries.get(of).map(|s| s.content);
                    if expected == Some(xxh3_64(text.as_bytes())) {
                        Ok(text)
                    } else {
                        Err(changed())
                    }
                };
                let mut frame = Vec::new();
                if written(ordinal) {
                    let text = rebuilt(&spans, ordinal)?;
                    frame = write::render_document(self.mirrored, &doc, source, self.fields, &text);
                }
                if let Some(split) = split {
                    let text = rebuilt(&split_spans, split)?;
                    let id = &self.summaries[split].id;
                    frame.extend(write::render_split(&doc, self.fields, &text, id));
                }
                Ok(frame)
            })
            .collect::<Result<_>>()?;
        Ok(Some(frames))
    }

    /// Renders every batch on this thread (and its pool) while a writer thread takes the
    /// frames to `sink`, so writing one batch overlaps rendering the next.
    fn write_overlapped(mut self, sink: write::CorpusSink, source_of: &[usize]) -> Result<()> {
        let (written, sources) = (self.framed, self.sources);
        std::thread::scope(|scope| {
            // One batch waits while another is written: memory stays a few batches.
            let (batches, received) = std::sync::mpsc::sync_channel(1);
            let writer = scope.spawn(move || {
                let mut frames = Received {
                    batches: received,
                    frames: Vec::new().into_iter(),
                    current: Vec::new(),
                };
                write::write_corpus(sink, &mut frames, written, source_of, sources)
            });
            let mut writer_gone = false;
            let rendered = (|| -> Result<usize> {
                let mut count = 0;
                while let Some(frames) = self.render_batch()? {
                    count += frames.len();
                    if batches.send(frames).is_err() {
                        writer_gone = true;
                        break;
                    }
                }
                Ok(count)
            })();
            drop(batches);
            let wrote = writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match rendered {
                Err(error) => Err(error),
                Ok(count) if count < written.len() && !writer_gone => Err(self.input_ended()),
                Ok(_) => wrote,
            }
        })
    }
}

/// Frames that arrive a batch at a time from the thread rendering them.
struct Received {
    batches: std::sync::mpsc::Receiver<Vec<Vec<u8>>>,
    frames: std::vec::IntoIter<Vec<u8>>,
    current: Vec<u8>,
}

impl write::Frames for Received {
    fn next_frame(&mut self) -> std::io::Result<&[u8]> {
        while self.frames.len() == 0 {
            // Closed early only when rendering failed, whose error the caller reports.
            let batch = self
                .batches
                .recv()
                .map_err(|_| std::io::Error::other("rendering stopped"))?;
            self.frames = batch.into_iter();
        }
        self.current = self.frames.next().unwrap_or_default();
        Ok(&self.current)
    }
}

/// The `--block-features` lines of a document: per block its line number, the
/// classifier's inputs (names in [`crate::classifier::FEATURES`]) and whether a rule strips
/// it whatever the classifier says.
fn feature_rows(doc: &Document, page: &Page, judgement: &clutter::Judgement) -> Vec<u8> {
    let mut lines = Vec::new();
    let rows = judgement
        .vectors
        .chunks_exact(crate::classifier::FEATURE_COUNT);
    for ((block, x), certain) in page.blocks.iter().zip(rows).zip(&judgement.certain) {
        let row =
            serde_json::json!({ "id": doc.id, "line": block.line, "x": x, "certain": certain });
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut lines, &row);
        lines.push(b'\n');
    }
    lines
}

fn explain_strips(doc: &Document, removals: &[Removal], moved_to: Option<&str>) -> Vec<u8> {
    let mut lines = Vec::new();
    for r in removals {
        let mut row = serde_json::json!({
            "id": doc.id,
            "action": "strip_span",
            "start": r.start,
            "end": r.end,
            "reason": r.reason.as_str(),
            "text": truncate(&doc.text[r.start..r.end], 200),
        });
        if r.reason == Reason::SiteTemplate {
            row["site_pages"] = r.site_pages.into();
        }
        if let Some(split) = moved_to.filter(|_| r.reason == Reason::SecondArticle) {
            row["moved_to"] = split.into();
        }
        if let Some(permille) = r.article_permille {
            row["article_probability"] = (f64::from(permille) / 1000.0).into();
        }
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut lines, &row);
        lines.push(b'\n');
    }
    lines
}

/// Pass three: the corpus, the side outputs and the report, each written atomically.
#[allow(clippy::too_many_arguments)]
fn write_outputs(
    config: &Config,
    sources: &[Source],
    outputs: Outputs,
    cleaned: &mut Cleaned,
    dedup: &Dedup,
    dropped: &[bool],
    written: &[bool],
    report: &mut Report,
    watch: &mut Stopwatch,
    counted: &Counted,
) -> Result<()> {
    let spool_error = |source| Error::Write {
        path: outputs.spool_dir.clone(),
        source,
    };
    if let (Some(sink), Some(spool)) = (outputs.corpus, cleaned.corpus_spool.take()) {
        let documents = cleaned.documents;
        let source_of: Vec<usize> = cleaned.summaries[..documents]
            .iter()
            .map(|s| s.source)
            .collect();
        let mut framed = written[..documents].to_vec();
        for (k, split) in cleaned.splits.iter().enumerate() {
            framed[split.page] |= written[documents + k];
        }
        let records = Rerender {
            stream: read_input(config, sources),
            spans: spool.into_reader().map_err(spool_error)?,
            spool_dir: &outputs.spool_dir,
            summaries: &cleaned.summaries,
            written,
            framed: &framed,
            splits: &cleaned.splits,
            documents,
            next_ordinal: 0,
            skipped: cleaned.skipped.len(),
            passed_over: 0,
            mirrored: matches!(sink, write::CorpusSink::Directory(_)),
            unchanged: !config.clutter.enabled,
            sources,
            fields: &config.fields,
        };
        records.write_overlapped(sink, &source_of)?;
    }
    if let Some(file) = outputs.clusters {
        write::write_rows(file, &cluster_rows(&cleaned.summaries, dedup))?;
    }
    if let (Some(file), Some(spool)) = (outputs.explain, cleaned.explain_spool.take()) {
        let mut reader = spool.into_reader().map_err(spool_error)?;
        write_explain(
            file,
            &mut reader,
            cleaned,
            dedup,
            dropped,
            config.dedup.drop,
        )?;
    }
    if let (Some(file), Some(spool)) = (outputs.block_features, cleaned.features_spool.take()) {
        let mut reader = spool.into_reader().map_err(spool_error)?;
        file.write_with(|out| {
            for _ in 0..cleaned.documents {
                out.write_all(reader.next_frame()?)?;
            }
            Ok(())
        })?;
    }
    watch.lap("write");

    let total = watch.started.elapsed().as_secs_f64();
    report.timing = Timing {
        threads: rayon::current_num_threads(),
        stages_ms: watch.stages.clone(),
        total_ms: total * 1000.0,
        mb_per_s: report.counts.text_bytes as f64 / 1e6 / total.max(1e-9),
        docs_per_s: report.counts.documents as f64 / total.max(1e-9),
        memory: Memory::new(
            crate::report::peak_rss_bytes(),
            counted.peak_rss_bytes,
            report.counts.documents,
            counted.distinct_blocks,
        ),
    };
    if config.command == Command::Check {
        report.check(config);
    }
    if let Some(file) = outputs.report {
        let json = report.to_json();
        file.write_with(|out| out.write_all(json.as_bytes()))?;
    }
    if let Some(file) = outputs.html {
        let html = report.to_html();
        file.write_with(|out| out.write_all(html.as_bytes()))?;
    }
    Ok(())
}

fn write_explain(
    file: AtomicFile,
    spool: &mut SpoolReader,
    cleaned: &Cleaned,
    dedup: &Dedup,
    dropped: &[bool],
    drop: bool,
) -> Result<()> {
    let mut cluster_of: Vec<Option<(usize, usize, f64)>> = vec![None; dropped.len()];
    for (n, c) in dedup.clusters.iter().enumerate() {
        for m in &c.members {
            cluster_of[m.ordinal] = Some((n, c.kept, m.similarity));
        }
    }
    // The row of a document dropped as a duplicate, covering `start..end` of its page.
    let dropped_row = |ordinal: usize, (start, end): (usize, usize)| {
        let (cluster, kept, similarity) = cluster_of[ordinal].filter(|_| dropped[ordinal])?;
        Some(serde_json::json!({
            "id": cleaned.summaries[ordinal].id,
            "action": if drop { "drop_document" } else { "keep_duplicate" },
            "start": start,
            "end": end,
            "reason": Reason::DuplicateDocument.as_str(),
            "cluster": cluster,
            "kept_id": cleaned.summaries[kept].id,
            "similarity": round4(similarity),
        }))
    };
    let mut splits = cleaned.splits.iter().enumerate().peekable();
    file.write_with(|out| {
        for ordinal in 0..cleaned.documents {
            out.write_all(spool.next_frame()?)?;
            let len = cleaned.keep[ordinal].original_len;
            let split = splits.next_if(|(_, split)| split.page == ordinal);
            // A page's rows cover the page less its split article, whose row follows.
            let mut rows = match split {
                Some((_, split)) => {
                    let (start, end) = split.range;
                    let mut rows = vec![dropped_row(ordinal, (0, start))];
                    if end < len {
                        rows.push(dropped_row(ordinal, (end, len)));
                    }
                    rows
                }
                None => vec![dropped_row(ordinal, (0, len))],
            };
            if let Some((k, split)) = split {
                rows.push(dropped_row(cleaned.documents + k, split.range));
            }
            for row in rows.into_iter().flatten() {
                serde_json::to_writer(&mut *out, &row)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })
}

#[allow(clippy::too_many_arguments)]
fn build_report(
    config: &Config,
    sources: &[Source],
    sites: &SiteIndex,
    stats: &SiteStats,
    top: &[(u32, u64, u32)],
    cleaned: &Cleaned,
    dedup: &Dedup,
    dropped: &[bool],
    written: &[bool],
    repeated_ids: RepeatedIds,
) -> Report {
    let t = &cleaned.tallies;
    // What dedup compared: the documents read and the articles split off them.
    let compared = cleaned.summaries.len();
    let duplicates = dropped.iter().filter(|&&d| d).count();
    let counts = Counts {
        files: sources.len(),
        documents: cleaned.documents,
        documents_kept: written.iter().filter(|&&w| w).count(),
        second_articles: cleaned.second_articles,
        split_articles: cleaned.splits.len(),
        duplicates,
        documents_dropped: if config.dedup.drop { duplicates } else { 0 },
        skipped_records: cleaned.skipped.len(),
        repeated_ids: repeated_ids.count(),
        sites: sites.names().len(),
        text_bytes: t.text_bytes,
        stripped_bytes: t.stripped_bytes,
        kept_bytes: cleaned
            .keep
            .iter()
            .zip(written)
            .filter(|(_, &w)| w)
            .map(|(k, _)| k.cleaned_len as u64)
            .sum(),
        blocks: t.blocks,
        stripped_spans: t.stripped_spans,
        clusters: dedup.clusters.len(),
        documents_in_clusters: dedup.clusters.iter().map(|c| c.members.len()).sum(),
        candidate_pairs: dedup.candidates,
        verified_pairs: dedup.verified,
        repeated_blocks: stats.distinct_blocks(),
    };
    let rates = Rates {
        duplicate_rate: ratio(duplicates as u64, compared as u64),
        clutter_rate: ratio(t.stripped_bytes, t.text_bytes),
    };
    let top_blocks = top
        .iter()
        .zip(&cleaned.examples)
        .filter_map(|(&(site, _, pages), example)| {
            Some(TemplateBlock {
                site: sites.names()[site as usize].clone(),
                pages,
                site_pages: stats.site_pages(site),
                text: example.clone()?,
            })
        })
        .collect();

    let mut histogram = vec![0u64; 10];
    for c in &dedup.clusters {
        for m in c.members.iter().filter(|m| m.ordinal != c.kept) {
            histogram[((m.similarity * 10.0) as usize).min(9)] += 1;
        }
    }
    // Comparing headlines is the report's one costly step: clusters are built in parallel,
    // collected in order.
    let clusters = dedup
        .clusters
        .par_iter()
        .enumerate()
        .map(|(n, c)| {
            let members = c
                .members
                .iter()
                .map(|m| MemberReport {
                    id: cleaned.summaries[m.ordinal].id.clone(),
                    similarity: round4(m.similarity),
                    jaccard: round4(m.jaccard),
                    containment: round4(m.containment),
                    edits: infer_edits(cleaned, m, c.kept),
                })
                .collect();
            ClusterReport {
                cluster: n,
                kept: cleaned.summaries[c.kept].id.clone(),
                representative: cleaned.summaries[c.representative].id.clone(),
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
            by_reason: Reason::ALL
                .iter()
                .zip(&t.by_reason)
                .filter(|(_, count)| count.spans > 0)
                .map(|(reason, count)| (reason.as_str(), count.clone()))
                .collect(),
            top_blocks,
        },
        clusters,
        similarity_histogram: histogram,
        errors: cleaned.skipped.clone(),
        repeated_ids: repeated_ids.into_examples(),
        timing: Timing::default(),
    }
}

/// The first non-blank line, trimmed.
fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

/// What can be said of a copy against its kept document (nothing for the kept document
/// itself), from their summaries.
fn infer_edits(cleaned: &Cleaned, m: &dedup::Member, kept: usize) -> Vec<&'static str> {
    if m.ordinal == kept {
        return Vec::new();
    }
    let (member_len, kept_len) = (
        cleaned.keep[m.ordinal].cleaned_len as f64,
        cleaned.keep[kept].cleaned_len as f64,
    );
    let (a, b) = (&cleaned.summaries[m.ordinal], &cleaned.summaries[kept]);
    if a.content == b.content && member_len == kept_len {
        return vec!["exact"];
    }
    let mut edits = Vec::new();
    if headline_changed(&a.headline, &b.headline) {
        edits.push("headline_changed");
    }
    if member_len < 0.85 * kept_len && m.containment >= 0.8 {
        edits.push("truncated");
    }
    if member_len > 1.15 * kept_len {
        edits.push("extended");
    }
    if m.jaccard < 0.9 && edits.is_empty() {
        edits.push("edited");
    }
    edits
}

/// Whether two headlines differ by more than a fifth of the longer one's characters
/// (normalised Levenshtein similarity under 0.8). Most copies keep their headline, and a
/// length gap alone often settles it: the edit distance is never below it.
fn headline_changed(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (chars_a, chars_b) = (a.chars().count(), b.chars().count());
    let longer = chars_a.max(chars_b) as f64;
    if 1.0 - chars_a.abs_diff(chars_b) as f64 / longer < 0.8 {
        return true;
    }
    strsim::normalized_levenshtein(a, b) < 0.8
}

fn cluster_rows(summaries: &[Summary], dedup: &Dedup) -> Vec<serde_json::Value> {
    let mut rows: Vec<(usize, serde_json::Value)> = Vec::new();
    for (n, c) in dedup.clusters.iter().enumerate() {
        for m in &c.members {
            rows.push((
                m.ordinal,
                serde_json::json!({
                    "id": summaries[m.ordinal].id,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A corpus file, its sources, and a spool holding `spans` for its one document.
    fn one_document(
        dir: &Path,
        text: &str,
        spans: &[Removal],
    ) -> (Vec<Source>, write::SpoolReader) {
        let path = dir.join("in.jsonl");
        let record = serde_json::json!({"id": "a", "text": text});
        std::fs::write(&path, format!("{record}\n")).expect("the input is written");
        let sources = read::discover(&[path]).expect("the input is found");
        let mut spool = write::Spool::create(dir).expect("a spool");
        spool
            .push(&encode_spans(spans, None))
            .expect("the spool takes a frame");
        (sources, spool.into_reader().expect("the spool reads back"))
    }

    fn rerender<'a>(
        sources: &'a [Source],
        spans: write::SpoolReader,
        dir: &'a Path,
        summaries: &'a [Summary],
        fields: &'a read::Fields,
    ) -> Rerender<'a> {
        Rerender {
            stream: DocumentStream::new(sources, fields, false),
            spans,
            spool_dir: dir,
            summaries,
            written: &[true],
            framed: &[true],
            splits: &[],
            documents: summaries.len(),
            next_ordinal: 0,
            skipped: 0,
            passed_over: 0,
            mirrored: false,
            unchanged: false,
            sources,
            fields,
        }
    }

    fn summary(cleaned: &str) -> Summary {
        Summary {
            id: "a".into(),
            source: 0,
            line: 1,
            headline: String::new(),
            content: xxh3_64(cleaned.as_bytes()),
        }
    }

    #[test]
    fn headlines_change_as_normalised_levenshtein_says() {
        let cases = [
            ("", ""),
            ("Storm hits coast", "Storm hits coast"),
            ("Storm hits coast", "Storm hits the coast"),
            ("Storm hits coast", "Storm"),
            ("Storm hits coast", "Flood hits coast"),
            ("Storm hits coast", ""),
            ("Überschwemmung", "Uberschwemmung"),
            ("abcdefghij", "abcdefgh"),
            ("abcdefghij", "abcdefg"),
        ];
        for (a, b) in cases {
            assert_eq!(
                headline_changed(a, b),
                strsim::normalized_levenshtein(a, b) < 0.8,
                "{a:?} / {b:?}"
            );
        }
    }

    #[test]
    fn spans_round_trip_through_the_spool_encoding() {
        let removals = [clutter_removal(0, 4), clutter_removal(10, 1 << 40)];
        assert_eq!(
            decode_spans(&encode_spans(&removals, None)),
            (vec![(0, 4), (10, 1 << 40)], None)
        );
        let split = [(0, 10), (20, 30)];
        assert_eq!(
            decode_spans(&encode_spans(&removals, Some(&split))),
            (vec![(0, 4), (10, 1 << 40)], Some(split.to_vec()))
        );
        assert_eq!(
            decode_spans(&encode_spans(&[], Some(&split))),
            (Vec::new(), Some(split.to_vec()))
        );
        assert_eq!(decode_spans(&encode_spans(&[], None)), (Vec::new(), None));
    }

    fn clutter_removal(start: usize, end: usize) -> Removal {
        Removal {
            start,
            end,
            reason: Reason::Navigation,
            site_pages: 0,
            article_permille: None,
        }
    }

    /// One document's input, its spooled spans and the second pass's summary of it.
    struct Case {
        dir: tempfile::TempDir,
        sources: Vec<Source>,
        spans: Option<write::SpoolReader>,
        summaries: [Summary; 1],
        fields: read::Fields,
    }

    /// `text` as read in pass three, `removed` as pass two removed it and `cleaned` as pass
    /// two's cleaned text.
    fn case(text: &str, removed: (usize, usize), cleaned: &str) -> Case {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (sources, spans) =
            one_document(dir.path(), text, &[clutter_removal(removed.0, removed.1)]);
        Case {
            dir,
            sources,
            spans: Some(spans),
            summaries: [summary(cleaned)],
            fields: read::Fields::default(),
        }
    }

    impl Case {
        /// Pass three over this case (once: it reads the spool).
        fn records(&mut self) -> Rerender<'_> {
            let spans = self.spans.take().expect("the spool is read once");
            rerender(
                &self.sources,
                spans,
                self.dir.path(),
                &self.summaries,
                &self.fields,
            )
        }
    }

    #[test]
    fn pass_three_rebuilds_the_cleaned_record_from_the_input_and_its_spans() {
        let mut case = case("Home\nDe brug gaat dicht.", (0, 4), "De brug gaat dicht.");
        let batch = case
            .records()
            .render_batch()
            .expect("rendered")
            .expect("a batch");
        assert_eq!(
            String::from_utf8_lossy(&batch[0]),
            "{\"id\":\"a\",\"text\":\"De brug gaat dicht.\"}\n"
        );
    }

    #[test]
    fn overlapped_writing_writes_the_records_and_notices_a_shrunk_input() {
        let mut written_case = case("Home\nTekst.", (0, 4), "Tekst.");
        let out = written_case.dir.path().join("out.jsonl");
        let sink = write::CorpusSink::open(&out).expect("a sink");
        written_case
            .records()
            .write_overlapped(sink, &[0])
            .expect("written");
        let written = std::fs::read_to_string(&out).expect("the output");
        assert_eq!(written, "{\"id\":\"a\",\"text\":\"Tekst.\"}\n");

        // The second pass saw two documents; the input now holds one.
        let mut shrunk = case("Home\nTekst.", (0, 4), "Tekst.");
        let sink = write::CorpusSink::open(&shrunk.dir.path().join("out.jsonl")).expect("a sink");
        let mut records = shrunk.records();
        records.written = &[true, true];
        records.framed = &[true, true];
        let error = records
            .write_overlapped(sink, &[0, 0])
            .expect_err("one document short");
        assert!(matches!(error, Error::InputChanged { .. }), "{error}");
    }

    #[test]
    fn an_input_that_changed_since_pass_two_is_an_error_naming_it() {
        let mut changed = case("Home\nNieuw.", (0, 4), "De brug gaat dicht.");
        let error = changed
            .records()
            .render_batch()
            .expect_err("the text is not the one cleaned");
        assert!(
            error.to_string().contains("in.jsonl: changed while zeef"),
            "{error}"
        );
        let mut inside = case("é", (0, 1), "De brug gaat dicht.");
        assert!(
            inside.records().render_batch().is_err(),
            "a span inside a character"
        );
    }
}
