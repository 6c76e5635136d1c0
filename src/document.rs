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

/// A document whose id an earlier document of the input already has, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RepeatedId {
    /// The id both documents have.
    pub id: String,
    /// The file of the later document, as given on the command line or found in a directory.
    pub file: String,
    /// Its 1-based line.
    pub line: u64,
}

/// The documents whose id an earlier document already has: every output names documents
/// by id, so a repeated id makes clusters and `--explain` rows ambiguous. Ids are held as
/// 64-bit hashes, 8 bytes per document (two distinct ids share one about once in 3·10^5
/// inputs of ten million documents, which would count one repeat too many).
#[derive(Debug, Default)]
pub struct RepeatedIds {
    seen: std::collections::HashSet<u64, foldhash::fast::FixedState>,
    count: usize,
    examples: Vec<RepeatedId>,
}

impl RepeatedIds {
    /// The most repeats listed by name (all are counted).
    pub const LISTED: usize = 10;

    /// Notes the next document, in input order, whose file is `file`.
    pub fn note(&mut self, doc: &Document, file: impl FnOnce() -> String) {
        if self
            .seen
            .insert(xxhash_rust::xxh3::xxh3_64(doc.id.as_bytes()))
        {
            return;
        }
        self.count += 1;
        if self.examples.len() < Self::LISTED {
            self.examples.push(RepeatedId {
                id: doc.id.clone(),
                file: file(),
                line: doc.line,
            });
        }
    }

    /// How many documents repeat an earlier id.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The first [`RepeatedIds::LISTED`] of them, in input order.
    pub fn into_examples(self) -> Vec<RepeatedId> {
        self.examples
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, line: u64) -> Document {
        Document {
            ordinal: 0,
            id: id.to_string(),
            site: String::new(),
            text: String::new(),
            date: None,
            source: 0,
            line,
            record: None,
        }
    }

    #[test]
    fn only_later_documents_with_an_earlier_id_are_repeats() {
        let mut repeated = RepeatedIds::default();
        for (n, id) in ["a", "b", "a", "c", "a", "b"].iter().enumerate() {
            repeated.note(&doc(id, n as u64 + 1), || "in.jsonl".to_string());
        }
        assert_eq!(repeated.count(), 3);
        let listed: Vec<(String, u64)> = repeated
            .into_examples()
            .into_iter()
            .map(|r| (r.id, r.line))
            .collect();
        assert_eq!(
            listed,
            [
                ("a".to_string(), 3),
                ("a".to_string(), 5),
                ("b".to_string(), 6)
            ]
        );
    }
}
