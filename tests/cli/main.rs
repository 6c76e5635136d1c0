//! Integration tests: run the real `zeef` binary on real files.
//!
//! One test binary with modules, sharing the [`TestDir`] helper.

mod util;

mod check;
mod determinism;
mod errors;
mod fixtures;
mod formats;
mod generated;
mod outputs;
mod properties;
mod shared;
mod split;
