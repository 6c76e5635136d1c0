//! Writing: the cleaned corpus and the JSONL side outputs, atomically.
//!
//! Every file output is first written to a hidden temporary file in its target directory
//! and renamed into place only when complete, so a reader never sees half a file and an
//! interrupted run leaves the old file as it was. Temporary files are registered so an
//! interrupt handler can remove them ([`remove_pending`]). Outputs are created before the
//! heavy work starts, so a bad path fails in a second, not after an hour.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::xxh3_64;

use crate::document::{Compression, Document, Format};
use crate::error::{Error, Result};
use crate::read::{Fields, Source};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary output not yet renamed into place (for the interrupt handler).
pub fn remove_pending() {
    if let Ok(pending) = PENDING.lock() {
        for path in pending.iter() {
            let _ = fs::remove_file(path);
        }
    }
}

fn forget_pending(path: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.retain(|p| p != path);
    }
}

/// A file that appears at its path only when [`AtomicFile::commit`] is called.
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl AtomicFile {
    /// Creates the temporary file beside `path` (its directory must exist).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        // The name is known, and registered for the interrupt handler, before the file
        // exists, so an interrupt at any moment leaves nothing behind.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let prefix = format!(".zeef-{}-{n}", std::process::id());
        let temp_path = dir.join(format!("{prefix}.tmp"));
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(temp_path.clone());
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp").rand_bytes(0);
        // Outputs get the permissions of any new file (0666 less the umask), not the
        // owner-only ones temporary files are created with.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(&dir).map_err(|source| {
            forget_pending(&temp_path);
            Error::Write {
                path: path.to_path_buf(),
                source,
            }
        })?;
        Ok(AtomicFile {
            temp,
            path: path.to_path_buf(),
        })
    }

    /// Writes `body` through a buffered (and, for `.gz` / `.zst` paths, compressed) writer
    /// and renames the file into place.
    pub fn write_with(self, body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        let path = self.path.clone();
        let wrap = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let file = self.temp.as_file().try_clone().map_err(wrap)?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        match compression_for(&self.path) {
            Compression::None => body(&mut out).map_err(wrap)?,
            Compression::Gzip => {
                let mut gz =
                    flate2::write::GzEncoder::new(&mut out, flate2::Compression::default());
                body(&mut gz).map_err(wrap)?;
                gz.finish().map_err(wrap)?;
            }
            Compression::Zstd => {
                let mut z = zstd::stream::write::Encoder::new(&mut out, 3).map_err(wrap)?;
                body(&mut z).map_err(wrap)?;
                z.finish().map_err(wrap)?;
            }
        }
        out.flush().map_err(wrap)?;
        drop(out);
        self.commit()
    }

    fn commit(self) -> Result<()> {
        let temp_path = self.temp.path().to_path_buf();
        self.temp.persist(&self.path).map_err(|e| Error::Write {
            path: self.path.clone(),
            source: e.error,
        })?;
        forget_pending(&temp_path);
        Ok(())
    }
}

