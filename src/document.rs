//! The plain types that flow through the pipeline.
//!
//! A [`Document`] is what `read` produces and every later stage consumes by reference.
//! Ordinals are assigned from sorted input paths, then record order, so every decision that
//! breaks a tie by ordinal is the same for any thread count.

use std::ops::Range;

/// One input document: a JSONL record or a whole text file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Position in the whole input (0-based), the tie-breaker for every deterministic choice.
    pub ordinal: usize,
    /// The document's id: the id field, `<file>:<line>` when it has none, or the path of a
    /// text file relative to its input root.
    pub id: String,
    /// What per-site clutter statistics group by (empty: the whole input is one site).
    pub site: String,
    /// The original text, byte for byte.
    pub text: String,
    /// The date field when present, used by `--keep earliest`.
    pub date: Option<String>,
    /// Index into the list of input sources.
    pub source: usize,
    /// 1-based line of the record in its source (1 for text files).
    pub line: u64,
    /// For JSONL records: the record as read, which the writer copies with the cleaned
    /// text in place of the original.
    pub record: Option<Record>,
}

/// A JSONL record as read, so that every field but the text passes through byte for byte.
#[derive(Debug, Clone)]
pub struct Record {
    /// The line, without its line ending.
    pub line: Vec<u8>,
    /// Where the text field's value (a JSON string, quotes included) lies in `line`.
    pub text_value: Range<usize>,
    /// Where the id field's value lies in `line`, when the record has one (else the writer
    /// adds zeef's id).
    pub id_value: Option<Range<usize>>,
    /// Where a [`SPLIT_FROM_FIELD`] value lies in `line`, when the record already has one:
    /// a second article split off it gets that value replaced, not a second such key.
    pub split_from_value: Option<Range<usize>>,
}

/// The field a split-off second article's record names its page's id in
/// (`--split-articles`).
pub const SPLIT_FROM_FIELD: &str = "split_from";

/// The input format of one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// One document per file (`.txt`, `.md`).
    Text,
}

/// The compression of one source, detected from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (`1f 8b`), possibly several members.
    Gzip,
    /// zstd (`28 b5 2f fd`).
    Zstd,
}

/// A record that was skipped under `--skip-bad`, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The file, as given on the command line or found in a directory.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// What was wrong with it.
    pub problem: String,
}
