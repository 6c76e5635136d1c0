//! The block classifier: a learned model that makes the final keep-or-strip call on every
//! block of a page, from what the clutter rules and the jusText-style pass found.
//!
//! Hand rules each see one signal; whether a short line is a subheading or a menu item
//! depends on many at once (its length, its stop words, its neighbours, how often the site
//! repeats it, what the rules said of it and of the lines around it). Gradient-boosted
//! trees weigh them together, in two stages: the second also reads what the first said of
//! the lines around. The trees were fitted on labelled news pages by
//! `tools/train_classifier.py` (sites held out in cross-validation, so the figures it
//! prints are for sites the model never saw) and are embedded in the binary as
//! `classifier.json`; [`FEATURES`] names the inputs in order.
//!
//! Every input is language-neutral (stop-word density is measured in the page's own
//! language) and none names a site, so the model applies to pages of any site.

use std::borrow::Cow;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use crate::clutter::Reason;

/// What the classifier knows of one block, as the clutter stage measured it.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlockView {
    /// Characters of the text the block keeps after in-line cuts.
    pub chars: usize,
    /// Words of that text.
    pub words: usize,
    /// Stop words per word in the page's language; `None` where no list applies.
    pub stop_density: Option<f64>,
    /// Sentences, by final punctuation.
    pub sentences: usize,
    /// Whether the text ends as a sentence does.
    pub ends_sentence: bool,
    /// Whether the text starts with a capital, digit or quote.
    pub first_upper: bool,
    /// Share of the characters that are digits.
    pub digit_share: f64,
    /// Share of the characters that are capitals.
    pub upper_share: f64,
    /// Separator characters in the text (`|`, `•`, `·`, `›`, `»`).
    pub separators: usize,
    /// Whether a run of three or more spaces stands inside the text (columns laid side by side).
    pub wide_gap: bool,
    /// Share of the site's pages that carry the block's template key.
    pub site_share: f64,
    /// Whether the rules and the jusText pass keep the block (1), keep part of it (0.5) or
    /// strip it (0).
    pub verdict: f64,
    /// Headline-like: short, capitalised, no final full stop.
    pub title_like: bool,
    /// Long enough to be good on its own.
    pub long: bool,
    /// The block the headline rule chose as the page's own headline.
    pub headline: bool,
    /// The rule that strips the block as a whole, if any (one of the rules that run before
    /// the classifier).
    pub reason: Option<Reason>,
    /// The run of line fragments the block is part of (itself alone when it is whole).
    pub run: Run,
    /// Blocks of the page with the same key, this one included.
    pub copies: u32,
    /// Whether the block is short and prints a date or a time of day.
    pub dated: bool,
}

/// Consecutive blocks that are one paragraph broken at inline tags, measured together:
/// each piece alone looks like a menu item, the whole reads as prose.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Run {
    /// Blocks in the run.
    pub blocks: usize,
    /// Characters of their kept text.
    pub chars: usize,
    /// Stop words per word over the run; `None` where no list applies.
    pub stop_density: Option<f64>,
    /// Whether the run's last block ends as a sentence does.
    pub ends_sentence: bool,
}

/// Names of the model's inputs, in order: a block's own measures (`self.*`), a few of its
/// neighbours' (`prev3.*` … `next3.*`), and page context.
pub const FEATURES: [&str; FEATURE_COUNT] = {
    let mut names = [""; FEATURE_COUNT];
    let mut n = 0;
    while n < OWN.len() {
        names[n] = OWN[n];
        n += 1;
    }
    let mut k = 0;
    while k < NEIGHBOUR_NAMES.len() {
        names[n] = NEIGHBOUR_NAMES[k];
        n += 1;
        k += 1;
    }
    let mut k = 0;
    while k < CONTEXT.len() {
        names[n] = CONTEXT[k];
        n += 1;
        k += 1;
    }
    names
};

/// The reasons rules give before the classifier decides, one input each: those declared
/// up to [`Reason::LowContent`] (the later ones are given after it).
const RULE_REASONS: usize = Reason::LowContent as usize + 1;

const OWN: [&str; 25 + RULE_REASONS] = [
    "self.log_chars",
    "self.log_words",
    "self.stop_density",
    "self.sentences",
    "self.ends_sentence",
    "self.first_upper",
    "self.digit_share",
    "self.upper_share",
    "self.separators",
    "self.wide_gap",
    "self.position",
    "self.word_position",
    "self.site_share",
    "self.log_site_pages",
    "self.verdict",
    "self.title_like",
    "self.long",
    "self.headline",
    "self.no_rule",
    "self.run.log_blocks",
    "self.run.log_chars",
    "self.run.stop_density",
    "self.run.ends_sentence",
    "self.log_copies",
    "self.dated",
    "self.reason.site_template",
    "self.reason.navigation",
    "self.reason.prompt",
    "self.reason.credit",
    "self.reason.byline",
    "self.reason.caption",
    "self.reason.pull_quote",
    "self.reason.furniture",
    "self.reason.related_list",
    "self.reason.separator",
    "self.reason.low_content",
];

/// The neighbours looked at, by offset.
const OFFSETS: [isize; 6] = [-3, -2, -1, 1, 2, 3];

/// What is looked at of each neighbour.
const PER_NEIGHBOUR: usize = 5;

const NEIGHBOUR_NAMES: [&str; OFFSETS.len() * PER_NEIGHBOUR] = [
    "prev3.log_chars",
    "prev3.stop_density",
    "prev3.ends_sentence",
    "prev3.verdict",
    "prev3.site_share",
    "prev2.log_chars",
    "prev2.stop_density",
    "prev2.ends_sentence",
    "prev2.verdict",
    "prev2.site_share",
    "prev1.log_chars",
    "prev1.stop_density",
    "prev1.ends_sentence",
    "prev1.verdict",
    "prev1.site_share",
    "next1.log_chars",
    "next1.stop_density",
    "next1.ends_sentence",
    "next1.verdict",
    "next1.site_share",
    "next2.log_chars",
    "next2.stop_density",
    "next2.ends_sentence",
    "next2.verdict",
    "next2.site_share",
    "next3.log_chars",
    "next3.stop_density",
    "next3.ends_sentence",
    "next3.verdict",
    "next3.site_share",
];

