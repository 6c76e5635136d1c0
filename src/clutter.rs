//! Clutter: decides which spans of a page are not the article.
//!
//! Two kinds of evidence, combined per block, then one decision:
//! 1. **Across pages of a site** ([`crate::sites::SiteStats`]): a block whose digit-masked key recurs on
//!    many pages of one site is template (nav, related lists, newsletter prompts, footers).
//!    Counts are document frequencies over the whole input, so the decision does not depend
//!    on which page comes first, and every copy goes, not all but the first.
//! 2. **Within a page** ([`decide`]): rules for what one page carries (navigation words,
//!    calls to action, credits and bylines, separator lines, related-article items with a
//!    glued age, page furniture glued into a line, a leading date) and a jusText-style
//!    classifier (length, stop-word density, context smoothing) for the rest.
//! 3. **The block classifier** ([`crate::classifier`]) makes the final call on every block
//!    from what 1 and 2 found, and three rules act on its verdict: the page's headline
//!    above the article start stays, a comment thread below the article goes, and so does
//!    a second article appended below a section label.
//!
//! Every removal carries a [`Reason`]; spans are byte offsets into the original text and
//! never overlap.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use foldhash::fast::FixedState;
use xxhash_rust::xxh3::xxh3_64;

use crate::classifier::{self, BlockView, Model, Run};
use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, StopHits, DATE_LABELS, SHARE_BAR_WORDS};
use crate::normalize::{
    is_unspaced, mask_digits, normalize, normalize_into, template_key, word_hash, word_spans,
};
use crate::segment::{segment, Block};

/// Settings of the clutter stage.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClutterConfig {
    /// Whether clutter is stripped at all (`--no-clutter` turns it off).
    pub enabled: bool,
    /// A block is site template when at least this many pages of its site carry it.
    pub site_min_pages: u32,
    /// Long blocks (20 words or more) must also recur on this share of the site's pages:
    /// a long paragraph on a few pages is more likely a story the site ran twice.
    pub site_long_share: f64,
    /// The `--classifier` model file; `None` for the built-in model.
    pub classifier: Option<PathBuf>,
    /// The model read from [`ClutterConfig::classifier`].
    #[serde(skip)]
    pub model: Option<Arc<Model>>,
    /// The article probability a block needs to stay (`--clutter-threshold`); `None` for
    /// the model's own. Lower keeps more of an article's short lines (subheadings, list
    /// items, captions) and more clutter with them: the trade the README's table measures.
    pub keep_threshold: Option<f64>,
    /// Whether a second article appended below a page's own is written as a document of
    /// its own (`--split-articles`) instead of stripped.
    pub split_articles: bool,
    /// Whether the classifier also scores the blocks a certain rule strips whatever it
    /// says, for their [`Removal::article_permille`]: only `--explain` shows it, and a
    /// run without it skips a quarter of the classifier's work.
    #[serde(skip)]
    pub score_certain: bool,
}

impl Default for ClutterConfig {
    fn default() -> Self {
        ClutterConfig {
            enabled: true,
            site_min_pages: 3,
            site_long_share: 0.5,
            classifier: None,
            model: None,
            keep_threshold: None,
            split_articles: false,
            score_certain: true,
        }
    }
}

impl ClutterConfig {
    /// On how many of its site's `site_pages` pages a block of `words` words must stand to
    /// be site template ([`Reason::SiteTemplate`]): `site_min_pages`, and for a long block
    /// (20 words or more) also `site_long_share` of them; `None` for a site with fewer than
    /// `site_min_pages` pages, where nothing is template.
    pub fn template_pages_needed(&self, words: usize, site_pages: u32) -> Option<u32> {
        if site_pages < self.site_min_pages {
            return None;
        }
        Some(if words >= 20 {
            self.site_min_pages
                .max((self.site_long_share * site_pages as f64).ceil() as u32)
        } else {
            self.site_min_pages
        })
    }

    /// Reads the block classifier from `path`, to use instead of the built-in one.
    pub fn use_classifier(&mut self, path: &Path) -> Result<()> {
        let problem = |message: String| Error::Classifier {
            path: path.to_path_buf(),
            message,
        };
        let json = std::fs::read_to_string(path).map_err(|e| problem(e.to_string()))?;
        self.model = Some(Arc::new(Model::parse(&json).map_err(problem)?));
        self.classifier = Some(path.to_path_buf());
        Ok(())
    }

    /// The block classifier in use.
    fn model(&self) -> &Model {
        match &self.model {
            Some(model) => model,
            None => Model::get(),
        }
    }

    /// Whether the classifier's article probability `p` keeps a block: at
    /// `--clutter-threshold` when given, else at the model's own.
    fn keeps(&self, p: f64) -> bool {
        match self.keep_threshold {
            Some(threshold) => p >= threshold,
            None => self.model().keeps(p),
        }
    }
}

/// Why a span was removed. One enum feeds the cleaned output, report, explain stream and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Recurs on many pages of the same site.
    SiteTemplate,
    /// Menu, paging and control words standing alone (`Home`, `Previous`, `Next`), or in a
    /// column beside the article's text on the same line (a page laid out in a table).
    Navigation,
    /// A call to action: newsletter, share, comment, cookie, app, "read also".
    Prompt,
    /// A photo, source or agency credit, or a caption credit.
    Credit,
    /// A byline (`Door …`, `By …`).
    Byline,
    /// A one-sentence photo caption standing next to a credit.
    Caption,
    /// A pull quote: a short block whose words the article itself carries further on.
    PullQuote,
    /// Page furniture: reading time, view counts, dates, glued into a line or alone.
    Furniture,
    /// An item of a related-article list, or a run of them under a "read also" heading.
    RelatedList,
    /// A line of separators only (`-`, `|`, `***`).
    Separator,
    /// Short or function-word-poor text among clutter: the jusText-style pass, or the block
    /// classifier for a block no rule flagged.
    LowContent,
    /// A second, unrelated article appended below the first (infinite scroll).
    SecondArticle,
    /// The whole document is a near-duplicate of a kept one.
    DuplicateDocument,
    /// A comment thread below the article.
    Comments,
    /// Raw HTML the extractor let through (`<a href="…">`, `<script …>`, `</noscript>`).
    Markup,
}

impl Reason {
    /// Every reason, in declaration order: `Reason::ALL[r as usize] == r`.
    pub const ALL: [Reason; 15] = [
        Reason::SiteTemplate,
        Reason::Navigation,
        Reason::Prompt,
        Reason::Credit,
        Reason::Byline,
        Reason::Caption,
        Reason::PullQuote,
        Reason::Furniture,
        Reason::RelatedList,
        Reason::Separator,
        Reason::LowContent,
        Reason::SecondArticle,
        Reason::DuplicateDocument,
        Reason::Comments,
        Reason::Markup,
    ];

    /// Whether the reason is an in-page rule of its own that names what a block is (a
    /// prompt, a caption, a menu item), not the site statistics, the pull-quote match or
    /// the jusText pass: the classifier's context may not overrule such a rule.
    pub const fn names_the_block(self) -> bool {
        !matches!(
            self,
            Reason::SiteTemplate | Reason::PullQuote | Reason::LowContent
        )
    }

    /// Whether the reason names what an article carries around its text (a byline, a
    /// date, a credit, a caption, a pull quote, a call to action, its comments), not what
    /// stands between articles (menus, lists, templates).
    pub const fn furnishes_an_article(self) -> bool {
        matches!(
            self,
            Reason::Prompt
                | Reason::Credit
                | Reason::Byline
                | Reason::Caption
                | Reason::PullQuote
                | Reason::Furniture
                | Reason::Comments
        )
    }

    /// The name used in reports and the explain stream.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::SiteTemplate => "site_template",
            Reason::Navigation => "navigation",
            Reason::Prompt => "prompt",
            Reason::Credit => "credit",
            Reason::Byline => "byline",
            Reason::Caption => "caption",
            Reason::PullQuote => "pull_quote",
            Reason::Furniture => "furniture",
            Reason::RelatedList => "related_list",
            Reason::Separator => "separator",
            Reason::LowContent => "low_content",
            Reason::SecondArticle => "second_article",
            Reason::DuplicateDocument => "duplicate_document",
            Reason::Comments => "comments",
            Reason::Markup => "markup",
        }
    }
}

/// A byte range of a page that cleaning removes: a [`Removal`], or a bare `(start, end)` as
/// the writer reads removals back from its spool.
pub trait Span {
    /// `(start, end)`: byte offsets of the first removed byte and one past the last.
    fn span(&self) -> (usize, usize);
}

impl Span for (usize, usize) {
    fn span(&self) -> (usize, usize) {
        *self
    }
}

impl Span for Removal {
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
}

/// One span to strip from a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Removal {
    /// Byte offset of the first removed byte.
    pub start: usize,
    /// Byte offset one past the last removed byte.
    pub end: usize,
    /// Why.
    pub reason: Reason,
    /// For [`Reason::SiteTemplate`]: on how many pages of the site the block stands.
    pub site_pages: u32,
    /// For a whole block: the block classifier's probability that it is article text, in
    /// thousandths (a rule on its verdict can strip a block it would keep). `None` for a
    /// span cut out of a line.
    pub article_permille: Option<u16>,
}

/// A page split into blocks, with each block's key form and template key.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The non-blank lines.
    pub blocks: Vec<Block>,
    /// The key form of each block (see [`crate::normalize`]).
    pub forms: KeyForms,
    /// Template key of each block (see [`crate::normalize::template_key`]).
    pub keys: Vec<u64>,
}

impl Page {
    /// Segments `text`, normalises its blocks and keys them.
    pub fn new(text: &str) -> Page {
        let blocks = segment(text);
        // A key form is about as long as its block or shorter: one allocation each.
        let mut forms = KeyForms {
            text: String::with_capacity(text.len()),
            spans: Vec::with_capacity(blocks.len()),
            scratch: String::new(),
        };
        for block in &blocks {
            forms.push(block.text(text));
        }
        let mut scratch = String::new();
        let keys = (0..blocks.len())
            .map(|i| template_key(forms.get(i), &mut scratch))
            .collect();
        Page {
            blocks,
            forms,
            keys,
        }
    }
}

/// Bytes of a page frame per block: start, end and line (`u32` each), whether a blank line
/// stands before it (one byte), its form's span (two `u32`) and its template key (`u64`).
const FRAME_BLOCK_BYTES: usize = 4 * 3 + 1 + 4 * 2 + 8;

/// Bytes of a page frame before its blocks: the text's xxh3 and the number of blocks.
const FRAME_HEAD_BYTES: usize = 8 + 4;

impl Page {
    /// The page as bytes for the page spool (see [`Page::from_frame`]), so that the second
    /// pass reads back what the first computed instead of segmenting and normalising the
    /// text again. Empty for a page too large for the frame's 32-bit offsets: the reader
    /// then computes it anew.
    pub fn to_frame(&self, text: &str) -> Vec<u8> {
        let fits = |n: usize| u32::try_from(n).is_ok();
        if !fits(text.len()) || !fits(self.forms.text.len()) || !fits(self.blocks.len()) {
            return Vec::new();
        }
        let mut frame = Vec::with_capacity(
            FRAME_HEAD_BYTES + self.blocks.len() * FRAME_BLOCK_BYTES + self.forms.text.len(),
        );
        frame.extend_from_slice(&xxh3_64(text.as_bytes()).to_le_bytes());
        frame.extend_from_slice(&(self.blocks.len() as u32).to_le_bytes());
        for ((block, &(start, end)), &key) in
            self.blocks.iter().zip(&self.forms.spans).zip(&self.keys)
        {
            for n in [block.start, block.end, block.line, start, end] {
                frame.extend_from_slice(&(n as u32).to_le_bytes());
            }
            frame.push(u8::from(block.after_blank));
            frame.extend_from_slice(&key.to_le_bytes());
        }
        frame.extend_from_slice(self.forms.text.as_bytes());
        frame
    }

    /// The page [`Page::to_frame`] wrote for `text`; `None` when the frame is not one of
    /// `text` (its hash differs: the input changed between passes) or is malformed.
    pub fn from_frame(frame: &[u8], text: &str) -> Option<Page> {
        let (head, rest) = frame.split_at_checked(FRAME_HEAD_BYTES)?;
        let (hash, count) = head.split_at(8);
        if u64::from_le_bytes(hash.try_into().ok()?) != xxh3_64(text.as_bytes()) {
            return None;
        }
        let count = u32::from_le_bytes(count.try_into().ok()?) as usize;
        let (table, forms) = rest.split_at_checked(count.checked_mul(FRAME_BLOCK_BYTES)?)?;
        let forms = std::str::from_utf8(forms).ok()?.to_string();
        let mut page = Page {
            blocks: Vec::with_capacity(count),
            forms: KeyForms {
                text: String::new(),
                spans: Vec::with_capacity(count),
                scratch: String::new(),
            },
            keys: Vec::with_capacity(count),
        };
        for entry in table.chunks_exact(FRAME_BLOCK_BYTES) {
            let int = |n: usize| {
                let bytes: [u8; 4] = entry[4 * n..4 * n + 4].try_into().unwrap_or_default();
                u32::from_le_bytes(bytes) as usize
            };
            let (start, end, line, form_start, form_end) = (int(0), int(1), int(2), int(3), int(4));
            let key: [u8; 8] = entry[21..29].try_into().ok()?;
            // Offsets that fit the text and the forms: slicing with them cannot fail.
            let fits = start <= end
                && text.get(start..end).is_some()
                && form_start <= form_end
                && forms.get(form_start..form_end).is_some();
            if !fits {
                return None;
            }
            page.blocks.push(Block {
                start,
                end,
                line,
                after_blank: entry[20] != 0,
            });
            page.forms.spans.push((form_start, form_end));
            page.keys.push(u64::from_le_bytes(key));
        }
        page.forms.text = forms;
        Some(page)
    }
}

/// The key forms of many texts in one string, without an allocation per text: the forms
/// joined by single spaces, so that for a page's blocks the whole string is the page's key
/// form.
#[derive(Debug, Clone, Default)]
pub struct KeyForms {
    text: String,
    spans: Vec<(usize, usize)>,
    scratch: String,
}

impl KeyForms {
    /// Adds the key form of `text`, without the `o` that marks a nested list item in
    /// text laid out from HTML (`o Novembro (163)`): it is no word of the line, and in
    /// Portuguese and Spanish a stop word that made menus read as prose.
    pub fn push(&mut self, text: &str) {
        normalize_into(without_inner_list_marker(text), &mut self.scratch);
        join_form(&mut self.text, &self.scratch);
        self.spans
            .push((self.text.len() - self.scratch.len(), self.text.len()));
    }

    /// The key form of the `index`-th text.
    pub fn get(&self, index: usize) -> &str {
        let (start, end) = self.spans[index];
        &self.text[start..end]
    }

    /// How many texts.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// All forms, joined by single spaces.
    pub fn joined(&self) -> &str {
        &self.text
    }
}

/// jusText's paragraph classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

/// What the classifier needs to know of a block.
struct Features<'a> {
    key: &'a str,
    /// The [`word_hash`] of each word of `key`.
    hashes: &'a [u64],
    /// Sentences, counted by their final punctuation (at least 1 for any text).
    sentences: usize,
    words: usize,
    chars: usize,
    /// Stop words per word; `None` on a page in a language without a list.
    stop_density: Option<f64>,
    /// Long enough to be good on its own (see [`Length`]).
    long: bool,
    title_like: bool,
    /// Starts with a capital, a digit or a quote.
    first_upper: bool,
}

// jusText's defaults (Pomikálek 2011), on characters of the block.
const LENGTH_LOW: usize = 70;
const LENGTH_HIGH: usize = 200;
const STOPWORDS_LOW: f64 = 0.30;
const STOPWORDS_HIGH: f64 = 0.32;
const HEADING_DISTANCE: usize = 200;

/// Decides the removals of one page.
///
/// `frequency(key)` is the number of pages of this page's site that carry a block key and
/// `site_pages` the number of pages of the site.
pub fn decide(
    text: &str,
    page: &Page,
    site_pages: u32,
    frequency: impl Fn(u64) -> u32,
    config: &ClutterConfig,
) -> Vec<Removal> {
    judge(text, page, site_pages, frequency, config).removals
}

/// A page's removals, with the classifier's inputs that led to them.
pub struct Judgement {
    /// The spans to strip, in order.
    pub removals: Vec<Removal>,
    /// A second article found appended below the first (its blocks are among `removals`,
    /// as [`Reason::SecondArticle`]), for `--split-articles`.
    pub second_article: Option<SecondArticle>,
    /// [`classifier::FEATURE_COUNT`] inputs per block, block after block.
    pub vectors: Vec<f32>,
    /// Whether a rule strips each block whatever the classifier says: the trainer reads
    /// these as the model does (probability 0 for the second stage).
    pub certain: Vec<bool>,
}

/// A second article appended below a page's own, as a page of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondArticle {
    /// The spans to strip from the page to leave the article alone, in order.
    pub spans: Vec<(usize, usize)>,
    /// Where it stands on the page: the start of its first kept block (its headline) and
    /// the end of its last.
    pub range: (usize, usize),
}

/// The key form of `page` less its site template ([`Reason::SiteTemplate`]: blocks on
/// enough of its site's `site_pages` pages, `frequency` giving a block key's): what dedup
/// fingerprints of a page whose text is written unchanged (`--no-clutter`), so that pages
/// of one site do not match through their menus. A page that is all template (a short
/// story a site posted three times) keeps its whole form, or its copies could not match.
pub fn template_free_form(
    text: &str,
    page: &Page,
    site_pages: u32,
    frequency: impl Fn(u64) -> u32,
    config: &ClutterConfig,
) -> String {
    let form = kept_form(
        text,
        page,
        &template_spans(page, site_pages, frequency, config),
    );
    if form.is_empty() {
        page.forms.joined().to_string()
    } else {
        form
    }
}

/// The site-template blocks of [`template_free_form`], as spans in order. Words are counted
/// on the whole block, where the clutter stage counts what its in-line cuts leave.
fn template_spans(
    page: &Page,
    site_pages: u32,
    frequency: impl Fn(u64) -> u32,
    config: &ClutterConfig,
) -> Vec<(usize, usize)> {
    page.blocks
        .iter()
        .zip(&page.keys)
        .enumerate()
        .filter(|&(i, (_, &key))| {
            let words = word_spans(page.forms.get(i))
                .filter(|(start, end)| end > start)
                .count();
            config
                .template_pages_needed(words, site_pages)
                .is_some_and(|needed| frequency(key) >= needed)
        })
        .map(|(_, (block, _))| (block.start, block.end))
        .collect()
}

