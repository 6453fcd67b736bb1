//! Running prepared steps under each transaction mode.
//!
//! - `per_migration` on PostgreSQL: the revision's statements, its version-table change and its
//!   history row go to the server as ONE simple-query batch framed by `BEGIN`/`COMMIT`, with
//!   `SET LOCAL lock_timeout`/`statement_timeout` at its head: one round trip per revision. A
//!   failure rolls back, and the failed history row is written in its own transaction.
//! - SQLite: the run already holds the write lock in a transaction; each revision is a savepoint
//!   and its statements run one by one (in-process, so there is no round trip to save).
//! - `transaction: none` on PostgreSQL, and every revision on MySQL (`journaled.rs`): statements
//!   commit one by one and each is journaled in the revision's history row (`statements_done`
//!   plus a hash of the statements run), so a crash or failure is visible and the next run
//!   resumes at the next statement. The version row changes only when every statement ran.
//! - Run-level transaction (`Settings::transaction_all`): one `BEGIN` before the first revision
//!   and one `COMMIT` after the last (PostgreSQL), or a savepoint around the run (SQLite).
//!
//! Lock timeouts: each attempt of a lock-taking statement runs with the `lock_timeout` of
//! `Settings::lock_retries`; a timeout rolls the attempt back and, after a pause, tries again
//! (`retry.rs`): the revision's transaction on PostgreSQL `per_migration`, the statement where
//! statements commit one by one.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::backfill;
use super::connection::{error_message, Database};
use super::history::{self, HistoryKind, NewRow, Partial, RunMeta, Timing};
use super::prepare::{self, PreparedStep, Stmt};
use super::retry::{tables_of, LockRetry};
use super::sql::{self, Strategy, Tables};
use super::{version, Observer, RunError, Settings};
use crate::backend::RenderContext;
use crate::graph::Direction;
use crate::ops::TransactionMode;

/// Everything a run needs, borrowed from the migrator and the locked connection.
pub(crate) struct Executor<'a> {
    pub db: &'a mut Database,
    pub t: &'a Tables,
    /// The settings of the revision being run: the run's, with the revision's own timeouts
    /// (`Settings::for_revision`, applied by [`Executor::run`] step by step).
    pub settings: &'a Settings,
    /// The run's settings, which the session was set up with.
    pub run_settings: &'a Settings,
    pub meta: &'a RunMeta,
    pub observer: &'a mut dyn Observer,
    pub ctx: &'a RenderContext,
    /// Journaled revisions that stopped midway in an earlier run.
    pub partial: &'a HashMap<String, Partial>,
    pub strategy: Strategy,
}

/// Where a failure happened inside a step.
pub(super) struct Failure {
    pub index: Option<usize>,
    pub statement: Option<String>,
    pub message: String,
    /// Statements of the revision that stay committed.
    pub committed: u32,
}