const CONTEXT: [&str; 5] = [
    "context.log_kept_words_near",
    "context.log_kept_words_before",
    "context.log_kept_words_after",
    "context.log_page_words",
    "context.log_page_kept_words",
];

/// How many inputs the model takes per block.
pub const FEATURE_COUNT: usize = OWN.len() + NEIGHBOUR_NAMES.len() + CONTEXT.len();

/// Blocks on either side whose kept words count as "near".
const NEAR: usize = 5;

/// The value standing for a neighbour beyond the page's edge.
const OUTSIDE: f32 = -1.0;

/// The model's inputs for every block of a page: [`FEATURE_COUNT`] values per block, block
/// after block. `site_pages` is the number of pages of the page's site.
pub fn vectors(blocks: &[BlockView], site_pages: u32) -> Vec<f32> {
    let n = blocks.len();
    let own: Vec<[f32; OWN.len()]> = {
        let total_words: usize = blocks.iter().map(|b| b.words).sum::<usize>().max(1);
        let mut words_before = 0;
        blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let row = own_measures(b, i, n, words_before, total_words, site_pages);
                words_before += b.words;
                row
            })
            .collect()
    };
    let kept_words: Vec<f64> = blocks
        .iter()
        .map(|b| if b.verdict > 0.0 { b.words as f64 } else { 0.0 })
        .collect();
    let mut before_sum = vec![0.0; n + 1];
    for i in 0..n {
        before_sum[i + 1] = before_sum[i] + kept_words[i];
    }
    let page_words: usize = blocks.iter().map(|b| b.words).sum();
    let page_kept = before_sum[n];

    let mut out = Vec::with_capacity(n * FEATURE_COUNT);
    for i in 0..n {
        out.extend_from_slice(&own[i]);
        for offset in OFFSETS {
            match i.checked_add_signed(offset).filter(|&j| j < n) {
                Some(j) => {
                    let o = &own[j];
                    out.extend_from_slice(&[o[0], o[2], o[4], o[14], o[12]]);
                }
                None => out.extend_from_slice(&[OUTSIDE; PER_NEIGHBOUR]),
            }
        }
        let near = before_sum[(i + NEAR + 1).min(n)] - before_sum[i.saturating_sub(NEAR)];
        out.extend_from_slice(&[
            ln1p(near),
            ln1p(before_sum[i]),
            ln1p(page_kept - before_sum[i + 1]),
            ln1p(page_words as f64),
            ln1p(page_kept),
        ]);
    }
    out
}

/// Names of the second stage's own inputs, after [`FEATURES`]: the first stage's article
/// probability of the block and of its neighbours ([`OUTSIDE`] beyond the page's edge),
/// their mean and highest over the blocks within [`NEAR`] of it, the share of the blocks
/// before and after it that the first stage keeps ([`OUTSIDE`] where there are none), and
/// the page's mean. A block a rule strips whatever the model says counts as probability 0.
pub const SECOND_FEATURES: [&str; 12] = [
    "first.self",
    "first.prev3",
    "first.prev2",
    "first.prev1",
    "first.next1",
    "first.next2",
    "first.next3",
    "first.near_mean",
    "first.near_max",
    "first.kept_share_before",
    "first.kept_share_after",
    "first.page_mean",
];

/// The inputs (`self.reason.*`) of the rules that name what a block is
/// ([`Reason::names_the_block`]): the second stage may lower such a block's probability,
/// never raise it, since its neighbours being article text does not make a newsletter
/// prompt above the article part of it.
const NAMED_RULE_INPUTS: [usize; NAMED_RULE_COUNT] = {
    let mut inputs = [0; NAMED_RULE_COUNT];
    let (mut n, mut k) = (0, 0);
    while k < RULE_REASONS {
        if Reason::ALL[k].names_the_block() {
            inputs[n] = OWN.len() - RULE_REASONS + k;
            n += 1;
        }
        k += 1;
    }
    inputs
};

/// How many of the reasons given before the classifier name what a block is.
const NAMED_RULE_COUNT: usize = {
    let (mut count, mut k) = (0, 0);
    while k < RULE_REASONS {
        if Reason::ALL[k].names_the_block() {
            count += 1;
        }
        k += 1;
    }
    count
};

/// The first-stage probability at which [`SECOND_FEATURES`] count a block as kept: fixed,
/// not the model's threshold, so that the inputs do not depend on the model file.
const FIRST_KEEPS: f64 = 0.5;

/// The second stage's inputs for the blocks `picked` of a page, in that order: each one's
/// [`FEATURE_COUNT`] first-stage inputs of `rows`, then [`SECOND_FEATURES`] from `said`,
/// the first stage's probabilities of every block. Sums are running sums, in order, so
/// that the trainer computes the same numbers.
fn second_inputs(rows: &[f32], said: &[f64], picked: &[usize]) -> Vec<f32> {
    let n = said.len();
    let mut sum = vec![0.0f64; n + 1];
    let mut kept = vec![0usize; n + 1];
    for (i, &p) in said.iter().enumerate() {
        sum[i + 1] = sum[i] + p;
        kept[i + 1] = kept[i] + usize::from(p >= FIRST_KEEPS);
    }
    let share = |count: usize, of: usize| {
        if of == 0 {
            OUTSIDE
        } else {
            (count as f64 / of as f64) as f32
        }
    };
    let mut out = Vec::with_capacity(picked.len() * (FEATURE_COUNT + SECOND_FEATURES.len()));
    for &i in picked {
        out.extend_from_slice(&rows[i * FEATURE_COUNT..(i + 1) * FEATURE_COUNT]);
        out.push(said[i] as f32);
        for offset in OFFSETS {
            let near = i.checked_add_signed(offset).filter(|&j| j < n);
            out.push(near.map_or(OUTSIDE, |j| said[j] as f32));
        }
        let (lo, hi) = (i.saturating_sub(NEAR), (i + NEAR + 1).min(n));
        let highest = said[lo..hi].iter().copied().fold(0.0f64, f64::max);
        out.extend_from_slice(&[
            ((sum[hi] - sum[lo]) / (hi - lo) as f64) as f32,
            highest as f32,
            share(kept[i], i),
            share(kept[n] - kept[i + 1], n - i - 1),
            (sum[n] / n as f64) as f32,
        ]);
    }
    out
}

