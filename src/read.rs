//! Reading: finds the input files, decodes them and turns them into [`Document`]s.
//!
//! Invariants:
//! - Directories are walked recursively in sorted path order and hidden entries are passed
//!   over, so ordinals do not depend on the file system's listing order.
//! - Compression is detected from magic bytes, never from the file name.
//! - A bad record is an error naming file and line, unless the caller asked to skip bad
//!   records; then it is counted in [`DocumentStream::skipped`] and reading goes on.
//! - Every JSONL field but the text passes through unchanged (key order kept).

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::value::RawValue;

use crate::document::{Compression, Document, Format, Record, Skipped, SPLIT_FROM_FIELD};
use crate::error::{Error, Result};

/// The JSONL field names zeef reads.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Fields {
    /// Field holding the document id.
    pub id: String,
    /// Field holding the text to clean.
    pub text: String,
    /// Field naming the site (falls back to the host of `url`).
    pub site: String,
    /// Field holding a date, for `--keep earliest`.
    pub date: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
            site: "site".into(),
            date: "date".into(),
        }
    }
}

/// One input file (or standard input) and where it sits.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it or as found in a directory (`-` for standard input).
    pub path: PathBuf,
    /// The path relative to its input root: the text file's id and the mirrored output name.
    pub relative: PathBuf,
    /// The first directory below the input root, the site of a text file.
    pub top_dir: Option<String>,
    /// JSONL or text.
    pub format: Format,
    /// Detected from the first bytes when the source is found.
    pub compression: Compression,
    /// For standard input: the copy that is read instead, twice if need be.
    pub spool: Option<Arc<fs::File>>,
}

impl Source {
    /// Whether this source is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// Expands the command line's inputs into sources: files as given, directories walked.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source {
                path: input.clone(),
                relative: PathBuf::from("stdin.jsonl"),
                top_dir: None,
                format: Format::Jsonl,
                compression: Compression::None,
                spool: None,
            });
            continue;
        }
        let meta = fs::metadata(input).map_err(|source| Error::Read {
            path: input.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            if found.is_empty() {
                // An empty directory is more often a wrong path than an empty corpus, and a
                // CI gate over nothing must not pass quietly.
                return Err(Error::Usage(format!(
                    "{}: no .txt, .md, .jsonl or .ndjson files (optionally .gz/.zst) in this directory",
                    input.display()
                )));
            }
            found.sort();
            for path in found {
                let relative = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
                let top_dir = relative
                    .parent()
                    .and_then(|p| p.components().next())
                    .map(|c| c.as_os_str().to_string_lossy().into_owned());
                let format = format_of(&path);
                sources.push(Source {
                    relative,
                    top_dir,
                    format,
                    compression: file_compression(&path)?,
                    spool: None,
                    path,
                });
            }
        } else {
            let relative = input
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| input.clone());
            sources.push(Source {
                path: input.clone(),
                relative,
                top_dir: None,
                format: format_of(input),
                compression: file_compression(input)?,
                spool: None,
            });
        }
    }
    Ok(sources)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
            walk(&path, found)?;
        } else if is_corpus_file(&name) {
            found.push(path);
        }
    }
    Ok(())
}

/// File names a directory walk picks up.
fn is_corpus_file(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let stem = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    [".txt", ".md", ".jsonl", ".ndjson"]
        .iter()
        .any(|ext| stem.ends_with(ext))
}

fn format_of(path: &Path) -> Format {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".txt") || name.ends_with(".md") {
        Format::Text
    } else {
        Format::Jsonl
    }
}

