//! zeef sieves scraped text corpora: it strips page clutter (navigation, related-article
//! lists, calls to action, credits, page furniture) and drops near-duplicate stories, and
//! reports what it removed and why.
//!
//! The library is the pipeline, one module per stage, data flowing one way:
//! [`read`] → [`segment`] → [`normalize`] → [`clutter`] → [`fingerprint`] → [`dedup`] →
//! [`write`] and [`report`]. [`cli`] turns flags into a [`config::Config`]; [`run`] does the
//! rest. Output is byte-identical for any thread count.

#![warn(missing_docs)]

pub mod classifier;
pub mod cli;
pub mod clutter;
pub mod config;
pub mod dedup;
pub mod document;
pub mod error;
pub mod eval;
pub mod fingerprint;
pub mod lexicon;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod report;
pub mod segment;
pub mod sites;
pub mod synth;
pub mod ui;
pub mod write;

pub use error::{Error, Result};
pub use pipeline::{run, Outcome};
