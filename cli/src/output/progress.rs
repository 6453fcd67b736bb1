//! The runner's observer: one line per applied revision with its duration, a spinner (or a
//! bar, for backfills) on a terminal, plain lines otherwise.

use std::io::Write;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::style::{DIM, ID, OK};
use super::{Output, Verbosity};
use crate::args::Format;
use retort::human::duration;

/// How often a plain (no terminal) progress line is printed.
const PLAIN_PROGRESS_EVERY: Duration = Duration::from_secs(5);

/// A finished step, as reported in `upgrade`/`downgrade` output.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StepDone {
    /// Revision id.
    pub revision: String,
    /// `upgrade` or `downgrade`.
    pub direction: &'static str,
    /// The revision's message, first line.
    pub message: String,
    /// Wall time in milliseconds.
    pub duration_ms: f64,
}

/// The observer the runner reports to while it applies a plan.
pub struct Progress<'o> {
    out: &'o mut Output,
    bar: Option<ProgressBar>,
    /// When the last plain progress line was printed (no terminal).
    last_plain: Option<Instant>,
    /// The steps finished so far, for the JSON summary.
    pub done: Vec<StepDone>,
    /// Ops skipped on this dialect (`.only([..])`): one summary line at the end, each with `-v`.
    skipped: Vec<String>,
    /// The revision running, to label plain progress lines.
    running: Option<String>,
    /// The last progress reported for the running step, when a plain line showed it: the final
    /// line comes when the step finishes.
    plain_rows: Option<(u64, Option<u64>)>,
}

impl<'o> Progress<'o> {
    /// An observer printing to `out`.
    pub fn new(out: &'o mut Output) -> Self {
        Self {
            out,
            bar: None,
            last_plain: None,
            done: Vec::new(),
            skipped: Vec::new(),
            running: None,
            plain_rows: None,
        }
    }