/// Detects compression from the first bytes of a stream.
pub fn detect_compression(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// Decompressed bytes of records gathered before a batch is handed on: enough to keep
/// every thread busy, little enough that memory stays flat however large the input.
pub const BATCH_BYTES: usize = 8 << 20;

/// Copies standard input to an unnamed temporary file in `dir`, so that it can be read
/// twice like any file; the copy disappears with the process, even when it is killed.
pub fn spool_stdin(sources: &mut [Source], dir: &Path) -> Result<()> {
    for source in sources.iter_mut().filter(|s| s.is_stdin()) {
        let wrap = |e: io::Error| Error::Read {
            path: PathBuf::from("-"),
            source: e,
        };
        let mut spool = tempfile::tempfile_in(dir).map_err(wrap)?;
        io::copy(&mut io::stdin().lock(), &mut spool).map_err(wrap)?;
        spool.seek(SeekFrom::Start(0)).map_err(wrap)?;
        let mut head = [0u8; 4];
        let n = read_head(&mut spool, &mut head).map_err(wrap)?;
        source.compression = detect_compression(&head[..n]);
        source.spool = Some(Arc::new(spool));
    }
    Ok(())
}

fn read_head(reader: &mut impl Read, head: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < head.len() {
        match reader.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Detects the compression of a file from its first bytes.
fn file_compression(path: &Path) -> Result<Compression> {
    let mut head = [0u8; 4];
    fs::File::open(path)
        .and_then(|mut f| read_head(&mut f, &mut head))
        .map(|n| detect_compression(&head[..n]))
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })
}

/// Opens a source for reading from its start, decompressed.
fn open(source: &Source) -> Result<Box<dyn BufRead + Send>> {
    let wrap = |e: io::Error| Error::Read {
        path: source.path.clone(),
        source: e,
    };
    let file = match &source.spool {
        Some(spool) => {
            let mut file = spool.try_clone().map_err(wrap)?;
            file.seek(SeekFrom::Start(0)).map_err(wrap)?;
            file
        }
        None => fs::File::open(&source.path).map_err(wrap)?,
    };
    let raw = BufReader::with_capacity(1 << 20, file);
    Ok(match source.compression {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(raw),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            1 << 20,
            zstd::stream::read::Decoder::with_buffer(raw).map_err(wrap)?,
        )),
    })
}

/// Reads a file as zeef reads its inputs (decompressing by magic bytes) and hashes every
/// byte with xxh3: the floor that end-to-end throughput is measured against.
pub fn hash_file(path: &Path) -> Result<(u64, u64)> {
    let source = Source {
        path: path.to_path_buf(),
        relative: PathBuf::new(),
        top_dir: None,
        format: Format::Jsonl,
        compression: file_compression(path)?,
        spool: None,
    };
    let mut reader = open(&source)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut bytes = 0u64;
    loop {
        let chunk = reader.fill_buf().map_err(|e| Error::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        if chunk.is_empty() {
            break;
        }
        hasher.update(chunk);
        let n = chunk.len();
        bytes += n as u64;
        reader.consume(n);
    }
    Ok((bytes, hasher.digest()))
}

/// Parses the records of a [`DocumentStream`] into documents (see
/// [`DocumentStream::parser`]).
#[derive(Debug, Clone, Copy)]
pub struct RecordParser<'a> {
    sources: &'a [Source],
    fields: &'a Fields,
}

impl RecordParser<'_> {
    /// A record of [`DocumentStream::next_unparsed`] as the document of ordinal `ordinal`,
    /// as [`DocumentStream::next_batch`] would give it; a record that does not parse is an
    /// error whatever `--skip-bad` says (the caller knows which records to skip).
    pub fn parse(&self, record: RawRecord, ordinal: usize) -> Result<Document> {
        let (index, line) = (record.source, record.line);
        match self.parse_raw(record) {
            Ok(p) => Ok(self.document(p, index, line, ordinal)),
            Err((line, problem)) => Err(Error::BadRecord {
                path: self.sources[index].path.clone(),
                line,
                problem,
            }),
        }
    }

    /// A record's fields as its source's format reads them.
    fn parse_raw(&self, record: RawRecord) -> ParseResult {
        match self.sources[record.source].format {
            Format::Text => parse_text_file(record.bytes),
            Format::Jsonl => parse_record(record.bytes, self.fields).map_err(|p| (record.line, p)),
        }
    }

    /// The document a parsed record of source `index` and line `line` makes.
    fn document(&self, p: Parsed, index: usize, line: u64, ordinal: usize) -> Document {
        let source = &self.sources[index];
        let id = p.id.unwrap_or_else(|| match source.format {
            Format::Text => slash_path(&source.relative),
            Format::Jsonl => format!("{}:{line}", source.path.display()),
        });
        let site = p
            .site
            .or_else(|| source.top_dir.clone())
            .unwrap_or_default();
        Document {
            ordinal,
            id,
            site,
            text: p.text,
            date: p.date,
            source: index,
            line,
            record: p.record,
        }
    }
}