/// The compression an output path asks for by its ending.
pub fn compression_for(path: &Path) -> Compression {
    let name = path.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".gz") {
        Compression::Gzip
    } else if name.ends_with(".zst") {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// Where the cleaned corpus goes.
pub enum CorpusSink {
    /// One JSONL stream on standard output.
    Stdout,
    /// One JSONL file.
    File(AtomicFile),
    /// A directory mirroring the input layout.
    Directory(PathBuf),
}

impl CorpusSink {
    /// Opens the sink for `path`: `-`, a path ending in `.jsonl` / `.ndjson` (optionally
    /// `.gz` / `.zst`), or a directory (created if missing).
    pub fn open(path: &Path) -> Result<CorpusSink> {
        if path.as_os_str() == "-" {
            return Ok(CorpusSink::Stdout);
        }
        if is_jsonl_path(path) {
            return Ok(CorpusSink::File(AtomicFile::create(path)?));
        }
        if path.exists() && !path.is_dir() {
            return Err(Error::Usage(format!(
                "--output {}: not a directory and not a .jsonl/.ndjson path",
                path.display()
            )));
        }
        if path.extension().is_some() && !path.exists() {
            return Err(Error::Usage(format!(
                "--output {}: give a .jsonl or .ndjson file (optionally .gz/.zst), - or a directory",
                path.display()
            )));
        }
        fs::create_dir_all(path).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(CorpusSink::Directory(path.to_path_buf()))
    }
}

/// Whether a path names a JSONL stream output.
pub fn is_jsonl_path(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let stem = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    stem.ends_with(".jsonl") || stem.ends_with(".ndjson")
}

/// Writes one document as a JSONL line: the record as read with the cleaned text in place
/// of the original, or `{"id","site","text"}` for a document read from a text file.
///
/// A record without an id gets the id zeef gave it (`<file>:<line>`) as its first field, so
/// every written document can be traced back. Every other byte of a record is kept as it
/// was: field order, spacing, number spelling and string escapes.
pub fn write_document_line(
    out: &mut impl Write,
    doc: &Document,
    fields: &Fields,
    text: &str,
) -> io::Result<()> {
    write_line(out, doc, fields, text, None)
}

/// The input ids a split article's id could collide with, so that every split article
/// (`--split-articles`) gets an id no input document has: `<id>#2`, or `#3` and on when the
/// input already holds `<id>#2`. Only ids holding `#` can collide, so only those are kept,
/// as 8-byte hashes (a hash collision only skips a number).
#[derive(Debug, Default)]
pub struct SplitIds {
    taken: HashSet<u64>,
}

impl SplitIds {
    /// Notes an input document's id.
    pub fn note(&mut self, id: &str) {
        if id.contains('#') {
            self.taken.insert(xxh3_64(id.as_bytes()));
        }
    }

    /// The id of the second article split off the document `id`.
    pub fn split_id(&self, id: &str) -> String {
        let mut n = 2u64;
        loop {
            let candidate = format!("{id}#{n}");
            if !self.taken.contains(&xxh3_64(candidate.as_bytes())) {
                return candidate;
            }
            n += 1;
        }
    }
}

pub use crate::document::SPLIT_FROM_FIELD;

/// What the corpus sink writes for the second article split off `doc`, whose text is
/// `text` and id `id` (see [`SplitIds`]): `doc`'s record with that text and id and a field
/// [`SPLIT_FROM_FIELD`] holding `doc`'s id: added first, or in place of the value of a
/// field of that name the record already has.
pub fn render_split(doc: &Document, fields: &Fields, text: &str, id: &str) -> Vec<u8> {
    let mut line = Vec::with_capacity(text.len() + 256);
    // Writing to a Vec cannot fail.
    let _ = write_line(&mut line, doc, fields, text, Some(id));
    line
}

/// See [`write_document_line`] and [`render_split`].
fn write_line(
    out: &mut impl Write,
    doc: &Document,
    fields: &Fields,
    text: &str,
    split_id: Option<&str>,
) -> io::Result<()> {
    let split = split_id.is_some();
    let id = split_id.unwrap_or(&doc.id);
    match &doc.record {
        Some(record) => {
            let line = &record.line[..];
            let mut from = 0;
            let adds_id = record.id_value.is_none();
            let adds_split_from = split && record.split_from_value.is_none();
            // The page's id as its record spells it (a number stays a number).
            let page_id = match &record.id_value {
                Some(range) => Value::Raw(&line[range.clone()]),
                None => Value::Json(&doc.id),
            };
            if adds_id || adds_split_from {
                // Records start with `{` (the reader checks), perhaps after white space.
                let brace = line.iter().position(|&b| b == b'{').unwrap_or(0);
                out.write_all(&line[..=brace])?;
                if adds_id {
                    write_key(out, &fields.id)?;
                    serde_json::to_writer(&mut *out, &id)?;
                    out.write_all(b",")?;
                }
                if adds_split_from {
                    write_key(out, SPLIT_FROM_FIELD)?;
                    page_id.write(out)?;
                    out.write_all(b",")?;
                }
                from = brace + 1;
            }
            // Values replaced in place, in the order they stand: the text's, and a split
            // article's id and page id.
            let mut replaced = vec![(record.text_value.clone(), Value::Json(text))];
            if split {
                if let Some(range) = &record.id_value {
                    replaced.push((range.clone(), Value::Json(id)));
                }
                if let Some(range) = &record.split_from_value {
                    replaced.push((range.clone(), page_id));
                }
            }
            replaced.sort_by_key(|(range, _)| range.start);
            for (range, value) in replaced {
                out.write_all(&line[from..range.start])?;
                value.write(out)?;
                from = range.end;
            }
            out.write_all(&line[from..])?;
        }
        None => {
            let mut map = serde_json::Map::new();
            map.insert(fields.id.clone(), id.into());
            if split {
                map.insert(SPLIT_FROM_FIELD.into(), doc.id.clone().into());
            }
            map.insert(fields.site.clone(), doc.site.clone().into());
            map.insert(fields.text.clone(), text.into());
            serde_json::to_writer(&mut *out, &map)?;
        }
    }
    out.write_all(b"\n")
}

/// A value the writer puts in a record: a string to encode, or JSON to copy as it is.
#[derive(Clone, Copy)]
enum Value<'a> {
    Json(&'a str),
    Raw(&'a [u8]),
}

impl Value<'_> {
    fn write(self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Value::Json(s) => serde_json::to_writer(out, s).map_err(io::Error::from),
            Value::Raw(bytes) => out.write_all(bytes),
        }
    }
}