/// As [`decide`], keeping the classifier's inputs (for `--block-features`).
pub fn judge(
    text: &str,
    page: &Page,
    site_pages: u32,
    frequency: impl Fn(u64) -> u32,
    config: &ClutterConfig,
) -> Judgement {
    let lex = Lexicon::get();
    let blocks = &page.blocks;
    let keys = &page.forms;
    let mut hashes = Vec::with_capacity(keys.joined().len() / 5);
    let tallies: Vec<Tally> = (0..blocks.len())
        .map(|i| Tally::of(keys.get(i), lex, &mut hashes))
        .collect();
    let mut page_hits = StopHits::default();
    tallies.iter().for_each(|t| page_hits.merge(&t.stops));
    let language = page_hits.most_covered();
    let page_words: usize = tallies.iter().map(|t| t.words).sum();
    let unlisted = unlisted_language(&page_hits, language, page_words);

    // Lines of a page laid out in a table (see [`COLUMN_GAP`]): found once, read by the
    // column cut, the list rule and the second-article rule.
    let columned: Vec<bool> = blocks
        .iter()
        .map(|b| memchr::memmem::find(b.text(text).as_bytes(), COLUMN_GAP).is_some())
        .collect();
    let mut partial: Vec<Removal> = Vec::new();
    let kept: Vec<(usize, usize)> = blocks
        .iter()
        .zip(&columned)
        .map(|(block, &columned)| cut_furniture(text, block, columned, lex, &mut partial))
        .collect();
    // Most blocks keep all their text: their key form is already at hand. The others get
    // the key form of what they keep.
    let mut cut_keys = KeyForms::default();
    let mut cut_key_of: Vec<Option<usize>> = vec![None; blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        if kept[i] != (block.start, block.end) {
            cut_key_of[i] = Some(cut_keys.len());
            cut_keys.push(kept_text(text, kept[i]));
        }
    }
    let cut_tallies: Vec<Tally> = (0..cut_keys.len())
        .map(|n| Tally::of(cut_keys.get(n), lex, &mut hashes))
        .collect();

    // What each block keeps after in-line cuts, and on how many of the site's pages its key
    // stands: the rules and the classifier's inputs read them. (Comment stamps are read
    // whole: the in-line cut takes the date off `September 12, 2018 at 4:47 pm`.)
    let kept_texts: Vec<&str> = kept.iter().map(|&k| kept_text(text, k)).collect();
    let key_pages: Vec<u32> = page.keys.iter().map(|&k| frequency(k)).collect();
    let copies = copies_in_page(&page.keys);
    let mut whole: Vec<Option<(Reason, u32)>> = vec![None; blocks.len()];
    // Blocks whose rule strips them whatever the classifier says.
    let mut certain = vec![false; blocks.len()];
    let mut features = Vec::with_capacity(blocks.len());
    for i in 0..blocks.len() {
        let kept_text = kept_texts[i];
        let (key, tally) = match cut_key_of[i] {
            Some(n) => (cut_keys.get(n), &cut_tallies[n]),
            None => (keys.get(i), &tallies[i]),
        };
        if kept_text.is_empty() {
            whole[i] = Some((Reason::Furniture, 0));
            certain[i] = true;
        } else if let Some(reason) = certain_rule(kept_text, key, tally.words, columned[i], lex) {
            whole[i] = Some((reason, 0));
            certain[i] = true;
        } else if let Some(reason) = rule(kept_text, key, tally.words, lex) {
            whole[i] = Some((reason, 0));
            // A call to action with emoji (`Laat het weten in de reacties! 👇`) is never
            // the article's.
            certain[i] = reason == Reason::Prompt && has_pictograph(kept_text);
        } else if let Some(needed) = config.template_pages_needed(tally.words, site_pages) {
            if key_pages[i] >= needed {
                whole[i] = Some((Reason::SiteTemplate, key_pages[i]));
            }
        }
        let length = Length::of(kept_text, tally.words);
        let stops = if unlisted {
            None
        } else {
            stops_counted(&tally.stops, language, kept_text, length)
        };
        features.push(features_of(
            kept_text,
            key,
            &hashes[tally.hashes.clone()],
            stops,
            length,
        ));
    }

    mark_captions(&features, &kept_texts, &mut whole, lex);
    for (certain, whole) in certain.iter_mut().zip(&whole) {
        *certain |= matches!(whole, Some((Reason::Caption, _)));
    }
    mark_pull_quotes(&features, &mut whole);
    let mut class = classify(&features, &whole);
    rescue_empty_page(&features, &whole, &mut class);
    let headline = protect_headline(&features, &mut whole, &mut class);
    mark_related_runs(&features, &mut whole, &mut certain, &class, lex);

    // The rules' verdict on each block, and what the classifier sees of it.
    let mut verdict: Vec<Option<(Reason, u32)>> = whole
        .iter()
        .zip(&class)
        .map(|(w, c)| match (w, c) {
            (Some(w), _) => Some(*w),
            (None, Class::Bad) => Some((Reason::LowContent, 0)),
            (None, _) => None,
        })
        .collect();
    let runs = fragment_runs(&kept_texts, &features);
    // A call to action the rules name, standing whole, is never the article's: on the
    // labelled pages 98% of them are clutter (the rest mostly `Click here for the slide
    // show`), and left to the classifier they come and go with every refit. A piece of a
    // sentence broken at its links (`you can sign up for a` / `Disney+`) stays its run's.
    for i in 0..blocks.len() {
        if runs[i].blocks <= 1 && matches!(verdict[i], Some((Reason::Prompt, _))) {
            certain[i] = true;
        }
    }
    let views: Vec<BlockView> = (0..blocks.len())
        .map(|i| {
            let kept_text = kept_texts[i];
            let cut = kept[i] != (blocks[i].start, blocks[i].end);
            let f = &features[i];
            let chars = char_classes(kept_text);
            BlockView {
                chars: f.chars,
                words: f.words,
                stop_density: f.stop_density,
                sentences: f.sentences,
                ends_sentence: ends_sentence(kept_text),
                first_upper: f.first_upper,
                digit_share: chars.digits as f64 / f.chars.max(1) as f64,
                upper_share: chars.upper as f64 / f.chars.max(1) as f64,
                separators: chars.separators,
                wide_gap: chars.wide_gap,
                site_share: f64::from(key_pages[i]) / f64::from(site_pages.max(1)),
                verdict: match verdict[i] {
                    Some(_) => 0.0,
                    None if cut => 0.5,
                    None => 1.0,
                },
                title_like: f.title_like,
                long: f.long,
                headline: headline == Some(i),
                reason: verdict[i].map(|(r, _)| r),
                run: runs[i],
                copies: copies[i],
                dated: is_dated(kept_text, f.words, lex),
            }
        })
        .collect();
    let vectors = classifier::vectors(&views, site_pages);
    let stamps: Vec<bool> = (0..blocks.len())
        .map(|i| is_comment_stamp(blocks[i].text(text), keys.get(i), lex))
        .collect();
    let model = config.model();
    let probability = model.probabilities_where(&vectors, &certain, config.score_certain);
    let mut keep: Vec<bool> = probability
        .iter()
        .map(|p| p.is_some_and(|p| config.keeps(p)))
        .collect();
    // The rules below read what is kept (the headline is looked for above the first kept
    // paragraph), so what a certain rule removes is gone for them too, and again at the end
    // for whatever they kept.
    let strip_certain = |keep: &mut [bool]| {
        for (keep, _) in keep.iter_mut().zip(&certain).filter(|(_, &c)| c) {
            *keep = false;
        }
    };
    strip_certain(&mut keep);
    keep_runs_whole(&runs, &features, &verdict, &mut keep);
    keep_following_sentences(&features, &kept_texts, &verdict, &mut keep);
    strip_comments(
        &features,
        &runs,
        keys,
        lex,
        &stamps,
        &mut verdict,
        &mut keep,
    );
    keep_headline(&features, &kept_texts, &verdict, &mut keep);
    keep_subheadings(&features, &kept_texts, &verdict, &mut keep);
    let second_keep = strip_second_article(
        &features,
        &runs,
        &columned,
        keys,
        lex,
        &mut verdict,
        &mut keep,
    );
    strip_certain(&mut keep);
    if !keep.contains(&true) {
        // A page the classifier would empty keeps what the rules keep.
        keep = verdict.iter().map(Option::is_none).collect();
    }
    keep_some_prose(&features, &kept_texts, &verdict, &mut keep);

    // A block removed as a whole is one span: the pieces cut from it earlier go, so spans
    // never overlap and no byte is counted twice.
    let removed_where = |keep: &[bool]| -> Vec<Removal> {
        let mut removals: Vec<Removal> = partial
            .iter()
            .filter(|r| keep[blocks.partition_point(|b| b.end <= r.start)])
            .copied()
            .collect();
        for (i, block) in blocks.iter().enumerate() {
            if !keep[i] {
                let (reason, site_pages) = verdict[i].unwrap_or((Reason::LowContent, 0));
                removals.push(Removal {
                    start: block.start,
                    end: block.end,
                    reason,
                    site_pages,
                    article_permille: probability[i].map(|p| (p * 1000.0).round() as u16),
                });
            }
        }
        removals.sort_by_key(|r| (r.start, r.end));
        removals
    };
    let second_article = second_keep.and_then(|mut second| {
        strip_certain(&mut second);
        let first = second.iter().position(|&k| k)?;
        let last = second.iter().rposition(|&k| k)?;
        Some(SecondArticle {
            spans: removed_where(&second)
                .into_iter()
                .map(|r| (r.start, r.end))
                .collect(),
            range: (blocks[first].start, blocks[last].end),
        })
    });
    Judgement {
        removals: removed_where(&keep),
        second_article,
        vectors,
        certain,
    }
}

/// Keeps or strips each run of fragments (see [`fragment_runs`]) as a whole, as the
/// classifier judged the larger part of its words: a sentence broken at its links is
/// article text or clutter all through, and a link's words inside an article sentence
/// (`Fannie Mae`, `(nyse:`) belong to it.
fn keep_runs_whole(
    runs: &[Run],
    features: &[Features],
    verdict: &[Option<(Reason, u32)>],
    keep: &mut [bool],
) {
    let mut start = 0;
    while start < runs.len() {
        let end = start + runs[start].blocks.max(1);
        if end - start > 1 {
            let words: usize = features[start..end].iter().map(|f| f.words).sum();
            let kept: usize = (start..end)
                .filter(|&j| keep[j])
                .map(|j| features[j].words)
                .sum();
            let whole = 2 * kept >= words.max(1);
            for j in start..end {
                // A byline or a credit that reads on (`di Francesca Rinaldi` under a
                // standfirst) is not the sentence's: it keeps the classifier's verdict.
                if !whole || !named_rule(verdict[j]) {
                    keep[j] = whole;
                }
            }
        }
        start = end;
    }
}

/// Whether an in-page rule of its own removed the block: not only the site statistics,
/// the pull-quote match or the jusText pass.
fn named_rule(verdict: Option<(Reason, u32)>) -> bool {
    matches!(verdict, Some((r, _)) if r.names_the_block())
}

/// Keeps a subheading inside the article: a title-like block of at most
/// [`SUBHEADING_WORDS`] words that no rule removed, right above a kept paragraph of prose
/// ([`PROSE_WORDS`] words or more, ending a sentence) and with the nearest kept block above
/// it as long (a paragraph, or a quote with its speaker after it). Between them may stand
/// at most two blocks a named rule removed (a caption, a pull quote), not menu items.
/// Alone, such a line reads as a menu item or a teaser to the classifier; between
/// paragraphs it is the article's.
fn keep_subheadings(
    features: &[Features],
    kept_texts: &[&str],
    verdict: &[Option<(Reason, u32)>],
    keep: &mut [bool],
) {
    let long = |j: usize, keep: &[bool]| keep[j] && features[j].words >= PROSE_WORDS;
    let prose = |j: usize, keep: &[bool]| long(j, keep) && ends_sentence(kept_texts[j]);
    // What may stand between a subheading and the paragraph above it.
    let aside = |j: usize, keep: &[bool]| is_aside(keep[j], verdict[j]);
    for i in 1..features.len().saturating_sub(1) {
        let f = &features[i];
        if !keep[i]
            && removed_by_classification_only(verdict[i])
            && f.title_like
            && f.words <= SUBHEADING_WORDS
            && prose(i + 1, keep)
            && (i.saturating_sub(3)..i)
                .rev()
                .find(|&j| !aside(j, keep))
                .is_some_and(|j| long(j, keep))
        {
            keep[i] = true;
        }
    }
}

/// Keeps a sentence the classifier stripped when it follows a kept sentence of the
/// article: a block of [`SENTENCE_WORDS`] words or more that ends a sentence, that no named
/// rule removed, with the nearest block above it that is not an aside (an advert marker,
/// a caption, a "read also" line; two at most) a kept block of [`SENTENCE_WORDS`] + 2 words
/// or more ending a sentence, or any kept block (a subheading) with such a sentence kept
/// below. The classifier reads the article's last paragraph, or the last item of a list,
/// by the share bar below it. Judged on the classifier's verdict
/// alone, so a block kept here does not carry the next one.
fn keep_following_sentences(
    features: &[Features],
    kept_texts: &[&str],
    verdict: &[Option<(Reason, u32)>],
    keep: &mut [bool],
) {
    let judged = keep.to_vec();
    let sentence = |j: usize, words: usize| {
        features[j].words >= words
            && ends_sentence(kept_texts[j])
            && features[j].stop_density.is_none_or(|d| d > 0.0)
    };
    let aside = |j: usize| is_aside(judged[j], verdict[j]);
    for i in 1..features.len() {
        if judged[i] || !removed_by_classification_only(verdict[i]) || !sentence(i, SENTENCE_WORDS)
        {
            continue;
        }
        let above = (i.saturating_sub(3)..i).rev().find(|&j| !aside(j));
        let below = (i + 1..features.len().min(i + 4)).find(|&j| !aside(j));
        let follows = above.is_some_and(|j| judged[j] && sentence(j, SENTENCE_WORDS + 2));
        // Under a kept subheading, above a kept paragraph: inside the article.
        let between = above.is_some_and(|j| judged[j])
            && below.is_some_and(|j| judged[j] && sentence(j, SENTENCE_WORDS + 2));
        if follows || between {
            keep[i] = true;
        }
    }
}

/// Whether no rule stands against a block, only the jusText pass or nothing: the blocks
/// the rules on the classifier's verdict may bring back.
fn removed_by_classification_only(verdict: Option<(Reason, u32)>) -> bool {
    matches!(verdict, None | Some((Reason::LowContent, _)))
}

/// Whether a stripped block is an aside inside the article (an advert marker, a caption, a
/// pull quote, a "read also" line): a rule removed it, not the jusText pass alone.
fn is_aside(kept: bool, verdict: Option<(Reason, u32)>) -> bool {
    !kept && matches!(verdict, Some((r, _)) if r != Reason::LowContent)
}

/// An article has a paragraph: when nothing kept is prose ([`PROSE_WORDS`] words or more,
/// ending a sentence), keeps the blocks of [`RESCUED_WORDS`] words or more that end a
/// sentence and that no rule removed. The classifier weighs a page's few long lines by
/// their neighbours, and on a short page those are all template.
fn keep_some_prose(
    features: &[Features],
    kept_texts: &[&str],
    verdict: &[Option<(Reason, u32)>],
    keep: &mut [bool],
) {
    let prose = |j: usize, words: usize| features[j].words >= words && ends_sentence(kept_texts[j]);
    if (0..keep.len()).any(|j| keep[j] && prose(j, PROSE_WORDS)) {
        return;
    }
    for j in 0..keep.len() {
        if removed_by_classification_only(verdict[j]) && prose(j, RESCUED_WORDS) {
            keep[j] = true;
        }
    }
}

/// The fewest words of a block [`keep_some_prose`] keeps.
const RESCUED_WORDS: usize = 30;

/// The fewest words of a sentence [`keep_following_sentences`] keeps.
const SENTENCE_WORDS: usize = 4;

/// The most words a subheading has (see [`keep_subheadings`]).
const SUBHEADING_WORDS: usize = 10;

/// The fewest words of a paragraph of prose around a subheading.
const PROSE_WORDS: usize = 15;

/// Keeps the page's headline above the article start the classifier found: the nearest
/// title-like block of three words or more above the first kept block that is not
/// title-like, looking back over at most three blocks that no in-page rule removed. The
/// classifier alone is wary of headlines: on real pages most title-like lines near the top
/// are menus and teasers, and a headline is also what other pages of the site link to.
fn keep_headline(
    features: &[Features],
    kept_texts: &[&str],
    verdict: &[Option<(Reason, u32)>],
    keep: &mut [bool],
) {
    let body = (0..features.len()).find(|&i| keep[i] && !features[i].title_like);
    // A title-like line with a `|` or `•` is a byline or a breadcrumb (`R. Gómez | La
    // Ribera`), not the headline.
    let unseparated = |i: usize| !kept_texts[i].contains(['|', '•']);
    let Some(title) = body.and_then(|body| headline_above(features, verdict, body, unseparated))
    else {
        return;
    };
    keep[title] = true;
    // A standfirst without a full stop is title-like too, and the nearest such block: the
    // headline is the shorter title-like block right above it (past what a rule removed).
    if features[title].words >= STANDFIRST_WORDS {
        let above = (0..title).rev().find(|&i| !named_rule(verdict[i]));
        if let Some(i) = above {
            let f = &features[i];
            if f.title_like && f.words >= 4 && f.words < features[title].words {
                keep[i] = true;
            }
        }
    }
}

/// The fewest words of a standfirst (the lead printed under a headline).
const STANDFIRST_WORDS: usize = 12;

/// Comment stamps in a row make a thread when each stands within this many blocks of the
/// one before.
const STAMP_GAP: usize = 12;

/// Kept words that must stand above a thread: an article's own dateline is a stamp too.
const WORDS_ABOVE_COMMENTS: usize = 50;

/// How far above its first stamp a thread's heading (`34 Comments`) may stand.
const COMMENT_HEADING_REACH: usize = 8;

/// A comment thread below the article: three or more comment stamps (a date with a time of
/// day, `2 days ago at 07:52`, or a line ending `says:`), each within [`STAMP_GAP`] blocks
/// of the last, below at least [`WORDS_ABOVE_COMMENTS`] words of the article (kept, or long
/// paragraphs that only the jusText pass or the classifier removed). It goes from its
/// heading (or its first stamp) to the end of the page: comments read as prose, in the
/// page's language, so only their stamps give them away, and what follows a thread is
/// the page's footer.
fn strip_comments(
    features: &[Features],
    runs: &[Run],
    keys: &KeyForms,
    lex: &Lexicon,
    stamps: &[bool],
    verdict: &mut [Option<(Reason, u32)>],
    keep: &mut [bool],
) {
    let stamped: Vec<usize> = (0..stamps.len()).filter(|&i| stamps[i]).collect();
    let mut run_start = 0;
    for end in 1..=stamped.len() {
        if end < stamped.len() && stamped[end] - stamped[end - 1] <= STAMP_GAP {
            continue;
        }
        let run = &stamped[run_start..end];
        run_start = end;
        if run.len() < 3 {
            continue;
        }
        let first = run[0];
        let start = (first.saturating_sub(COMMENT_HEADING_REACH)..first)
            .rev()
            .find(|&i| lex.is_comment_heading(keys.get(i)))
            .unwrap_or(first);
        // The classifier may have stripped the article above, reading it with the
        // thread below: a long paragraph (or run of fragments) that only the jusText pass
        // or the classifier removed counts too.
        let prose = |i: usize| {
            matches!(verdict[i], None | Some((Reason::LowContent, _)))
                && (features[i].long || runs[i].chars > LENGTH_HIGH)
        };
        let words_above: usize = (0..start)
            .filter(|&i| keep[i] || prose(i))
            .map(|i| features[i].words)
            .sum();
        if words_above < WORDS_ABOVE_COMMENTS {
            continue;
        }
        strip_to_end(
            start,
            Reason::Comments,
            &[Reason::LowContent],
            verdict,
            keep,
        );
        return;
    }
}