/// A parsed record, or the line of the problem and the problem.
type ParseResult = std::result::Result<Parsed, (u64, String)>;

/// A record's fields once parsed, before it gets its ordinal.
struct Parsed {
    id: Option<String>,
    site: Option<String>,
    text: String,
    date: Option<String>,
    record: Option<Record>,
}

/// One record as read, not yet parsed (see [`DocumentStream::next_unparsed`]).
pub struct RawRecord {
    /// Index into the list of input sources.
    pub source: usize,
    /// 1-based line of the record in its source (1 for text files).
    pub line: u64,
    bytes: Vec<u8>,
}

/// The source being read.
struct OpenSource {
    index: usize,
    reader: Box<dyn BufRead + Send>,
    line: u64,
}

/// Reads the documents of every source, in order, one batch at a time.
///
/// A thread of the stream's own reads (and decompresses) the next batch's raw records
/// while the caller works on the current one; parsing runs on the caller's thread pool.
/// Only a few batches are in memory at once. Reading the same sources again gives the
/// same documents with the same ordinals, which is what lets the pipeline make more than
/// one pass.
pub struct DocumentStream<'a> {
    sources: &'a [Source],
    fields: &'a Fields,
    skip_bad: bool,
    next_ordinal: usize,
    skipped: Vec<Skipped>,
    batch_bytes: usize,
    /// Raw batches from the reading thread, once started; an empty batch ends them.
    ahead: Option<Receiver<Result<Vec<RawRecord>>>>,
    ended: bool,
}

impl<'a> DocumentStream<'a> {
    /// A stream over `sources`; bad records are errors unless `skip_bad`.
    pub fn new(sources: &'a [Source], fields: &'a Fields, skip_bad: bool) -> Self {
        DocumentStream {
            sources,
            fields,
            skip_bad,
            next_ordinal: 0,
            skipped: Vec::new(),
            batch_bytes: BATCH_BYTES,
            ahead: None,
            ended: false,
        }
    }

    /// Sets the bytes of records per batch (at least one record is always taken). Batch
    /// size never changes a result; tests make it tiny to cross many batch boundaries.
    pub fn with_batch_bytes(mut self, bytes: usize) -> Self {
        self.batch_bytes = bytes;
        self
    }

    /// The next raw batch from the reading thread (started on first use); empty at the end.
    fn next_raw(&mut self) -> Result<Vec<RawRecord>> {
        if self.ended {
            return Ok(Vec::new());
        }
        let (sources, batch_bytes) = (self.sources, self.batch_bytes);
        let ahead = self.ahead.get_or_insert_with(|| {
            let sources = sources.to_vec();
            // One batch waits while the next is read.
            let (batches, ahead) = sync_channel(1);
            std::thread::spawn(move || {
                let mut gatherer = Gatherer {
                    sources,
                    next_source: 0,
                    current: None,
                    batch_bytes,
                };
                loop {
                    let raw = gatherer.gather();
                    let last = !matches!(&raw, Ok(records) if !records.is_empty());
                    // The stream was dropped, or this was the end: stop reading.
                    if batches.send(raw).is_err() || last {
                        break;
                    }
                }
            });
            ahead
        });
        // A closed channel means the thread sent its last batch (an error or the end).
        let raw = ahead.recv().unwrap_or_else(|_| Ok(Vec::new()));
        if !matches!(&raw, Ok(records) if !records.is_empty()) {
            self.ended = true;
        }
        raw
    }