fn own_measures(
    b: &BlockView,
    index: usize,
    blocks: usize,
    words_before: usize,
    total_words: usize,
    site_pages: u32,
) -> [f32; OWN.len()] {
    let flag = |x: bool| if x { 1.0 } else { 0.0 };
    let mut row = [0.0f32; OWN.len()];
    let head = [
        ln1p(b.chars as f64),
        ln1p(b.words as f64),
        b.stop_density.map_or(OUTSIDE, |d| d as f32),
        b.sentences.min(50) as f32,
        flag(b.ends_sentence),
        flag(b.first_upper),
        b.digit_share as f32,
        b.upper_share as f32,
        b.separators.min(50) as f32,
        flag(b.wide_gap),
        index as f32 / blocks as f32,
        words_before as f32 / total_words as f32,
        b.site_share as f32,
        ln1p(site_pages as f64 - 1.0),
        b.verdict as f32,
        flag(b.title_like),
        flag(b.long),
        flag(b.headline),
        flag(b.reason.is_none()),
        ln1p(b.run.blocks as f64 - 1.0),
        ln1p(b.run.chars as f64),
        b.run.stop_density.map_or(OUTSIDE, |d| d as f32),
        flag(b.run.ends_sentence),
        ln1p(f64::from(b.copies) - 1.0),
        flag(b.dated),
    ];
    row[..head.len()].copy_from_slice(&head);
    if let Some(n) = b.reason.map(|r| r as usize).filter(|&n| n < RULE_REASONS) {
        row[head.len() + n] = 1.0;
    }
    row
}

/// `ln(1 + x)` for `x` at least 0 (below, 0), in `f32`. Nearly every input is a count of
/// characters, words or blocks: those below [`COUNTS_TABULATED`] are looked up, computed
/// once, since a block takes a dozen of them and `ln_1p` is a slow libm call.
fn ln1p(x: f64) -> f32 {
    static TABLE: OnceLock<Vec<f32>> = OnceLock::new();
    let x = x.max(0.0);
    if x < COUNTS_TABULATED as f64 && x == x.trunc() {
        let table = TABLE.get_or_init(|| {
            (0..COUNTS_TABULATED)
                .map(|n| (n as f64).ln_1p() as f32)
                .collect()
        });
        return table[x as usize];
    }
    x.ln_1p() as f32
}

/// The counts whose logarithm [`ln1p`] keeps at hand: 16 KiB of `f32`.
const COUNTS_TABULATED: usize = 4096;

/// The block classifier: two stages of gradient-boosted trees for a binary outcome. The
/// first reads each block's [`FEATURES`]; the second, when the model has one, reads them
/// again with what the first stage said of the block and of the blocks around it
/// ([`SECOND_FEATURES`]), so that a short line between lines the first stage keeps can be
/// kept, and one between lines it strips can go: context smoothing, learned rather than
/// hand-set.
#[derive(Debug)]
pub struct Model {
    threshold: f64,
    first: Trees,
    second: Option<SecondStage>,
}

/// The second stage and the blocks it judges again: those whose first-stage probability
/// lies within `unsure` (inclusive). Where the first stage is sure, its word stands: on
/// sites held out in fitting, the second stage gains nothing there, and skipping those
/// blocks skips most of its cost.
#[derive(Debug)]
struct SecondStage {
    trees: Trees,
    unsure: RangeInclusive<f64>,
}

/// One stage: the sum of one leaf per tree, plus a baseline, is the log-odds that a block
/// is article text.
#[derive(Debug)]
struct Trees {
    baseline: f64,
    /// Inputs per block.
    width: usize,
    trees: Vec<Tree>,
}

/// The most nodes of one tree (128 leaves; the trainer's trees have at most 31 leaves, 61
/// nodes): a tree's nodes fill a fixed array that a `u8` indexes, so that a walk checks no
/// bounds. Walking the trees was a sixth of a run's instructions; on fixed arrays it takes a
/// third fewer.
const TREE_NODES: usize = 256;

/// The most inputs of one stage: a block's inputs are copied into a fixed array of this
/// many before its walk, for the same reason.
const STAGE_INPUTS: usize = 128;

const _: () = assert!(FEATURE_COUNT + SECOND_FEATURES.len() <= STAGE_INPUTS);

/// One tree, its nodes in [`TREE_NODES`] slots (those past its last node are leaves no
/// walk reaches).
#[derive(Debug, Clone)]
struct Tree {
    nodes: [Node; TREE_NODES],
    /// The value of each node that is a leaf (0 for splits).
    values: [f64; TREE_NODES],
    /// The most splits from its root to a leaf.
    depth: u32,
}

/// A split: `x[feature] <= threshold` goes to `left`, else `right`. A leaf points both ways
/// to itself, so that a walk may take more steps than its path is long and stay put: all
/// blocks then take the same number of steps, without a branch to mispredict. Eight bytes,
/// so that the nodes a walk touches share few cache lines.
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    threshold: f32,
    feature: u16,
    left: u8,
    right: u8,
}

