//! The command line: a clap-derive mirror of the flags (see CONTRACT.md), turned into a
//! validated [`Config`] by [`Cli::into_config`]. Nothing past this module sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::{Command, Config, FileSettings, Outputs, Thresholds};
use crate::dedup::KeepPolicy;
use crate::error::Result;

const AFTER_HELP: &str = "\
Exit codes:
  0    ok
  1    a `check` threshold failed
  2    usage, input or I/O error (the message names the file and line)
  130  interrupted";

/// zeef sieves scraped text corpora: it strips page clutter and drops near-duplicate
/// stories, and reports what it removed and why.
#[derive(Debug, Parser)]
#[command(name = "zeef", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: CliCommand,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Clean a corpus: write it without clutter and duplicates, plus reports.
    Clean(CleanArgs),
    /// Analyse a corpus for CI: print the summary, write at most --report, exit 1 when a
    /// threshold fails.
    Check(CheckArgs),
    /// Score duplicate clusters against gold labels: pairwise precision, recall, F1, ARI.
    Eval(EvalArgs),
    /// Write a seeded synthetic scraped-news corpus (for benchmarks and tests).
    Generate(GenerateArgs),
    /// Read a file and hash every byte with xxh3: the throughput floor benchmarks compare to.
    #[command(hide = true)]
    Floor(FloorArgs),
}

/// Flags of `zeef floor`.
#[derive(Debug, Args)]
pub struct FloorArgs {
    /// The file to read (decompressed as zeef reads inputs)
    pub input: PathBuf,
}

/// Flags of `zeef eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Options shared with `clean`.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Gold clusters: JSONL with `id` and `cluster` (documents of one story share it)
    #[arg(long, value_name = "PATH")]
    pub gold: PathBuf,
}

/// Flags of `zeef clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Options shared with `check`.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Cleaned corpus: a .jsonl/.ndjson file (.gz/.zst compress it), - for stdout, or a
    /// directory to mirror the input layout in [default: -]
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// JSONL, one line per document in a duplicate cluster
    #[arg(long, value_name = "PATH")]
    pub clusters: Option<PathBuf>,
    /// JSONL, one line per removal decision, with byte span and reason
    #[arg(long, value_name = "PATH")]
    pub explain: Option<PathBuf>,
    /// JSONL, the block classifier's inputs for every block (to fit a model on labelled pages)
    #[arg(long, value_name = "PATH")]
    pub block_features: Option<PathBuf>,
    /// Self-contained HTML report
    #[arg(long, value_name = "PATH")]
    pub report_html: Option<PathBuf>,
}

/// Flags of `zeef check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Options shared with `clean`.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Fail (exit 1) when more than this share of documents are duplicates
    #[arg(long, value_name = "RATE")]
    pub max_duplicate_rate: Option<f64>,
    /// Fail (exit 1) when more than this share of text bytes is clutter
    #[arg(long, value_name = "RATE")]
    pub max_clutter_rate: Option<f64>,
}

/// Flags shared by `clean` and `check`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files, directories (walked recursively, sorted) or - for JSONL on stdin
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// JSON report
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,
    /// Field holding the document id [default: id]
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// Field holding the text [default: text]
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// Field naming the site [default: site; else the host of `url`]
    #[arg(long, value_name = "NAME")]
    pub site_field: Option<String>,
    /// Field holding a date, for --keep earliest [default: date]
    #[arg(long, value_name = "NAME")]
    pub date_field: Option<String>,
    /// Skip bad records (count and report them) instead of stopping
    #[arg(long)]
    pub skip_bad: bool,
    /// Write every document (clusters are still found and reported)
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Write text unchanged (only duplicates are dropped)
    #[arg(long)]
    pub no_clutter: bool,
    /// Write a second article appended below a page's own (infinite scroll) as a document
    /// of its own, id `<id>#2` (`#3` and on if the input has that id), instead of stripping it
    #[arg(long)]
    pub split_articles: bool,
    /// Words per shingle [default: 3]
    #[arg(long, value_name = "N")]
    pub shingle_size: Option<usize>,
    /// MinHash signature length [default: 256]
    #[arg(long, value_name = "N")]
    pub permutations: Option<usize>,
    /// LSH bands [default: 128]
    #[arg(long, value_name = "N")]
    pub bands: Option<usize>,
    /// Signature values per LSH band [default: 2]
    #[arg(long, value_name = "N")]
    pub rows: Option<usize>,
    /// Similarity (Jaccard, or containment) that makes two documents copies [default: 0.5]
    #[arg(long, value_name = "SIM")]
    pub threshold: Option<f64>,
    /// Which copy to keep: longest, first, cleanest, earliest [default: longest]
    #[arg(long, value_name = "POLICY")]
    pub keep: Option<KeepPolicy>,
    /// Block classifier to use instead of the built-in one (JSON, as
    /// tools/train_classifier.py fits it on labelled pages)
    #[arg(long, value_name = "PATH")]
    pub classifier: Option<PathBuf>,
    /// Article probability a block needs to stay, from 0 to 1; lower keeps more short
    /// article lines and more clutter [default: the classifier's, 0.5]
    #[arg(long, value_name = "P")]
    pub clutter_threshold: Option<f64>,
    /// Pages of one site a block must stand on to be site template [default: 3]
    #[arg(long, value_name = "N")]
    pub site_min_pages: Option<u32>,
    /// Worker threads; output is identical for any number [default: all cores]
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Bytes of input per processing batch (for tests: output is identical for any size)
    #[arg(long, value_name = "BYTES", hide = true)]
    pub batch_bytes: Option<usize>,
    /// Seed of every hash function [default: 24303]
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// No summary and no progress on stderr
    #[arg(short, long)]
    pub quiet: bool,
    /// TOML file with any of these options by their long names (flags win)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the effective configuration as JSON and exit
    #[arg(long)]
    pub print_config: bool,
}