/// Writes `"name":`.
fn write_key(out: &mut impl Write, name: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *out, name)?;
    out.write_all(b":")
}

/// What the corpus sink writes for one document: the JSONL line, or for a text file in a
/// mirrored directory (`mirrored`) the cleaned text itself.
pub fn render_document(
    mirrored: bool,
    doc: &Document,
    source: &Source,
    fields: &Fields,
    text: &str,
) -> Vec<u8> {
    if mirrored && source.format == Format::Text {
        return text.as_bytes().to_vec();
    }
    let mut line = Vec::with_capacity(text.len() + 256);
    // Writing to a Vec cannot fail.
    let _ = write_document_line(&mut line, doc, fields, text);
    line
}

/// A temporary file of length-prefixed frames, one per document in ordinal order: what a
/// later pass writes once it knows which documents to keep. It is unnamed, so it leaves
/// nothing behind however the process ends.
pub struct Spool {
    out: BufWriter<fs::File>,
}

impl Spool {
    /// Creates a spool in `dir`, the directory the output goes to, where there is room for
    /// it.
    pub fn create(dir: &Path) -> Result<Spool> {
        let file = tempfile::tempfile_in(dir).map_err(|source| Error::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Spool {
            out: BufWriter::with_capacity(1 << 20, file),
        })
    }

    /// Appends one frame.
    pub fn push(&mut self, frame: &[u8]) -> io::Result<()> {
        self.out.write_all(&(frame.len() as u64).to_le_bytes())?;
        self.out.write_all(frame)
    }

    /// Finishes writing and reads the frames back from the first.
    pub fn into_reader(self) -> io::Result<SpoolReader> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        Ok(SpoolReader {
            input: BufReader::with_capacity(1 << 20, file),
            frame: Vec::new(),
        })
    }
}

/// Reads a [`Spool`]'s frames in order.
pub struct SpoolReader {
    input: BufReader<fs::File>,
    frame: Vec<u8>,
}

impl SpoolReader {
    /// The next frame (valid until the next call).
    pub fn next_frame(&mut self) -> io::Result<&[u8]> {
        let mut frame = std::mem::take(&mut self.frame);
        self.read_frame_into(&mut frame)?;
        self.frame = frame;
        Ok(&self.frame)
    }