/// Blocks walked through a tree side by side: their steps are independent, so the
/// processor overlaps their memory loads.
const LANES: usize = 8;

/// The model file as `tools/train_classifier.py` writes it: the first stage at the top
/// level, the second (optional, so that one-stage models keep working) under `second`.
#[derive(Debug, serde::Deserialize)]
struct ModelFile {
    /// The input names the first stage was fitted on; must equal [`FEATURES`].
    features: Vec<String>,
    /// Log-odds before any tree.
    baseline: f64,
    /// Blocks scoring below this probability are stripped.
    threshold: f64,
    trees: Vec<TreeFile>,
    #[serde(default)]
    second: Option<StageFile>,
}

/// The second stage in the model file.
#[derive(Debug, serde::Deserialize)]
struct StageFile {
    /// The input names it was fitted on; must equal [`FEATURES`] then [`SECOND_FEATURES`].
    features: Vec<String>,
    baseline: f64,
    trees: Vec<TreeFile>,
    /// The first-stage probabilities (low, high; inclusive) of the blocks it judges again;
    /// every block when absent.
    #[serde(default = "every_probability")]
    unsure: [f64; 2],
}

/// The `unsure` range of a second stage that judges every block again.
fn every_probability() -> [f64; 2] {
    [0.0, 1.0]
}

/// One tree, its nodes in arrays: node `k` is a leaf when `feature[k]` is negative, else it
/// sends a block left when its input `feature[k]` is at most `threshold[k]`.
#[derive(Debug, Default, serde::Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct TreeFile {
    feature: Vec<i32>,
    threshold: Vec<f64>,
    left: Vec<u32>,
    right: Vec<u32>,
    value: Vec<f64>,
}

/// The embedded model, fitted by `tools/train_classifier.py`.
const EMBEDDED: &str = include_str!("classifier.json");

/// The largest `f32` not above `t`: for any `f32` x, `x <= below(t)` exactly when
/// `f64::from(x) <= t`, so splits compare in `f32` and decide as the fitted model does.
fn below(t: f64) -> f32 {
    let r = t as f32;
    if f64::from(r) <= t {
        return r;
    }
    // One step towards minus infinity (`f32::next_down`, which needs Rust 1.86).
    match r {
        0.0 => -f32::from_bits(1),
        r if r > 0.0 => f32::from_bits(r.to_bits() - 1),
        r => f32::from_bits(r.to_bits() + 1),
    }
}

/// The most splits on a path from node `k` of `tree` down to a leaf.
fn depth(tree: &TreeFile, k: usize) -> u32 {
    if tree.feature[k] < 0 {
        return 0;
    }
    1 + depth(tree, tree.left[k] as usize).max(depth(tree, tree.right[k] as usize))
}

impl Model {
    /// The model built into zeef.
    pub fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            // The file is part of the source; the unit tests parse and check it.
            Model::parse(EMBEDDED).unwrap_or_else(|e| panic!("classifier.json: {e}"))
        })
    }

    /// Reads a model from its JSON form, checking that it fits this build's inputs.
    pub fn parse(json: &str) -> Result<Model, String> {
        let file: ModelFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if file.features != FEATURES {
            return Err("its inputs are not this build's FEATURES".to_string());
        }
        let second = match &file.second {
            None => None,
            Some(stage) => {
                let expected = FEATURES.iter().chain(&SECOND_FEATURES);
                if !stage
                    .features
                    .iter()
                    .map(String::as_str)
                    .eq(expected.copied())
                {
                    return Err(
                        "its second stage's inputs are not this build's FEATURES and SECOND_FEATURES"
                            .to_string(),
                    );
                }
                let [low, high] = stage.unsure;
                if !(0.0..=1.0).contains(&low) || !(low..=1.0).contains(&high) {
                    return Err(format!(
                        "its second stage's unsure range [{low}, {high}] is not within [0, 1]"
                    ));
                }
                let width = FEATURE_COUNT + SECOND_FEATURES.len();
                let trees = Trees::parse(stage.baseline, &stage.trees, width)
                    .map_err(|e| format!("second stage: {e}"))?;
                Some(SecondStage {
                    trees,
                    unsure: low..=high,
                })
            }
        };
        Ok(Model {
            threshold: file.threshold,
            first: Trees::parse(file.baseline, &file.trees, FEATURE_COUNT)?,
            second,
        })
    }

    /// The probability that each block of `rows` is article text ([`FEATURE_COUNT`] values
    /// per block, as [`vectors`] gives them), no block being stripped by a rule whatever
    /// the model says.
    pub fn probabilities(&self, rows: &[f32]) -> Vec<f64> {
        let blocks = rows.len() / FEATURE_COUNT;
        self.probabilities_where(rows, &vec![false; blocks], false)
            .into_iter()
            .map(|p| p.unwrap_or(0.0))
            .collect()
    }

    /// The probability that each block of `rows` is article text, where `certain` marks
    /// the blocks a rule strips whatever the model says: `None` for those unless
    /// `score_certain`, and for them only the first stage's view, since the second stage
    /// reads them as stripped (probability 0) whether or not they were scored, so that
    /// scoring them never changes another block's verdict. A block the first stage is
    /// sure of keeps the first stage's view too.
    pub fn probabilities_where(
        &self,
        rows: &[f32],
        certain: &[bool],
        score_certain: bool,
    ) -> Vec<Option<f64>> {
        let blocks = rows.len() / FEATURE_COUNT;
        let first = scored_where(
            blocks,
            |i| score_certain || !certain[i],
            |picked| {
                self.first
                    .probabilities(&rows_of(rows, FEATURE_COUNT, picked))
            },
        );
        let Some(second) = &self.second else {
            return first;
        };
        let said: Vec<f64> = first
            .iter()
            .zip(certain)
            .map(|(p, &c)| if c { 0.0 } else { p.unwrap_or(0.0) })
            .collect();
        let judged = scored_where(
            blocks,
            |i| !certain[i] && second.unsure.contains(&said[i]),
            |picked| {
                second
                    .trees
                    .probabilities(&second_inputs(rows, &said, picked))
            },
        );
        let flagged = |i: usize| {
            let row = &rows[i * FEATURE_COUNT..(i + 1) * FEATURE_COUNT];
            NAMED_RULE_INPUTS.iter().any(|&k| row[k] > 0.0)
        };
        judged
            .into_iter()
            .zip(first)
            .enumerate()
            .map(|(i, (second, first))| match (second, first) {
                (Some(second), Some(first)) if flagged(i) => Some(second.min(first)),
                (second, first) => second.or(first),
            })
            .collect()
    }

    /// Whether a block of article probability `p` is kept at the model's threshold.
    pub fn keeps(&self, p: f64) -> bool {
        p >= self.threshold
    }
}