    /// The next batch of documents in ordinal order, or `None` at the end of the input.
    /// The records are parsed in parallel.
    pub fn next_batch(&mut self) -> Result<Option<Vec<Document>>> {
        let raw = self.next_raw()?;
        if raw.is_empty() {
            return Ok(None);
        }
        let parser = self.parser();
        let parsed: Vec<(usize, u64, ParseResult)> = raw
            .into_par_iter()
            .map(|r| (r.source, r.line, parser.parse_raw(r)))
            .collect();
        let mut documents = Vec::with_capacity(parsed.len());
        for (index, line, record) in parsed {
            let source = &self.sources[index];
            match record {
                Ok(p) => {
                    documents.push(parser.document(p, index, line, self.next_ordinal));
                    self.next_ordinal += 1;
                }
                Err((line, problem)) if self.skip_bad => self.skipped.push(Skipped {
                    file: source.path.display().to_string(),
                    line,
                    problem,
                }),
                Err((line, problem)) => {
                    return Err(Error::BadRecord {
                        path: source.path.clone(),
                        line,
                        problem: format!("{problem} (pass --skip-bad to skip such records)"),
                    })
                }
            }
        }
        Ok(Some(documents))
    }

    /// The next batch of records unparsed, `None` at the end of the input: for a pass
    /// that parses only the records it needs (see [`DocumentStream::parse`]).
    pub fn next_unparsed(&mut self) -> Result<Option<Vec<RawRecord>>> {
        let raw = self.next_raw()?;
        Ok((!raw.is_empty()).then_some(raw))
    }

    /// What parses this stream's records, for a caller of
    /// [`DocumentStream::next_unparsed`] that parses them on other threads.
    pub fn parser(&self) -> RecordParser<'a> {
        RecordParser {
            sources: self.sources,
            fields: self.fields,
        }
    }

    /// Records passed over so far under `--skip-bad`.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }
}

/// The reading half of a stream, on its own thread: opens the sources in turn and cuts
/// them into raw records.
struct Gatherer {
    sources: Vec<Source>,
    next_source: usize,
    current: Option<OpenSource>,
    batch_bytes: usize,
}

impl Gatherer {
    /// Reads raw records until a batch is full or the input ends.
    fn gather(&mut self) -> Result<Vec<RawRecord>> {
        let mut batch = Vec::new();
        let mut size = 0;
        while size < self.batch_bytes {
            if !self.open_next()? {
                break;
            }
            let Some(current) = self.current.as_mut() else {
                break;
            };
            let source = &self.sources[current.index];
            let wrap = |e: io::Error| Error::Read {
                path: source.path.clone(),
                source: e,
            };
            let mut bytes = Vec::new();
            if source.format == Format::Text {
                current.reader.read_to_end(&mut bytes).map_err(wrap)?;
                size += bytes.len();
                batch.push(RawRecord {
                    source: current.index,
                    line: 1,
                    bytes,
                });
                self.current = None;
                continue;
            }
            if current.reader.read_until(b'\n', &mut bytes).map_err(wrap)? == 0 {
                self.current = None;
                continue;
            }
            current.line += 1;
            size += bytes.len();
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
            }
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                batch.push(RawRecord {
                    source: current.index,
                    line: current.line,
                    bytes,
                });
            }
        }
        Ok(batch)
    }

    /// Opens the next source when none is open; false after the last.
    fn open_next(&mut self) -> Result<bool> {
        if self.current.is_none() && self.next_source < self.sources.len() {
            let index = self.next_source;
            self.next_source += 1;
            self.current = Some(OpenSource {
                index,
                reader: open(&self.sources[index])?,
                line: 0,
            });
        }
        Ok(self.current.is_some())
    }
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn parse_text_file(bytes: Vec<u8>) -> ParseResult {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Parsed {
            id: None,
            site: None,
            text,
            date: None,
            record: None,
        }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64;
            Err((line, format!("not valid UTF-8 (byte {at})")))
        }
    }
}

/// The top-level fields of a record that zeef reads, as raw JSON borrowed from the line.
#[derive(Default)]
struct TopLevel<'de> {
    text: Option<&'de RawValue>,
    text_seen: usize,
    id: Option<&'de RawValue>,
    site: Option<&'de RawValue>,
    url: Option<&'de RawValue>,
    date: Option<&'de RawValue>,
    split_from: Option<&'de RawValue>,
}

