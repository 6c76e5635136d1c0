//! The validated configuration a run needs: resolved from flags, a `--config` TOML file and
//! defaults (flag > file > default). Pipeline code sees only these types, never clap's.

use std::path::{Path, PathBuf};

use crate::clutter::ClutterConfig;
use crate::dedup::{DedupConfig, KeepPolicy};
use crate::document::SPLIT_FROM_FIELD;
use crate::error::{Error, Result};
use crate::read::Fields;

/// What the run is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Command {
    /// Write a cleaned corpus and the requested reports.
    Clean,
    /// Analyse only, write at most the report, and test thresholds.
    Check,
}

/// Where the outputs go. `None` means "not requested".
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Outputs {
    /// The cleaned corpus: a `.jsonl` / `.ndjson` path (optionally `.gz` / `.zst`), `-` for
    /// standard output, or a directory that mirrors the input layout.
    pub corpus: Option<PathBuf>,
    /// JSON report.
    pub report: Option<PathBuf>,
    /// Self-contained HTML report.
    pub report_html: Option<PathBuf>,
    /// One JSONL line per document in a cluster.
    pub clusters: Option<PathBuf>,
    /// One JSONL line per removal decision.
    pub explain: Option<PathBuf>,
    /// One JSONL line per block: the classifier's inputs.
    pub block_features: Option<PathBuf>,
}

/// Limits for `zeef check`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Thresholds {
    /// Highest acceptable share of documents that are duplicates.
    pub max_duplicate_rate: Option<f64>,
    /// Highest acceptable share of text bytes stripped as clutter.
    pub max_clutter_rate: Option<f64>,
}

/// Everything a run needs, validated.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Config {
    /// `clean` or `check`.
    pub command: Command,
    /// Inputs as given: files, directories, or `-`.
    pub inputs: Vec<PathBuf>,
    /// JSONL field names.
    pub fields: Fields,
    /// Skip bad records (counted and reported) instead of stopping.
    pub skip_bad: bool,
    /// Worker threads (0: one per core). Does not change any output.
    #[serde(skip)]
    pub threads: usize,
    /// The seed every hash is derived from.
    pub seed: u64,
    /// Bytes of input records processed as one batch. Does not change any output.
    #[serde(skip)]
    pub batch_bytes: usize,
    /// No summary on standard error.
    #[serde(skip)]
    pub quiet: bool,
    /// Clutter stage settings.
    pub clutter: ClutterConfig,
    /// Dedup stage settings.
    pub dedup: DedupConfig,
    /// Output paths.
    pub outputs: Outputs,
    /// `check` limits.
    pub thresholds: Thresholds,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            command: Command::Clean,
            inputs: Vec::new(),
            fields: Fields::default(),
            skip_bad: false,
            threads: 0,
            seed: 0x5eef,
            batch_bytes: crate::read::BATCH_BYTES,
            quiet: false,
            clutter: ClutterConfig::default(),
            dedup: DedupConfig::default(),
            outputs: Outputs::default(),
            thresholds: Thresholds::default(),
        }
    }
}

/// The settings a `--config` TOML file may hold: the long flag names, all optional.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileSettings {
    /// `--id-field`
    pub id_field: Option<String>,
    /// `--text-field`
    pub text_field: Option<String>,
    /// `--site-field`
    pub site_field: Option<String>,
    /// `--date-field`
    pub date_field: Option<String>,
    /// `--skip-bad`
    pub skip_bad: Option<bool>,
    /// `--threads`
    pub threads: Option<usize>,
    /// `--seed`
    pub seed: Option<u64>,
    /// `--quiet`
    pub quiet: Option<bool>,
    /// `--keep-duplicates`
    pub keep_duplicates: Option<bool>,
    /// `--no-clutter`
    pub no_clutter: Option<bool>,
    /// `--split-articles`
    pub split_articles: Option<bool>,
    /// `--shingle-size`
    pub shingle_size: Option<usize>,
    /// `--permutations`
    pub permutations: Option<usize>,
    /// `--bands`
    pub bands: Option<usize>,
    /// `--rows`
    pub rows: Option<usize>,
    /// `--threshold`
    pub threshold: Option<f64>,
    /// `--keep`
    pub keep: Option<KeepPolicy>,
    /// `--site-min-pages`
    pub site_min_pages: Option<u32>,
    /// `--clutter-threshold`
    pub clutter_threshold: Option<f64>,
    /// `--max-duplicate-rate`
    pub max_duplicate_rate: Option<f64>,
    /// `--max-clutter-rate`
    pub max_clutter_rate: Option<f64>,
}

impl FileSettings {
    /// Reads and parses a `--config` file.
    pub fn load(path: &Path) -> Result<FileSettings> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::ConfigFile {
            path: path.to_path_buf(),
            message: format!("cannot read: {e}"),
        })?;
        toml::from_str(&text).map_err(|e| Error::ConfigFile {
            path: path.to_path_buf(),
            message: e.message().to_string(),
        })
    }
}

impl Config {
    /// Checks ranges and combinations that clap cannot express.
    pub fn validate(&self) -> Result<()> {
        let d = &self.dedup;
        if self.inputs.is_empty() {
            return Err(Error::Usage("no input given".into()));
        }
        if d.shingle_size == 0 || d.shingle_size > 64 {
            return Err(Error::Usage("--shingle-size must be from 1 to 64".into()));
        }
        if d.permutations == 0 || d.permutations > 4096 {
            return Err(Error::Usage("--permutations must be from 1 to 4096".into()));
        }
        if d.bands == 0 || d.rows == 0 || d.bands * d.rows > d.permutations {
            return Err(Error::Usage(format!(
                "--bands × --rows ({} × {}) must be at least 1 and at most --permutations ({})",
                d.bands, d.rows, d.permutations
            )));
        }
        if !(0.0..=1.0).contains(&d.threshold) {
            return Err(Error::Usage("--threshold must be from 0 to 1".into()));
        }
        for (name, value) in [
            ("--max-duplicate-rate", self.thresholds.max_duplicate_rate),
            ("--max-clutter-rate", self.thresholds.max_clutter_rate),
            ("--clutter-threshold", self.clutter.keep_threshold),
        ] {
            if value.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                return Err(Error::Usage(format!("{name} must be from 0 to 1")));
            }
        }
        if self.clutter.split_articles && !self.clutter.enabled {
            return Err(Error::Usage(
                "--split-articles needs the clutter stage, which --no-clutter turns off".into(),
            ));
        }
        if self.clutter.split_articles {
            let f = &self.fields;
            for (flag, field) in [
                ("--id-field", &f.id),
                ("--text-field", &f.text),
                ("--site-field", &f.site),
                ("--date-field", &f.date),
            ] {
                if field == SPLIT_FROM_FIELD {
                    return Err(Error::Usage(format!(
                        "{flag} cannot be {SPLIT_FROM_FIELD}: --split-articles writes that field \
                         into every article it splits off"
                    )));
                }
            }
        }
        if self.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
            return Err(Error::Usage(
                "standard input (-) can be given only once".into(),
            ));
        }
        Ok(())
    }
}