/// The probabilities `score` gives the blocks that `wanted` picks (it gets their indices,
/// in order, and gives one each); `None` for the others.
fn scored_where(
    blocks: usize,
    wanted: impl Fn(usize) -> bool,
    score: impl FnOnce(&[usize]) -> Vec<f64>,
) -> Vec<Option<f64>> {
    let picked: Vec<usize> = (0..blocks).filter(|&i| wanted(i)).collect();
    let mut out = vec![None; blocks];
    for (&i, p) in picked.iter().zip(score(&picked)) {
        out[i] = Some(p);
    }
    out
}

/// The rows of `rows` (`width` values each) of the blocks `picked`, together; `rows`
/// itself when every block is picked.
fn rows_of<'a>(rows: &'a [f32], width: usize, picked: &[usize]) -> Cow<'a, [f32]> {
    if picked.len() * width == rows.len() {
        return Cow::Borrowed(rows);
    }
    let mut subset = Vec::with_capacity(picked.len() * width);
    for &i in picked {
        subset.extend_from_slice(&rows[i * width..(i + 1) * width]);
    }
    Cow::Owned(subset)
}

impl Trees {
    /// Checks one stage's trees and lays their nodes out for walking.
    fn parse(baseline: f64, trees: &[TreeFile], width: usize) -> Result<Trees, String> {
        let mut stage = Trees {
            baseline,
            width,
            trees: Vec::with_capacity(trees.len()),
        };
        for (t, tree) in trees.iter().enumerate() {
            let n = tree.feature.len();
            if n > TREE_NODES {
                return Err(format!(
                    "tree {t} has {n} nodes; zeef walks trees of at most {TREE_NODES}"
                ));
            }
            let sizes_match = [tree.threshold.len(), tree.left.len(), tree.right.len()]
                .iter()
                .chain(std::iter::once(&tree.value.len()))
                .all(|&len| len == n);
            // Children after their parent: every walk ends at a leaf.
            let links_fit = (0..n).all(|k| {
                tree.feature[k] < 0
                    || ((tree.feature[k] as usize) < width
                        && (tree.left[k] as usize) < n
                        && (tree.right[k] as usize) < n
                        && tree.left[k] as usize > k
                        && tree.right[k] as usize > k)
            });
            if n == 0 || !sizes_match || !links_fit {
                return Err(format!("tree {t} is malformed"));
            }
            let mut walked = Tree {
                nodes: [Node::default(); TREE_NODES],
                values: [0.0; TREE_NODES],
                depth: depth(tree, 0),
            };
            // Node indices are below `TREE_NODES` (checked above), so they fit a `u8`;
            // inputs are below `width`, so they fit a `u16`.
            for (k, (slot, value)) in walked.nodes.iter_mut().zip(&mut walked.values).enumerate() {
                let leaf = Node {
                    left: k as u8,
                    right: k as u8,
                    ..Node::default()
                };
                *slot = match tree.feature.get(k) {
                    Some(&feature) if feature >= 0 => Node {
                        threshold: below(tree.threshold[k]),
                        feature: feature as u16,
                        left: tree.left[k] as u8,
                        right: tree.right[k] as u8,
                    },
                    Some(_) => {
                        *value = tree.value[k];
                        leaf
                    }
                    None => leaf,
                };
            }
            stage.trees.push(walked);
        }
        Ok(stage)
    }

