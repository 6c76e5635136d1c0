//! Report: what was removed and why, for machines (JSON) and people (HTML, stderr summary).
//!
//! Everything but the `timing` block is a pure function of the input and the effective
//! configuration, so two runs with any thread counts give byte-identical reports once
//! `timing` is set aside. Counts are integers; rates are computed from them at the end.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::config::Config;
use crate::document::{RepeatedId, Skipped};

/// Version of the report layout; raised on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Layout version.
    pub schema_version: u32,
    /// Tool name and version.
    pub tool: Tool,
    /// The effective configuration, seeds and thresholds included.
    pub config: Config,
    /// Derived seeds actually used by the hash functions.
    pub seeds: Seeds,
    /// Counts.
    pub counts: Counts,
    /// Rates derived from the counts.
    pub rates: Rates,
    /// `check` results, when the command was `check`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckResult>,
    /// Clutter removed, by reason, and the most frequent site template blocks.
    pub clutter: ClutterSummary,
    /// Duplicate clusters.
    pub clusters: Vec<ClusterReport>,
    /// Histogram of member similarities to their kept document (ten bins of 0.1).
    pub similarity_histogram: Vec<u64>,
    /// Records skipped under `--skip-bad`.
    pub errors: Vec<Skipped>,
    /// The first documents whose id an earlier document already has (all are counted in
    /// `counts.repeated_ids`): their clusters and `--explain` rows name an id twice.
    pub repeated_ids: Vec<RepeatedId>,
    /// Wall times and throughput: the only part that varies between identical runs.
    pub timing: Timing,
}

/// Tool identity.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// Always `zeef`.
    pub name: &'static str,
    /// The crate version.
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "zeef",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// The seeds derived from `--seed` (splitmix64 stream).
#[derive(Debug, Clone, Serialize)]
pub struct Seeds {
    /// Seed of the word hash.
    pub words: u64,
    /// Seed of the MinHash bin hash.
    pub bins: u64,
}

/// What was read, kept and removed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Input files read.
    pub files: usize,
    /// Documents read.
    pub documents: usize,
    /// Documents written (or that would be, for `check`), split articles included.
    pub documents_kept: usize,
    /// Pages a second article was found appended to (infinite scroll): stripped from them,
    /// or with `--split-articles` written as documents of their own.
    pub second_articles: usize,
    /// Second articles split off their pages as documents of their own
    /// (`--split-articles`); they are compared with every other document for duplicates.
    pub split_articles: usize,
    /// Documents that are a non-kept member of a cluster.
    pub duplicates: usize,
    /// Documents actually dropped (0 with `--keep-duplicates`).
    pub documents_dropped: usize,
    /// Records skipped as bad.
    pub skipped_records: usize,
    /// Documents whose id an earlier document already has (see `repeated_ids`).
    pub repeated_ids: usize,
    /// Distinct sites.
    pub sites: usize,
    /// Bytes of text read (the text fields, not the files).
    pub text_bytes: u64,
    /// Bytes of text stripped as clutter, over all documents.
    pub stripped_bytes: u64,
    /// Bytes of text in the written documents after cleaning.
    pub kept_bytes: u64,
    /// Blocks (non-blank lines) in all documents.
    pub blocks: u64,
    /// Spans stripped as clutter.
    pub stripped_spans: u64,
    /// Clusters of two or more copies.
    pub clusters: usize,
    /// Documents in such clusters.
    pub documents_in_clusters: usize,
    /// Candidate pairs proposed by LSH.
    pub candidate_pairs: usize,
    /// Candidate pairs verified as copies.
    pub verified_pairs: usize,
    /// Distinct blocks that recur on two or more pages of a site: what the site statistics
    /// hold in memory.
    pub repeated_blocks: usize,
}

/// Rates for CI gates.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rates {
    /// Duplicates / documents compared (those read, and the articles split off them).
    pub duplicate_rate: f64,
    /// Stripped bytes / text bytes.
    pub clutter_rate: f64,
}