impl Executor<'_> {
    /// Runs the steps in order; returns each revision with its duration.
    pub fn run(&mut self, steps: &[PreparedStep<'_>]) -> Result<Vec<(String, Duration)>, RunError> {
        if self.settings.transaction_all {
            return match self.strategy {
                Strategy::Batched => self.postgres_all(steps),
                _ => self.savepoint_all(steps),
            };
        }
        let mut applied = Vec::with_capacity(steps.len());
        for (i, step) in steps.iter().enumerate() {
            let last = i + 1 == steps.len();
            let settings = self.run_settings.for_revision(step.step.revision);
            let mut this = self.with_settings(&settings);
            let elapsed = match (this.strategy, step.mode()) {
                (Strategy::Batched, TransactionMode::PerMigration) => this.postgres_transactional(step, last)?,
                (Strategy::Savepoint, _) => this.savepoint_step(step, true)?,
                (Strategy::Batched, TransactionMode::None) | (Strategy::Journaled, _) => this.journaled(step)?,
            };
            applied.push((step.revision().to_string(), elapsed));
        }
        Ok(applied)
    }

    /// This executor, running with `settings` (a revision's, see `Settings::for_revision`).
    fn with_settings<'b>(&'b mut self, settings: &'b Settings) -> Executor<'b> {
        Executor {
            db: &mut *self.db,
            t: self.t,
            settings,
            run_settings: self.run_settings,
            meta: self.meta,
            observer: &mut *self.observer,
            ctx: self.ctx,
            partial: self.partial,
            strategy: self.strategy,
        }
    }

    pub(super) fn exec(&mut self, sql: &str) -> Result<(), diesel::result::Error> {
        self.db.batch_execute(sql)
    }

    pub(super) fn started(&mut self, step: &PreparedStep<'_>) {
        self.observer.step_started(&step.step);
        for notice in &step.skipped {
            self.observer.skipped(notice);
        }
    }

    pub(super) fn kind(step: &PreparedStep<'_>) -> HistoryKind {
        match step.step.direction {
            Direction::Upgrade => HistoryKind::Upgrade,
            Direction::Downgrade => HistoryKind::Downgrade,
        }
    }

    pub(super) fn version_change(&self, step: &PreparedStep<'_>) -> Vec<String> {
        version::change(self.t, &step.step.version_delete, &step.step.version_insert)
    }

    fn success_row(&self, step: &PreparedStep<'_>, mode: &str, timing: Timing, n: u32, retries: u32) -> String {
        history::insert(
            self.t,
            self.meta,
            &NewRow {
                revision: step.revision(),
                kind: Self::kind(step),
                checksum: Some(&step.step.revision.checksum),
                transaction_mode: mode,
                timing,
                success: Some(true),
                error: None,
                statements_done: n,
                statements_total: Some(n),
                journal: None,
                retries,
            },
        )
    }

    /// Writes the failed history row in its own transaction (or, on SQLite, in the run's).
    fn record_failure(
        &mut self,
        step: &PreparedStep<'_>,
        mode: &str,
        started: chrono::DateTime<Utc>,
        failure: &Failure,
        retries: u32,
    ) {
        if self.db.is_lost() {
            return; // no session to write it with; the error says what happened
        }
        let error = match &failure.statement {
            Some(s) => format!(
                "{} [statement {}: {}]",
                failure.message,
                failure.index.map_or(0, |i| i + 1),
                super::error::one_line(s, 400)
            ),
            None => failure.message.clone(),
        };
        let row = history::insert(
            self.t,
            self.meta,
            &NewRow {
                revision: step.revision(),
                kind: Self::kind(step),
                checksum: Some(&step.step.revision.checksum),
                transaction_mode: mode,
                timing: Timing::Client { started, finished: Some(Utc::now()) },
                success: Some(false),
                error: Some(&error),
                statements_done: failure.committed,
                statements_total: None,
                journal: None,
                retries,
            },
        );
        // The migration error matters more than a failure to record it; the run stops anyway.
        if let Err(e) = self.exec(&row) {
            self.observer.notice(&format!(
                "could not record the failure of revision {} in the history table: {}",
                step.revision(),
                error_message(&e)
            ));
        }
    }

    pub(super) fn failed(&self, step: &PreparedStep<'_>, failure: Failure) -> RunError {
        if self.db.is_lost() {
            return RunError::SessionLost {
                during: format!("the {} of revision {}", step.direction_word(), step.revision()),
                url: self.db.display_url().to_string(),
                message: failure.message,
            };
        }
        RunError::Migration {
            revision: step.revision().to_string(),
            direction: step.direction_word(),
            statement_index: failure.index,
            statement: failure.statement,
            message: failure.message,
            dialect: self.t.dialect,
            partial: failure.committed > 0,
        }
    }

    /// `SET LOCAL` timeouts at the head of a PostgreSQL transaction.
    fn postgres_prelude(&self, lock_timeout: Duration, out: &mut Vec<String>) {
        out.push(format!("SET LOCAL lock_timeout = {}", sql::pg_duration(lock_timeout)));
        if let Some(st) = self.settings.statement_timeout {
            out.push(format!("SET LOCAL statement_timeout = {}", sql::pg_duration(st)));
        }
    }

    /// The statements, with `statement_timeout` off around the weak-lock ones.
    fn postgres_body(&self, stmts: &[Stmt], out: &mut Vec<String>) {
        let toggle = self.settings.statement_timeout.filter(|d| !d.is_zero());
        for s in stmts {
            match toggle {
                Some(st) if s.class.is_weak() => {
                    out.push("SET LOCAL statement_timeout = 0".into());
                    out.push(s.sql.clone());
                    out.push(format!("SET LOCAL statement_timeout = {}", sql::pg_duration(st)));
                }
                _ => out.push(s.sql.clone()),
            }
        }
    }

    /// PostgreSQL `per_migration`: one batch per revision.
    fn postgres_transactional(&mut self, step: &PreparedStep<'_>, last: bool) -> Result<Duration, RunError> {
        let stmts = prepare::materialize(self.db, step, self.ctx)?;
        self.started(step);
        for s in &stmts {
            self.observer.statement(&s.sql);
        }
        let n = count(&stmts);
        let started = Instant::now();
        let started_utc = Utc::now();
        let mut retry = LockRetry::new(tables_of(step.ops.iter().map(|o| &o.op)));
        loop {
            let mut batch = vec!["BEGIN".to_string()];
            self.postgres_prelude(self.attempt_timeout(&retry), &mut batch);
            if !last {
                // Only the run's last commit waits for the WAL flush: it flushes every earlier
                // commit too, so the finished run is as durable as with synchronous commits,
                // while a server crash midway loses at most a suffix of whole revisions, each
                // with its version row (they commit together), which the next run re-applies.
                batch.push("SET LOCAL synchronous_commit = off".into());
            }
            self.postgres_body(&stmts, &mut batch);
            batch.extend(self.version_change(step));
            batch.push(self.success_row(step, "per_migration", Timing::PgTransaction, n, retry.retries()));
            batch.push("COMMIT".into());
            self.db.expect_lock_wait(self.attempt_timeout(&retry));
            let Err(e) = self.exec(&join(&batch)) else { break };
            let _ = self.exec("ROLLBACK");
            if is_lock_timeout(&e) {
                let Err(blockers) = self.lock_timed_out(step, &mut retry) else { continue };
                // The batch does not say which statement waited; a one-statement revision does.
                let statement = match stmts.as_slice() {
                    [one] => Some((0, one.sql.clone())),
                    _ => None,
                };
                let error = self.lock_exhausted(step, &retry, statement, blockers, false);
                let failure = Failure { index: None, statement: None, message: error.to_string(), committed: 0 };
                self.record_failure(step, "per_migration", started_utc, &failure, retry.retries());
                return Err(error);
            }
            let message = error_message(&e);
            let index = match stmts.len() {
                1 => Some(0),
                _ if is_timeout(&e) => None,
                _ => self.postgres_locate_failure(&stmts),
            };
            let failure = Failure {
                index,
                statement: index.and_then(|i| stmts.get(i)).map(|s| s.sql.clone()),
                message,
                committed: 0,
            };
            self.record_failure(step, "per_migration", started_utc, &failure, retry.retries());
            return Err(self.failed(step, failure));
        }
        let elapsed = started.elapsed();
        self.observer.step_finished(&step.step, elapsed);
        Ok(elapsed)
    }

    /// Replays a failed revision statement by statement in a transaction that is rolled back, to
    /// name the statement that failed (the batch only says that one did). Costs nothing unless
    /// a revision fails.
    fn postgres_locate_failure(&mut self, stmts: &[Stmt]) -> Option<usize> {
        let mut prelude = vec!["BEGIN".to_string()];
        self.postgres_prelude(self.settings.attempt_timeout(0), &mut prelude);
        let mut found = None;
        if self.exec(&join(&prelude)).is_ok() {
            for (i, s) in stmts.iter().enumerate() {
                let mut one = Vec::new();
                self.postgres_body(std::slice::from_ref(s), &mut one);
                if self.exec(&join(&one)).is_err() {
                    found = Some(i);
                    break;
                }
            }
        }
        let _ = self.exec("ROLLBACK");
        found
    }

    /// PostgreSQL run-level transaction: every revision in one transaction.
    fn postgres_all(&mut self, steps: &[PreparedStep<'_>]) -> Result<Vec<(String, Duration)>, RunError> {
        let mut applied = Vec::with_capacity(steps.len());
        // The timeouts in force in the transaction: each revision's own, set where they change.
        let timeouts = |s: &Settings| (s.lock_timeout, s.statement_timeout);
        let mut previous = timeouts(self.run_settings);
        for (i, step) in steps.iter().enumerate() {
            let stmts = match prepare::materialize(self.db, step, self.ctx) {
                Ok(stmts) => stmts,
                Err(e) => {
                    if i > 0 {
                        let _ = self.exec("ROLLBACK");
                    }
                    return Err(e);
                }
            };
            self.started(step);
            for s in &stmts {
                self.observer.statement(&s.sql);
            }
            let started = Instant::now();
            let started_utc = Utc::now();
            let mut batch = Vec::new();
            let settings = self.run_settings.for_revision(step.step.revision);
            if i == 0 {
                // One transaction for the run: a lock timeout cannot be retried step by step.
                batch.push("BEGIN".to_string());
                self.with_settings(&settings).postgres_prelude(settings.lock_timeout, &mut batch);
            } else if timeouts(&settings) != previous {
                // A revision with its own timeouts, or the first one after it.
                batch.push(format!("SET LOCAL lock_timeout = {}", sql::pg_duration(settings.lock_timeout)));
                batch.push(match settings.statement_timeout {
                    Some(st) => format!("SET LOCAL statement_timeout = {}", sql::pg_duration(st)),
                    None => "SET LOCAL statement_timeout = DEFAULT".into(),
                });
            }
            batch.push(sql::PG_MARK_STEP_START.into());
            self.with_settings(&settings).postgres_body(&stmts, &mut batch);
            previous = timeouts(&settings);
            batch.extend(self.version_change(step));
            batch.push(self.success_row(step, "all", Timing::PgStepMark, count(&stmts), 0));
            if i + 1 == steps.len() {
                batch.push("COMMIT".into());
            }
            if let Err(e) = self.exec(&join(&batch)) {
                let _ = self.exec("ROLLBACK");
                let failure = Failure {
                    index: None,
                    statement: None,
                    message: format!(
                        "{} (the run-level transaction was rolled back: no revision of this run is applied)",
                        error_message(&e)
                    ),
                    committed: 0,
                };
                self.record_failure(step, "all", started_utc, &failure, 0);
                return Err(self.failed(step, failure));
            }
            let elapsed = started.elapsed();
            self.observer.step_finished(&step.step, elapsed);
            applied.push((step.revision().to_string(), elapsed));
        }
        Ok(applied)
    }

    /// SQLite run-level transaction: a savepoint around the run inside the lock's transaction.
    fn savepoint_all(&mut self, steps: &[PreparedStep<'_>]) -> Result<Vec<(String, Duration)>, RunError> {
        self.exec("SAVEPOINT retort_run").map_err(|e| self.db.error("starting the run-level transaction", &e))?;
        let mut applied = Vec::with_capacity(steps.len());
        for step in steps {
            match self.savepoint_step(step, false) {
                Ok(elapsed) => applied.push((step.revision().to_string(), elapsed)),
                Err(e) => {
                    let _ = self.exec("ROLLBACK TO retort_run; RELEASE retort_run");
                    if let RunError::Migration { statement_index, statement, message, .. } = &e {
                        let failure = Failure {
                            index: *statement_index,
                            statement: statement.clone(),
                            message: message.clone(),
                            committed: 0,
                        };
                        self.record_failure(step, "all", Utc::now(), &failure, 0);
                    }
                    return Err(e);
                }
            }
        }
        self.exec("RELEASE retort_run").map_err(|e| self.db.error("ending the run-level transaction", &e))?;
        Ok(applied)
    }

    /// SQLite: one savepoint per revision, statements one by one, tables introspected as the
    /// ops that rebuild them come up.
    fn savepoint_step(&mut self, step: &PreparedStep<'_>, record: bool) -> Result<Duration, RunError> {
        self.started(step);
        let started = Instant::now();
        let started_utc = Utc::now();
        let mode = if self.settings.transaction_all { "all" } else { mode_name(step.mode()) };
        self.exec("SAVEPOINT retort_step").map_err(|e| self.db.error("starting the revision's savepoint", &e))?;
        let mut done = 0usize;
        for op in &step.ops {
            let stmts = match op.statements(self.db, step.revision(), self.ctx) {
                Ok(stmts) => stmts,
                Err(e) => {
                    let _ = self.exec("ROLLBACK TO retort_step; RELEASE retort_step");
                    return Err(e);
                }
            };
            if let Some(b) = backfill::as_backfill(&op.op) {
                // Batches inside the savepoint: the run's transaction makes them one anyway, but
                // each UPDATE stays short and progress is reported.
                for s in &stmts {
                    self.observer.statement(&s.sql);
                }
                if let Err(f) = self.backfill_batches(step, b, None, None) {
                    let _ = self.exec("ROLLBACK TO retort_step; RELEASE retort_step");
                    let failure =
                        Failure { index: Some(done), statement: Some(f.statement), message: f.message, committed: 0 };
                    if record {
                        self.record_failure(step, mode, started_utc, &failure, 0);
                    }
                    return Err(self.failed(step, failure));
                }
                done += stmts.len();
                continue;
            }
            for s in &stmts {
                self.observer.statement(&s.sql);
                if let Err(e) = self.exec(&s.sql) {
                    let _ = self.exec("ROLLBACK TO retort_step; RELEASE retort_step");
                    let failure = Failure {
                        index: Some(done),
                        statement: Some(s.sql.clone()),
                        message: error_message(&e),
                        committed: 0,
                    };
                    if record {
                        self.record_failure(step, mode, started_utc, &failure, 0);
                    }
                    return Err(self.failed(step, failure));
                }
                done += 1;
            }
        }
        let n = u32::try_from(done).unwrap_or(u32::MAX);
        let mut tail = self.version_change(step);
        tail.push(self.success_row(
            step,
            mode,
            Timing::Client { started: started_utc, finished: Some(Utc::now()) },
            n,
            0,
        ));
        tail.push("RELEASE retort_step".into());
        self.record_finished(step, &tail, "ROLLBACK TO retort_step; RELEASE retort_step", started)
    }

    /// Sends the statements that record a finished revision (version change, history row and
    /// the closing of their transaction); on failure runs `undo` and reports the error.
    pub(super) fn record_finished(
        &mut self,
        step: &PreparedStep<'_>,
        tail: &[String],
        undo: &str,
        started: Instant,
    ) -> Result<Duration, RunError> {
        if let Err(e) = self.exec(&join(tail)) {
            let _ = self.exec(undo);
            return Err(self.db.error("recording the revision in the version and history tables", &e));
        }
        let elapsed = started.elapsed();
        self.observer.step_finished(&step.step, elapsed);
        Ok(elapsed)
    }
}

/// The history table's name for a transaction mode.
pub(crate) fn mode_name(mode: TransactionMode) -> &'static str {
    match mode {
        TransactionMode::PerMigration => "per_migration",
        TransactionMode::None => "none",
    }
}

pub(super) fn count<T>(items: &[T]) -> u32 {
    u32::try_from(items.len()).unwrap_or(u32::MAX)
}

/// Joins statements into one batch. The separator starts on a new line so that a statement
/// ending in a `--` comment does not swallow it.
pub(crate) fn join(statements: &[String]) -> String {
    statements.join("\n;\n")
}

pub(super) use crate::backend::{is_lock_timeout, is_timeout};