/// Visits a record's top-level object, keeping the raw values of the named fields and
/// skipping over the rest without building them.
struct TopLevelVisitor<'f> {
    fields: &'f Fields,
}

impl<'de> serde::de::DeserializeSeed<'de> for TopLevelVisitor<'_> {
    type Value = TopLevel<'de>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TopLevelVisitor<'_> {
    type Value = TopLevel<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: serde::de::MapAccess<'de>>(
        self,
        mut map: M,
    ) -> std::result::Result<Self::Value, M::Error> {
        let mut top = TopLevel::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let value: &'de RawValue = map.next_value()?;
            let f = self.fields;
            if key == f.text {
                top.text = Some(value);
                top.text_seen += 1;
            } else if key == f.id {
                top.id = Some(value);
            } else if key == f.site {
                top.site = Some(value);
            } else if key == f.date {
                top.date = Some(value);
            } else if key == "url" {
                top.url = Some(value);
            } else if key == SPLIT_FROM_FIELD {
                top.split_from = Some(value);
            }
        }
        Ok(top)
    }
}

/// An object key, borrowed from the line unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Parses one JSONL record (the line without its newline); the error is the problem,
/// without the line number.
fn parse_record(mut line: Vec<u8>, fields: &Fields) -> std::result::Result<Parsed, String> {
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    if let Err(e) = std::str::from_utf8(&line) {
        return Err(format!("not valid UTF-8 (column {})", e.valid_up_to() + 1));
    }
    let malformed = |e: serde_json::Error| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        format!("malformed JSON at column {}: {message}", e.column())
    };
    if line.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        let value: &RawValue = serde_json::from_slice(&line).map_err(malformed)?;
        return Err(format!("expected a JSON object, found {}", kind_of(value)));
    }
    let mut de = serde_json::Deserializer::from_slice(&line);
    let top = serde::de::DeserializeSeed::deserialize(TopLevelVisitor { fields }, &mut de)
        .and_then(|top| de.end().map(|()| top))
        .map_err(malformed)?;
    let raw = match top.text {
        None => return Err(format!("missing text field \"{}\"", fields.text)),
        Some(_) if top.text_seen > 1 => {
            return Err(format!("text field \"{}\" appears twice", fields.text))
        }
        Some(raw) if !raw.get().starts_with('"') => {
            return Err(format!(
                "text field \"{}\" is {}, not a string",
                fields.text,
                kind_of(raw)
            ))
        }
        Some(raw) => raw,
    };
    let text: String = serde_json::from_str(raw.get()).map_err(malformed)?;
    let start = raw.get().as_ptr() as usize - line.as_ptr() as usize;
    let text_value = start..start + raw.get().len();
    let id = top.id.and_then(|raw| match kind_of(raw) {
        "a string" => serde_json::from_str::<String>(raw.get()).ok(),
        "a number" => Some(raw.get().to_string()),
        _ => None,
    });
    let site = non_empty_str(top.site).or_else(|| non_empty_str(top.url).and_then(|u| host_of(&u)));
    let date = non_empty_str(top.date);
    let value_range = |raw: &RawValue| {
        let start = raw.get().as_ptr() as usize - line.as_ptr() as usize;
        start..start + raw.get().len()
    };
    let id_value = top.id.map(value_range);
    let split_from_value = top.split_from.map(value_range);
    Ok(Parsed {
        id,
        site,
        text,
        date,
        record: Some(Record {
            line,
            text_value,
            id_value,
            split_from_value,
        }),
    })
}