/// One threshold of `check`.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdResult {
    /// The flag.
    pub name: &'static str,
    /// The limit given.
    pub limit: f64,
    /// The measured value.
    pub value: f64,
    /// Whether `value <= limit`.
    pub passed: bool,
}

/// The result of `check`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Whether every threshold held.
    pub passed: bool,
    /// Each threshold given.
    pub thresholds: Vec<ThresholdResult>,
}

/// Clutter removed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClutterSummary {
    /// Spans and bytes per reason.
    pub by_reason: BTreeMap<&'static str, ReasonCount>,
    /// The site template blocks on most pages.
    pub top_blocks: Vec<TemplateBlock>,
}

/// Spans and bytes removed for one reason.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReasonCount {
    /// Spans removed.
    pub spans: u64,
    /// Bytes removed.
    pub bytes: u64,
}

/// A block recurring on many pages of a site.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateBlock {
    /// The site.
    pub site: String,
    /// Pages of the site that carry it.
    pub pages: u32,
    /// Pages of the site.
    pub site_pages: u32,
    /// The block as it first appears (at most 200 bytes).
    pub text: String,
}

/// One duplicate cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterReport {
    /// Cluster number, as in `--clusters`.
    pub cluster: usize,
    /// The kept document's id.
    pub kept: String,
    /// The id of the document every member was verified against.
    pub representative: String,
    /// Members in input order.
    pub members: Vec<MemberReport>,
}

/// One member of a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct MemberReport {
    /// Document id.
    pub id: String,
    /// Similarity to the kept document.
    pub similarity: f64,
    /// Jaccard index with the kept document.
    pub jaccard: f64,
    /// Containment with the kept document.
    pub containment: f64,
    /// Edits that can be inferred against the kept document.
    pub edits: Vec<&'static str>,
}

/// Stage wall times and throughput.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timing {
    /// Worker threads used.
    pub threads: usize,
    /// Milliseconds per stage, in pipeline order.
    pub stages_ms: BTreeMap<&'static str, f64>,
    /// Whole run.
    pub total_ms: f64,
    /// Text megabytes (10^6 bytes) per second over the whole run.
    pub mb_per_s: f64,
    /// Documents per second over the whole run.
    pub docs_per_s: f64,
    /// Peak memory, where the system tells it.
    pub memory: Memory,
}

/// Peak resident memory of the run, and what it comes to per document and per distinct
/// block: upper bounds on their cost, since the peaks include the fixed costs (the
/// binary, its word lists and model, the batches in flight). `None` where the system
/// does not give a process its peak (zeef reads Linux's `/proc/self/status`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Memory {
    /// Peak RSS of the whole run, in bytes.
    pub peak_rss_bytes: Option<u64>,
    /// Peak RSS when the first pass had counted every page, before its statistics dropped
    /// the blocks seen once: what holding every distinct block key costs at most.
    pub counting_peak_rss_bytes: Option<u64>,
    /// Distinct block keys (per site) the first pass held at its end; 0 without it.
    pub distinct_blocks_counted: usize,
    /// Peak RSS over documents.
    pub bytes_per_document: Option<f64>,
    /// Counting peak RSS over distinct blocks counted.
    pub bytes_per_distinct_block: Option<f64>,
}

impl Memory {
    /// The figures from the two peaks and the counts they are divided by.
    pub fn new(
        peak_rss_bytes: Option<u64>,
        counting_peak_rss_bytes: Option<u64>,
        documents: usize,
        distinct_blocks_counted: usize,
    ) -> Memory {
        let per = |bytes: Option<u64>, count: usize| {
            bytes.filter(|_| count > 0).map(|b| b as f64 / count as f64)
        };
        Memory {
            peak_rss_bytes,
            counting_peak_rss_bytes,
            distinct_blocks_counted,
            bytes_per_document: per(peak_rss_bytes, documents),
            bytes_per_distinct_block: per(counting_peak_rss_bytes, distinct_blocks_counted),
        }
    }
}

