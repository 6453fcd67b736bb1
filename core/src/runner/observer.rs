//! What a run tells its caller while it goes (`Observer`) and when it ends (`Report`).
//!
//! Output and progress are decorators around the runner, not flags inside it: the CLI implements
//! [`Observer`] with indicatif on a terminal and plain lines otherwise; tests collect events.

use std::time::Duration;

use super::ChecksumMismatch;
use crate::graph::Step;
use crate::schema::Drift;

/// Receives a run's events.
///
/// Each event reaches the caller once, through its observer: the runner does not also log it. The
/// defaults log (`tracing`: step starts and notices at `info`, statements at `debug`), so an
/// observer that prints an event overrides its method and the event is not shown twice.
pub trait Observer {
    /// A revision's step is about to run.
    fn step_started(&mut self, step: &Step<'_>) {
        tracing::info!(revision = %step.revision.id, direction = %step.direction, "step started");
    }

    /// A revision's step committed (or, for a run-level transaction, was executed).
    fn step_finished(&mut self, step: &Step<'_>, elapsed: Duration) {
        let _ = (step, elapsed);
    }

    /// A statement is being sent.
    fn statement(&mut self, sql: &str) {
        tracing::debug!(sql, "statement");
    }

    /// Something the user should know: a skipped op, an implicit commit, a resumed revision.
    fn notice(&mut self, message: &str) {
        tracing::info!("{message}");
    }

    /// An op limited to other dialects (`.only([..])`) was skipped; the message names the
    /// revision, the op's position and kind, and where it runs. By default a notice; the CLI
    /// counts them instead and prints one summary line (each with `-v`).
    fn skipped(&mut self, message: &str) {
        self.notice(message);
    }

    /// Progress of a long step (batched backfills): `done` of `total` units.
    fn progress(&mut self, done: u64, total: Option<u64>) {
        let _ = (done, total);
    }
}

/// An observer that ignores every event (and so logs none).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoopObserver;

impl Observer for NoopObserver {
    fn step_started(&mut self, _: &Step<'_>) {}

    fn statement(&mut self, _: &str) {}

    fn notice(&mut self, _: &str) {}
}

/// What an upgrade or downgrade did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// The revisions run, in order, with the time each took.
    pub applied: Vec<(String, Duration)>,
    /// Nothing was pending: the database was already at the target (another migrator may have
    /// just brought it there).
    pub already_at_target: bool,
    /// The version rows after the run.
    pub current: Vec<String>,
}

/// The result of `check`: what differs between the revisions in this binary and the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckReport {
    /// The version rows.
    pub current: Vec<String>,
    /// Revisions an `upgrade heads` would run, in order.
    pub pending: Vec<String>,
    /// Applied revisions whose ops changed since.
    pub mismatched: Vec<ChecksumMismatch>,
    /// Revisions whose statements stopped midway (journaled runs that crashed or failed).
    pub incomplete: Vec<String>,
    /// The differences between the database's schema and the schema its applied revisions
    /// produce, sorted; `None` when the schemas were not compared.
    pub drift: Option<Vec<Drift>>,
    /// The scratch database the chain's schema was built in (URL, password obfuscated); it is
    /// gone (or emptied, for `scratch_url`) by the time the report is returned.
    pub scratch: Option<String>,
}

impl CheckReport {
    /// Whether nothing is pending, changed, incomplete or drifted.
    pub fn is_clean(&self) -> bool {
        self.pending.is_empty()
            && self.mismatched.is_empty()
            && self.incomplete.is_empty()
            && self.drift.as_ref().is_none_or(Vec::is_empty)
    }

    /// Whether the schemas were compared.
    pub fn drift_checked(&self) -> bool {
        self.drift.is_some()
    }
}
