//! Reading: finds the input files, decodes them and turns them into [`Document`]s.
//!
//! Invariants:
//! - Directories are walked recursively in sorted path order and hidden entries are passed
//!   over, so ordinals do not depend on the file system's listing order.
//! - Compression is detected from magic bytes, never from the file name.
//! - A bad record is an error naming file and line, unless the caller asked to skip bad
//!   records; then it is counted in [`Corpus::skipped`] and reading goes on.
//! - Every JSONL field but the text passes through unchanged (key order kept).

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::document::{Compression, Document, Format, Skipped};
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
    /// Detected when the file is read.
    pub compression: Compression,
}

impl Source {
    /// Whether this source is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The documents, in ordinal order.
    pub documents: Vec<Document>,
    /// The input files, in the order they were read.
    pub sources: Vec<Source>,
    /// Records passed over under `--skip-bad`.
    pub skipped: Vec<Skipped>,
    /// Bytes read, after decompression.
    pub bytes: u64,
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
                    path,
                    relative,
                    top_dir,
                    format,
                    compression: Compression::None,
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
                compression: Compression::None,
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

/// Reads a whole source into memory, decompressed.
fn load(source: &mut Source) -> Result<Vec<u8>> {
    let read_err = |source_err: io::Error, path: &Path| Error::Read {
        path: path.to_path_buf(),
        source: source_err,
    };
    let mut raw = Vec::new();
    if source.is_stdin() {
        io::stdin()
            .lock()
            .read_to_end(&mut raw)
            .map_err(|e| read_err(e, &source.path))?;
    } else {
        raw = fs::read(&source.path).map_err(|e| read_err(e, &source.path))?;
    }
    source.compression = detect_compression(&raw);
    let mut out = Vec::new();
    match source.compression {
        Compression::None => return Ok(raw),
        Compression::Gzip => flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map(|_| ())
            .map_err(|e| read_err(e, &source.path))?,
        Compression::Zstd => zstd::stream::read::Decoder::new(&raw[..])
            .and_then(|mut d| d.read_to_end(&mut out))
            .map(|_| ())
            .map_err(|e| read_err(e, &source.path))?,
    }
    Ok(out)
}

/// Reads a file as zeef reads its inputs (decompressing by magic bytes) and hashes every
/// byte with xxh3: the floor that end-to-end throughput is measured against.
pub fn hash_file(path: &Path) -> Result<(u64, u64)> {
    let mut source = Source {
        path: path.to_path_buf(),
        relative: PathBuf::new(),
        top_dir: None,
        format: Format::Jsonl,
        compression: Compression::None,
    };
    let bytes = load(&mut source)?;
    Ok((bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(&bytes)))
}

/// A record's fields once parsed, before it gets its ordinal.
struct Parsed {
    id: Option<String>,
    site: Option<String>,
    text: String,
    date: Option<String>,
    fields: Option<Map<String, Value>>,
    line: u64,
}

/// Reads every source into documents.
pub fn read_corpus(mut sources: Vec<Source>, fields: &Fields, skip_bad: bool) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    for (index, source) in sources.iter_mut().enumerate() {
        let bytes = load(source)?;
        corpus.bytes += bytes.len() as u64;
        let display = source.path.display().to_string();
        let parsed: Vec<std::result::Result<Parsed, (u64, String)>> = match source.format {
            Format::Text => vec![parse_text_file(bytes)],
            Format::Jsonl => parse_jsonl(&bytes, fields),
        };
        for record in parsed {
            match record {
                Ok(p) => {
                    let ordinal = corpus.documents.len();
                    let id = p.id.unwrap_or_else(|| match source.format {
                        Format::Text => slash_path(&source.relative),
                        Format::Jsonl => format!("{display}:{}", p.line),
                    });
                    let site = p
                        .site
                        .or_else(|| source.top_dir.clone())
                        .unwrap_or_default();
                    corpus.documents.push(Document {
                        ordinal,
                        id,
                        site,
                        text: p.text,
                        date: p.date,
                        source: index,
                        line: p.line,
                        fields: p.fields,
                    });
                }
                Err((line, problem)) if skip_bad => corpus.skipped.push(Skipped {
                    file: display.clone(),
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
    }
    corpus.sources = sources;
    Ok(corpus)
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn parse_text_file(bytes: Vec<u8>) -> std::result::Result<Parsed, (u64, String)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Parsed {
            id: None,
            site: None,
            text,
            date: None,
            fields: None,
            line: 1,
        }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64;
            Err((line, format!("not valid UTF-8 (byte {at})")))
        }
    }
}

fn parse_jsonl(bytes: &[u8], fields: &Fields) -> Vec<std::result::Result<Parsed, (u64, String)>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut number = 0u64;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        number += 1;
        if start <= end {
            lines.push((number, &bytes[start..end]));
        }
        start = end + 1;
    }
    lines.retain(|(_, line)| !line.iter().all(u8::is_ascii_whitespace));
    lines
        .par_iter()
        .map(|&(number, line)| {
            parse_record(line, fields)
                .map(|mut parsed| {
                    parsed.line = number;
                    parsed
                })
                .map_err(|problem| (number, problem))
        })
        .collect()
}