/// This process's peak resident memory so far, in bytes (Linux's `VmHWM`); `None` where it
/// cannot be read.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

impl Report {
    /// Evaluates `check` thresholds against the counts.
    pub fn check(&mut self, config: &Config) {
        let mut thresholds = Vec::new();
        for (name, limit, value) in [
            (
                "max_duplicate_rate",
                config.thresholds.max_duplicate_rate,
                self.rates.duplicate_rate,
            ),
            (
                "max_clutter_rate",
                config.thresholds.max_clutter_rate,
                self.rates.clutter_rate,
            ),
        ] {
            if let Some(limit) = limit {
                thresholds.push(ThresholdResult {
                    name,
                    limit,
                    value,
                    passed: value <= limit,
                });
            }
        }
        self.check = Some(CheckResult {
            passed: thresholds.iter().all(|t| t.passed),
            thresholds,
        });
    }

    /// The report as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s =
            serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        s.push('\n');
        s
    }

    /// The one-screen summary printed on standard error.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let t = &self.timing;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "zeef: {} documents ({}) from {} file(s), {} site(s), in {:.2} s ({:.1} MB/s, {:.0} docs/s)",
            c.documents,
            human_bytes(c.text_bytes),
            c.files,
            c.sites,
            t.total_ms / 1000.0,
            t.mb_per_s,
            t.docs_per_s
        );
        let _ = writeln!(
            s,
            "  clutter:    {} of {} stripped ({:.1}%) in {} spans",
            human_bytes(c.stripped_bytes),
            human_bytes(c.text_bytes),
            100.0 * self.rates.clutter_rate,
            c.stripped_spans
        );
        let mut reasons: Vec<_> = self.clutter.by_reason.iter().collect();
        reasons.sort_by(|a, b| b.1.bytes.cmp(&a.1.bytes).then(a.0.cmp(b.0)));
        if !reasons.is_empty() {
            let top: Vec<String> = reasons
                .iter()
                .take(5)
                .map(|(r, n)| format!("{r} {}", human_bytes(n.bytes)))
                .collect();
            let _ = writeln!(s, "              {}", top.join(", "));
        }
        let _ = writeln!(
            s,
            "  duplicates: {} cluster(s) holding {} documents; {} duplicate(s) ({:.1}%), {} dropped",
            c.clusters,
            c.documents_in_clusters,
            c.duplicates,
            100.0 * self.rates.duplicate_rate,
            c.documents_dropped
        );
        if c.second_articles > 0 {
            let _ = writeln!(
                s,
                "  articles:   {} page(s) with a second article appended, {} split off",
                c.second_articles, c.split_articles
            );
        }
        let _ = writeln!(
            s,
            "  written:    {} documents, {}",
            c.documents_kept,
            human_bytes(c.kept_bytes)
        );
        if c.skipped_records > 0 {
            let _ = writeln!(
                s,
                "  skipped:    {} bad record(s) (listed in the report)",
                c.skipped_records
            );
            for e in self.errors.iter().take(3) {
                let _ = writeln!(s, "              {}:{}: {}", e.file, e.line, e.problem);
            }
        }
        if let Some(first) = self.repeated_ids.first() {
            let _ = writeln!(
                s,
                "  ids:        {} document(s) repeat an earlier document's id, first {:?} at {}:{}",
                c.repeated_ids, first.id, first.file, first.line
            );
        }
        if let Some(check) = &self.check {
            for t in &check.thresholds {
                let _ = writeln!(
                    s,
                    "  check:      {} {:.4} {} {:.4}  {}",
                    t.name,
                    t.value,
                    if t.passed { "<=" } else { ">" },
                    t.limit,
                    if t.passed { "ok" } else { "FAILED" }
                );
            }
            if check.thresholds.is_empty() {
                let _ = writeln!(s, "  check:      no threshold given");
            }
        }
        s
    }

    /// The report as one self-contained HTML page (inline CSS and SVG, no scripts).
    pub fn to_html(&self) -> String {
        let c = &self.counts;
        let mut h = String::new();
        h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>zeef report</title>\n<style>\n");
        h.push_str("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}\
            h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}\
            table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left;vertical-align:top}\
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{background:#f4f4f4;padding:0 .2em}\
            .muted{color:#777}.kept{font-weight:600}\n</style></head><body>\n");
        let _ = writeln!(
            h,
            "<h1>zeef report</h1><p class=\"muted\">zeef {} · report schema {}</p>",
            self.tool.version, self.schema_version
        );

        h.push_str("<h2>Summary</h2><table>\n");
        for (label, value) in [
            ("Documents", c.documents.to_string()),
            ("Files", c.files.to_string()),
            ("Sites", c.sites.to_string()),
            ("Text", human_bytes(c.text_bytes)),
            (
                "Clutter stripped",
                format!(
                    "{} ({:.1}%) in {} spans",
                    human_bytes(c.stripped_bytes),
                    100.0 * self.rates.clutter_rate,
                    c.stripped_spans
                ),
            ),
            (
                "Duplicate clusters",
                format!(
                    "{} holding {} documents",
                    c.clusters, c.documents_in_clusters
                ),
            ),
            (
                "Duplicates",
                format!(
                    "{} ({:.1}%), {} dropped",
                    c.duplicates,
                    100.0 * self.rates.duplicate_rate,
                    c.documents_dropped
                ),
            ),
            (
                "Second articles",
                format!(
                    "{} page(s) with one appended, {} split off",
                    c.second_articles, c.split_articles
                ),
            ),
            (
                "Written",
                format!(
                    "{} documents, {}",
                    c.documents_kept,
                    human_bytes(c.kept_bytes)
                ),
            ),
            ("Skipped records", c.skipped_records.to_string()),
            (
                "Documents repeating an earlier id",
                c.repeated_ids.to_string(),
            ),
            (
                "Run time",
                format!(
                    "{:.2} s, {:.1} MB/s, {:.0} docs/s, {} thread(s)",
                    self.timing.total_ms / 1000.0,
                    self.timing.mb_per_s,
                    self.timing.docs_per_s,
                    self.timing.threads
                ),
            ),
        ] {
            let _ = writeln!(h, "<tr><th>{label}</th><td>{}</td></tr>", escape(&value));
        }
        h.push_str("</table>\n");
        if let Some(check) = &self.check {
            h.push_str("<h2>Check</h2><table><tr><th>threshold</th><th class=n>value</th><th class=n>limit</th><th>result</th></tr>\n");
            for t in &check.thresholds {
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td class=n>{:.4}</td><td class=n>{:.4}</td><td>{}</td></tr>",
                    t.name,
                    t.value,
                    t.limit,
                    if t.passed { "ok" } else { "<b>FAILED</b>" }
                );
            }
            h.push_str("</table>\n");
        }

        h.push_str("<h2>Clutter by reason</h2>\n");
        let bars: Vec<(String, u64)> = self
            .clutter
            .by_reason
            .iter()
            .map(|(r, n)| (r.to_string(), n.bytes))
            .collect();
        h.push_str(&bar_chart(&bars, human_bytes));
        h.push_str("<table><tr><th>reason</th><th class=n>spans</th><th class=n>bytes</th></tr>\n");
        for (reason, n) in &self.clutter.by_reason {
            let _ = writeln!(
                h,
                "<tr><td><code>{reason}</code></td><td class=n>{}</td><td class=n>{}</td></tr>",
                n.spans, n.bytes
            );
        }
        h.push_str("</table>\n<h2>Most frequent site template blocks</h2>\n<table><tr><th>site</th><th class=n>pages</th><th>block</th></tr>\n");
        for b in &self.clutter.top_blocks {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=n>{} / {}</td><td>{}</td></tr>",
                escape(&b.site),
                b.pages,
                b.site_pages,
                escape(&b.text)
            );
        }
        h.push_str("</table>\n");

        h.push_str("<h2>Similarity of copies to their kept document</h2>\n");
        let hist: Vec<(String, u64)> = self
            .similarity_histogram
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                (
                    format!("{:.1}–{:.1}", i as f64 / 10.0, (i + 1) as f64 / 10.0),
                    n,
                )
            })
            .collect();
        h.push_str(&bar_chart(&hist, |v| v.to_string()));

        let _ = writeln!(h, "<h2>Duplicate clusters ({})</h2>", self.clusters.len());
        h.push_str("<table><tr><th class=n>#</th><th>member</th><th class=n>similarity</th><th class=n>jaccard</th><th class=n>containment</th><th>edits</th></tr>\n");
        for cluster in self.clusters.iter().take(500) {
            for (i, m) in cluster.members.iter().enumerate() {
                let kept = m.id == cluster.kept;
                let _ = writeln!(
                    h,
                    "<tr><td class=n>{}</td><td{}>{}{}</td><td class=n>{:.3}</td><td class=n>{:.3}</td><td class=n>{:.3}</td><td>{}</td></tr>",
                    if i == 0 { cluster.cluster.to_string() } else { String::new() },
                    if kept { " class=kept" } else { "" },
                    escape(&m.id),
                    if kept { " (kept)" } else { "" },
                    m.similarity,
                    m.jaccard,
                    m.containment,
                    m.edits.join(", ")
                );
            }
        }
        h.push_str("</table>\n");
        if self.clusters.len() > 500 {
            let _ = writeln!(
                h,
                "<p class=muted>{} more clusters in the JSON report.</p>",
                self.clusters.len() - 500
            );
        }
        let _ = writeln!(h, "<h2>Skipped records ({})</h2><table>", self.errors.len());
        for e in &self.errors {
            let _ = writeln!(
                h,
                "<tr><td>{}:{}</td><td>{}</td></tr>",
                escape(&e.file),
                e.line,
                escape(&e.problem)
            );
        }
        h.push_str("</table>\n<h2>Effective configuration</h2>\n<pre>");
        h.push_str(&escape(
            &serde_json::to_string_pretty(&self.config).unwrap_or_default(),
        ));
        h.push_str("</pre>\n</body></html>\n");
        h
    }
}

