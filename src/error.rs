//! The library's typed errors.
//!
//! Every variant that concerns a file names it, and every variant that concerns a record
//! names its line, so the binary can print one line a user can act on
//! (`zeef: data.jsonl:17: malformed JSON: …`). All of them map to exit code 2.

use std::io;
use std::path::PathBuf;

/// What can stop a zeef run before it finishes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be opened or read.
    #[error("{}: cannot read", path.display())]
    Read {
        /// The input that failed.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// A record of an input is unusable (bad JSON, missing text field, not UTF-8).
    #[error("{}:{line}: {problem}", path.display())]
    BadRecord {
        /// The input file (`-` for standard input).
        path: PathBuf,
        /// The 1-based line number of the record.
        line: u64,
        /// What is wrong with it.
        problem: String,
    },
    /// An output could not be created or written.
    #[error("{}: cannot write", path.display())]
    Write {
        /// The output that failed.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// An output would replace one of the inputs.
    #[error("{}: refusing to write over an input (given as {flag})", path.display())]
    WouldOverwriteInput {
        /// The path in question.
        path: PathBuf,
        /// The flag that named it.
        flag: &'static str,
    },
    /// The configuration file is unreadable or invalid.
    #[error("{}: {message}", path.display())]
    ConfigFile {
        /// The `--config` file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A `--classifier` model is unreadable or does not fit this build.
    #[error("{}: not a usable classifier model: {message}", path.display())]
    Classifier {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// An input read again gave fewer records than before: it changed during the run.
    #[error("{}: changed while zeef was reading it (inputs are read more than once)", path.display())]
    InputChanged {
        /// The input (the last one, when several are read).
        path: PathBuf,
    },
    /// A flag's value is out of range or flags contradict each other.
    #[error("{0}")]
    Usage(String),
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