/// Strips every block from `start` to the end of the page as `reason`: those kept, and
/// those no rule removed or only a rule in `weaker` did (the rest keep their own reason).
fn strip_to_end(
    start: usize,
    reason: Reason,
    weaker: &[Reason],
    verdict: &mut [Option<(Reason, u32)>],
    keep: &mut [bool],
) {
    for i in start..keep.len() {
        if keep[i] || verdict[i].is_none_or(|(r, _)| weaker.contains(&r)) {
            keep[i] = false;
            verdict[i] = Some((reason, 0));
        }
    }
}

/// Whether a block is the stamp of a comment: short, with a time of day and a date or a
/// relative age, or ending as `… says:` does.
fn is_comment_stamp(original: &str, key: &str, lex: &Lexicon) -> bool {
    // A time and a signature both need a colon; most blocks have none.
    if memchr::memchr(b':', original.as_bytes()).is_none()
        || original.len() > 200 && original.chars().nth(160).is_some()
    {
        return false;
    }
    let lower = original.trim_end().to_lowercase();
    if COMMENT_SIGNATURES.iter().any(|s| lower.ends_with(s)) {
        return true;
    }
    let mut time = false;
    let mut date = false;
    for word in original.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != ':');
        let is_time = word.split_once(':').is_some_and(|(h, m)| {
            (1..=2).contains(&h.len())
                && h.bytes().all(|b| b.is_ascii_digit())
                && m.len() >= 2
                && m.bytes().take(2).all(|b| b.is_ascii_digit())
                && m[2..].bytes().all(|b| b.is_ascii_alphabetic())
        });
        time |= is_time;
        date |= !is_time && matches!(date_part(&lowercase(word), lex), DatePart::Date);
    }
    time && (date || is_relative_age(key, lex))
}

/// How the line that signs a comment ends.
const COMMENT_SIGNATURES: &[&str] = &[
    " says:",
    " said:",
    " wrote:",
    " schreef:",
    " zegt:",
    " sagt:",
    " schrieb:",
    " a écrit :",
    " a écrit:",
    " dice:",
    " escribió:",
    " scrive:",
    " ha scritto:",
];

/// A second article appended below the first (infinite scroll): a section label standing
/// alone (not a fragment of a sentence broken at a link, not a cell of a page laid out in
/// columns) and a headline-like block below it, or a headline-like block with a byline
/// right below it; then at least two more kept blocks, below a first article that visibly
/// ended. The first article is at least three kept blocks that make
/// up most of the blocks from the first kept block to the label ([`FIRST_ARTICLE_SHARE`];
/// an article's own furniture, its byline, dates, credits, captions and prompts, does not
/// count), so a label and a headline in a column of menus and teasers above the article
/// open nothing; and between its last kept block and the label stands what closes an article
/// ([`closes_an_article`]: a call to action, a byline, a credit, a comment count), so a
/// teaser boxed inside the article, whose text then goes on, opens nothing either.
/// Everything from the label (or the headline) on goes.
///
/// Returns which blocks the second article keeps as a page of its own (its headline and
/// the blocks the classifier kept below it), for `--split-articles`.
///
/// This runs on the classifier's verdict, not the rules': the prose of an appended article
/// reads as article text, and only its place on the page gives it away.
fn strip_second_article(
    features: &[Features],
    runs: &[Run],
    columned: &[bool],
    keys: &KeyForms,
    lex: &Lexicon,
    verdict: &mut [Option<(Reason, u32)>],
    keep: &mut [bool],
) -> Option<Vec<bool>> {
    let first = keep.iter().position(|&k| k)?;
    let mut kept_before = 0;
    let mut blocks_before = 0;
    let mut last_kept = first;
    for i in first..features.len() {
        if keep[i] {
            kept_before += 1;
            blocks_before += 1;
            last_kept = i;
            continue;
        }
        if features[i].words > 0 && verdict[i].is_none_or(|(r, _)| !r.furnishes_an_article()) {
            blocks_before += 1;
        }
        // A label among lines of columns is the menu column of a page laid out in a
        // table, not the label of a new article.
        let near_columns =
            columned[i.saturating_sub(2)..(i + 3).min(columned.len())].contains(&true);
        if kept_before < 3
            || (kept_before as f64) < FIRST_ARTICLE_SHARE * blocks_before as f64
            || runs[i].blocks > 1
            || near_columns
            || !verdict[last_kept + 1..i]
                .iter()
                .any(|v| v.is_some_and(|(r, _)| closes_an_article(r)))
        {
            continue;
        }
        // The second article's head: a section label and the headline below it, or a
        // headline with its byline right below it.
        let title = if lex.is_category(keys.get(i)) {
            let title = (i + 1..features.len()).find(|&j| keep[j] || features[j].title_like)?;
            if !features[title].title_like {
                continue;
            }
            title
        } else if features[i].title_like
            && features[i].words >= HEADLINE_WORDS
            && verdict[i + 1..(i + 3).min(features.len())]
                .iter()
                .any(|v| matches!(v, Some((Reason::Byline, _))))
        {
            i
        } else {
            continue;
        };
        let kept_after = (title + 1..features.len()).filter(|&j| keep[j]).count();
        if kept_after >= 2 {
            let second: Vec<bool> = (0..keep.len())
                .map(|j| j == title || j > title && keep[j])
                .collect();
            let weaker = [Reason::LowContent, Reason::Navigation];
            strip_to_end(i, Reason::SecondArticle, &weaker, verdict, keep);
            return Some(second);
        }
    }
    None
}

/// The fewest words of a headline: a shorter title-like block is a label or a button
/// (`SUBSCRIBE`, `Regio`).
const HEADLINE_WORDS: usize = 3;

/// The least share of the blocks from the first kept block to a section label that the
/// first article keeps, for the label to open a second article (see
/// [`strip_second_article`]). On clutter-dev, labels in menu columns above an article
/// stand where a tenth of the blocks are kept; the first articles of the pages with a
/// second article keep nearly all of theirs.
const FIRST_ARTICLE_SHARE: f64 = 0.5;

/// Whether a block removed for `reason` is what closes an article: the call to share or
/// to comment, the newsletter box, a byline or credit at its foot, the comment count.
fn closes_an_article(reason: Reason) -> bool {
    matches!(
        reason,
        Reason::Prompt | Reason::Byline | Reason::Credit | Reason::Comments
    )
}

/// Characters of a block the classifier counts, in one pass.
struct CharClasses {
    digits: usize,
    upper: usize,
    separators: usize,
    wide_gap: bool,
}

fn char_classes(text: &str) -> CharClasses {
    // Built once: a searcher is costly to build, cheap to run.
    static WIDE_GAP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("   "));
    // ASCII first, one sum of 0/1 per class: each compiles to a vector loop (a
    // `filter().count()` does not). Bytes of other characters never match.
    let bytes = text.as_bytes();
    let mut counts = CharClasses {
        digits: count_bytes(bytes, |b| b.is_ascii_digit()),
        upper: count_bytes(bytes, |b| b.is_ascii_uppercase()),
        separators: count_bytes(bytes, |b| b == b'|'),
        wide_gap: WIDE_GAP.find(bytes).is_some(),
    };
    if !bytes.is_ascii() {
        for c in text.chars().filter(|c| !c.is_ascii()) {
            counts.digits += usize::from(c.is_numeric());
            counts.upper += usize::from(c.is_uppercase());
            counts.separators += usize::from(matches!(c, '•' | '·' | '›' | '»'));
        }
    }
    counts
}

/// How many of `bytes` are in a class, summed in lanes of `u8` so that the loop vectorises.
fn count_bytes(bytes: &[u8], class: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let hits: u8 = chunk.iter().map(|&b| u8::from(class(b))).sum();
            usize::from(hits)
        })
        .sum()
}

/// Whether a page is in a language zeef has no stop words for: its most covered language's
/// stop words are under [`UNLISTED_LANGUAGE_SHARE`] of its words (English menus around a
/// Japanese article still leave that share tiny). Such a page is classified as jusText
/// does without a stop list, by length and context alone.
fn unlisted_language(hits: &StopHits, language: usize, words: usize) -> bool {
    words > 0 && (hits.of(language) as f64) < UNLISTED_LANGUAGE_SHARE * words as f64
}

/// See [`unlisted_language`]: prose in any listed language is above a fifth stop words.
const UNLISTED_LANGUAGE_SHARE: f64 = 0.05;

/// The stop words a block is measured by: those of the page's language, or for a long
/// block, those of its own language when they are more (an article published in another
/// language than the page's menus); `None` for a long block with no stop word of any
/// language (an article in a language without a list under menus in one with a list).
fn stops_counted(
    stops: &StopHits,
    page_language: usize,
    kept_text: &str,
    length: Length,
) -> Option<usize> {
    let on_page = stops.of(page_language);
    if !length.long {
        return Some(on_page);
    }
    // Prose has sentences; a long line of names or numbers has none.
    let sentence_marks = || {
        memchr::memchr3_iter(b'.', b'!', b'?', kept_text.as_bytes()).count() + length.unspaced_stops
    };
    match stops.of(stops.most_covered()) {
        0 if sentence_marks() >= 2 => None,
        own => Some(on_page.max(own)),
    }
}

/// A block's length as the classifier counts it.
#[derive(Debug, Clone, Copy)]
struct Length {
    chars: usize,
    /// Long in characters, or in words where a character is a word (scripts without
    /// spaces, whose sentences are a third as long).
    long: bool,
    /// Sentence ends of scripts without spaces (`。！？`), counted in the same pass.
    unspaced_stops: usize,
}

impl Length {
    fn of(kept_text: &str, words: usize) -> Length {
        if kept_text.is_ascii() {
            let chars = kept_text.len();
            return Length {
                chars,
                long: chars > LENGTH_HIGH,
                unspaced_stops: 0,
            };
        }
        let (mut chars, mut unspaced_stops) = (0, 0);
        for c in kept_text.chars() {
            chars += 1;
            unspaced_stops += usize::from(matches!(c, '。' | '！' | '？'));
        }
        let long =
            chars > LENGTH_HIGH || (words >= LONG_WORDS && kept_text.chars().any(is_unspaced));
        Length {
            chars,
            long,
            unspaced_stops,
        }
    }
}

/// Words that make a block of a script without spaces long (see [`Length`]).
const LONG_WORDS: usize = 60;

/// The words of a key form and its stop words in every language, counted in one pass.
struct Tally {
    words: usize,
    stops: StopHits,
    /// Where the words' hashes stand in the page's hash list.
    hashes: std::ops::Range<usize>,
}

impl Tally {
    /// Counts the words of `key`, appending their [`word_hash`]es to `hashes`.
    fn of(key: &str, lex: &Lexicon, hashes: &mut Vec<u64>) -> Tally {
        let first = hashes.len();
        let mut stops = StopHits::default();
        if !key.is_empty() {
            for (start, end) in word_spans(key) {
                let word = &key[start..end];
                let hash = word_hash(word.as_bytes());
                stops.add(lex.stopword_languages_hashed(word, hash));
                hashes.push(hash);
            }
        }
        Tally {
            words: hashes.len() - first,
            stops,
            hashes: first..hashes.len(),
        }
    }
}

/// Cuts a menu column (in a `columned` line), leading dates and glued-in furniture from a
/// block: pushes the removed pieces to `partial` and returns the span the block keeps
/// (empty when all of it is furniture).
fn cut_furniture(
    text: &str,
    block: &Block,
    columned: bool,
    lex: &Lexicon,
    partial: &mut Vec<Removal>,
) -> (usize, usize) {
    let mut kept = (block.start, block.end);
    let column = columned.then(|| article_column(block.text(text))).flatten();
    if let Some((from, to)) = column {
        for (start, end) in [
            (block.start, block.start + from),
            (block.start + to, block.end),
        ] {
            if start < end {
                partial.push(removal(start, end, Reason::Navigation));
            }
        }
        kept = (block.start + from, block.start + to);
    }

    // Dates in a row (`Gepubliceerd: … | Bijgewerkt: …`) go together.
    let mut cut = kept.0;
    while let Some(len) = leading_date(&text[cut..kept.1], lex) {
        cut += len;
        let rest = &text[cut..kept.1];
        cut += rest.len()
            - rest
                .trim_start_matches(['|', '•', '·', '-', '–', ' '])
                .len();
    }
    if cut > kept.0 {
        partial.push(removal(kept.0, cut, Reason::Furniture));
        kept.0 = cut;
    }
    if kept.0 < kept.1 {
        let rest = &text[kept.0..kept.1];
        if let Some((from, to, all)) = furniture_segments(rest, lex) {
            if all {
                kept.1 = kept.0;
            } else {
                partial.push(removal(kept.0 + from, kept.0 + to, Reason::Furniture));
                if from == 0 {
                    kept.0 += to;
                } else {
                    kept.1 = kept.0 + from;
                }
            }
        }
    }
    kept
}

/// Spaces in a row that part the columns of a page laid out in a table, as text
/// extractors render it (`Business          Apple has upgraded the iPod …`). Prose never
/// has so many.
const COLUMN_GAP: &[u8] = b"    ";

/// Words from which a column's cell is a paragraph rather than a menu item or a link.
const COLUMN_PROSE_WORDS: usize = 8;

/// The byte spans of a line's columns (see [`COLUMN_GAP`]); one span for a line that has
/// none.
fn columns(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut cells = Vec::new();
    let mut start = 0;
    for gap in memchr::memmem::find_iter(bytes, COLUMN_GAP) {
        if gap < start {
            continue;
        }
        if gap > start {
            cells.push((start, gap));
        }
        start = gap + bytes[gap..].iter().take_while(|&&b| b == b' ').count();
    }
    if start < bytes.len() {
        cells.push((start, bytes.len()));
    }
    cells
}

/// In a line of columns with one paragraph among menu items and links, the span of the
/// paragraph: the only cell of [`COLUMN_PROSE_WORDS`] words or more, and not a list item,
/// beside one or two cells of words. Those are the page's menu column printed beside the
/// article.
fn article_column(line: &str) -> Option<(usize, usize)> {
    let cells = columns(line);
    let mut prose = cells
        .iter()
        .filter(|&&(start, end)| line[start..end].split_whitespace().count() >= COLUMN_PROSE_WORDS);
    let (Some(&(start, end)), None) = (prose.next(), prose.next()) else {
        return None;
    };
    // A row of a table in the article (`DL   Myles Garrett   57   77%   1 tackle …`) has
    // more cells, or numbers in them; a line of code (`x = 1    # the loop's start …`)
    // has symbols no menu has.
    let menu_like = |&(from, to): &(usize, usize)| {
        let cell = &line[from..to];
        cell.chars().any(char::is_alphabetic) && !cell.contains(['=', '{', '}', ';', '<', '>'])
    };
    let menu = cells.iter().filter(|&&cell| cell != (start, end));
    let fits = (2..=3).contains(&cells.len())
        && !opens_list_marker(&line[start..end])
        && menu.clone().all(menu_like);
    fits.then_some((start, end))
}

/// A line of two or more columns that each open with a list marker (`* Jet debris rains
/// down      * Plane forced to land`): headline lists set side by side.
fn is_list_columns(line: &str) -> bool {
    let cells = columns(line);
    cells.len() > 1
        && cells
            .iter()
            .all(|&(start, end)| opens_list_marker(&line[start..end]))
}

/// The most words of a breadcrumb trail.
const BREADCRUMB_WORDS: usize = 30;

/// The separators of a breadcrumb trail.
const BREADCRUMB_SEPARATORS: &[&str] = &[" > ", " › ", " » ", " → "];

/// A breadcrumb trail: three or more steps of one to five words between `>`, `›`, `»` or
/// `→` (`Sie sind hier: Startseite > Lokales > Wiesental`).
fn is_breadcrumb(original: &str) -> bool {
    // `>`, or the last byte of `»`, `›` or `→`: most lines have none.
    if !original
        .bytes()
        .any(|b| matches!(b, b'>' | 0xBB | 0xBA | 0x92))
    {
        return false;
    }
    BREADCRUMB_SEPARATORS.iter().any(|separator| {
        let mut steps = 0;
        original.split(separator).all(|step| {
            steps += 1;
            (1..=5).contains(&step.split_whitespace().count())
        }) && steps >= 3
    })
}

/// The first word of a key form.
fn first_word(key: &str) -> &str {
    key.split_once(' ').map_or(key, |(first, _)| first)
}

/// The most words of a byline that is only a name (`Von Markus Heilmann`).
const NAME_BYLINE_WORDS: usize = 5;

/// A byline that is only a name: a byline opener and capitalised words, no sentence end
/// (`di Francesca Rinaldi`, `By Jane Doe`).
fn is_name_byline(original: &str, key: &str, lex: &Lexicon) -> bool {
    let first = first_word(key);
    let mut names = original.split_whitespace().skip(1).peekable();
    names.peek().is_some()
        && lex.opens_byline(first)
        && !ends_sentence(original)
        && names.all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
}

/// An item of a list cut off with an ellipsis: a related article's headline and the start
/// of its text (`* UN regrets new US position … UNITED NATIONS: The Secretary General has…`).
fn is_teaser_item(original: &str) -> bool {
    let end = original.trim_end();
    opens_list_marker(original) && (end.ends_with('…') || end.ends_with("..."))
}

/// Whether a cell is an item of a list (`* `, `• `, `- `, …).
fn opens_list_marker(cell: &str) -> bool {
    ["* ", "• ", "+ ", "- ", "· "]
        .iter()
        .any(|marker| cell.starts_with(marker))
}

/// `text` less a leading `o ` list marker (see [`KeyForms::push`]): a lowercase `o` alone
/// before a word, as no sentence opens.
fn without_inner_list_marker(text: &str) -> &str {
    let start = text.trim_start_matches(crate::segment::is_blank_char);
    match start.strip_prefix("o ") {
        Some(rest) if rest.starts_with(|c: char| !c.is_whitespace()) => rest,
        _ => text,
    }
}