/// Parses one JSONL record; the error is the problem, without the line.
fn parse_record(line: &[u8], fields: &Fields) -> std::result::Result<Parsed, String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if let Err(e) = std::str::from_utf8(line) {
        return Err(format!("not valid UTF-8 (column {})", e.valid_up_to() + 1));
    }
    let value: Value = serde_json::from_slice(line).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        format!("malformed JSON at column {}: {message}", e.column())
    })?;
    let Value::Object(mut map) = value else {
        return Err(format!("expected a JSON object, found {}", kind_of(&value)));
    };
    let text = match map.get_mut(&fields.text) {
        Some(Value::String(s)) => std::mem::take(s),
        Some(other) => {
            return Err(format!(
                "text field \"{}\" is {}, not a string",
                fields.text,
                kind_of(other)
            ))
        }
        None => return Err(format!("missing text field \"{}\"", fields.text)),
    };
    if let Some(v) = map.get_mut(&fields.text) {
        *v = Value::Null;
    }
    let id = match map.get(&fields.id) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let site = non_empty_str(map.get(&fields.site))
        .map(str::to_owned)
        .or_else(|| non_empty_str(map.get("url")).and_then(host_of));
    let date = non_empty_str(map.get(&fields.date)).map(str::to_owned);
    Ok(Parsed {
        id,
        site,
        text,
        date,
        fields: Some(map),
        line: 0,
    })
}

fn non_empty_str(value: Option<&Value>) -> Option<&str> {
    match value {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.as_str()),
        _ => None,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
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

    #[test]
    fn records_keep_line_numbers_and_pass_through_fields() {
        let input = b"{\"id\":\"a\",\"text\":\"x\",\"n\":1.50}\n\n{\"text\":\"y\",\"url\":\"https://www.b.org/p\"}\n";
        let parsed = parse_jsonl(input, &Fields::default());
        let p0 = parsed[0].as_ref().unwrap();
        assert_eq!(
            (p0.line, p0.id.as_deref(), p0.text.as_str()),
            (1, Some("a"), "x")
        );
        let f = p0.fields.as_ref().unwrap();
        assert_eq!(
            serde_json::to_string(f).unwrap(),
            "{\"id\":\"a\",\"text\":null,\"n\":1.50}"
        );
        let p1 = parsed[1].as_ref().unwrap();
        assert_eq!((p1.line, p1.site.as_deref()), (3, Some("b.org")));
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let input = b"{\"text\":1}\n{\"id\":2}\n{oops\n[1]\n";
        let problems: Vec<_> = parse_jsonl(input, &Fields::default())
            .into_iter()
            .map(|r| r.err().unwrap())
            .collect();
        assert_eq!(
            problems[0],
            (1, "text field \"text\" is a number, not a string".into())
        );
        assert_eq!(problems[1], (2, "missing text field \"text\"".into()));
        assert_eq!(problems[2].0, 3);
        assert!(
            problems[2].1.starts_with("malformed JSON at column 2"),
            "{}",
            problems[2].1
        );
        assert_eq!(
            problems[3],
            (4, "expected a JSON object, found an array".into())
        );
    }

    #[test]
    fn non_utf8_jsonl_line_says_so() {
        let parsed = parse_jsonl(b"{\"text\":\"a \xff b\"}\n", &Fields::default());
        assert_eq!(
            parsed[0].as_ref().err(),
            Some(&(1, "not valid UTF-8 (column 12)".to_string()))
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