/// A string value with something in it besides white space.
fn non_empty_str(raw: Option<&RawValue>) -> Option<String> {
    let raw = raw?;
    if kind_of(raw) != "a string" {
        return None;
    }
    serde_json::from_str::<String>(raw.get())
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// What kind of JSON value a raw value is, for error messages.
fn kind_of(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// The host of a URL, lowercased, without port, credentials or a leading `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?.trim().to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_strips_scheme_port_and_www() {
        assert_eq!(
            host_of("https://www.Example.nl:8080/a/b?c").as_deref(),
            Some("example.nl")
        );
        assert_eq!(
            host_of("http://user@news.site.com").as_deref(),
            Some("news.site.com")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(host_of(""), None);
    }

    #[test]
    fn magic_bytes_decide_compression() {
        assert_eq!(detect_compression(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            detect_compression(&[0x28, 0xb5, 0x2f, 0xfd, 0]),
            Compression::Zstd
        );
        assert_eq!(detect_compression(b"{\"id\":1}"), Compression::None);
    }

    /// Parses each line of `input` as a record, as the stream would.
    fn parse_lines(input: &[u8]) -> Vec<std::result::Result<Parsed, String>> {
        input
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .map(|l| parse_record(l.to_vec(), &Fields::default()))
            .collect()
    }

    #[test]
    fn records_know_where_their_text_lies_and_keep_every_other_byte() {
        let input = b"{\"id\":\"a\", \"text\" : \"x\\u00e9\",\"n\":1.50}\n{\"text\":\"y\",\"url\":\"https://www.b.org/p\"}\r\n";
        let parsed = parse_lines(input);
        let p0 = parsed[0].as_ref().unwrap();
        assert_eq!((p0.id.as_deref(), p0.text.as_str()), (Some("a"), "x\u{e9}"));
        let r = p0.record.as_ref().unwrap();
        assert_eq!(&r.line[r.text_value.clone()], b"\"x\\u00e9\"");
        assert_eq!(&r.line[r.id_value.clone().unwrap()], b"\"a\"");
        let p1 = parsed[1].as_ref().unwrap();
        assert_eq!(
            (p1.id.as_deref(), p1.site.as_deref()),
            (None, Some("b.org"))
        );
        let r = p1.record.as_ref().unwrap();
        assert!(r.id_value.is_none() && !r.line.ends_with(b"\r"));
        assert!(r.split_from_value.is_none());
    }

    #[test]
    fn records_know_where_an_earlier_split_from_lies() {
        let parsed = parse_lines(b"{\"id\":\"a#2\",\"split_from\": \"a\",\"text\":\"t\"}");
        let r = parsed[0].as_ref().unwrap().record.as_ref().unwrap();
        assert_eq!(&r.line[r.split_from_value.clone().unwrap()], b"\"a\"");
    }

    #[test]
    fn numeric_ids_keep_their_digits() {
        let parsed = parse_lines(b"{\"id\":12345678901234567890,\"text\":\"t\"}");
        assert_eq!(
            parsed[0].as_ref().unwrap().id.as_deref(),
            Some("12345678901234567890")
        );
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let input = b"{\"text\":1}\n{\"id\":2}\n{oops\n[1]\n{\"text\":\"a\",\"text\":\"b\"}\n{\"text\":\"a\"} x\n";
        let problems: Vec<String> = parse_lines(input)
            .into_iter()
            .map(|r| r.err().unwrap())
            .collect();
        assert_eq!(problems[0], "text field \"text\" is a number, not a string");
        assert_eq!(problems[1], "missing text field \"text\"");
        assert!(
            problems[2].starts_with("malformed JSON at column 2"),
            "{}",
            problems[2]
        );
        assert_eq!(problems[3], "expected a JSON object, found an array");
        assert_eq!(problems[4], "text field \"text\" appears twice");
        assert!(problems[5].starts_with("malformed JSON"), "{}", problems[5]);
    }

    #[test]
    fn non_utf8_jsonl_line_says_so() {
        let parsed = parse_lines(b"{\"text\":\"a \xff b\"}\n");
        assert_eq!(
            parsed[0].as_ref().err().map(String::as_str),
            Some("not valid UTF-8 (column 12)")
        );
    }

    #[test]
    fn non_utf8_text_file_names_the_line() {
        let err = parse_text_file(b"ok\nfine\nbad \xff here".to_vec())
            .err()
            .unwrap();
        assert_eq!(err.0, 3);
        assert!(err.1.contains("not valid UTF-8"));
    }
}