/// The text a block keeps, without the blanks its cuts left at either end.
fn kept_text(text: &str, kept: (usize, usize)) -> &str {
    text[kept.0..kept.1].trim_matches(crate::segment::is_blank_char)
}

fn removal(start: usize, end: usize, reason: Reason) -> Removal {
    Removal {
        start,
        end,
        reason,
        site_pages: 0,
        article_permille: None,
    }
}

/// How many blocks of the page share each block's key: share buttons, `Advert` and
/// `Read later` repeat down a page, article paragraphs almost never do.
fn copies_in_page(keys: &[u64]) -> Vec<u32> {
    let mut counts: HashMap<u64, u32, FixedState> =
        HashMap::with_capacity_and_hasher(keys.len(), FixedState::default());
    for &key in keys {
        *counts.entry(key).or_default() += 1;
    }
    keys.iter().map(|key| counts[key]).collect()
}

/// The in-page rule that removes a whole block of `words` words whatever the classifier
/// makes of it, if one applies: lines that are never article text in any language.
/// `columned`: the block's line is laid out in columns (see [`COLUMN_GAP`]).
fn certain_rule(
    original: &str,
    key: &str,
    words: usize,
    columned: bool,
    lex: &Lexicon,
) -> Option<Reason> {
    if is_markup(original) {
        return Some(Reason::Markup);
    }
    if words <= 6 && lex.is_reading_time(key) {
        return Some(Reason::Furniture);
    }
    if words <= 16 && is_dateline(original, lex) {
        return Some(Reason::Furniture);
    }
    if words <= 40 && ends_with_credit(original, lex) {
        return Some(Reason::Caption);
    }
    if words <= 30 && opens_read_also(original, key, lex) {
        return Some(Reason::Prompt);
    }
    if words <= CREDIT_LABEL_WORDS && is_credit_label(original, key, lex) {
        return Some(Reason::Credit);
    }
    if columned && is_list_columns(original) {
        return Some(Reason::RelatedList);
    }
    if is_teaser_item(original) {
        return Some(Reason::RelatedList);
    }
    if words <= BREADCRUMB_WORDS && is_breadcrumb(original) {
        return Some(Reason::Navigation);
    }
    if words <= NAME_BYLINE_WORDS && is_name_byline(original, key, lex) {
        return Some(Reason::Byline);
    }
    if words <= COOKIE_NOTICE_WORDS && lex.is_cookie_notice(key) {
        return Some(Reason::Prompt);
    }
    if words <= SHARE_BAR_WORDS && lex.is_share_bar(key) {
        return Some(Reason::Prompt);
    }
    None
}

/// The most words of a labelled credit line.
const CREDIT_LABEL_WORDS: usize = 8;

/// A short line that opens with a credit label and its colon (`Foto: ANP / Jan de Vries`,
/// `Source: Reuters`, `Bild: dpa`): the label alone before the colon, a name after it.
fn is_credit_label(original: &str, key: &str, lex: &Lexicon) -> bool {
    let head = &original.as_bytes()[..original.len().min(24)];
    let Some(colon) = memchr::memchr(b':', head) else {
        return false;
    };
    original[..colon].split_whitespace().count() <= 2
        && lex.opens_credit(key)
        && !original[colon + 1..].trim().is_empty()
}

/// The most words of a cookie notice; an article may discuss cookies at length.
const COOKIE_NOTICE_WORDS: usize = 80;

/// The in-page rule that removes a whole block of `words` words, if one applies.
fn rule(original: &str, key: &str, words: usize, lex: &Lexicon) -> Option<Reason> {
    if key.is_empty() {
        return Some(Reason::Separator);
    }
    if lex.is_navigation(key) {
        return Some(Reason::Navigation);
    }
    if glued_age(original, lex) {
        return Some(Reason::RelatedList);
    }
    if words <= 4 && is_relative_age(key, lex) {
        return Some(Reason::Furniture);
    }
    if words <= 5 && is_gallery_counter(original, lex) {
        return Some(Reason::Furniture);
    }

    // Prompts only count in blocks of up to 30 words; article paragraphs skip the search.
    if words <= 30 {
        let pictograph = has_pictograph(original);
        let prompts = lex.prompt_hits(key) + usize::from(pictograph);
        if (prompts >= 1 && words <= 12) || prompts >= 2 {
            return Some(Reason::Prompt);
        }
    }
    let first = first_word(key);
    let starts_with_symbol = original.starts_with('©') || original.starts_with("(c)");
    let opens_credit = lex.opens_credit(key)
        && (original.chars().take(24).any(|c| c == ':' || c == '/') || words <= 8);
    if starts_with_symbol || (opens_credit && words <= 25) {
        return Some(Reason::Credit);
    }
    if words <= 8 && lex.names_agency(key) && (original.contains('/') || !ends_sentence(original)) {
        return Some(Reason::Credit);
    }
    if lex.is_newsroom_byline(key) {
        return Some(Reason::Byline);
    }
    if words <= 8
        && lex.opens_byline(first)
        && !ends_sentence(original)
        && original
            .split_whitespace()
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return Some(Reason::Byline);
    }
    None
}

/// HTML elements whose tags extractors let through as text.
const HTML_TAGS: &[&str] = &[
    "a", "img", "div", "span", "p", "script", "noscript", "iframe", "br", "table", "td", "tr",
    "th", "li", "ul", "ol", "font", "b", "i", "strong", "em", "style", "link", "meta", "input",
    "form", "object", "embed", "param", "center", "section", "article", "figure", "source",
    "video", "audio", "button", "label", "select", "option", "ins", "h1", "h2", "h3", "h4", "h5",
    "h6",
];

/// A line that opens with an HTML tag: an element name after `<` or `</`, then attributes
/// (`<a href=`) or the tag's end (`</script>`, `<br/>`), or a comment (`<!--`). A title in
/// angle brackets (`<The Palace: Jang Noksu>`) names no element.
fn is_markup(original: &str) -> bool {
    let Some(rest) = original.trim_start().strip_prefix('<') else {
        return false;
    };
    if rest.starts_with("!--") {
        return true;
    }
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(name_end);
    if !HTML_TAGS.contains(&&*name.to_ascii_lowercase()) {
        return false;
    }
    let after = after.trim_start();
    after.starts_with('>')
        || after.starts_with("/>")
        || after.split_once('=').is_some_and(|(attribute, _)| {
            !attribute.is_empty()
                && attribute
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b':')
        })
}

/// Words between the two numbers of a gallery counter (`1 of 6`, `3 van 12`, `2 / 9`).
const COUNTER_JOINERS: &[&str] = &["of", "van", "von", "de", "di", "sur", "/", "|", "z"];

/// A photo gallery's counter, alone on its line: `1 of 6`, `1 / 13`, `Foto 3 van 12`.
fn is_gallery_counter(original: &str, lex: &Lexicon) -> bool {
    let number = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let counter = |n: &str, joiner: &str, m: &str| {
        number(n) && number(m) && COUNTER_JOINERS.contains(&&*lowercase(joiner))
    };
    let mut words = original.split_whitespace();
    match std::array::from_fn::<_, 5, _>(|_| words.next()) {
        [Some(n), Some(joiner), Some(m), None, _] => counter(n, joiner, m),
        [Some(label), Some(n), Some(joiner), Some(m), None] => {
            lex.opens_credit(&lowercase(label)) && counter(n, joiner, m)
        }
        _ => false,
    }
}

/// A "read also" pointer to another article, its headline after a colon in the same
/// line (`Lesen Sie auch: Neue Ladesäulen am Bahnhof …`), however long the headline is.
fn opens_read_also(original: &str, key: &str, lex: &Lexicon) -> bool {
    // The colon (or `|`, or the lead byte of `»`) comes first, within a phrase's length.
    let head = &original.as_bytes()[..original.len().min(48)];
    if memchr::memchr3(b':', b'|', 0xc2, head).is_none() {
        return false;
    }
    // The key's leading words, up to each space, asked of the headings.
    memchr::memchr_iter(b' ', key.as_bytes()).any(|space| {
        let phrase = &key[..space];
        lex.is_related_heading(phrase)
            && original
                .chars()
                .take(phrase.chars().count() + 4)
                .any(|c| matches!(c, ':' | '»' | '|'))
    })
}

/// A dateline of its own: a date and a time, a place or a name, between separators
/// (`Madrid - 12 mar 2025 - 14:32 CET`, `Lyon | 12.03.2025 | AFP`): at least one segment a
/// date, the others dates, times or names of three words at most.
fn is_dateline(original: &str, lex: &Lexicon) -> bool {
    // A digit and a separator (`-`, `|`, or the lead byte of `–`, `—`, `•`, `·`) first.
    let bytes = original.as_bytes();
    if !bytes.iter().any(u8::is_ascii_digit)
        || memchr::memchr3(b'-', b'|', 0xe2, bytes).is_none()
            && memchr::memchr(0xc2, bytes).is_none()
    {
        return false;
    }
    let segments: Vec<&str> = original
        .split([' ', '\u{a0}'])
        .collect::<Vec<_>>()
        .split(|w| matches!(*w, "-" | "–" | "—" | "|" | "•" | "·"))
        .map(|words| {
            let first = words.iter().find(|w| !w.is_empty());
            let last = words.iter().rev().find(|w| !w.is_empty());
            match (first, last) {
                (Some(a), Some(b)) => {
                    let start = a.as_ptr() as usize - original.as_ptr() as usize;
                    let end = b.as_ptr() as usize - original.as_ptr() as usize + b.len();
                    &original[start..end]
                }
                _ => "",
            }
        })
        .collect();
    if segments.len() < 2 || segments.iter().any(|s| s.is_empty()) {
        return false;
    }
    let is_date = |s: &str| leading_date(s, lex) == Some(s.len());
    let is_time_only = |s: &str| {
        let words: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase()).collect();
        words.iter().any(|w| is_time(w))
            && words
                .iter()
                .all(|w| is_time(w) || TIME_ZONES.contains(&w.as_str()))
    };
    let is_name = |s: &str| {
        s.split_whitespace().count() <= 3
            && s.chars().next().is_some_and(char::is_uppercase)
            && !s.ends_with(['.', '!', '?'])
    };
    segments.iter().any(|s| is_date(s))
        && segments
            .iter()
            .all(|s| is_date(s) || is_time_only(s) || is_name(s))
}

/// A caption that ends in its photo credit: `… ici en travaux. © Photo Le Courrier`,
/// `… sobre el monte. (Foto: Diario de la Sierra)`, `… bekommen. Foto: dpa`.
fn ends_with_credit(original: &str, lex: &Lexicon) -> bool {
    let text = original.trim_end();
    // A credit names its source after `:` or `/`, or with `©` (lead byte C2), or in
    // brackets at the end.
    if !text.ends_with(')') && memchr::memchr3(b':', b'/', 0xc2, text.as_bytes()).is_none() {
        return false;
    }
    let tail = if let Some(open) = text
        .strip_suffix(')')
        .and_then(|t| t.rfind('('))
        .filter(|&open| open > 0)
    {
        &text[open + 1..text.len() - 1]
    } else if let Some(at) = text.rfind('©').filter(|&at| at > 0) {
        &text[at..]
    } else if let Some(at) = text.rfind(". ") {
        &text[at + 2..]
    } else {
        return false;
    };
    let key = normalize(tail);
    let words = key.split(' ').count();
    let credit = tail.starts_with('©')
        || (lex.opens_credit(&key) && tail.contains([':', '/', '©']))
        || (words <= 4 && lex.names_agency(&key) && tail.contains('/'));
    credit && words <= 8 && tail.len() < text.len()
}

fn has_pictograph(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(is_pictograph)
}

fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1f300..=0x1faff | 0x2600..=0x27bf)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ' '])
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Whether `next` carries on the sentence `previous` broke off: it starts in lower case or
/// with closing punctuation, `previous` ends on a comma, a colon or an opening bracket or
/// quote, or `next` opens a bracket or a dash after words that end no sentence; never
/// where `next` is an item of a list.
/// Extractors that break the line at every inline tag (BeautifulSoup's `get_text("\n")`)
/// cut a paragraph at each link (`the state's new` / `slogan` / `drew a share of`); the
/// pieces are article text that looks like menu items one by one.
fn continues(previous: &str, next: &str) -> bool {
    // A list item opens no continuation, nor does an inner item (`o …`, as inscriptis marks
    // the third level) under another.
    let inner_item = |text: &str| text.starts_with("o ") || opens_list_marker(text);
    if opens_list_marker(next) || (next.starts_with("o ") && inner_item(previous)) {
        return false;
    }
    let opens = previous.ends_with([',', '(', '[', '“', '‘', '«', '„', ':']);
    let closes = next.chars().next().is_some_and(|c| {
        c.is_lowercase()
            || matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '’' | '”' | '»' | '%' | '…'
            )
    });
    // A bracket or a dash after words that end no sentence: `Intel` / `(nasdaq:`.
    let aside = next.starts_with(['(', '-', '–', '—']) && !ends_sentence(previous);
    opens || closes || aside
}

/// For every block, the run of blocks it belongs to: blocks joined where one
/// [`continues`] the one before, measured as one text.
fn fragment_runs(kept_texts: &[&str], features: &[Features]) -> Vec<Run> {
    let mut runs = vec![Run::default(); kept_texts.len()];
    let mut start = 0;
    for end in 1..=kept_texts.len() {
        let joined = end < kept_texts.len()
            && !kept_texts[end - 1].is_empty()
            && continues(kept_texts[end - 1], kept_texts[end]);
        if joined {
            continue;
        }
        let members = &features[start..end];
        let words: usize = members.iter().map(|f| f.words).sum();
        let stops: Option<f64> = members
            .iter()
            .map(|f| f.stop_density.map(|d| d * f.words as f64))
            .sum();
        let run = Run {
            blocks: end - start,
            chars: members.iter().map(|f| f.chars).sum(),
            stop_density: stops.map(|s| s / words.max(1) as f64),
            ends_sentence: ends_sentence(kept_texts[end - 1]),
        };
        runs[start..end].fill(run);
        start = end;
    }
    runs
}

/// `2 uur geleden`, `3 days ago` (key form, digits kept).
fn is_relative_age(key: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    words.windows(3).any(|w| {
        w[0].chars().all(|c| c.is_ascii_digit()) && lex.is_age_unit(w[1]) && lex.is_age_marker(w[2])
    })
}