    /// The next frame, as a vector of its own (to hand to another thread).
    pub fn next_frame_owned(&mut self) -> io::Result<Vec<u8>> {
        let mut frame = Vec::new();
        self.read_frame_into(&mut frame)?;
        Ok(frame)
    }

    /// Reads the next frame into `frame`, resized to it.
    fn read_frame_into(&mut self, frame: &mut Vec<u8>) -> io::Result<()> {
        let mut len = [0u8; 8];
        self.input.read_exact(&mut len)?;
        frame.resize(u64::from_le_bytes(len) as usize, 0);
        self.input.read_exact(frame)
    }
}

/// A [`Spool`] written by a thread of its own: the caller hands over a batch of frames and
/// goes on while they reach the disk, so a large spool costs the pipeline no serial step.
pub struct SpoolWriter {
    batches: Option<std::sync::mpsc::SyncSender<Vec<Vec<u8>>>>,
    thread: Option<std::thread::JoinHandle<io::Result<Spool>>>,
}

impl SpoolWriter {
    /// Starts the writing thread; one batch waits while another is written.
    pub fn start(mut spool: Spool) -> SpoolWriter {
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(1);
        let thread = std::thread::spawn(move || {
            for batch in received {
                for frame in &batch {
                    spool.push(frame)?;
                }
            }
            Ok(spool)
        });
        SpoolWriter {
            batches: Some(batches),
            thread: Some(thread),
        }
    }

    /// Appends a batch of frames, in order.
    pub fn push_batch(&mut self, frames: Vec<Vec<u8>>) -> io::Result<()> {
        let sent = self.batches.as_ref().map(|b| b.send(frames));
        match sent {
            Some(Ok(())) => Ok(()),
            // The thread stopped: it met a write error, which joining gives.
            _ => self.join().map(drop),
        }
    }

    /// Waits for every frame to be written and gives the spool back.
    pub fn finish(mut self) -> io::Result<Spool> {
        self.join()
    }

    fn join(&mut self) -> io::Result<Spool> {
        self.batches = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Err(io::Error::other("the spool was already finished")),
        }
    }
}

/// A [`SpoolReader`]'s frames read ahead by a thread of its own, so reading a large spool
/// back is no serial step of the pipeline.
pub struct SpoolPrefetch {
    frames: std::sync::mpsc::Receiver<io::Result<Vec<u8>>>,
}

impl SpoolPrefetch {
    /// Starts reading ahead: at most 1,024 frames wait in memory (about half a batch of
    /// pages, a few MB).
    pub fn start(mut reader: SpoolReader) -> SpoolPrefetch {
        let (sender, frames) = std::sync::mpsc::sync_channel(1024);
        std::thread::spawn(move || loop {
            let frame = reader.next_frame_owned();
            let end = frame.is_err();
            // The caller stopped taking frames, or this was the end or an error.
            if sender.send(frame).is_err() || end {
                break;
            }
        });
        SpoolPrefetch { frames }
    }

    /// The next frame; an `UnexpectedEof` error after the last.
    pub fn next_frame(&mut self) -> io::Result<Vec<u8>> {
        self.frames
            .recv()
            .unwrap_or_else(|_| Err(io::ErrorKind::UnexpectedEof.into()))
    }
}

/// Every document's rendering (see [`render_document`]), one frame per ordinal in order.
pub trait Frames {
    /// The next document's frame (valid until the next call). A document that is not
    /// written may get an empty frame.
    fn next_frame(&mut self) -> io::Result<&[u8]>;
}

impl Frames for SpoolReader {
    fn next_frame(&mut self) -> io::Result<&[u8]> {
        SpoolReader::next_frame(self)
    }
}