    /// The probability of each block of `rows` ([`Trees::width`] values per block). Blocks
    /// go [`LANES`] at a time through every tree, their inputs copied into fixed arrays
    /// first (a last group of fewer walks what the lanes it lacks last held, and drops
    /// it); each block's score adds the trees' leaves in the trees' order.
    fn probabilities(&self, rows: &[f32]) -> Vec<f64> {
        let width = self.width;
        let mut scores = vec![self.baseline; rows.len() / width];
        let mut inputs = [[0.0f32; STAGE_INPUTS]; LANES];
        for (scores, rows) in scores.chunks_mut(LANES).zip(rows.chunks(LANES * width)) {
            for (input, row) in inputs.iter_mut().zip(rows.chunks_exact(width)) {
                input[..width].copy_from_slice(row);
            }
            let mut leaves = [0.0f64; LANES];
            for tree in &self.trees {
                let mut at = [0u8; LANES];
                for _ in 0..tree.depth {
                    // Leaves point to themselves: a step where no block moved found every
                    // block at its leaf.
                    let mut moved = false;
                    for (node, x) in at.iter_mut().zip(&inputs) {
                        let split = tree.nodes[usize::from(*node) % TREE_NODES];
                        let input = x[usize::from(split.feature) % STAGE_INPUTS];
                        let next = if input <= split.threshold {
                            split.left
                        } else {
                            split.right
                        };
                        moved |= next != *node;
                        *node = next;
                    }
                    if !moved {
                        break;
                    }
                }
                for (leaf, &node) in leaves.iter_mut().zip(&at) {
                    *leaf = tree.values[usize::from(node) % TREE_NODES];
                }
                for (score, leaf) in scores.iter_mut().zip(leaves) {
                    *score += leaf;
                }
            }
        }
        scores
            .into_iter()
            .map(|score| 1.0 / (1.0 + (-score).exp()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads_and_fits_the_inputs() {
        let model = Model::parse(EMBEDDED).expect("embedded model parses");
        assert!(!model.first.trees.is_empty());
        let second = model
            .second
            .as_ref()
            .expect("the embedded model has a second stage");
        assert!(!second.trees.trees.is_empty());
        assert!(*second.unsure.start() > 0.0 && *second.unsure.end() < 1.0);
        assert!((0.0..1.0).contains(&model.threshold));
    }

    #[test]
    fn a_model_for_other_inputs_is_refused() {
        let json = r#"{"features":["a"],"baseline":0,"threshold":0.5,"trees":[]}"#;
        assert!(Model::parse(json).is_err());
    }

    #[test]
    fn a_tree_that_links_backwards_is_refused() {
        let features = serde_json::to_string(&FEATURES.to_vec()).unwrap();
        let json = format!(
            r#"{{"features":{features},"baseline":0,"threshold":0.5,"trees":[
                {{"feature":[0,-1,-1],"threshold":[1,0,0],"left":[0,0,0],"right":[2,0,0],"value":[0,1,2]}}]}}"#
        );
        assert!(Model::parse(&json).is_err());
    }

    /// A model of one tree that is a chain of `splits` splits on input 0: split `k` (node
    /// `2k`) sends a block at or below `k` to a leaf of value `k / 100` (node `2k + 1`), one
    /// above it on to the next split; the last node is a leaf of value 0.
    fn chain(splits: usize) -> std::result::Result<Model, String> {
        let features = serde_json::to_string(&FEATURES.to_vec()).unwrap();
        let mut tree = TreeFile::default();
        for k in 0..splits {
            tree.push(0, k as f64, 2 * k + 1, 2 * k + 2, 0.0);
            tree.push(-1, 0.0, 0, 0, k as f64 / 100.0);
        }
        tree.push(-1, 0.0, 0, 0, 0.0);
        let json = format!(
            r#"{{"features":{features},"baseline":0,"threshold":0.5,"trees":[{}]}}"#,
            serde_json::to_string(&tree).unwrap()
        );
        Model::parse(&json)
    }

    impl TreeFile {
        /// Appends node `k`, the next one.
        fn push(&mut self, feature: i32, threshold: f64, left: usize, right: usize, value: f64) {
            self.feature.push(feature);
            self.threshold.push(threshold);
            self.left.push(left as u32);
            self.right.push(right as u32);
            self.value.push(value);
        }
    }

    #[test]
    fn trees_up_to_the_walks_size_route_to_their_deepest_leaves() {
        // 127 splits and 128 leaves: 255 nodes, the longest chain within the 256-node limit.
        let model = chain(127).expect("a tree of 255 nodes parses");
        let mut x = [0.0f32; FEATURE_COUNT];
        for (input, leaf) in [(0.0, 0.0), (100.5, 1.01), (126.0, 1.26), (127.5, 0.0)] {
            x[0] = input;
            let expected = 1.0 / (1.0 + f64::exp(-leaf));
            assert!(
                (model.probabilities(&x)[0] - expected).abs() < 1e-12,
                "{input}"
            );
        }
        let refused = chain(128).expect_err("a tree of 257 nodes is refused");
        assert!(
            refused.contains("257 nodes") && refused.contains("at most 256"),
            "{refused}"
        );
    }