/// A horizontal bar chart as inline SVG.
fn bar_chart(rows: &[(String, u64)], label: impl Fn(u64) -> String) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let height = 22 * rows.len() + 4;
    let mut s = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"{height}\" role=\"img\">\n");
    for (i, (name, value)) in rows.iter().enumerate() {
        let y = 22 * i + 2;
        let w = (*value as f64 / max as f64 * 440.0).round() as u64;
        let _ = writeln!(
            s,
            "<text x=\"150\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text><rect x=\"158\" y=\"{y}\" width=\"{w}\" height=\"16\" fill=\"#4a7ab8\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 13,
            escape(name),
            164 + w,
            y + 13,
            escape(&label(*value))
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Bytes in decimal units, as people read file sizes.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_and_sizes_read_well() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
    }

    #[test]
    fn memory_is_divided_by_what_it_holds_and_never_by_zero() {
        let m = Memory::new(Some(1000), Some(600), 4, 3);
        assert_eq!(m.bytes_per_document, Some(250.0));
        assert_eq!(m.bytes_per_distinct_block, Some(200.0));
        let none = Memory::new(Some(1000), None, 0, 0);
        assert_eq!(
            (none.bytes_per_document, none.bytes_per_distinct_block),
            (None, None)
        );
        if cfg!(target_os = "linux") {
            assert!(peak_rss_bytes().is_some_and(|b| b > 0));
        }
    }

    #[test]
    fn bar_chart_has_one_bar_per_row() {
        let svg = bar_chart(&[("a".into(), 1), ("b".into(), 0)], |v| v.to_string());
        assert_eq!(svg.matches("<rect").count(), 2);
    }
}