/// Flags of `zeef generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of pages
    #[arg(long, default_value_t = 1000)]
    pub docs: usize,
    /// Number of sites
    #[arg(long, default_value_t = 20)]
    pub sites: usize,
    /// Generator seed
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the corpus (JSONL; - for stdout)
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
    /// Also write the gold labels (JSONL: id, cluster, edits)
    #[arg(long, value_name = "PATH")]
    pub gold: Option<PathBuf>,
    /// Also write clutter line labels, as clutter benchmarks give them (JSONL: id, line_no,
    /// boilerplate)
    #[arg(long, value_name = "PATH")]
    pub line_gold: Option<PathBuf>,
    /// Also write each page's article text, as clutter benchmarks give it (JSONL: id, text)
    #[arg(long, value_name = "PATH")]
    pub text_gold: Option<PathBuf>,
}

impl Cli {
    /// Resolves flags, the `--config` file and defaults into a validated [`Config`].
    /// Returns `None` for `generate`, which needs no pipeline configuration.
    pub fn into_config(self) -> Result<Option<(Config, bool)>> {
        let (command, common, outputs, thresholds) = match self.command {
            CliCommand::Clean(a) => (
                Command::Clean,
                a.common,
                Outputs {
                    corpus: Some(a.output.unwrap_or_else(|| PathBuf::from("-"))),
                    report: None,
                    report_html: a.report_html,
                    clusters: a.clusters,
                    explain: a.explain,
                    block_features: a.block_features,
                },
                Thresholds::default(),
            ),
            CliCommand::Check(a) => (
                Command::Check,
                a.common,
                Outputs::default(),
                Thresholds {
                    max_duplicate_rate: a.max_duplicate_rate,
                    max_clutter_rate: a.max_clutter_rate,
                },
            ),
            CliCommand::Eval(a) => (
                Command::Check,
                a.common,
                Outputs::default(),
                Thresholds::default(),
            ),
            CliCommand::Generate(_) | CliCommand::Floor(_) => return Ok(None),
        };
        let file = match &common.config {
            Some(path) => FileSettings::load(path)?,
            None => FileSettings::default(),
        };
        let mut config = Config {
            command,
            ..Config::default()
        };
        // `config` starts at the defaults; a file setting overrides them, a flag both.
        fn layer<T>(slot: &mut T, flag: Option<T>, file: Option<T>) {
            if let Some(value) = flag.or(file) {
                *slot = value;
            }
        }
        config.inputs = common.inputs.clone();
        config.outputs = Outputs {
            report: common.report.clone(),
            ..outputs
        };
        layer(
            &mut config.fields.id,
            common.id_field.clone(),
            file.id_field,
        );
        layer(
            &mut config.fields.text,
            common.text_field.clone(),
            file.text_field,
        );
        layer(
            &mut config.fields.site,
            common.site_field.clone(),
            file.site_field,
        );
        layer(
            &mut config.fields.date,
            common.date_field.clone(),
            file.date_field,
        );
        layer(&mut config.threads, common.threads, file.threads);
        layer(&mut config.seed, common.seed, file.seed);
        layer(&mut config.batch_bytes, common.batch_bytes, None);
        layer(
            &mut config.clutter.site_min_pages,
            common.site_min_pages,
            file.site_min_pages,
        );
        config.clutter.keep_threshold = common.clutter_threshold.or(file.clutter_threshold);
        let dedup = &mut config.dedup;
        layer(
            &mut dedup.shingle_size,
            common.shingle_size,
            file.shingle_size,
        );
        layer(
            &mut dedup.permutations,
            common.permutations,
            file.permutations,
        );
        layer(&mut dedup.bands, common.bands, file.bands);
        layer(&mut dedup.rows, common.rows, file.rows);
        layer(&mut dedup.threshold, common.threshold, file.threshold);
        layer(&mut dedup.keep, common.keep, file.keep);
        // Switches: on when the flag is given or the file sets them.
        config.skip_bad = common.skip_bad || file.skip_bad.unwrap_or(false);
        config.quiet = common.quiet || file.quiet.unwrap_or(false);
        if let Some(path) = &common.classifier {
            config.clutter.use_classifier(path)?;
        }
        config.clutter.enabled = !(common.no_clutter || file.no_clutter.unwrap_or(false));
        config.dedup.drop = !(common.keep_duplicates || file.keep_duplicates.unwrap_or(false));
        config.clutter.split_articles =
            common.split_articles || file.split_articles.unwrap_or(false);
        config.thresholds.max_duplicate_rate =
            thresholds.max_duplicate_rate.or(file.max_duplicate_rate);
        config.thresholds.max_clutter_rate = thresholds.max_clutter_rate.or(file.max_clutter_rate);
        config.validate()?;
        Ok(Some((config, common.print_config)))
    }
}