    /// A model of one split on input 0 at `threshold` (as the model file spells it):
    /// log-odds 0.5 - 3 at or below it, 0.5 + 2 above.
    fn one_split(threshold: &str) -> Model {
        let features = serde_json::to_string(&FEATURES.to_vec()).unwrap();
        let json = format!(
            r#"{{"features":{features},"baseline":0.5,"threshold":0.5,"trees":[
                {{"feature":[0,-1,-1],"threshold":[{threshold},0,0],"left":[1,0,0],"right":[2,0,0],"value":[0,-3,2]}}]}}"#
        );
        Model::parse(&json).unwrap()
    }

    #[test]
    fn a_tree_routes_by_its_thresholds() {
        let model = one_split("1.0");
        let mut x = [0.0f32; FEATURE_COUNT];
        let low = model.probabilities(&x)[0];
        x[0] = 2.0;
        let high = model.probabilities(&x)[0];
        assert!((low - 1.0 / (1.0 + 2.5f64.exp())).abs() < 1e-12);
        assert!((high - 1.0 / (1.0 + (-2.5f64).exp())).abs() < 1e-12);
        assert!(!model.keeps(low) && model.keeps(high));
    }

    #[test]
    fn blocks_walked_side_by_side_each_end_at_their_own_leaf_however_deep() {
        // Root on input 0; its left child a leaf (depth 1), its right a split on input 1
        // (leaves at depth 2); a second tree adds 10 on every path.
        let features = serde_json::to_string(&FEATURES.to_vec()).unwrap();
        let json = format!(
            r#"{{"features":{features},"baseline":0,"threshold":0.5,"trees":[
                {{"feature":[0,-1,1,-1,-1],"threshold":[1.0,0,5.0,0,0],"left":[1,0,3,0,0],"right":[2,0,4,0,0],"value":[0,-1,0,2,3]}},
                {{"feature":[-1],"threshold":[0],"left":[0],"right":[0],"value":[10]}}]}}"#
        );
        let model = Model::parse(&json).unwrap();
        let paths = [(0.0, 9.0, -1.0), (2.0, 4.0, 2.0), (2.0, 6.0, 3.0)];
        // More blocks than one group of lanes, the paths interleaved across lanes.
        let picked: Vec<usize> = (0..LANES * 2 + 3).map(|i| (i * 7) % paths.len()).collect();
        let mut rows = vec![0.0f32; picked.len() * FEATURE_COUNT];
        for (row, &p) in rows.chunks_exact_mut(FEATURE_COUNT).zip(&picked) {
            row[0] = paths[p].0;
            row[1] = paths[p].1;
        }
        for (probability, &p) in model.probabilities(&rows).iter().zip(&picked) {
            let expected = 1.0 / (1.0 + (-(paths[p].2 + 10.0f64)).exp());
            assert!((probability - expected).abs() < 1e-12, "path {p}");
        }
    }

    #[test]
    fn tabulated_logarithms_are_the_computed_ones() {
        for x in [0.0, 1.0, 2.0, 17.0, 4095.0, 4096.0, 1e6, 0.5, 2.25, -3.0] {
            let computed = f64::max(x, 0.0).ln_1p() as f32;
            assert_eq!(ln1p(x).to_bits(), computed.to_bits(), "{x}");
        }
        for n in 0..COUNTS_TABULATED {
            assert_eq!(ln1p(n as f64), (n as f64).ln_1p() as f32);
        }
    }

    #[test]
    fn splits_in_f32_decide_as_in_f64() {
        for t in [0.1, -0.3, 1.0 / 3.0, 2.5, 1e-9, -1e-9, -7.000_000_1] {
            let b = below(t);
            assert!(f64::from(b) <= t);
            let up = if b >= 0.0 {
                f32::from_bits(b.to_bits() + 1)
            } else {
                f32::from_bits(b.to_bits() - 1)
            };
            assert!(f64::from(up) > t, "{t}");
        }
    }

    #[test]
    fn vectors_have_one_row_per_block_and_mark_the_page_edges() {
        let block = BlockView {
            chars: 120,
            words: 20,
            verdict: 1.0,
            ..BlockView::default()
        };
        let rows = vectors(&[block, block], 1);
        assert_eq!(rows.len(), 2 * FEATURE_COUNT);
        let first = &rows[..FEATURE_COUNT];
        let prev1 = FEATURES
            .iter()
            .position(|&f| f == "prev1.log_chars")
            .unwrap();
        let next1 = FEATURES
            .iter()
            .position(|&f| f == "next1.log_chars")
            .unwrap();
        assert_eq!(first[prev1], OUTSIDE);
        assert_eq!(first[next1], first[0]);
        let after = FEATURES
            .iter()
            .position(|&f| f == "context.log_kept_words_after")
            .unwrap();
        assert!((first[after] - 21f32.ln()).abs() < 1e-6);
    }

    /// A model of one first-stage tree (a leaf of log-odds `first`) and, when `second` is
    /// given, a second stage of one split: `x[feature] <= at` scores -5, else +5.
    fn two_stage_model(first: f64, second: Option<(usize, f64)>) -> Model {
        Model::parse(&two_stage_json(first, second, "")).unwrap()
    }

    /// [`two_stage_model`]'s JSON, with `unsure` (`,"unsure":[…]` or nothing) in the
    /// second stage.
    fn two_stage_json(first: f64, second: Option<(usize, f64)>, unsure: &str) -> String {
        let features = serde_json::to_string(&FEATURES.to_vec()).unwrap();
        let all: Vec<&str> = FEATURES.iter().chain(&SECOND_FEATURES).copied().collect();
        let all = serde_json::to_string(&all).unwrap();
        let second = second.map_or(String::new(), |(feature, at)| {
            format!(
                r#","second":{{"features":{all},"baseline":0,"trees":[
                {{"feature":[{feature},-1,-1],"threshold":[{at},0,0],"left":[1,0,0],"right":[2,0,0],"value":[0,-5,5]}}]{unsure}}}"#
            )
        });
        format!(
            r#"{{"features":{features},"baseline":0,"threshold":0.5,"trees":[
                {{"feature":[-1],"threshold":[0],"left":[0],"right":[0],"value":[{first}]}}]{second}}}"#
        )
    }

    fn second_input(name: &str) -> usize {
        FEATURE_COUNT + SECOND_FEATURES.iter().position(|&f| f == name).unwrap()
    }

    #[test]
    fn a_second_stage_for_other_inputs_is_refused() {
        let features = serde_json::to_string(&FEATURES.to_vec()).unwrap();
        let json = format!(
            r#"{{"features":{features},"baseline":0,"threshold":0.5,"trees":[],
                "second":{{"features":{features},"baseline":0,"trees":[]}}}}"#
        );
        let refused = Model::parse(&json).unwrap_err();
        assert!(refused.contains("second stage"), "{refused}");
    }

    #[test]
    fn second_inputs_summarise_the_first_stage_around_each_block() {
        let said = [0.9, 0.2, 0.6, 0.0];
        let rows: Vec<f32> = (0..said.len() * FEATURE_COUNT).map(|v| v as f32).collect();
        let every: Vec<usize> = (0..said.len()).collect();
        let inputs = second_inputs(&rows, &said, &every);
        let width = FEATURE_COUNT + SECOND_FEATURES.len();
        assert_eq!(inputs.len(), said.len() * width);
        let at = |block: usize, name: &str| inputs[block * width + second_input(name)];
        // The first-stage inputs come first, unchanged.
        assert_eq!(
            &inputs[width..width + FEATURE_COUNT],
            &rows[FEATURE_COUNT..2 * FEATURE_COUNT]
        );
        assert_eq!(at(1, "first.self"), 0.2);
        assert_eq!(at(1, "first.prev1"), 0.9);
        assert_eq!(at(1, "first.prev2"), OUTSIDE);
        assert_eq!(at(1, "first.next2"), 0.0);
        assert_eq!(at(0, "first.near_max"), 0.9);
        assert_eq!(at(2, "first.near_mean"), (1.7f64 / 4.0) as f32);
        // Of the blocks before block 3, two of three are kept; block 0 has none before it.
        assert_eq!(at(3, "first.kept_share_before"), (2.0f64 / 3.0) as f32);
        assert_eq!(at(0, "first.kept_share_before"), OUTSIDE);
        assert_eq!(at(0, "first.kept_share_after"), (1.0f64 / 3.0) as f32);
        assert_eq!(at(3, "first.kept_share_after"), OUTSIDE);
        assert_eq!(at(2, "first.page_mean"), (1.7f64 / 4.0) as f32);
        // Picked blocks get the rows they have among all, in the order picked.
        let picked = second_inputs(&rows, &said, &[2, 0]);
        assert_eq!(&picked[..width], &inputs[2 * width..3 * width]);
        assert_eq!(&picked[width..], &inputs[..width]);
    }

    #[test]
    fn the_second_stage_decides_by_the_first_stages_view_of_the_neighbours() {
        // The first stage keeps every block (log-odds 2); the second keeps a block only
        // when the first kept the block above it.
        let model = two_stage_model(2.0, Some((second_input("first.prev1"), 0.5)));
        let rows = vec![0.0f32; 3 * FEATURE_COUNT];
        let p = model.probabilities(&rows);
        assert!(!model.keeps(p[0]), "nothing above the first block: {p:?}");
        assert!(model.keeps(p[1]) && model.keeps(p[2]), "{p:?}");
        // Without a second stage, the first decides alone.
        let one = two_stage_model(2.0, None);
        assert!(one.probabilities(&rows).iter().all(|&p| one.keeps(p)));
    }

    #[test]
    fn a_block_stripped_for_certain_reads_as_stripped_whether_or_not_it_is_scored() {
        let model = two_stage_model(2.0, Some((second_input("first.prev1"), 0.5)));
        let rows = vec![0.0f32; 3 * FEATURE_COUNT];
        let certain = [false, true, false];
        let unscored = model.probabilities_where(&rows, &certain, false);
        let scored = model.probabilities_where(&rows, &certain, true);
        assert_eq!(unscored[1], None);
        // A certain block gets the first stage's view of itself.
        assert_eq!(scored[1], Some(1.0 / (1.0 + (-2.0f64).exp())));
        for i in [0, 2] {
            assert_eq!(scored[i], unscored[i], "block {i}");
        }
        // Block 2 sits below a block a rule strips: the second stage strips it too.
        assert!(!model.keeps(unscored[2].unwrap()));
    }

    #[test]
    fn the_second_stage_judges_only_the_blocks_the_first_is_unsure_of() {
        // The first stage gives every block 0.88 (log-odds 2); the second strips every
        // block (every probability is at most 2).
        let strips = Some((second_input("first.self"), 2.0));
        let rows = vec![0.0f32; 2 * FEATURE_COUNT];
        let keeps_all = |unsure: &str| {
            let model = Model::parse(&two_stage_json(2.0, strips, unsure)).unwrap();
            model.probabilities(&rows).iter().all(|&p| model.keeps(p))
        };
        assert!(
            !keeps_all(""),
            "without a range, the second stage judges every block"
        );
        assert!(!keeps_all(r#","unsure":[0.1,0.9]"#));
        assert!(
            keeps_all(r#","unsure":[0.1,0.8]"#),
            "0.88 is sure: the first stage's view stands"
        );
        for bad in [
            r#","unsure":[0.5,0.4]"#,
            r#","unsure":[-0.1,0.9]"#,
            r#","unsure":[0.1,1.5]"#,
        ] {
            let refused = Model::parse(&two_stage_json(2.0, strips, bad)).unwrap_err();
            assert!(refused.contains("unsure range"), "{bad}: {refused}");
        }
    }

    #[test]
    fn named_rule_inputs_are_the_named_rules_reasons() {
        let names: Vec<&str> = NAMED_RULE_INPUTS.iter().map(|&k| FEATURES[k]).collect();
        assert_eq!(
            names,
            [
                "self.reason.navigation",
                "self.reason.prompt",
                "self.reason.credit",
                "self.reason.byline",
                "self.reason.caption",
                "self.reason.furniture",
                "self.reason.related_list",
                "self.reason.separator",
            ]
        );
    }

    #[test]
    fn the_second_stage_never_raises_a_block_a_named_rule_flagged() {
        // The first stage strips (log-odds -1); the second keeps every block (no
        // probability is at most -2).
        let model = two_stage_model(-1.0, Some((second_input("first.self"), -2.0)));
        let mut rows = vec![0.0f32; 2 * FEATURE_COUNT];
        let prompt = FEATURES
            .iter()
            .position(|&f| f == "self.reason.prompt")
            .unwrap();
        rows[FEATURE_COUNT + prompt] = 1.0;
        let p = model.probabilities(&rows);
        assert!(model.keeps(p[0]), "{p:?}");
        assert_eq!(
            p[1],
            1.0 / (1.0 + 1f64.exp()),
            "the prompt keeps the first stage's view"
        );
    }

    #[test]
    fn a_threshold_equal_to_an_input_value_parses_exactly_and_sends_it_left() {
        // The fitted trees split at quantiles of the inputs, so a threshold is often an
        // input value itself, printed with 17 digits; parsed a unit in the last place low,
        // the value equal to it would go right, unlike in the fitted model.
        let model = one_split("7.3092122077941895");
        let mut rows = vec![0.0f32; FEATURE_COUNT];
        rows[0] = 7.309_212_207_794_189_5_f64 as f32;
        assert_eq!(f64::from(rows[0]), 7.309_212_207_794_189_5);
        assert!(!model.keeps(model.probabilities(&rows)[0]));
    }
}
