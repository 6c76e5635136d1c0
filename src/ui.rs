//! Progress on standard error: one indicatif bar per stage, shown only when standard error
//! is a terminal and `--quiet` is off. Without colour (no ANSI codes reach files or logs).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shows stage progress, or nothing.
#[derive(Debug, Clone)]
pub struct Progress {
    enabled: bool,
}

impl Progress {
    /// A progress display that draws only when wanted and possible.
    pub fn new(quiet: bool) -> Progress {
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Starts a stage of `total` steps (a counter without a bar when the total is not
    /// known); it is finished and cleared on drop.
    pub fn stage(&self, name: &str, total: Option<u64>) -> Stage {
        let bar = if self.enabled {
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
            let template = match total {
                Some(_) => "{prefix:>12} [{bar:40}] {pos}/{len} ({per_sec}, {eta})",
                None => "{prefix:>12} {spinner} {human_pos} documents ({per_sec})",
            };
            let style = ProgressStyle::with_template(template)
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_prefix(name.to_string());
            bar
        } else {
            ProgressBar::hidden()
        };
        Stage { bar }
    }
}

/// One stage's bar; cheap to advance from many threads.
pub struct Stage {
    bar: ProgressBar,
}

impl Stage {
    /// Advances by `n` steps.
    pub fn advance(&self, n: u64) {
        self.bar.inc(n);
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