/// A relative age glued to a category or a headline, as related-article lists print them:
/// `Actueel1 jaar geledenHardnekkige gerucht …`.
fn glued_age(original: &str, lex: &Lexicon) -> bool {
    // ASCII digits are whole characters, so each digit byte starts a character.
    for (at, byte) in original.bytes().enumerate() {
        if !byte.is_ascii_digit() {
            continue;
        }
        let before = original[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let glued_left = before.is_some_and(char::is_alphabetic);
        let rest = &original[at..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let (unit, after) = next_word(&rest[digits..]);
        let unit = lowercase(unit);
        let (marker, _) = next_word(after);
        if !lex.is_age_unit(&unit) {
            continue;
        }
        let lower = lowercase(marker);
        let marker_word = lex_prefix_marker(&lower, lex);
        if let Some(len) = marker_word {
            let glued_right = lower[len..].chars().next().is_some_and(char::is_alphabetic);
            if glued_left || glued_right {
                return true;
            }
        }
    }
    false
}

/// The first word of `text` between spaces (empty if none) and the text after it.
fn next_word(text: &str) -> (&str, &str) {
    let text = text.trim_start_matches(' ');
    let end = memchr::memchr(b' ', text.as_bytes()).unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// `word` in lower case, copied only when it has upper case.
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// The length of an age marker that `word` starts with, if any.
fn lex_prefix_marker(word: &str, lex: &Lexicon) -> Option<usize> {
    ["geleden", "ago", "her"]
        .iter()
        .find(|m| word.starts_with(*m) && lex.is_age_marker(m))
        .map(|m| m.len())
}

/// The most words of a [`DATE_LABELS`] entry.
const DATE_LABEL_WORDS: usize = 4;

/// Words that join the parts of a printed date (`12 de marzo de 2025`, `12/03 à 14h32`,
/// `12.03.2025 um 14:32 Uhr`): part of a date only between or after its parts.
const DATE_JOINERS: &[&str] = &[
    "le", "à", "a", "las", "às", "em", "de", "del", "am", "um", "om", "op", "on", "at", "il",
    "alle", "ore", "",
];

/// What may follow a time of day in a printed date.
const TIME_ZONES: &[&str] = &[
    "uhr", "h", "gmt", "utc", "cet", "cest", "bst", "est", "am", "pm",
];

/// The byte length of a leading date (with an optional label such as `date` or
/// `Gepubliceerd:`) followed by more text, e.g. ` date 2025-06 ` before a first paragraph.
/// A label followed by a time of day alone (`Stand: 14:05 Uhr`) is a date too.
fn leading_date(original: &str, lex: &Lexicon) -> Option<usize> {
    // A date needs a digit within its first words (a label and five date words).
    if !digit_in_first_words(original, DATE_LABEL_WORDS + 5) {
        return None;
    }
    let bare = date_word;
    // Most blocks with a digit are sentences: a date opens with a date part, a joiner or
    // a label's first word.
    let first = bare(original.split_whitespace().next().unwrap_or(""));
    let opens = date_part(&first, lex) != DatePart::No
        || DATE_JOINERS.contains(&first.as_ref())
        || lex.opens_date_label(&first);
    if !opens {
        return None;
    }
    let words: Vec<(usize, &str)> = original
        .split_whitespace()
        .take(DATE_LABEL_WORDS + 12)
        .map(|w| (w.as_ptr() as usize - original.as_ptr() as usize, w))
        .collect();
    // The longest label the first words make.
    let mut next = 0;
    let mut end = 0;
    let mut label = String::new();
    for (n, &(at, w)) in words.iter().enumerate().take(DATE_LABEL_WORDS) {
        if n > 0 {
            label.push(' ');
        }
        label.push_str(&bare(w));
        if DATE_LABELS.contains(&label.as_str()) {
            next = n + 1;
            end = at + w.len();
        }
        if w.ends_with(':') {
            break;
        }
    }
    // `Le 06/11/2025 à 18h02`: a joiner opens a line that is a date and nothing else.
    let whole_only = next == 0
        && words
            .first()
            .is_some_and(|&(_, w)| DATE_JOINERS.contains(&bare(w).as_ref()));
    if whole_only {
        next = 1;
    }
    let labelled = next > 0;
    // Up to six words of date and time: `2025-06`, `12 mei 2025, 08:14`, `May 12, 2025`,
    // with joiners between them.
    let (mut date_found, mut time_found, mut has_number, mut parts) = (false, false, false, 0);
    let mut after_time = false;
    for &(at, w) in &words[next..] {
        let bare = bare(w);
        let kind = date_part(&bare, lex);
        if kind == DatePart::No {
            // A time's zone or half of the day (`14:32 Uhr`, `9:30 am`) ends the date.
            if after_time && TIME_ZONES.contains(&bare.as_ref()) {
                end = at + w.len();
                after_time = false;
                continue;
            }
            if (labelled || parts > 0) && DATE_JOINERS.contains(&bare.as_ref()) {
                continue;
            }
            break;
        }
        date_found |= kind == DatePart::Date;
        after_time = is_time(&bare);
        time_found |= after_time;
        has_number |= bare.bytes().any(|b| b.is_ascii_digit());
        end = at + w.len();
        parts += 1;
        if parts == 6 {
            break;
        }
    }
    // A month name alone ("May school could …") is a word, not a date.
    if !(date_found || (labelled && time_found)) || !has_number {
        return None;
    }
    if whole_only && !original[end..].trim().is_empty() {
        return None;
    }
    Some(original.len() - original[end..].trim_start().len())
}

/// A word of a printed date without its trailing punctuation, in lower case (copied only
/// when it has upper case).
fn date_word(w: &str) -> std::borrow::Cow<'_, str> {
    let w = w.trim_end_matches([',', '|', '–', '—', '-', '·', '•', ':']);
    lowercase(w.trim_end_matches('.'))
}

/// Whether one of the first `words` words of `text` (as `split_whitespace` finds them)
/// holds an ASCII digit. Asked of every block, most of them prose without a digit near
/// their start: one walk over the bytes, decoding only those that are not ASCII.
fn digit_in_first_words(text: &str, words: usize) -> bool {
    let bytes = text.as_bytes();
    let (mut seen, mut in_word, mut at) = (0, false, 0);
    while at < bytes.len() {
        let b = bytes[at];
        let (space, len) = if b.is_ascii() {
            (matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        at += len;
        if space {
            in_word = false;
            continue;
        }
        if !in_word {
            in_word = true;
            seen += 1;
            if seen > words {
                return false;
            }
        }
        if b.is_ascii_digit() {
            return true;
        }
    }
    false
}

/// A time of day: `14:32`, `14h32`, `14h`.
fn is_time(word: &str) -> bool {
    word.split_once([':', 'h']).is_some_and(|(h, m)| {
        digits(h, &[1, 2]) && (digits(m, &[2]) || (m.is_empty() && word.ends_with('h')))
    })
}

/// The most words of a block that [`is_dated`] looks at: a dateline or byline is short.
const DATED_WORDS: usize = 20;

/// Whether a short block prints a date or a time of day (`Nov 19, 2019, 10:31 pm`,
/// `2019-11-19T12:48:14Z`, `20 November 2019`): bylines and stamps do, headlines and
/// subheadings rarely. A year alone (`in 2019`) or a month name alone is no date.
fn is_dated(original: &str, words: usize, lex: &Lexicon) -> bool {
    if words > DATED_WORDS || !original.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // A day or a year beside a month name: digits, perhaps an ordinal's letters after.
    let numeric = |t: &str| {
        let t = t.trim_end_matches(|c: char| !c.is_ascii_digit());
        digits(t, &[1, 2, 4])
    };
    let mut tokens = original.split_whitespace().peekable();
    let mut previous_numeric = false;
    while let Some(token) = tokens.next() {
        let is_numeric = numeric(token);
        if token.bytes().any(|b| b.is_ascii_digit()) {
            // `2019-11-19T12:48:14Z`: the date before the `T`.
            let word = date_word(token);
            let head = word.split('t').next().unwrap_or(&word);
            let (mut parts, mut all_digits, mut wide) = (0, true, false);
            for part in head.split(['-', '/', '.']) {
                parts += 1;
                all_digits &= digits(part, &[1, 2, 4]);
                wide |= part.len() != 1;
            }
            let full_date = parts == 3 && all_digits && wide;
            if full_date || is_time(&word) {
                return true;
            }
        } else if (previous_numeric || tokens.peek().is_some_and(|n| numeric(n)))
            && lex.is_month(&date_word(token))
        {
            return true;
        }
        previous_numeric = is_numeric;
    }
    false
}

/// What one word can be in a printed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DatePart {
    /// Not part of a date.
    No,
    /// A day number or a time: part of a date, not one on its own.
    Part,
    /// A word that makes a date: ISO or numeric date, a year, a month name.
    Date,
}

/// Whether `s` is ASCII digits only, of one of the lengths `lens`.
fn digits(s: &str, lens: &[usize]) -> bool {
    lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn date_part(word: &str, lex: &Lexicon) -> DatePart {
    if lex.is_month(word) {
        return DatePart::Date;
    }
    if lex.is_weekday(word) {
        return DatePart::Part;
    }
    // The first three pieces between separators, and how many there are (asked of most
    // words of most blocks: no allocation).
    let (mut parts, mut count) = ([""; 3], 0);
    for part in word.split(['-', '/', '.']) {
        if let Some(slot) = parts.get_mut(count) {
            *slot = part;
        }
        count += 1;
    }
    let iso = (2..=3).contains(&count)
        && digits(parts[0], &[4])
        && parts[1..count].iter().all(|p| digits(p, &[1, 2]));
    let numeric = count == 3
        && digits(parts[0], &[1, 2])
        && digits(parts[1], &[1, 2])
        && digits(parts[2], &[2, 4]);
    let year = digits(word, &[4]) && matches!(word.parse::<u32>(), Ok(1900..=2100));
    if iso || numeric || year {
        return DatePart::Date;
    }
    if is_time(word) || digits(word, &[1, 2]) {
        DatePart::Part
    } else {
        DatePart::No
    }
}

/// Page furniture glued into a line with separators (`•`, `·`, `|`): returns the byte range
/// to strip (relative to `line`) and whether the whole line is furniture.
fn furniture_segments(line: &str, lex: &Lexicon) -> Option<(usize, usize, bool)> {
    // `|` is a byte; `•` (E2 80 A2) and `·` (C2 B7) are found by their lead bytes.
    let bytes = line.as_bytes();
    let separators = memchr::memchr3_iter(b'|', 0xe2, 0xc2, bytes)
        .filter(|&at| match bytes[at] {
            b'|' => true,
            0xe2 => bytes.get(at + 1..at + 3) == Some(&[0x80, 0xa2]),
            _ => bytes.get(at + 1) == Some(&0xb7),
        })
        .count();
    if separators < 2 {
        return None;
    }
    let mut segments = Vec::new();
    let mut start = 0;
    for (at, c) in line.char_indices() {
        if matches!(c, '•' | '·' | '|') {
            segments.push((start, at));
            start = at + c.len_utf8();
        }
    }
    segments.push((start, line.len()));
    let (mut form, mut scratch) = (String::new(), String::new());
    let is_furniture: Vec<bool> = segments
        .iter()
        .map(|&(s, e)| {
            normalize_into(&line[s..e], &mut form);
            mask_digits(&form, &mut scratch);
            // Numbers (a date and a time are five of them) do not count towards the words.
            let number = |w: &str| w.chars().all(|c| c == '0');
            !scratch.is_empty()
                && scratch.split(' ').filter(|w| !number(w)).count() <= 5
                && scratch.split(' ').count() <= 10
                && scratch
                    .split(' ')
                    .all(|w| number(w) || lex.is_furniture_word(w) || lex.is_category(w))
        })
        .collect();
    if is_furniture.iter().filter(|&&f| f).count() < 2 {
        return None;
    }
    if is_furniture.iter().all(|&f| f) {
        return Some((0, line.len(), true));
    }
    // A run of furniture segments at the end: strip it, with the category word glued
    // before the first separator (`… voorkomen Actueel • Vandaag • leestijd 2 minuten`).
    let tail = is_furniture.iter().rev().take_while(|&&f| f).count();
    if tail >= 2 {
        let first = segments.len() - tail;
        let mut from = segments[first - 1].1;
        let head = &line[segments[first - 1].0..from];
        let trimmed = head.trim_end();
        if let Some(last_word) = trimmed.split_whitespace().last() {
            normalize_into(last_word, &mut form);
            mask_digits(&form, &mut scratch);
            if lex.is_category(&scratch) && trimmed.len() > last_word.len() {
                from = segments[first - 1].0 + trimmed.len() - last_word.len();
            }
        }
        let from = line[..from].trim_end().len();
        return Some((from, line.len(), false));
    }
    let lead = is_furniture.iter().take_while(|&&f| f).count();
    if lead >= 2 {
        let to = segments[lead].0;
        let to = line.len() - line[to..].trim_start().len();
        return Some((0, to, false));
    }
    None
}

/// The classifier's view of a block keeping `kept_text`, whose key form `key` has words
/// hashed as `hashes`, `stops` of them stop words of the page's language (`None` for a
/// page in a language without a list), of the `length` [`Length::of`] measured.
fn features_of<'a>(
    kept_text: &str,
    key: &'a str,
    hashes: &'a [u64],
    stops: Option<usize>,
    length: Length,
) -> Features<'a> {
    let words = hashes.len();
    let first_upper = kept_text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"'“‘„«".contains(c));
    // Pieces ended by `.`, `!` or `?` (and the rest) with four characters or more.
    let mut sentences = 0;
    let mut start = 0;
    let ends = memchr::memchr3_iter(b'.', b'!', b'?', kept_text.as_bytes()).map(|at| at + 1);
    for end in ends.chain(std::iter::once(kept_text.len())) {
        if kept_text[start..end].trim().chars().nth(3).is_some() {
            sentences += 1;
        }
        start = end;
    }
    // Scripts written without spaces end sentences with marks of their own.
    let sentences = (sentences + length.unspaced_stops).max(1);
    Features {
        sentences,
        words,
        chars: length.chars,
        stop_density: match stops {
            Some(stops) if words > 0 => Some(stops as f64 / words as f64),
            Some(_) => Some(0.0),
            None => None,
        },
        long: length.long,
        title_like: (1..=25).contains(&words)
            && first_upper
            && !kept_text.trim_end().ends_with(['.', ',', ';']),
        first_upper,
        key,
        hashes,
    }
}

/// jusText-style classification with context smoothing; blocks removed by a rule are bad.
fn classify(features: &[Features], whole: &[Option<(Reason, u32)>]) -> Vec<Class> {
    let mut class: Vec<Class> = features
        .iter()
        .zip(whole)
        .map(|(f, w)| {
            if w.is_some() {
                Class::Bad
            } else if f.chars < LENGTH_LOW {
                Class::Short
            } else {
                match f.stop_density {
                    // Without stop words to go by, length and context decide.
                    None if f.long => Class::Good,
                    None => Class::NearGood,
                    Some(d) if d >= STOPWORDS_HIGH && f.long => Class::Good,
                    Some(d) if d >= STOPWORDS_LOW => Class::NearGood,
                    Some(_) => Class::Bad,
                }
            }
        })
        .collect();

    // Headings: a short title-like block followed closely by good text is near-good.
    for i in 0..class.len() {
        if class[i] == Class::Short && features[i].title_like {
            let mut distance = 0;
            for j in i + 1..class.len() {
                if class[j] == Class::Good {
                    class[i] = Class::NearGood;
                    break;
                }
                distance += features[j].chars;
                if distance > HEADING_DISTANCE || whole[j].is_some() {
                    break;
                }
            }
        }
    }

    let neighbour = |class: &[Class], i: usize, step: isize, ignore_neargood: bool| {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < class.len() {
            let c = class[j as usize];
            if c == Class::Bad || c == Class::Good || (c == Class::NearGood && !ignore_neargood) {
                return c;
            }
            j += step;
        }
        Class::Bad
    };
    let mut revised = class.clone();
    for i in 0..class.len() {
        if class[i] != Class::Short {
            continue;
        }
        let prev = neighbour(&class, i, -1, true);
        let next = neighbour(&class, i, 1, true);
        revised[i] = if prev == Class::Good && next == Class::Good {
            Class::Good
        } else if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else if (prev == Class::Bad && neighbour(&class, i, -1, false) == Class::NearGood)
            || (next == Class::Bad && neighbour(&class, i, 1, false) == Class::NearGood)
        {
            Class::Good
        } else {
            Class::Bad
        };
    }
    let class = revised;
    let mut revised = class.clone();
    for i in 0..class.len() {
        if class[i] != Class::NearGood {
            continue;
        }
        let prev = neighbour(&class, i, -1, true);
        let next = neighbour(&class, i, 1, true);
        revised[i] = if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else {
            Class::Good
        };
    }
    revised
}

/// A page the classifier would empty entirely is more likely a short article than pure
/// clutter (a one-paragraph notice, a page of short lines): keep its prose-like blocks, those
/// of ten words or more that no rule removed.
fn rescue_empty_page(features: &[Features], whole: &[Option<(Reason, u32)>], class: &mut [Class]) {
    if class.contains(&Class::Good) {
        return;
    }
    for (i, f) in features.iter().enumerate() {
        if whole[i].is_none() && f.words >= 10 {
            class[i] = Class::Good;
        }
    }
}

/// Keeps the page's own headline: the nearest title-like block before the first good block,
/// looking back over at most three blocks that no in-page rule removed.
fn protect_headline(
    features: &[Features],
    whole: &mut [Option<(Reason, u32)>],
    class: &mut [Class],
) -> Option<usize> {
    let first_good = class.iter().position(|&c| c == Class::Good)?;
    let title = headline_above(features, whole, first_good, |_| true)?;
    whole[title] = None;
    class[title] = Class::Good;
    Some(title)
}

/// The nearest title-like block of three words or more above block `body`, looking back
/// over at most three blocks that no in-page rule removed (the rules' reasons in
/// `removed`). Site frequency, repetition and the jusText pass are exactly what a headline
/// shows when related lists link it or the body quotes it; only the other rules stand.
fn headline_above(
    features: &[Features],
    removed: &[Option<(Reason, u32)>],
    body: usize,
    candidate: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut looked = 0;
    for i in (0..body).rev() {
        if named_rule(removed[i]) {
            continue;
        }
        if features[i].title_like && features[i].words >= HEADLINE_WORDS && candidate(i) {
            return Some(i);
        }
        looked += 1;
        if looked == 3 {
            return None;
        }
    }
    None
}

/// A one-sentence block of 4 to 30 words right before or after a photo credit is its
/// caption (`Foto: ANP / Jan de Vries` under `De brug, gezien vanaf de kade.`), unless it
/// opens with a quotation mark: a quote beside a photo is the article's.
fn mark_captions(
    features: &[Features],
    kept_texts: &[&str],
    whole: &mut [Option<(Reason, u32)>],
    lex: &Lexicon,
) {
    for i in 0..features.len() {
        if !matches!(whole[i], Some((Reason::Credit, _)))
            || !lex.opens_photo_credit(features[i].key)
        {
            continue;
        }
        for j in [i.wrapping_sub(1), i + 1] {
            let Some(f) = features.get(j) else { continue };
            if whole[j].is_none()
                && f.sentences == 1
                && (4..=30).contains(&f.words)
                && !f.title_like
                && !opens_quote(kept_texts[j])
            {
                whole[j] = Some((Reason::Caption, 0));
            }
        }
    }
}

/// Whether a text opens with a quotation mark.
fn opens_quote(text: &str) -> bool {
    text.trim_start()
        .starts_with(['"', '\'', '«', '»', '“', '”', '„', '‘', '’', '‹', '›'])
}

/// Words in a row a pull quote must share with the body.
const QUOTE_RUN: usize = 8;

/// A short block most of whose words (at least [`QUOTE_RUN`] in a row, and 60% of it)
/// stand in a longer block of the same page is a pull quote repeating the article. (A
/// paragraph printed twice is not: neither copy is longer.)
fn mark_pull_quotes(features: &[Features], whole: &mut [Option<(Reason, u32)>]) {
    let candidate: Vec<bool> = features
        .iter()
        .zip(&*whole)
        .map(|(f, w)| w.is_none() && (QUOTE_RUN..=40).contains(&f.words))
        .collect();
    let Some(fewest) = features
        .iter()
        .zip(&candidate)
        .filter(|(_, &c)| c)
        .map(|(f, _)| f.words)
        .min()
    else {
        return;
    };
    // Every window of a candidate, with the most words of a block it stands in; `sifted`
    // has a bit set for each, so most windows of the body miss without a lookup.
    let windows: Vec<Vec<u64>> = features
        .iter()
        .zip(&candidate)
        .map(|(f, &c)| {
            if c {
                window_hashes(f.hashes)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut longest: HashMap<u64, usize, FixedState> = HashMap::default();
    let mut sifted = WindowSieve::new();
    for hashes in &windows {
        for &h in hashes {
            longest.insert(h, 0);
            sifted.insert(h);
        }
    }
    // Only blocks longer than some candidate can hold the body text a quote repeats.
    for f in features.iter().filter(|f| f.words > fewest) {
        for_each_window(f.hashes, |h| {
            if sifted.may_hold(h) {
                if let Some(most) = longest.get_mut(&h) {
                    *most = (*most).max(f.words);
                }
            }
        });
    }
    for (i, f) in features.iter().enumerate() {
        if !candidate[i] {
            continue;
        }
        let mut covered = vec![false; windows[i].len() + QUOTE_RUN - 1];
        for (k, h) in windows[i].iter().enumerate() {
            if longest[h] > f.words {
                covered[k..k + QUOTE_RUN].iter_mut().for_each(|c| *c = true);
            }
        }
        let share = covered.iter().filter(|&&c| c).count() as f64 / covered.len() as f64;
        if share >= 0.6 {
            whole[i] = Some((Reason::PullQuote, 0));
        }
    }
}

/// A hash of every run of [`QUOTE_RUN`] words, in order, from the words' hashes.
fn window_hashes(words: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(words.len().saturating_sub(QUOTE_RUN - 1));
    for_each_window(words, |h| out.push(h));
    out
}

/// Gives [`window_hashes`] one by one: a polynomial rolled over the words' hashes, so the
/// cost is one step per word whatever the run length.
fn for_each_window(words: &[u64], mut each: impl FnMut(u64)) {
    const BASE: u64 = 0x9e37_79b9_7f4a_7c15;
    let drop = BASE.wrapping_pow(QUOTE_RUN as u32);
    let mut rolled = 0u64;
    for (n, &word) in words.iter().enumerate() {
        rolled = rolled.wrapping_mul(BASE).wrapping_add(word);
        if n >= QUOTE_RUN {
            rolled = rolled.wrapping_sub(words[n - QUOTE_RUN].wrapping_mul(drop));
        }
        if n + 1 >= QUOTE_RUN {
            each(rolled);
        }
    }
}

/// A one-hash Bloom filter of 4,096 bits over window hashes: a page's candidate windows
/// set a few hundred, so most of the body's windows are ruled out by one bit test.
struct WindowSieve([u64; 64]);

impl WindowSieve {
    fn new() -> WindowSieve {
        WindowSieve([0; 64])
    }

    fn insert(&mut self, hash: u64) {
        let bit = (hash >> 52) as usize;
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False only for a hash never inserted.
    fn may_hold(&self, hash: u64) -> bool {
        let bit = (hash >> 52) as usize;
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A "read also" heading followed by short lines: the lines are a related-article list.
/// The heading itself, standing alone, is never the article's: it goes whatever the
/// classifier says (`certain`).
fn mark_related_runs(
    features: &[Features],
    whole: &mut [Option<(Reason, u32)>],
    certain: &mut [bool],
    class: &[Class],
    lex: &Lexicon,
) {
    let mut i = 0;
    while i < features.len() {
        if lex.is_related_heading(features[i].key) {
            whole[i] = Some((Reason::RelatedList, 0));
            certain[i] = true;
            let mut j = i + 1;
            while j < features.len()
                && features[j].words <= 20
                && (class[j] != Class::Good || features[j].title_like)
                && !matches!(whole[j], Some((r, _)) if r != Reason::Separator && r != Reason::RelatedList && r != Reason::SiteTemplate && r != Reason::Furniture)
            {
                whole[j] = Some((Reason::RelatedList, 0));
                certain[j] |= lex.is_related_heading(features[j].key);
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// The cleaned text: the original bytes of every kept span, blocks joined by the line
/// breaks that stood between them (one blank line where the page had any), pieces of one
/// line joined by one space. Nothing else is ever added.
pub fn apply(text: &str, blocks: &[Block], removals: &[impl Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_line: Option<usize> = None;
    let mut pending_blank = false;
    // Blocks up to here have had their blank lines counted, removed ones included.
    let mut counted = 0;
    for_each_kept_piece(text, blocks, removals, |i, start, end| {
        let block = &blocks[i];
        for skipped in blocks.get(counted..=i).unwrap_or_default() {
            pending_blank |= skipped.after_blank;
        }
        counted = counted.max(i + 1);
        match last_line {
            None => {}
            Some(line) if line == block.line => out.push(' '),
            Some(_) if pending_blank => out.push_str("\n\n"),
            Some(_) => out.push('\n'),
        }
        out.push_str(&text[start..end]);
        last_line = Some(block.line);
        pending_blank = false;
    });
    if !out.is_empty() && text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The key form of what [`apply`] keeps of `page`: the forms of its kept pieces joined by
/// spaces, equal to the form of the cleaned text read again as a page (each block
/// normalised, less a nested-list marker: see [`KeyForms::push`]). Blocks kept whole reuse
/// the page's forms, so only blocks that lost a piece are normalised again, their pieces
/// joined as [`apply`] joins them on their line.
pub fn kept_form(text: &str, page: &Page, removals: &[impl Span]) -> String {
    if removals.is_empty() {
        return page.forms.joined().to_string();
    }
    let mut form = String::with_capacity(page.forms.joined().len());
    let mut scratch = String::new();
    // The pieces of the block being cut (`cut`), as `apply` joins them on its line.
    let mut pieces = String::new();
    let mut cut: Option<usize> = None;
    let mut flush = |pieces: &mut String, form: &mut String| {
        normalize_into(without_inner_list_marker(pieces), &mut scratch);
        join_form(form, &scratch);
        pieces.clear();
    };
    for_each_kept_piece(text, &page.blocks, removals, |i, start, end| {
        let block = &page.blocks[i];
        if cut.is_some_and(|of| of != i) {
            flush(&mut pieces, &mut form);
            cut = None;
        }
        if (start, end) == (block.start, block.end) {
            join_form(&mut form, page.forms.get(i));
        } else {
            if cut.replace(i).is_some() {
                pieces.push(' ');
            }
            pieces.push_str(&text[start..end]);
        }
    });
    if cut.is_some() {
        flush(&mut pieces, &mut form);
    }
    form
}

/// Appends a key form to others, one space apart: the key form of texts joined by white
/// space is their forms joined so.
fn join_form(forms: &mut String, form: &str) {
    if !form.is_empty() {
        if !forms.is_empty() {
            forms.push(' ');
        }
        forms.push_str(form);
    }
}

/// Calls `piece(block, start, end)` for every span of `text` that survives `removals`
/// (sorted, non-overlapping), in order: each block's bytes outside the removals, split where
/// a removal stands inside it, trimmed of blanks, never empty.
fn for_each_kept_piece(
    text: &str,
    blocks: &[Block],
    removals: &[impl Span],
    mut piece: impl FnMut(usize, usize, usize),
) {
    let mut r = 0;
    let mut emit = |i: usize, start: usize, end: usize| {
        let span = &text[start..end];
        let trimmed = span.trim_start_matches(crate::segment::is_blank_char);
        let start = start + span.len() - trimmed.len();
        let end = start
            + trimmed
                .trim_end_matches(crate::segment::is_blank_char)
                .len();
        if start < end {
            piece(i, start, end);
        }
    };
    for (i, block) in blocks.iter().enumerate() {
        while r < removals.len() && removals[r].span().1 <= block.start {
            r += 1;
        }
        let mut pos = block.start;
        let mut k = r;
        while k < removals.len() && removals[k].span().0 < block.end {
            let (start, end) = removals[k].span();
            if start > pos {
                emit(i, pos, start);
            }
            pos = pos.max(end);
            k += 1;
        }
        if pos < block.end {
            emit(i, pos, block.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::RELATED_HEADINGS;

    fn clean(text: &str) -> String {
        clean_with_removals(text).0
    }

    /// The cleaned text of a one-page site and the removals that made it.
    fn clean_with_removals(text: &str) -> (String, Vec<Removal>) {
        let page = Page::new(text);
        let removals = decide(text, &page, 1, |_| 1, &ClutterConfig::default());
        (apply(text, &page.blocks, &removals), removals)
    }

    /// The reason of the removal whose text starts with `start`.
    fn reason_of(text: &str, removals: &[Removal], start: &str) -> Option<Reason> {
        removals
            .iter()
            .find(|r| text[r.start..r.end].starts_with(start))
            .map(|r| r.reason)
    }

    const BODY: &str =
        "De gemeenteraad van Noordwijk heeft dinsdagavond besloten dat de brug over het kanaal \
        in het voorjaar wordt vernieuwd, nadat inspecteurs scheuren in de pijlers hadden gevonden. \
        Het werk duurt naar verwachting zes weken en kost ongeveer twee miljoen euro.";

    /// The paragraph after [`BODY`], for tests of what stands between paragraphs: a
    /// paragraph printed twice at the end of a page is itself suspect (a teaser of the
    /// article, a pull quote), and the classifier may strip its second copy.
    const NEXT_BODY: &str =
        "Tijdens de werkzaamheden varen er een tijdelijke pont en extra bussen, zodat fietsers \
        en voetgangers niet hoeven om te rijden. De gemeente verwacht dat de brug voor de \
        zomervakantie weer open is.";

    #[test]
    fn nav_prompts_and_credits_go_article_stays() {
        let text = format!(
            "Home\n\nBrug over het kanaal gaat dicht voor herstel\n\n{BODY}\n\n{BODY}\n\n\
             Schrijf je in voor de nieuwsbrief\n\nFoto: ANP / Jan de Vries\n\nSource: NRC\n\nPrevious\n\nNext\n"
        );
        let out = clean(&text);
        assert!(
            out.starts_with("Brug over het kanaal gaat dicht voor herstel\n\n"),
            "{out}"
        );
        for gone in ["Home", "nieuwsbrief", "Foto:", "Source", "Previous", "Next"] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        assert_eq!(out.matches(BODY).count(), 2);
    }

    #[test]
    fn a_frame_of_another_text_is_refused() {
        let text = format!("Kop\n\n{BODY}\n");
        let frame = Page::new(&text).to_frame(&text);
        let edited = text.replace("brug", "brag");
        assert!(Page::from_frame(&frame, &text).is_some());
        assert!(Page::from_frame(&frame, &edited).is_none());
        assert!(Page::from_frame(&frame, "").is_none());
        assert!(Page::from_frame(&[], &text).is_none());
    }

    #[test]
    fn blocks_stripped_for_certain_go_unscored_unless_asked_and_nothing_else_changes() {
        let text = format!(
            "Brug over het kanaal gaat dicht voor herstel\n\n{BODY}\n\n\
             Deel dit artikel: Facebook Twitter WhatsApp\n\nFoto: ANP / Jan de Vries\n\n{BODY}\n"
        );
        let page = Page::new(&text);
        let judged = |score_certain| {
            let config = ClutterConfig {
                score_certain,
                ..ClutterConfig::default()
            };
            decide(&text, &page, 1, |_| 1, &config)
        };
        let (scored, unscored) = (judged(true), judged(false));
        assert_eq!(scored.len(), unscored.len());
        let mut skipped = 0;
        for (s, u) in scored.iter().zip(&unscored) {
            assert_eq!((s.start, s.end, s.reason), (u.start, u.end, u.reason));
            assert!(s.article_permille.is_some());
            match u.article_permille {
                Some(p) => assert_eq!(Some(p), s.article_permille),
                None => skipped += 1,
            }
        }
        assert!(
            skipped >= 2,
            "the share bar and the credit label are certain: {unscored:?}"
        );
    }

    #[test]
    fn a_call_to_action_standing_alone_goes_for_certain_one_inside_a_sentence_does_not() {
        let text = format!(
            "{BODY}\n\nSchrijf je in voor onze nieuwsbrief\n\n\
             Wie op de hoogte wil blijven, kan zich inschrijven voor de nieuwsbrief\n\
             van de gemeente, die elke week verschijnt.\n\n{NEXT_BODY}\n"
        );
        let page = Page::new(&text);
        let judged = judge(&text, &page, 1, |_| 1, &ClutterConfig::default());
        let line_of = |prefix: &str| {
            let line = text.lines().position(|l| l.starts_with(prefix)).unwrap();
            page.blocks.iter().position(|b| b.line == line).unwrap()
        };
        assert!(judged.certain[line_of("Schrijf je in")]);
        // The sentence broken before `van de gemeente` is a run: its verdict is its run's.
        assert!(!judged.certain[line_of("Wie op de hoogte")]);
        let prompts: Vec<&str> = judged
            .removals
            .iter()
            .filter(|r| r.reason == Reason::Prompt)
            .map(|r| &text[r.start..r.end])
            .collect();
        assert!(
            prompts.contains(&"Schrijf je in voor onze nieuwsbrief"),
            "{prompts:?}"
        );
    }

    #[test]
    fn furniture_glued_into_headline_line_is_cut_out() {
        let text = format!(
            "date 2025-09-29 Gemeente sluit brug voor onderhoud Actueel • Vandaag • leestijd 2 minuten • 334 keer bekeken • bewaren\n\n{BODY}\n"
        );
        let out = clean(&text);
        assert!(
            out.starts_with("Gemeente sluit brug voor onderhoud\n\n"),
            "{out}"
        );
    }

    #[test]
    fn a_menu_column_beside_the_article_is_cut_and_the_paragraph_kept() {
        let paragraph = "Het werk duurt naar verwachting zes weken en kost twee miljoen euro.";
        let line = format!("* Sport          {paragraph}          Meer nieuws");
        let (start, end) = article_column(&line).expect("a paragraph among menu cells");
        assert_eq!(&line[start..end], paragraph);
        assert_eq!(
            columns("a    b     c"),
            [(0, 1), (5, 6), (11, 12)],
            "cells between gaps of four spaces or more"
        );
        for line in [
            // No gap wide enough: prose with a double space.
            format!("Sport  {paragraph}"),
            // A row of a table in the article: numbers, and more cells.
            format!("DL   Myles Garrett   57   77%   {paragraph}"),
            format!("57     {paragraph}"),
            // Two paragraphs side by side: nothing says which is the article's.
            format!("{paragraph}     {paragraph}"),
            // A list of headlines, one of them long.
            format!("* Kort bericht     * {paragraph}"),
            // A line of code with its comment.
            "let total = 0;    // the sum of every invoice the customer paid this year".to_string(),
        ] {
            assert_eq!(article_column(&line), None, "{line}");
        }
        let text = format!("Brug gaat dicht\n\n{BODY}\n\nSport          {BODY}\n\n{BODY}\n");
        let out = clean(&text);
        assert_eq!(out.matches(BODY).count(), 3, "{out}");
        assert!(!out.contains("Sport"), "{out}");
    }

    #[test]
    fn headline_lists_set_side_by_side_are_a_related_list() {
        assert!(is_list_columns(
            "* Jet debris rains down     * Plane makes emergency landing     * Ferry sinks"
        ));
        assert!(!is_list_columns("* Jet debris rains down"));
        assert!(!is_list_columns(
            "* Sport          Het werk duurt zes weken."
        ));
        let lex = Lexicon::get();
        let line = "* Jet debris rains down     * Plane makes emergency landing";
        assert_eq!(
            certain_rule(line, &normalize(line), 8, true, lex),
            Some(Reason::RelatedList)
        );
    }

    #[test]
    fn a_date_with_a_time_of_day_is_furniture_beside_a_byline() {
        let lex = Lexicon::get();
        let line = "Von Anna Keller | 12.03.2025, 14:32 Uhr | Lesezeit 3 Minuten";
        let cut = furniture_segments(line, lex);
        assert_eq!(cut, Some(("Von Anna Keller".len(), line.len(), false)));
        // A German page: the byline goes once its date is cut, so the headline above it is
        // the one the headline rule keeps.
        let text = format!(
            "Startseite\nPolitik\nSport\nStadtrat beschließt Sanierung der Alten Brücke\n\
             {line}\nFoto: dpa\n\
             Die Alte Brücke über den Neckar wird ab dem Sommer für zwei Jahre saniert. Das hat \
             der Stadtrat am Dienstagabend mit großer Mehrheit beschlossen, nachdem Gutachter \
             im Herbst Risse in zwei Pfeilern gefunden hatten.\n\
             Die Kosten schätzt die Verwaltung auf rund 14 Millionen Euro. Ein Teil davon soll \
             aus einem Förderprogramm des Landes kommen, über das im Mai entschieden wird.\n\
             Artikel teilen\nFacebook\nNewsletter abonnieren\nImpressum\nDatenschutz\n"
        );
        let out = clean(&text);
        assert!(out.starts_with("Stadtrat beschließt Sanierung"), "{out}");
        assert!(
            !out.contains("Anna Keller") && !out.contains("Lesezeit"),
            "{out}"
        );
        assert!(
            out.contains("entschieden wird.") && !out.contains("Impressum"),
            "{out}"
        );
    }

    #[test]
    fn leading_date_metadata_is_stripped_from_first_paragraph() {
        let text = format!(" date 2025-06 {BODY}\n");
        assert_eq!(clean(&text), format!("{BODY}\n"));
    }

    #[test]
    fn dates_need_a_number_and_scores_are_no_dates() {
        let lex = Lexicon::get();
        assert_eq!(leading_date("May the council decide?", lex), None);
        assert_eq!(leading_date("3-2 zege voor de thuisploeg", lex), None);
        assert_eq!(leading_date("12 mei 2025 Brug dicht", lex), Some(12));
        assert_eq!(
            leading_date("Gepubliceerd: 11 maart 2025, 12:02", lex),
            Some(34)
        );
        assert_eq!(leading_date("May 12, 2025 Bridge closed", lex), Some(13));
    }

    #[test]
    fn labelled_dates_in_other_languages_with_their_joiners_and_time_zones() {
        let lex = Lexicon::get();
        let whole = |line: &str| leading_date(line, lex) == Some(line.len());
        for line in [
            "Publié le 18/02/2025 à 07h15",
            "Mis à jour le 18/02/2025 à 11h40",
            "Aktualisiert am 04.06.2025, 16:47 Uhr",
            "Stand: 14:05 Uhr",
            "Actualizado: 22/07/2025 13:50",
            "12 de marzo de 2025",
            "03 Jun 2025 às 10:22",
            "14 novembre 2025, 08:30",
            "Updated 12 May 2025, 9:30 am",
            "01/07/2025 - 12:45",
            "Mittwoch, 09. Juli 2025 – 19:42 Uhr",
            "Le 06/11/2025 à 18h02",
        ] {
            assert!(whole(line), "{line}");
        }
        // A joiner opens no date, and a date does not take the sentence after it.
        assert_eq!(leading_date("Le 12 mars, le maire a parlé.", lex), None);
        assert_eq!(
            leading_date("12 mars 2025 à Paris, le maire", lex),
            Some(13)
        );
        assert_eq!(leading_date("Stand der Dinge: 3 Fragen", lex), None);
    }

    #[test]
    fn datelines_reading_times_read_also_lines_and_credited_captions() {
        let lex = Lexicon::get();
        assert!(is_dateline("Madrid - 12 mar 2025 - 14:32 CET", lex));
        assert!(is_dateline("Lyon | 12.03.2025 | AFP", lex));
        assert!(!is_dateline(
            "Lyon – 12 mars 2025 – Le maire a annoncé sa démission.",
            lex
        ));
        assert!(!is_dateline("Ajax - PSV 2-1", lex));

        assert!(opens_read_also(
            "Lesen Sie auch: Neue Ladesäulen am Bahnhof – wann sie endlich in Betrieb gehen",
            &normalize(
                "Lesen Sie auch: Neue Ladesäulen am Bahnhof – wann sie endlich in Betrieb gehen"
            ),
            lex,
        ));
        let sentence = "Lees ook de brief van de burgemeester: die is duidelijk.";
        assert!(!opens_read_also(sentence, &normalize(sentence), lex));

        for caption in [
            "La halle, ici en travaux en janvier. © Photo Le Courrier des Vallées",
            "Un helicóptero descarga agua sobre el monte. (Foto: Diario de la Sierra)",
            "De brug, gezien vanaf de kade. Foto: ANP / Jan de Vries",
        ] {
            assert!(ends_with_credit(caption, lex), "{caption}");
        }
        for line in [
            "(dpa/lvo)",
            "De brug gaat dicht (zie foto).",
            "Het college besloot dinsdag. Foto's volgen later in de week nog.",
        ] {
            assert!(!ends_with_credit(line, lex), "{line}");
        }
        let cleaned = clean(&format!(
            "Lesezeit: 4 Min.\n{BODY}\nLees ook: Nieuwe school geopend in de wijk Oost, na jaren van plannen\n{NEXT_BODY}\n"
        ));
        assert_eq!(cleaned, format!("{BODY}\n{NEXT_BODY}\n"));
    }

    #[test]
    fn dates_and_times_in_short_lines_counters_and_credit_labels() {
        let lex = Lexicon::get();
        let long = format!("{BODY} Op 3 maart 2025 om 14:05 begon het werk.");
        type LineTest = fn(&str, &Lexicon) -> bool;
        let dated: LineTest = |l, lex| is_dated(l, l.split_whitespace().count(), lex);
        let markup: LineTest = |l, _| is_markup(l);
        let teaser: LineTest = |l, _| is_teaser_item(l);
        let credit: LineTest = |l, lex| is_credit_label(l, &normalize(l), lex);
        let breadcrumb: LineTest = |l, _| is_breadcrumb(l);
        let cases: [(&str, LineTest, &str, bool); 25] = [
            (
                "dated",
                dated,
                "Chris Davies - Nov 19, 2019, 10:31 pm CST",
                true,
            ),
            (
                "dated",
                dated,
                "By Tim Childers 2019-11-19T12:48:14Z Space",
                true,
            ),
            (
                "dated",
                dated,
                "Gepubliceerd op 3 maart 2025 om 14:05",
                true,
            ),
            ("dated", dated, "In 2019 the council met again", false),
            ("dated", dated, "May the best team win", false),
            ("dated", dated, "Ajax wint met 3-1 van PSV", false),
            ("counter", is_gallery_counter, "1 of 6", true),
            ("counter", is_gallery_counter, "1 / 13", true),
            ("counter", is_gallery_counter, "Foto 3 van 12", true),
            ("counter", is_gallery_counter, "Step 1 of 6", false),
            ("counter", is_gallery_counter, "1 of 6 people", false),
            (
                "markup",
                markup,
                "<a href=\"https://example.org/ad?id=1\"><img src=\"x.gif\"></a>",
                true,
            ),
            ("markup", markup, "</noscript>", true),
            ("markup", markup, "<!-- ad slot -->", true),
            ("markup", markup, "<The Palace: Jang Noksu>", false),
            ("markup", markup, "x < y", false),
            (
                "teaser",
                teaser,
                "* Lankan president accepts invitation COLOMBO: The president has...",
                true,
            ),
            ("teaser", teaser, "De brug gaat dicht, en dan...", false),
            (
                "breadcrumb",
                breadcrumb,
                "Sie sind hier: Startseite > Lokales > Wiesental",
                true,
            ),
            (
                "breadcrumb",
                breadcrumb,
                "Inflation > 5 procent, zegt het CBS",
                false,
            ),
            ("credit", credit, "Foto: ANP / Jan de Vries", true),
            ("credit", credit, "Bild: dpa", true),
            ("credit", credit, "Foto:", false),
            (
                "credit",
                credit,
                "Photographers: a union goes on strike",
                false,
            ),
            ("credit", credit, "Bron van inspiratie: de zee", false),
        ];
        for (rule, test, line, expected) in cases {
            assert_eq!(test(line, lex), expected, "{rule}: {line}");
        }
        assert!(!dated(&long, lex), "a date in a paragraph");
        for (line, byline) in [
            ("Von Markus Heilmann", true),
            ("di Francesca Rinaldi", true),
            ("By the river we sat down", false),
            ("Door Jan de Vries.", false),
        ] {
            assert_eq!(
                is_name_byline(line, &normalize(line), lex),
                byline,
                "{line}"
            );
        }
    }

    #[test]
    fn a_sentence_under_a_kept_subheading_and_above_a_kept_paragraph_is_kept() {
        let text = format!("{BODY}\n\nStraßen gesperrt\n\nDie Landstraße bleibt bis auf Weiteres gesperrt.\n\n{BODY}\n");
        with_features(&text, |_, texts, features| {
            let verdict = vec![None; texts.len()];
            for (below_kept, expected) in [(true, true), (false, false)] {
                let mut keep = vec![true, true, false, below_kept];
                keep_following_sentences(features, texts, &verdict, &mut keep);
                assert_eq!(keep[2], expected, "paragraph below kept: {below_kept}");
            }
        });
    }

    #[test]
    fn blocks_repeated_down_a_page_are_counted_and_a_quote_is_no_caption() {
        assert_eq!(copies_in_page(&[7, 3, 7, 9, 7]), [3, 1, 3, 1, 3]);

        let quote = "«Finalmente restituiamo il museo alla città», ha detto l'assessora.";
        let caption = "Il salone affrescato al secondo piano, dopo i lavori.";
        for (line, is_caption) in [(quote, false), (caption, true)] {
            let text = format!("{BODY}\n\n{line}\n\nFoto: Marco Bassi\n\n{BODY}\n");
            with_features(&text, |_, texts, features| {
                let lex = Lexicon::get();
                let mut whole: Vec<Option<(Reason, u32)>> = texts
                    .iter()
                    .zip(features)
                    .map(|(t, f)| rule(t, f.key, f.words, lex).map(|r| (r, 0)))
                    .collect();
                mark_captions(features, texts, &mut whole, lex);
                assert_eq!(whole[1] == Some((Reason::Caption, 0)), is_caption, "{line}");
            });
        }
    }

    #[test]
    fn a_sentence_after_an_advert_marker_is_the_article_s_and_prose_is_never_all_lost() {
        let text = format!("{BODY}\nAdvertentie\nDe werkzaamheden beginnen in juni.\nDelen\n");
        with_features(&text, |_, texts, features| {
            let mut verdict = vec![None; texts.len()];
            verdict[1] = Some((Reason::Navigation, 0));
            verdict[3] = Some((Reason::Navigation, 0));
            let mut keep = vec![true, false, false, false];
            keep_following_sentences(features, texts, &verdict, &mut keep);
            assert_eq!(keep, [true, false, true, false]);
            // The menu line below is no sentence; a sentence below a menu line is not kept.
            let mut keep = vec![false, false, false, false];
            keep_following_sentences(features, texts, &verdict, &mut keep);
            assert_eq!(keep, [false; 4]);
        });
        let text = format!("Home\nKort bericht\n{BODY}\n© Krant\n");
        with_features(&text, |_, texts, features| {
            let mut verdict = vec![None; texts.len()];
            verdict[3] = Some((Reason::Credit, 0));
            // The classifier kept only the headline: the paragraph comes back, nothing else.
            let mut keep = vec![false, true, false, false];
            keep_some_prose(features, texts, &verdict, &mut keep);
            assert_eq!(keep, [false, true, true, false]);
        });
    }

    #[test]
    fn a_byline_with_a_separator_is_not_taken_for_the_headline() {
        let text =
            format!("Het ziekenhuis opent een nieuwe spoedpost\nR. Gómez | La Ribera\n{BODY}\n");
        with_features(&text, |_, texts, features| {
            let verdict = vec![None; texts.len()];
            let mut keep = vec![false, false, true];
            keep_headline(features, texts, &verdict, &mut keep);
            assert_eq!(keep, [true, false, true]);
        });
    }

    #[test]
    fn related_headings_are_distinct_key_forms() {
        let mut seen = std::collections::HashSet::new();
        for heading in RELATED_HEADINGS {
            assert_eq!(normalize(heading), *heading, "not in key form");
            assert!(seen.insert(heading), "{heading} listed twice");
        }
    }

    #[test]
    fn related_headings_open_a_list_in_every_language() {
        let lists = [
            (
                "Você pode gostar...",
                [
                    "Prefeitura anuncia obras na ponte",
                    "Chuva forte atinge o litoral",
                ],
            ),
            (
                "Te recomendamos",
                [
                    "El ayuntamiento cierra el puente",
                    "Lluvias intensas en la costa",
                ],
            ),
            (
                "Ti potrebbe interessare",
                ["Il comune chiude il ponte", "Piogge forti sulla costa"],
            ),
            (
                "À voir aussi",
                ["La mairie ferme le pont", "Fortes pluies sur la côte"],
            ),
            (
                "Weitere Meldungen",
                ["Stadt sperrt die Brücke", "Starkregen an der Küste"],
            ),
            (
                "Recommended Stories",
                ["Council closes the bridge", "Heavy rain hits the coast"],
            ),
        ];
        for (heading, items) in lists {
            let text = format!("{BODY}\n\n{heading}\n\n{}\n\n{}\n", items[0], items[1]);
            let page = Page::new(&text);
            let removals = decide(&text, &page, 1, |_| 1, &ClutterConfig::default());
            assert_eq!(
                apply(&text, &page.blocks, &removals),
                format!("{BODY}\n"),
                "{heading}"
            );
            let reasons: Vec<Reason> = removals.iter().map(|r| r.reason).collect();
            assert_eq!(reasons, [Reason::RelatedList; 3], "{heading}");
        }
    }

    #[test]
    fn related_items_with_glued_age_go() {
        let lex = Lexicon::get();
        assert!(glued_age(
            "Actueel1 jaar geledenBrand in loods verwoest oogst",
            lex
        ));
        assert!(glued_age("Regio 2 dagen geledenNieuwe burgemeester", lex));
        assert!(!glued_age("Twee jaar geleden brandde de loods af.", lex));
        assert!(!glued_age("Het gebeurde 3 jaar geleden in Zwolle.", lex));
    }

    /// English site furniture around an article in `body`'s language, with an English
    /// paragraph about the site, so the page's language is English and the page is not
    /// one the classifier would empty.
    fn article_under_english_menus(body: &str) -> String {
        format!(
            "Home\n\nWorld\n\nSign up for our newsletter and get the best of the week in your inbox\n\n\
             {body}\n\n{body}\n\nShare this article with your friends on social media\n\n\
             The Daily Courier is an independent newspaper that has covered the city and the \
             region around it since 1901, and it is read by more than half of the people who \
             live there in print or on the web every week of the year.\n"
        )
    }

    #[test]
    fn an_article_in_another_language_than_the_menus_stays() {
        // Russian has a stop list but not the page's; Chinese has none at all.
        let russian =
            "Городской совет во вторник решил закрыть старый мост через канал на ремонт, \
            после того как инспекторы нашли трещины в опорах. Работы продлятся около шести \
            недель и обойдутся примерно в два миллиона евро, сообщили в мэрии.";
        let chinese = "市议会周二决定关闭运河上的旧桥进行维修，因为检查人员在桥墩上发现了裂缝。\
            工程预计将持续大约六个星期，费用约为两百万欧元。在此期间，行人和骑车者可以使用临时渡轮。\
            市政府表示，渡轮将从早上六点运行到晚上十一点。";
        for body in [russian, chinese] {
            let out = clean(&article_under_english_menus(body));
            assert_eq!(out.matches(body).count(), 2, "{out}");
            assert!(
                !out.contains("newsletter") && !out.contains("Home"),
                "{out}"
            );
        }
    }

    const SECOND_BODY: &str =
        "Na bijna een eeuw gaat de bakkerij aan de Dorpsstraat eind juni dicht, omdat de \
        bakker met pensioen gaat en in al die jaren geen opvolger heeft kunnen vinden. Het pand \
        heeft twee jaar te koop gestaan, maar niemand wilde om vier uur 's nachts beginnen.";

    /// An article, a share prompt, then a section label and a second article.
    fn page_with_a_second_article() -> String {
        format!(
            "Brug over het kanaal gaat dicht voor herstel\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\n\
             Deel dit artikel\n\nRegio\n\nBakkerij in het dorp sluit na 94 jaar\n\n\
             {SECOND_BODY}\n\n{SECOND_BODY}\n"
        )
    }

    #[test]
    fn a_second_article_below_a_section_label_goes() {
        let text = page_with_a_second_article();
        let (out, removals) = clean_with_removals(&text);
        assert_eq!(out.matches(BODY).count(), 3, "{out}");
        assert!(
            !out.contains("bakkerij") && !out.contains("Bakkerij"),
            "{out}"
        );
        assert_eq!(
            reason_of(&text, &removals, "Na bijna"),
            Some(Reason::SecondArticle)
        );
    }

    #[test]
    fn a_section_label_above_a_longer_article_is_no_second_article() {
        // A column of teasers beside the article, laid out above it: the label and the
        // headline below it open the page's own article, which is the longer text.
        let text = format!(
            "{SECOND_BODY}\n\n{SECOND_BODY}\n\n{SECOND_BODY}\n\nRegio\n\n\
             Brug over het kanaal gaat dicht voor herstel\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\n{BODY}\n"
        );
        let out = clean(&text);
        assert_eq!(out.matches(BODY).count(), 4, "{out}");
    }

    /// Calls `f` with a page's blocks' texts and their features, as [`judge`] measures them
    /// (no in-line cuts, no stop-word list).
    fn with_features<R>(text: &str, f: impl FnOnce(&Page, &[&str], &[Features]) -> R) -> R {
        let page = Page::new(text);
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text(text)).collect();
        let lex = Lexicon::get();
        let mut hashes = Vec::new();
        let measured: Vec<(Tally, Length)> = (0..texts.len())
            .map(|i| {
                let tally = Tally::of(page.forms.get(i), lex, &mut hashes);
                let length = Length::of(texts[i], tally.words);
                (tally, length)
            })
            .collect();
        let features: Vec<Features> = measured
            .into_iter()
            .enumerate()
            .map(|(i, (tally, length))| {
                features_of(
                    texts[i],
                    page.forms.get(i),
                    &hashes[tally.hashes],
                    None,
                    length,
                )
            })
            .collect();
        f(&page, &texts, &features)
    }

    /// What [`strip_second_article`] makes of `text` when the classifier kept every block
    /// but the section label `label` and the blocks of `stripped` (removed for their
    /// reasons): how many blocks go as a second article, and which blocks the second
    /// article keeps as a page of its own. Without `fragments` no block is a fragment of a
    /// broken sentence; with `in_columns` the lines next to the label stand in columns.
    fn second_article_of(
        text: &str,
        label: &str,
        stripped: &[(&str, Reason)],
        fragments: bool,
        in_columns: bool,
    ) -> (usize, Option<Vec<bool>>) {
        with_features(text, |page, texts, features| {
            let mut runs = fragment_runs(texts, features);
            if !fragments {
                runs.iter_mut().for_each(|r| r.blocks = 1);
            }
            let label = texts.iter().position(|t| *t == label).unwrap();
            let mut keep = vec![true; texts.len()];
            keep[label] = false;
            let mut verdict = vec![None; texts.len()];
            for (i, text) in texts.iter().enumerate() {
                if let Some(&(_, reason)) = stripped.iter().find(|(t, _)| t == text) {
                    keep[i] = false;
                    verdict[i] = Some((reason, 0));
                }
            }
            let columned: Vec<bool> = (0..texts.len())
                .map(|i| in_columns && i.abs_diff(label) == 1)
                .collect();
            let second = strip_second_article(
                features,
                &runs,
                &columned,
                &page.forms,
                Lexicon::get(),
                &mut verdict,
                &mut keep,
            );
            let gone = verdict
                .iter()
                .filter(|v| matches!(v, Some((Reason::SecondArticle, _))))
                .count();
            (gone, second)
        })
    }

    #[test]
    fn a_section_label_inside_a_broken_sentence_is_no_second_article() {
        // BeautifulSoup breaks the line at every link: here the section label is a link that
        // ends a sentence of the article. Standing alone, the same label opens a second
        // article.
        let text = format!(
            "Brug over het kanaal gaat dicht voor herstel\n{BODY}\n{BODY}\n{BODY}\n\
             Wie meer wil weten, leest het dossier in de rubriek\nregio\n\
             Bakkerij in het dorp sluit na 94 jaar\n{SECOND_BODY}\n{SECOND_BODY}\n"
        );
        // As if a rule had read the sentence before the label as a call to action.
        let prompt = [(
            "Wie meer wil weten, leest het dossier in de rubriek",
            Reason::Prompt,
        )];
        let gone = |fragments, in_columns| {
            second_article_of(&text, "regio", &prompt, fragments, in_columns).0
        };
        assert_eq!(gone(true, false), 0);
        assert_eq!(gone(false, false), 4);
        assert_eq!(gone(false, true), 0, "a menu column's label opens nothing");
    }

    #[test]
    fn a_second_article_needs_the_first_to_have_ended() {
        // A teaser boxed inside the article: label, headline, and the article's text goes
        // on below. Only what closes an article (a share prompt, a byline) between the
        // article and the label makes the label open a second one.
        let text = page_with_a_second_article();
        let (gone, second) = second_article_of(
            &text,
            "Regio",
            &[("Deel dit artikel", Reason::Prompt)],
            true,
            false,
        );
        assert_eq!(gone, 4);
        // The second article as a page: its headline and its two paragraphs.
        let kept: Vec<usize> = second
            .unwrap()
            .iter()
            .enumerate()
            .filter(|(_, &k)| k)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(kept, [6, 7, 8]);
        for ended_by in [Reason::Byline, Reason::Credit, Reason::Comments] {
            let stripped = [("Deel dit artikel", ended_by)];
            assert_eq!(
                second_article_of(&text, "Regio", &stripped, true, false).0,
                4
            );
        }
        for not_an_end in [Reason::Navigation, Reason::LowContent, Reason::SiteTemplate] {
            let stripped = [("Deel dit artikel", not_an_end)];
            assert_eq!(
                second_article_of(&text, "Regio", &stripped, true, false),
                (0, None),
                "{not_an_end:?}"
            );
        }
        assert_eq!(
            second_article_of(&text, "Regio", &[], true, false),
            (0, None)
        );
    }

    #[test]
    fn a_headline_with_its_byline_below_an_ended_article_opens_a_second_one() {
        let page = |headline: &str| {
            format!(
                "Brug over het kanaal gaat dicht voor herstel\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\n\
                 Deel dit artikel\n\n{headline}\n\nDoor Jan Jansen\n\n{SECOND_BODY}\n\n{SECOND_BODY}\n"
            )
        };
        let headline = "Bakkerij in het dorp sluit na 94 jaar";
        let byline = ("Door Jan Jansen", Reason::Byline);
        let ended = [("Deel dit artikel", Reason::Prompt), byline];
        // The headline, as the classifier left it, and the two paragraphs below the byline
        // (the byline keeps its own reason).
        let (gone, second) = second_article_of(&page(headline), headline, &ended, true, false);
        assert_eq!(gone, 3);
        let second = second.unwrap();
        let kept: Vec<usize> = (0..second.len()).filter(|&i| second[i]).collect();
        assert_eq!(kept, [5, 7, 8]);
        // Not when the article goes on (a byline box inside it), nor under a button.
        let going_on = [("Deel dit artikel", Reason::LowContent), byline];
        assert_eq!(
            second_article_of(&page(headline), headline, &going_on, true, false),
            (0, None)
        );
        assert_eq!(
            second_article_of(&page("ABONNEER"), "ABONNEER", &ended, true, false),
            (0, None)
        );
    }

    #[test]
    fn a_section_label_among_teasers_and_menus_is_no_second_article() {
        // A column of menus and teasers above the article: the classifier keeps the teasers'
        // sentences, a minority of the blocks there.
        let text = format!(
            "Nieuws\n\n{SECOND_BODY}\n\nSport\n\n{SECOND_BODY}\n\nCultuur\n\n{SECOND_BODY}\n\n\
             Video\n\nWeer\n\nVolg ons op Facebook\n\nRegio\n\n\
             Brug over het kanaal gaat dicht voor herstel\n\n{BODY}\n\n{BODY}\n"
        );
        let mut stripped: Vec<(&str, Reason)> = ["Nieuws", "Sport", "Cultuur", "Video", "Weer"]
            .into_iter()
            .map(|t| (t, Reason::Navigation))
            .collect();
        stripped.push(("Volg ons op Facebook", Reason::Prompt));
        assert_eq!(
            second_article_of(&text, "Regio", &stripped, true, false),
            (0, None)
        );
        // The same blocks, the menu words kept: now the text above is a body of its own.
        assert_eq!(
            second_article_of(&text, "Regio", &stripped[5..], true, false).0,
            4
        );
    }

    #[test]
    fn a_subheading_between_paragraphs_is_kept_and_a_menu_item_is_not() {
        let text = format!(
            "{BODY}\nFoto: ANP\nOmleiding via de Ringweg\n{BODY}\nMeer nieuws\nSport\n{BODY}\n"
        );
        with_features(&text, |_, texts, features| {
            // The classifier kept the paragraphs only.
            let mut keep: Vec<bool> = texts.iter().map(|t| t.len() > 100).collect();
            let mut verdict = vec![None; texts.len()];
            verdict[1] = Some((Reason::Credit, 0));
            keep_subheadings(features, texts, &verdict, &mut keep);
            assert_eq!(keep, [true, false, true, true, false, false, true]);
            // The jusText pass may have found it short among clutter: it is still kept.
            let mut keep: Vec<bool> = texts.iter().map(|t| t.len() > 100).collect();
            verdict[2] = Some((Reason::LowContent, 0));
            keep_subheadings(features, texts, &verdict, &mut keep);
            assert_eq!(keep, [true, false, true, true, false, false, true]);
        });
        // Under a quote with its speaker after it, which ends no sentence.
        let quote = "„Wij willen niet kiezen tussen de brug en de veerpont, allebei moeten ze                      blijven” Anna de Groot, wethouder van verkeer";
        let text = format!(
            "{quote}
Omleiding via de Ringweg
{BODY}
"
        );
        with_features(&text, |_, texts, features| {
            let mut keep = vec![true, false, true];
            keep_subheadings(features, texts, &[None, None, None], &mut keep);
            assert_eq!(keep, [true, true, true]);
        });
    }

    #[test]
    fn a_broken_sentence_is_kept_or_stripped_whole() {
        let text = "Shares of the bank fell sharply after its\nfiling\nfor bankruptcy protection \
                    in New York\n, its lawyers said on Monday.\nHome\nNews\n";
        with_features(text, |_, texts, features| {
            let runs = fragment_runs(texts, features);
            // The classifier kept most of the sentence's words, not a link text or the menu.
            let none = vec![None; texts.len()];
            let mut keep = vec![true, false, true, false, false, false];
            keep_runs_whole(&runs, features, &none, &mut keep);
            assert_eq!(keep, [true, true, true, true, false, false]);
            // It kept one word of the sentence, and a menu item.
            let mut keep = vec![false, true, false, false, true, false];
            keep_runs_whole(&runs, features, &none, &mut keep);
            assert_eq!(keep, [false, false, false, false, true, false]);
        });
    }

    #[test]
    fn a_byline_that_reads_on_from_a_standfirst_keeps_its_own_verdict() {
        let text = "De brug gaat zes weken dicht voor groot onderhoud aan het houten brugdek,\n\
                    door Jan de Vries\n";
        with_features(text, |_, texts, features| {
            let runs = fragment_runs(texts, features);
            assert_eq!(
                runs[0].blocks, 2,
                "the lower-case line continues the one above"
            );
            let mut verdict = vec![None; texts.len()];
            verdict[1] = Some((Reason::Byline, 0));
            let mut keep = vec![true, false];
            keep_runs_whole(&runs, features, &verdict, &mut keep);
            assert_eq!(keep, [true, false]);
        });
    }

    #[test]
    fn character_classes_count_ascii_and_other_scripts_alike() {
        let ascii = char_classes("Home | News 2025 | AB   C");
        assert_eq!((ascii.digits, ascii.upper, ascii.separators), (4, 5, 2));
        assert!(ascii.wide_gap);
        // Arabic-Indic digits, capitals with accents, separators beyond ASCII.
        let other = char_classes("Énergie • Ölpreis › ٢٠٢٥ | Ça");
        assert_eq!((other.digits, other.upper, other.separators), (4, 3, 3));
        assert!(!other.wide_gap);
        // A long block, past the 255-byte lanes of the vector count.
        let long = "A1|".repeat(300);
        let long = char_classes(&long);
        assert_eq!((long.digits, long.upper, long.separators), (300, 300, 300));
    }

    #[test]
    fn a_fragment_carries_on_a_sentence_its_line_broke_off() {
        assert!(continues("the state's new", "slogan drew a share of"));
        assert!(continues(
            "a report in the Argus Leader,",
            "Gov. Kristi Noem"
        ));
        assert!(continues("packed with them", ".)"));
        assert!(continues("Meer in het dossier (", "Regio"));
        assert!(continues(
            "the world's biggest chipmaker, Intel",
            "(nasdaq:"
        ));
        assert!(continues("(nasdaq:", "INTC"));
        assert!(continues(
            "Intel President",
            "– who took over in May – said"
        ));
        assert!(!continues("Home", "News"));
        assert!(!continues("The bridge closes in June.", "(Photo: ANP)"));
        assert!(!continues("+ Tributos", "- alvará de localização"));
        assert!(!continues("+ Fazenda", "o orçamento"));
        assert!(continues("segundo", "o presidente da câmara"));
        assert!(!continues(
            "The bridge closes in June.",
            "The council voted"
        ));
        assert!(!continues(
            "Apple has set its sights on video.",
            "\"It is a stunner\""
        ));
    }

    #[test]
    fn a_run_of_fragments_is_measured_as_one_text() {
        let text = "Home\nRemember the quest to find a\nstate slogan\n?\nNews\n";
        let runs = with_features(text, |_, texts, features| fragment_runs(texts, features));
        let blocks: Vec<usize> = runs.iter().map(|r| r.blocks).collect();
        assert_eq!(blocks, [1, 3, 3, 3, 1]);
        assert_eq!(
            runs[1].chars,
            "Remember the quest to find a".len() + "state slogan".len() + 1
        );
        assert!(runs[1].ends_sentence && !runs[0].ends_sentence);
    }

    /// Three comments, each under its stamp.
    fn comment_thread() -> String {
        let mut thread = String::from("3 Comments\n\n");
        for (name, day) in [("Milan", 12), ("Catherine", 13), ("Alex", 17)] {
            thread.push_str(&format!(
                "{name} on September {day}, 2018 at 4:47 pm said:\n\n\
                 Thanks for the piece, I have been wondering about the bridge for a while and \
                 I think the council should have acted much sooner than it did this year.\n\n"
            ));
        }
        thread
    }

    #[test]
    fn a_comment_thread_below_the_article_goes() {
        let text = format!(
            "Brug over het kanaal gaat dicht voor herstel\n\n{BODY}\n\n{BODY}\n\n{}",
            comment_thread()
        );
        let (out, removals) = clean_with_removals(&text);
        assert_eq!(out.matches(BODY).count(), 2, "{out}");
        assert!(
            !out.contains("council") && !out.contains("Comments"),
            "{out}"
        );
        assert_eq!(
            reason_of(&text, &removals, "Thanks for the piece"),
            Some(Reason::Comments)
        );
    }

    #[test]
    fn stamps_above_the_article_are_no_comment_thread() {
        // Datelines and a list of timestamped headlines above the article: nothing kept
        // stands above them, so they are no thread and the article below stays.
        let text = format!("{}{BODY}\n\n{BODY}\n", comment_thread());
        let out = clean(&text);
        assert_eq!(out.matches(BODY).count(), 2, "{out}");
    }

    #[test]
    fn a_nested_list_marker_is_no_word_of_the_key() {
        let mut forms = KeyForms::default();
        for text in [
            "  o Novembro (163)",
            "Novembro (163)",
            "O Brasil venceu",
            "o",
        ] {
            forms.push(text);
        }
        assert_eq!(forms.get(0), forms.get(1));
        assert!(forms.get(2).starts_with("o "), "{}", forms.get(2));
        assert_eq!(forms.get(3), "o");
    }

    #[test]
    fn a_comment_thread_whose_stamps_begin_with_a_date_is_found() {
        // Text laid out one inline tag per line: the stamp's date opens its line, where the
        // in-line cut strips leading dates, and the article's paragraph is in pieces.
        let mut text = String::from(
            "Quarterly open thread\n\nSeptember 10, 2018\n\nOur goal with these threads is to \
             give readers of the blog a place to raise\nquestions about the work\nand about \
             related topics in the comments below, and we will try to answer each of them as \
             soon as we can. You can also write to us by email or ask for a call with one of \
             the researchers if you would rather talk it over in private.\n\nComments\n\n",
        );
        for (n, name) in ["Milan", "Catherine", "Alex", "Gary"].iter().enumerate() {
            text.push_str(&format!(
                "{name}\n on\nSeptember {}, 2018 at 4:4{n} pm\n said:\n\nI wonder whether the \
                 follow-up paper changes anything about the {} you made last year.\n\n",
                12 + n,
                ["advice", "ranking", "estimate", "grant"][n]
            ));
        }
        let out = clean(&text);
        assert!(out.contains("Our goal"), "{out}");
        assert!(!out.contains("follow-up paper"), "{out}");
    }

    #[test]
    fn comment_stamps_need_a_time_and_a_date_or_a_signature() {
        let lex = Lexicon::get();
        let stamp = |s: &str| {
            let mut key = String::new();
            normalize_into(s, &mut key);
            is_comment_stamp(s, &key, lex)
        };
        assert!(stamp(
            "Milan Griffes on September 12, 2018 at 4:47 pm said:"
        ));
        assert!(stamp("2 days ago at 07:52 am"));
        assert!(stamp("Cherie McCluney August 17, 2019 - 2:19 pm"));
        assert!(stamp("1. thelastchargersfan says:"));
        assert!(!stamp("Kick-off at 20:45 in the Kuip"));
        assert!(!stamp(
            "The score was 2:1 in 2019 and 3:0 in 2020 and everyone went home happy."
        ));
        assert!(!stamp("Published in September 2018"));
    }

    #[test]
    fn short_real_lines_inside_the_article_survive() {
        let text = format!("Kop van het stuk hier\n\n{BODY}\n\nUitstekende band\n\n{NEXT_BODY}\n");
        let out = clean(&text);
        assert!(out.contains("\n\nUitstekende band\n\n"), "{out}");
    }

    #[test]
    fn template_spans_are_the_blocks_enough_of_the_sites_pages_carry() {
        let long = "een regel van twintig woorden of meer die op veel pagina's van de site staat \
                    en toch lang genoeg is om verhaal te zijn";
        let text = format!("Home\nKop van het stuk\n{long}\nContact\n");
        let page = Page::new(&text);
        let config = ClutterConfig::default();
        // `pages[i]`: on how many of the site's pages block `i` stands.
        let spans_of = |pages: [u32; 4], site_pages: u32| -> Vec<&str> {
            let frequency = |key: u64| {
                let block = page.keys.iter().position(|&k| k == key).unwrap();
                pages[block]
            };
            template_spans(&page, site_pages, frequency, &config)
                .into_iter()
                .map(|(start, end)| &text[start..end])
                .collect()
        };
        // Short blocks on three pages are template; a long one needs half the site's pages.
        assert_eq!(spans_of([3, 1, 3, 3], 10), ["Home", "Contact"]);
        assert_eq!(spans_of([3, 1, 5, 3], 10), ["Home", long, "Contact"]);
        // A site of two pages has no template.
        assert!(spans_of([2, 2, 2, 2], 2).is_empty());
    }

    #[test]
    fn site_template_needs_enough_pages_and_spares_the_headline() {
        let headline = "Brug over het kanaal gaat dicht voor herstel";
        let text = format!("Menu van de site hier\n{headline}\n{BODY}\n");
        let page = Page::new(&text);
        // Every block recurs on 4 of 10 pages: the short menu goes; the headline is protected;
        // the long body would need half the site's pages.
        let removals = decide(&text, &page, 10, |_| 4, &ClutterConfig::default());
        let out = apply(&text, &page.blocks, &removals);
        assert_eq!(out, format!("{headline}\n{BODY}\n"));
        assert_eq!(removals[0].reason, Reason::SiteTemplate);
        assert_eq!(removals[0].site_pages, 4);
    }

    #[test]
    fn a_block_removed_whole_is_one_span_not_its_pieces_too() {
        // A furniture line among clutter: its date and furniture pieces are cut first, then
        // the classifier removes the rest; the block must come out as one span.
        let text = "Home\n12 mei 2025 Kort bericht Actueel • Vandaag • leestijd 2 minuten\nMenu\n";
        let page = Page::new(text);
        let removals = decide(text, &page, 1, |_| 1, &ClutterConfig::default());
        for pair in removals.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlap: {removals:?}");
        }
        assert_eq!(apply(text, &page.blocks, &removals), "");
    }

    #[test]
    fn word_spans_are_those_of_split_on_space_and_windows_roll() {
        for key in ["", "a", "lees ook", " a  b ", "café oekraïne 東 京"] {
            let spans: Vec<&str> = word_spans(key).map(|(s, e)| &key[s..e]).collect();
            assert_eq!(spans, key.split(' ').collect::<Vec<_>>(), "{key:?}");
        }
        let hashed =
            |key: &str| -> Vec<u64> { key.split(' ').map(|w| word_hash(w.as_bytes())).collect() };
        assert!(window_hashes(&hashed(&["w"; QUOTE_RUN - 1].join(" "))).is_empty());
        let windows = window_hashes(&hashed("a b c d e f g h a b c d e f g h i"));
        assert_eq!(windows.len(), 10);
        assert_eq!(windows[0], windows[8], "the same eight words hash alike");
        assert_ne!(windows[0], windows[1]);
    }

    #[test]
    fn the_window_sieve_holds_every_hash_put_in_and_rules_out_most_others() {
        let mut sieve = WindowSieve::new();
        let put: Vec<u64> = (0..300u64).map(crate::fingerprint::mix64).collect();
        put.iter().for_each(|&h| sieve.insert(h));
        assert!(put.iter().all(|&h| sieve.may_hold(h)));
        let others = (1000..11000u64)
            .map(crate::fingerprint::mix64)
            .filter(|&h| sieve.may_hold(h))
            .count();
        assert!(others < 1500, "{others} of 10000 pass");
    }

    #[test]
    fn every_reason_is_listed_at_its_index() {
        for (index, reason) in Reason::ALL.iter().enumerate() {
            assert_eq!(*reason as usize, index, "{}", reason.as_str());
        }
    }

    #[test]
    fn apply_never_invents_text() {
        let text = "a b c\nd e f\n\ng h";
        let page = Page::new(text);
        let removals = vec![removal(2, 3, Reason::Navigation)];
        assert_eq!(apply(text, &page.blocks, &removals), "a c\nd e f\n\ng h");
        let removed_line = vec![removal(6, 11, Reason::Navigation)];
        assert_eq!(
            apply(text, &page.blocks, &removed_line),
            "a b c\n\ng h",
            "a removed block's blank line still separates"
        );
    }

    /// Sorted, non-overlapping removals on character boundaries of `text`, from raw cut points.
    fn removals_at(text: &str, cuts: &[(usize, usize)]) -> Vec<Removal> {
        let boundary = |n: usize| {
            let mut at = n % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let mut spans: Vec<(usize, usize)> = cuts
            .iter()
            .map(|&(a, b)| (boundary(a.min(b)), boundary(a.max(b))))
            .filter(|(a, b)| a < b)
            .collect();
        spans.sort_unstable();
        let mut removals: Vec<Removal> = Vec::new();
        for (start, end) in spans {
            match removals.last_mut() {
                Some(last) if start <= last.end => last.end = last.end.max(end),
                _ => removals.push(removal(start, end, Reason::Furniture)),
            }
        }
        removals
    }

    #[test]
    fn a_cut_after_a_list_marker_keeps_the_form_of_the_cleaned_text() {
        // Found by the property below: the cut leaves `o` alone before the rest of its
        // line, which the cleaned text joins to it, so the marker opens that line again.
        let text = "A\n•東.aaa\u{301} \no\u{a0}\u{301}aa\u{a0}aAaa•\u{301}東aa0";
        let page = Page::new(text);
        let removals = removals_at(text, &[(17, 19)]);
        let cleaned = apply(text, &page.blocks, &removals);
        assert_eq!(
            kept_form(text, &page, &removals),
            Page::new(&cleaned).forms.joined()
        );
    }

    proptest::proptest! {
        #[test]
        fn kept_form_is_the_form_of_the_cleaned_text(
            text in "[a-zA-Z0-9 .|\u{e9}\u{301}\u{2022}\u{6771}\u{a0}\n]{0,60}",
            cuts in proptest::collection::vec((0usize..80, 0usize..80), 0..4),
        ) {
            let page = Page::new(&text);
            let removals = removals_at(&text, &cuts);
            let cleaned = apply(&text, &page.blocks, &removals);
            // The cleaned text, read again as a page, has the form its page kept: a
            // corpus cleaned twice is fingerprinted alike.
            let again = Page::new(&cleaned);
            proptest::prop_assert_eq!(kept_form(&text, &page, &removals), again.forms.joined());
            // Block by block, the form is the normalised text (less a nested-list marker).
            let blocks: Vec<String> = page
                .blocks
                .iter()
                .map(|b| crate::normalize::normalize(without_inner_list_marker(b.text(&text))))
                .filter(|form| !form.is_empty())
                .collect();
            proptest::prop_assert_eq!(page.forms.joined(), blocks.join(" "));
        }

        #[test]
        fn a_page_read_back_from_its_frame_is_the_page(
            text in "[a-zA-Z0-9 .|\u{e9}\u{301}\u{2022}\u{6771}\u{fb01}\u{a0}\n]{0,80}",
        ) {
            let page = Page::new(&text);
            let frame = page.to_frame(&text);
            let back = Page::from_frame(&frame, &text).expect("the frame is the text's");
            proptest::prop_assert_eq!(&back.blocks, &page.blocks);
            proptest::prop_assert_eq!(&back.keys, &page.keys);
            proptest::prop_assert_eq!(back.forms.len(), page.forms.len());
            for i in 0..page.forms.len() {
                proptest::prop_assert_eq!(back.forms.get(i), page.forms.get(i));
            }
            proptest::prop_assert_eq!(back.forms.joined(), page.forms.joined());
            // A frame cut short in its table is refused; cut anywhere, it is never read out
            // of bounds.
            let table_end = FRAME_HEAD_BYTES + page.blocks.len() * FRAME_BLOCK_BYTES;
            for cut in 0..frame.len() {
                let read = Page::from_frame(&frame[..cut], &text);
                proptest::prop_assert!(cut >= table_end || read.is_none());
            }
        }

        #[test]
        fn a_digit_in_the_first_words_is_found_as_split_whitespace_finds_words(
            text in "[a-z0-9 \t\n\u{b}\u{c}\r\u{a0}\u{2003}\u{e9}\u{663}]{0,40}",
            words in 0usize..8,
        ) {
            let expected = text
                .split_whitespace()
                .take(words)
                .any(|w| w.bytes().any(|b| b.is_ascii_digit()));
            proptest::prop_assert_eq!(digit_in_first_words(&text, words), expected);
        }
    }
}