/// Writes the kept documents to the sink, in input order, from every document's frame.
///
/// `kept[i]` says whether ordinal `i` is written and `source_of[i]` which source it came from.
pub fn write_corpus(
    sink: CorpusSink,
    spool: &mut dyn Frames,
    kept: &[bool],
    source_of: &[usize],
    sources: &[Source],
) -> Result<()> {
    let mut all = |out: &mut dyn Write| -> io::Result<()> {
        for &keep in kept {
            let frame = spool.next_frame()?;
            if keep {
                out.write_all(frame)?;
            }
        }
        Ok(())
    };
    match sink {
        CorpusSink::Stdout => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
            match all(&mut out).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`zeef clean … | head`) is the reader's choice, not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(source) => Err(Error::Write {
                    path: PathBuf::from("-"),
                    source,
                }),
            }
        }
        CorpusSink::File(file) => file.write_with(all),
        CorpusSink::Directory(dir) => write_mirror(&dir, spool, kept, source_of, sources),
    }
}

fn write_mirror(
    dir: &Path,
    spool: &mut dyn Frames,
    kept: &[bool],
    source_of: &[usize],
    sources: &[Source],
) -> Result<()> {
    let spool_error = |source| Error::Write {
        path: dir.to_path_buf(),
        source,
    };
    let mut next = 0;
    for (index, source) in sources.iter().enumerate() {
        let target = dir.join(&source.relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::Write {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
        // Ordinals of one source are consecutive, and sources come in ordinal order.
        let first = next;
        while next < source_of.len() && source_of[next] == index {
            next += 1;
        }
        match source.format {
            Format::Text => {
                for &keep in &kept[first..next] {
                    let frame = spool.next_frame().map_err(spool_error)?;
                    if keep {
                        AtomicFile::create(&target)?.write_with(|out| out.write_all(frame))?;
                    }
                }
            }
            Format::Jsonl => {
                let target = mirrored_jsonl_name(&target, source.compression);
                AtomicFile::create(&target)?.write_with(|out| {
                    for &keep in &kept[first..next] {
                        let frame = spool.next_frame()?;
                        if keep {
                            out.write_all(frame)?;
                        }
                    }
                    Ok(())
                })?;
            }
        }
    }
    Ok(())
}

/// The mirrored name of a JSONL source: compressed the way the input was.
fn mirrored_jsonl_name(target: &Path, compression: Compression) -> PathBuf {
    let name = target.to_string_lossy().to_string();
    let plain = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name)
        .to_string();
    PathBuf::from(match compression {
        Compression::None => plain,
        Compression::Gzip => format!("{plain}.gz"),
        Compression::Zstd => format!("{plain}.zst"),
    })
}

/// Opens an optional side output early.
pub fn open_optional(path: &Option<PathBuf>) -> Result<Option<AtomicFile>> {
    path.as_deref().map(AtomicFile::create).transpose()
}

/// Writes JSONL lines from serialisable rows to a side output.
pub fn write_rows<T: serde::Serialize>(file: AtomicFile, rows: &[T]) -> Result<()> {
    file.write_with(|out| {
        for row in rows {
            serde_json::to_writer(&mut *out, row)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })
}

/// Refuses outputs that are one of the inputs or the same as another output.
pub fn check_outputs(inputs: &[PathBuf], outputs: &[(&'static str, PathBuf)]) -> Result<()> {
    let canonical_inputs: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    for (flag, path) in outputs {
        if path.as_os_str() == "-" {
            continue;
        }
        if let Ok(canonical) = fs::canonicalize(path) {
            if canonical_inputs.contains(&canonical) {
                return Err(Error::WouldOverwriteInput {
                    path: path.clone(),
                    flag,
                });
            }
        }
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        if seen.contains(&absolute) {
            return Err(Error::Usage(format!(
                "{flag} {}: the same path is given for two outputs",
                path.display()
            )));
        }
        seen.push(absolute);
    }
    Ok(())
}

/// Plans the files a mirrored directory output would write, for [`check_outputs`].
pub fn mirrored_paths(dir: &Path, sources: &[Source]) -> Vec<PathBuf> {
    sources
        .iter()
        .map(|s| {
            let target = dir.join(&s.relative);
            match s.format {
                Format::Text => target,
                Format::Jsonl => mirrored_jsonl_name(&target, s.compression),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_paths_and_compression_by_name() {
        assert!(is_jsonl_path(Path::new("a/out.jsonl")));
        assert!(is_jsonl_path(Path::new("out.ndjson.zst")));
        assert!(!is_jsonl_path(Path::new("out")));
        assert_eq!(compression_for(Path::new("x.jsonl.gz")), Compression::Gzip);
        assert_eq!(compression_for(Path::new("x.jsonl")), Compression::None);
    }

    fn document(line: &str, has_id: bool) -> Document {
        let id_value = has_id.then(|| {
            let start = line.find("\"id\":").unwrap() + 5;
            start..start + line[start..].find(',').unwrap()
        });
        let start = line.find("\"text\":").unwrap() + 7;
        let end = start + line[start..].find(",\"n\"").unwrap();
        Document {
            ordinal: 0,
            id: "in.jsonl:1".into(),
            site: String::new(),
            text: String::new(),
            date: None,
            source: 0,
            line: 1,
            record: Some(crate::document::Record {
                line: line.as_bytes().to_vec(),
                text_value: start..end,
                id_value,
                split_from_value: None,
            }),
        }
    }

    #[test]
    fn text_replaced_in_place_every_other_byte_untouched() {
        let line = r#"{"id":"a", "text":"vuil \u00e9","n":1.50, "tags":["x"]}"#;
        let mut out = Vec::new();
        let doc = document(line, true);
        write_document_line(&mut out, &doc, &Fields::default(), "schoon \"en\" klaar").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"id\":\"a\", \"text\":\"schoon \\\"en\\\" klaar\",\"n\":1.50, \"tags\":[\"x\"]}\n"
        );
    }

    #[test]
    fn a_split_article_gets_its_own_id_and_names_its_page() {
        let line = r#"{"n":1,"id":"a", "text":"vuil","n":2}"#;
        let start = line.find("\"vuil\"").unwrap();
        let mut doc = document(line, true);
        doc.id = "a".into();
        if let Some(record) = doc.record.as_mut() {
            record.text_value = start..start + 6;
        }
        assert_eq!(
            split_line(&doc, "twee"),
            "{\"split_from\":\"a\",\"n\":1,\"id\":\"a#2\", \"text\":\"twee\",\"n\":2}\n"
        );
        // A numeric id stays a number where it names the page.
        let mut numeric = document(r#"{"id":42,"text":"x","n":1}"#, true);
        numeric.id = "42".into();
        assert_eq!(
            split_line(&numeric, "y"),
            "{\"split_from\":42,\"id\":\"42#2\",\"text\":\"y\",\"n\":1}\n"
        );
        let no_id = document(r#"{"text":"x","n":1}"#, false);
        assert_eq!(
            split_line(&no_id, "y"),
            "{\"id\":\"in.jsonl:1#2\",\"split_from\":\"in.jsonl:1\",\"text\":\"y\",\"n\":1}\n"
        );
        let mut text_file = document(r#"{"text":"x","n":1}"#, false);
        text_file.record = None;
        text_file.id = "p.txt".into();
        let value: serde_json::Value = serde_json::from_str(&split_line(&text_file, "z")).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"id": "p.txt#2", "split_from": "p.txt", "site": "", "text": "z"})
        );
    }

    /// What the corpus sink writes for `doc`'s split article of text `text`, in an input
    /// whose ids hold no `#`.
    fn split_line(doc: &Document, text: &str) -> String {
        let id = SplitIds::default().split_id(&doc.id);
        String::from_utf8(render_split(doc, &Fields::default(), text, &id)).unwrap()
    }

    #[test]
    fn split_ids_pass_over_the_ids_the_input_already_has() {
        let mut ids = SplitIds::default();
        for id in ["a", "a#2", "a#3", "b#2#2", "c"] {
            ids.note(id);
        }
        assert_eq!(ids.split_id("a"), "a#4");
        assert_eq!(ids.split_id("a#2"), "a#2#2");
        assert_eq!(ids.split_id("b#2"), "b#2#3");
        assert_eq!(ids.split_id("c"), "c#2");
        // Only ids holding `#` are kept: no other can be a split article's.
        assert_eq!(ids.taken.len(), 3);
    }

    #[test]
    fn a_split_of_a_record_with_a_split_from_field_replaces_its_value() {
        // An earlier run's split article, split again: one split_from, naming this page.
        let line = r#"{"id":"a#2","split_from":"a","text":"vuil","n":1}"#;
        let mut doc = document(line, true);
        doc.id = "a#2".into();
        if let Some(record) = doc.record.as_mut() {
            let start = line.find(r#""a","#).unwrap();
            record.split_from_value = Some(start..start + 3);
        }
        assert_eq!(
            split_line(&doc, "twee"),
            "{\"id\":\"a#2#2\",\"split_from\":\"a#2\",\"text\":\"twee\",\"n\":1}\n"
        );
        // Without an id of its own, zeef's id goes first and names the page in place.
        let line = r#"{"split_from":7,"text":"vuil","n":1}"#;
        let mut no_id = document(line, false);
        if let Some(record) = no_id.record.as_mut() {
            let start = line.find('7').unwrap();
            record.split_from_value = Some(start..start + 1);
        }
        assert_eq!(
            split_line(&no_id, "twee"),
            "{\"id\":\"in.jsonl:1#2\",\"split_from\":\"in.jsonl:1\",\"text\":\"twee\",\"n\":1}\n"
        );
    }

    #[test]
    fn a_record_without_id_gets_zeefs_id_first() {
        let line = r#" {"text":"x","n":1}"#;
        let mut out = Vec::new();
        write_document_line(&mut out, &document(line, false), &Fields::default(), "y").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            " {\"id\":\"in.jsonl:1\",\"text\":\"y\",\"n\":1}\n"
        );
    }

    #[test]
    fn a_spool_written_and_read_on_threads_of_their_own_keeps_its_frames_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = SpoolWriter::start(Spool::create(dir.path()).unwrap());
        let batches: Vec<Vec<Vec<u8>>> = (0..50)
            .map(|b| {
                (0..b % 7)
                    .map(|n| format!("{b}.{n}").into_bytes())
                    .collect()
            })
            .collect();
        for batch in &batches {
            writer.push_batch(batch.clone()).unwrap();
        }
        let reader = writer.finish().unwrap().into_reader().unwrap();
        let mut prefetch = SpoolPrefetch::start(reader);
        for frame in batches.iter().flatten() {
            assert_eq!(&prefetch.next_frame().unwrap(), frame);
        }
        let end = prefetch.next_frame().unwrap_err();
        assert_eq!(end.kind(), io::ErrorKind::UnexpectedEof);
        assert_eq!(
            prefetch.next_frame().unwrap_err().kind(),
            io::ErrorKind::UnexpectedEof
        );
    }

    #[test]
    fn spool_gives_back_its_frames_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut spool = Spool::create(dir.path()).unwrap();
        for frame in [&b"een"[..], b"", b"drie\n"] {
            spool.push(frame).unwrap();
        }
        let mut reader = spool.into_reader().unwrap();
        assert_eq!(reader.next_frame().unwrap(), b"een");
        assert_eq!(reader.next_frame().unwrap(), b"");
        assert_eq!(reader.next_frame().unwrap(), b"drie\n");
        assert!(reader.next_frame().is_err());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing on disk"
        );
    }

    #[test]
    fn atomic_file_appears_only_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let file = AtomicFile::create(&path).unwrap();
        assert!(!path.exists());
        file.write_with(|w| w.write_all(b"{}\n")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}\n");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "readable by others as a new file would be: {mode:o}"
            );
        }
    }

    #[test]
    fn refuses_to_write_over_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.jsonl");
        fs::write(&input, "{}").unwrap();
        let err = check_outputs(std::slice::from_ref(&input), &[("--output", input.clone())])
            .unwrap_err();
        assert!(err.to_string().contains("refusing to write over an input"));
    }
}