    fn bar(&mut self) -> Option<&ProgressBar> {
        if !self.out.progress_enabled() {
            return None;
        }
        if self.bar.is_none() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(spinner_style());
            bar.enable_steady_tick(Duration::from_millis(100));
            self.bar = Some(bar);
        }
        self.bar.as_ref()
    }

    /// Prints a line on stdout above the progress bar (text format only).
    fn line(&mut self, line: String) {
        if self.out.format() != Format::Text || self.out.verbosity() == Verbosity::Quiet {
            return;
        }
        let bar = self.bar.clone();
        let (out, _) = self.out.streams();
        let mut print = || {
            let _ = writeln!(out, "{line}");
        };
        match bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Prints a line on stderr above the progress bar.
    fn note_line(&mut self, line: String) {
        if self.out.verbosity() == Verbosity::Quiet {
            return;
        }
        let bar = self.bar.clone();
        let (_, err) = self.out.streams();
        let mut print = || {
            let _ = writeln!(err, "{line}");
        };
        match bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// A step is starting.
    pub fn started(&mut self, revision: &str, direction: &'static str, message: &str) {
        let arrow = if direction == "downgrade" { "↓" } else { "↑" };
        let title = first_line(message).to_string();
        self.running = Some(revision.to_string());
        self.plain_rows = None;
        if let Some(bar) = self.bar() {
            bar.set_style(spinner_style());
            bar.set_message(format!("{arrow} {revision} {title}"));
        }
        tracing::info!(revision, direction, "step started");
    }

    /// A step finished in `elapsed`.
    pub fn finished(&mut self, revision: &str, direction: &'static str, message: &str, elapsed: Duration) {
        let arrow = if direction == "downgrade" { "↓" } else { "↑" };
        let title = first_line(message).to_string();
        if let Some((done, total)) = self.plain_rows.take() {
            self.note_line(format!("  {revision}: {}, done", rows(done, total)));
        }
        self.running = None;
        self.line(format!("{OK}{arrow}{OK:#} {ID}{revision}{ID:#} {title} {DIM}({}){DIM:#}", duration(elapsed)));
        self.done.push(StepDone {
            revision: revision.to_string(),
            direction,
            message: title,
            duration_ms: elapsed.as_secs_f64() * 1000.0,
        });
    }

    /// A statement is about to run: shown with `-v`, and not logged besides, so that `-vv` (which
    /// adds the logs) shows it once.
    pub fn statement(&mut self, sql: &str) {
        if self.out.verbosity() >= Verbosity::Verbose {
            self.note_line(format!("{DIM}  {}{DIM:#}", sql.replace('\n', "\n  ")));
        }
    }

    /// Something the user should know (a skipped op, MySQL's implicit commits).
    pub fn notice(&mut self, notice: &str) {
        self.note_line(format!("  note: {notice}"));
    }

    /// Progress of a long step (a backfill): a bar on a terminal, otherwise a plain line at
    /// most every few seconds so that CI logs show it is alive.
    pub fn progress(&mut self, done: u64, total: Option<u64>) {
        if !self.out.progress_enabled() {
            // An empty table has nothing to report; a line every few seconds shows a CI log that
            // a long backfill is alive, and the step's end adds the final count.
            if total == Some(0) || (done == 0 && self.plain_rows.is_none()) {
                return;
            }
            let first = self.plain_rows.is_none();
            self.plain_rows = Some((done, total));
            if first || self.last_plain.is_none_or(|t| t.elapsed() >= PLAIN_PROGRESS_EVERY) {
                self.last_plain = Some(Instant::now());
                let revision = self.running.clone().unwrap_or_default();
                self.note_line(format!("  {revision}: {}", rows(done, total)));
            }
            return;
        }
        if let Some(bar) = self.bar() {
            match total {
                Some(total) => {
                    bar.set_style(bar_style());
                    bar.set_length(total);
                }
                None => bar.unset_length(),
            }
            bar.set_position(done);
        }
    }

    /// Removes the progress display.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let skipped = std::mem::take(&mut self.skipped);
        if let Some(first) = skipped.first() {
            // "... skipped on sqlite (it runs only on postgres)": the dialect is the run's.
            let on =
                first.split(" skipped on ").nth(1).and_then(|rest| rest.split(' ').next()).unwrap_or("this database");
            let ops = if skipped.len() == 1 { "op" } else { "ops" };
            let more = if self.out.verbosity() >= Verbosity::Verbose { "" } else { "; -v lists them" };
            self.note_line(format!("  note: {} {ops} limited to other databases skipped on {on}{more}", skipped.len()));
        }
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `1,200 of 5,000 rows` (or `1,200 rows` when the total is unknown).
fn rows(done: u64, total: Option<u64>) -> String {
    match total {
        Some(total) => format!("{} of {} rows", indicatif::HumanCount(done), indicatif::HumanCount(total)),
        None => format!("{} rows", indicatif::HumanCount(done)),
    }
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or_default().trim()
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {elapsed:.dim}").unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg}\n  [{bar:30}] {human_pos}/{human_len} rows ({per_sec}, eta {eta})")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl retort::runner::Observer for Progress<'_> {
    fn step_started(&mut self, step: &retort::graph::Step<'_>) {
        self.started(&step.revision.id, direction(step.direction), &step.revision.message);
    }

    fn step_finished(&mut self, step: &retort::graph::Step<'_>, elapsed: Duration) {
        self.finished(&step.revision.id, direction(step.direction), &step.revision.message, elapsed);
    }

    fn statement(&mut self, sql: &str) {
        Progress::statement(self, sql);
    }

    fn notice(&mut self, message: &str) {
        Progress::notice(self, message);
    }

    fn skipped(&mut self, message: &str) {
        if self.out.verbosity() >= Verbosity::Verbose {
            Progress::notice(self, message);
        }
        self.skipped.push(message.to_string());
    }

    fn progress(&mut self, done: u64, total: Option<u64>) {
        Progress::progress(self, done, total);
    }
}

fn direction(direction: retort::graph::Direction) -> &'static str {
    match direction {
        retort::graph::Direction::Upgrade => "upgrade",
        retort::graph::Direction::Downgrade => "downgrade",
    }
}
