//! Running prepared steps under each transaction mode.
//!
//! - `per_migration` on PostgreSQL: the revision's statements, its version-table change and its
//!   history row go to the server as ONE simple-query batch framed by `BEGIN`/`COMMIT`, with
//!   `SET LOCAL lock_timeout`/`statement_timeout` at its head: one round trip per revision. A
//!   failure rolls back, and the failed history row is written in its own transaction.
//! - SQLite: the run already holds the write lock in a transaction; each revision is a savepoint
//!   and its statements run one by one (in-process, so there is no round trip to save).
//! - `transaction: none` on PostgreSQL, and every revision on MySQL: statements commit one by
//!   one and each is journaled in the revision's history row (`statements_done` plus a hash of
//!   the statements run), so a crash or failure is visible and the next run resumes at the next
//!   statement. The version row changes only when every statement ran.
//! - Run-level transaction (`Settings::transaction_all`): one `BEGIN` before the first revision
//!   and one `COMMIT` after the last (PostgreSQL), or a savepoint around the run (SQLite).
//!
//! Lock timeouts: a revision whose statement hit `lock_timeout` is rolled back and retried after
//! each pause of `Settings::lock_retry_delays` (the retry loop wraps the revision's transaction).

use std::collections::HashMap;
use std::thread;
use std::time::{Duration, Instant};

use chrono::Utc;

use super::backfill::{self, JournalAt};
use super::connection::{error_message, Database};
use super::history::{self, HistoryKind, Journal, NewRow, Outcome, Partial, RunMeta, Timing};
use super::prepare::{self, PreparedStep, Stmt, StmtClass};
use super::sql::{self, Strategy, Tables};
use super::{version, Observer, RunError, Settings};
use crate::backend::RenderContext;
use crate::graph::Direction;
use crate::ops::TransactionMode;

/// Everything a run needs, borrowed from the migrator and the locked connection.
pub(crate) struct Executor<'a> {
    pub db: &'a mut Database,
    pub t: &'a Tables,
    pub settings: &'a Settings,
    pub meta: &'a RunMeta,
    pub observer: &'a mut dyn Observer,
    pub ctx: &'a RenderContext,
    /// Journaled revisions that stopped midway in an earlier run.
    pub partial: &'a HashMap<String, Partial>,
    pub strategy: Strategy,
}

/// Where a failure happened inside a step.
struct Failure {
    index: Option<usize>,
    statement: Option<String>,
    message: String,
    /// Statements of the revision that stay committed.
    committed: u32,
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
            let elapsed = match (self.strategy, step.mode()) {
                (Strategy::Batched, TransactionMode::PerMigration) => self.postgres_transactional(step, last)?,
                (Strategy::Savepoint, _) => self.savepoint_step(step, true)?,
                (Strategy::Batched, TransactionMode::None) | (Strategy::Journaled, _) => self.journaled(step)?,
            };
            applied.push((step.revision().to_string(), elapsed));
        }
        Ok(applied)
    }

    fn exec(&mut self, sql: &str) -> Result<(), diesel::result::Error> {
        self.db.batch_execute(sql)
    }

    fn started(&mut self, step: &PreparedStep<'_>) {
        self.observer.step_started(&step.step);
        for notice in &step.skipped {
            self.observer.notice(notice);
        }
    }

    fn kind(step: &PreparedStep<'_>) -> HistoryKind {
        match step.step.direction {
            Direction::Upgrade => HistoryKind::Upgrade,
            Direction::Downgrade => HistoryKind::Downgrade,
        }
    }

    fn version_change(&self, step: &PreparedStep<'_>) -> Vec<String> {
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

    fn failed(&self, step: &PreparedStep<'_>, failure: Failure) -> RunError {
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
    fn postgres_prelude(&self, out: &mut Vec<String>) {
        out.push(format!("SET LOCAL lock_timeout = {}", sql::pg_duration(self.settings.lock_timeout)));
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
        let mut retries = 0u32;
        loop {
            let mut batch = vec!["BEGIN".to_string()];
            self.postgres_prelude(&mut batch);
            if !last {
                // Only the run's last commit waits for the WAL flush: it flushes every earlier
                // commit too, so the finished run is as durable as with synchronous commits,
                // while a server crash midway loses at most a suffix of whole revisions, each
                // with its version row (they commit together), which the next run re-applies.
                batch.push("SET LOCAL synchronous_commit = off".into());
            }
            self.postgres_body(&stmts, &mut batch);
            batch.extend(self.version_change(step));
            batch.push(self.success_row(step, "per_migration", Timing::PgTransaction, n, retries));
            batch.push("COMMIT".into());
            let Err(e) = self.exec(&join(&batch)) else { break };
            let _ = self.exec("ROLLBACK");
            if is_lock_timeout(&e) && (retries as usize) < self.settings.lock_retry_delays.len() {
                let pause = self.settings.lock_retry_delays[retries as usize];
                self.observer.notice(&format!(
                    "revision {}: lock timeout, rolled back; retry {} in {} ms",
                    step.revision(),
                    retries + 1,
                    pause.as_millis()
                ));
                thread::sleep(pause);
                retries += 1;
                continue;
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
            self.record_failure(step, "per_migration", started_utc, &failure, retries);
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
        self.postgres_prelude(&mut prelude);
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
            if i == 0 {
                batch.push("BEGIN".to_string());
                self.postgres_prelude(&mut batch);
            }
            batch.push(sql::PG_MARK_STEP_START.into());
            self.postgres_body(&stmts, &mut batch);
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
                if let Err(f) = self.backfill_batches(b, None, None) {
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

    /// Statements that commit one by one, journaled: PostgreSQL `transaction: none`, MySQL.
    ///
    /// Ops are rendered as they come up, so an op rendered from the live table sees what the
    /// earlier ops did.
    fn journaled(&mut self, step: &PreparedStep<'_>) -> Result<Duration, RunError> {
        let resume = self.resume_point(step)?;
        self.started(step);
        if resume.done > 0 {
            self.observer.notice(&format!(
                "revision {}: resuming at statement {}; the first {} ran in an earlier run",
                step.revision(),
                resume.done + 1,
                resume.done
            ));
        }
        let postgres = self.strategy == Strategy::Batched;
        let started = Instant::now();
        let started_utc = Utc::now();
        let mode = mode_name(step.mode());
        if postgres {
            // Session-level: without a transaction block, SET LOCAL would not last.
            let mut set = vec![format!("SET lock_timeout = {}", sql::pg_duration(self.settings.lock_timeout))];
            if let Some(st) = self.settings.statement_timeout {
                set.push(format!("SET statement_timeout = {}", sql::pg_duration(st)));
            }
            self.exec(&join(&set)).map_err(|e| self.db.error("setting the session timeouts", &e))?;
        }
        let ops: Vec<crate::ops::Op> = step.ops.iter().map(|o| o.op.clone()).collect();
        let total = step.ready_total();
        let id = history::insert_returning_id(
            self.db,
            self.t,
            self.meta,
            &NewRow {
                revision: step.revision(),
                kind: Self::kind(step),
                checksum: Some(&step.step.revision.checksum),
                transaction_mode: mode,
                timing: Timing::Client { started: started_utc, finished: None },
                success: None,
                error: None,
                statements_done: resume.done,
                statements_total: total,
                journal: Some(Journal { op: resume.op, op_statements: resume.op_statements, hash: &resume.hash }),
                retries: 0,
            },
        )?;
        if let Some(key) = &resume.key {
            // The new row carries the backfill's position, so a second crash still resumes there.
            let at = Journal { op: resume.op, op_statements: 0, hash: &resume.hash };
            let carry = history::journal_backfill(self.t, id, at, key);
            self.exec(&carry).map_err(|e| self.db.error("recording the start of a revision", &e))?;
        }
        let mut retries = 0u32;
        let mut done = resume.done;
        let outcome = 'run: {
            for (oi, op) in step.ops.iter().enumerate().skip(resume.op as usize) {
                let stmts = match op.statements(self.db, step.revision(), self.ctx) {
                    Ok(stmts) => stmts,
                    Err(e) => break 'run Err(e),
                };
                let first = if oi == resume.op as usize { resume.op_statements as usize } else { 0 };
                if let Some(b) = backfill::as_backfill(&op.op).filter(|_| first == 0) {
                    let start = if oi == resume.op as usize { resume.key.clone() } else { None };
                    if let Some(key) = &start {
                        self.observer.notice(&format!(
                            "revision {}: resuming the backfill of {} after key {key}",
                            step.revision(),
                            b.table
                        ));
                    }
                    for s in &stmts {
                        self.observer.statement(&s.sql);
                    }
                    let running_hash = history::journal_hash(&ops[..oi], []);
                    let done_hash = history::journal_hash(&ops[..=oi], []);
                    let n = count(&stmts);
                    let at = JournalAt {
                        id,
                        running: Journal { op: count(&ops[..oi]), op_statements: 0, hash: &running_hash },
                        done: history::journal_progress(
                            self.t,
                            id,
                            done + n,
                            Journal { op: count(&ops[..=oi]), op_statements: 0, hash: &done_hash },
                        ),
                    };
                    match self.backfill_batches(b, start, Some(&at)) {
                        Ok(()) => done += n,
                        Err(f) => {
                            break 'run Ok(Some(Failure {
                                index: Some(done as usize),
                                statement: Some(f.statement),
                                message: f.message,
                                committed: done,
                            }))
                        }
                    }
                    continue;
                }
                let mut si = first;
                while si < stmts.len() {
                    let s = &stmts[si];
                    self.observer.statement(&s.sql);
                    // After an op's last statement, the journal says the op is done.
                    let hash;
                    let at = if si + 1 == stmts.len() {
                        hash = history::journal_hash(&ops[..=oi], []);
                        Journal { op: count(&ops[..=oi]), op_statements: 0, hash: &hash }
                    } else {
                        hash = history::journal_hash(&ops[..oi], stmts[..=si].iter().map(|s| s.sql.as_str()));
                        Journal { op: count(&ops[..oi]), op_statements: count(&stmts[..=si]), hash: &hash }
                    };
                    let progress = history::journal_progress(self.t, id, done + 1, at);
                    let result = if postgres {
                        self.postgres_autocommit(step, s).and_then(|()| self.exec(&progress))
                    } else {
                        // MySQL: the statement and its journal entry in one round trip; a failing
                        // statement stops the batch before the entry.
                        self.exec(&join(&[s.sql.clone(), progress]))
                    };
                    match result {
                        Ok(()) => {
                            si += 1;
                            done += 1;
                        }
                        Err(e) if is_lock_timeout(&e) && (retries as usize) < self.settings.lock_retry_delays.len() => {
                            let pause = self.settings.lock_retry_delays[retries as usize];
                            self.observer.notice(&format!(
                                "revision {}: lock timeout at statement {}; retry {} in {} ms",
                                step.revision(),
                                done + 1,
                                retries + 1,
                                pause.as_millis()
                            ));
                            thread::sleep(pause);
                            retries += 1;
                        }
                        Err(e) => {
                            break 'run Ok(Some(Failure {
                                index: Some(done as usize),
                                statement: Some(s.sql.clone()),
                                message: error_message(&e),
                                committed: done,
                            }))
                        }
                    }
                }
            }
            Ok(None)
        };
        // A failed statement, or an op that could not be rendered from its table: the row says
        // so and keeps its journal for the next run.
        let error = match outcome {
            Ok(None) => None,
            Ok(Some(failure)) => Some((failure.message.clone(), self.failed(step, failure))),
            Err(e) => Some((e.to_string(), e)),
        };
        if let Some((message, error)) = error {
            let finish = history::finish(self.t, id, started_utc, Outcome::Failed { error: &message }, retries);
            let _ = self.exec(&finish);
            if postgres {
                let _ = self.exec("RESET lock_timeout; RESET statement_timeout");
            }
            return Err(error);
        }
        let mut tail = Vec::new();
        if postgres {
            tail.push("RESET lock_timeout".into());
            tail.push("RESET statement_timeout".into());
        }
        tail.push("BEGIN".into());
        tail.extend(self.version_change(step));
        tail.push(history::finish(self.t, id, started_utc, Outcome::Applied { statements: done }, retries));
        tail.push("COMMIT".into());
        self.record_finished(step, &tail, "ROLLBACK", started)
    }

    /// Sends the statements that record a finished revision (version change, history row and
    /// the closing of their transaction); on failure runs `undo` and reports the error.
    fn record_finished(
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

    /// One autocommitted PostgreSQL statement: an INVALID index left by an earlier failed
    /// `CREATE INDEX CONCURRENTLY` is dropped first; `statement_timeout` is off for weak-lock
    /// statements, and `lock_timeout` for `CONCURRENTLY` ones.
    fn postgres_autocommit(&mut self, step: &PreparedStep<'_>, s: &Stmt) -> Result<(), diesel::result::Error> {
        if let StmtClass::CreateIndexConcurrently { schema, name } = &s.class {
            let rows = self.db.query::<1>(&sql::pg_index_validity(self.t.dialect, schema.as_deref(), name))?;
            if rows.first().and_then(|[v]| v.as_deref()) == Some("false") {
                self.observer.notice(&format!(
                    "revision {}: index {name} is INVALID (an earlier CREATE INDEX CONCURRENTLY failed); dropping it to build it again",
                    step.revision()
                ));
                self.exec(&sql::pg_drop_index_concurrently(self.t.dialect, schema.as_deref(), name))?;
            }
        }
        // Session settings around this statement: (off, restore) pairs.
        let mut off = Vec::new();
        let mut restore = Vec::new();
        if let Some(st) = self.settings.statement_timeout.filter(|d| !d.is_zero() && s.class.is_weak()) {
            off.push("SET statement_timeout = 0".to_string());
            restore.push(format!("SET statement_timeout = {}", sql::pg_duration(st)));
        }
        if s.class.is_concurrent() && !self.settings.lock_timeout.is_zero() {
            off.push("SET lock_timeout = 0".to_string());
            restore.push(format!("SET lock_timeout = {}", sql::pg_duration(self.settings.lock_timeout)));
        }
        if !off.is_empty() {
            self.exec(&join(&off))?;
        }
        let result = self.exec(&s.sql);
        if !restore.is_empty() {
            self.exec(&join(&restore))?;
        }
        result
    }

    /// Where a journaled revision starts: after what an earlier run committed, if the ops it
    /// finished and the statements it ran of the next op are unchanged. Editing a later op (the
    /// one that failed, typically) is fine.
    fn resume_point(&mut self, step: &PreparedStep<'_>) -> Result<Resume, RunError> {
        let fresh = Resume { done: 0, op: 0, op_statements: 0, hash: history::journal_hash(&[], []), key: None };
        let Some(partial) = self.partial.get(step.revision()).cloned() else { return Ok(fresh) };
        if partial.kind != Self::kind(step) || (partial.done == 0 && partial.key.is_none()) {
            return Ok(fresh);
        }
        let edited = || RunError::EditedPartialRevision { revision: step.revision().to_string(), done: partial.done };
        let op = partial.op as usize;
        if op > step.ops.len() || (op == step.ops.len() && partial.op_statements > 0) {
            return Err(edited());
        }
        let ops: Vec<crate::ops::Op> = step.ops[..op].iter().map(|o| o.op.clone()).collect();
        let hash = if partial.op_statements == 0 {
            history::journal_hash(&ops, [])
        } else {
            let stmts = step.ops[op].statements(self.db, step.revision(), self.ctx)?;
            let within = partial.op_statements as usize;
            if within > stmts.len() {
                return Err(edited());
            }
            history::journal_hash(&ops, stmts[..within].iter().map(|s| s.sql.as_str()))
        };
        if partial.hash.as_deref() != Some(hash.as_str()) {
            return Err(edited());
        }
        // A backfill's last key counts only while that op is still a backfill (it may be edited,
        // like any op that has not finished).
        let key = partial.key.filter(|_| {
            partial.op_statements == 0 && step.ops.get(op).is_some_and(|o| backfill::as_backfill(&o.op).is_some())
        });
        Ok(Resume { done: partial.done, op: partial.op, op_statements: partial.op_statements, hash, key })
    }
}

/// Where a journaled revision starts.
struct Resume {
    /// Statements already run.
    done: u32,
    /// Ops fully run.
    op: u32,
    /// Statements run of the next op.
    op_statements: u32,
    hash: String,
    /// The last key of the backfill at `op`, whose batches up to it committed.
    key: Option<String>,
}

/// The history table's name for a transaction mode.
pub(crate) fn mode_name(mode: TransactionMode) -> &'static str {
    match mode {
        TransactionMode::PerMigration => "per_migration",
        TransactionMode::None => "none",
    }
}

fn count<T>(items: &[T]) -> u32 {
    u32::try_from(items.len()).unwrap_or(u32::MAX)
}

/// Joins statements into one batch. The separator starts on a new line so that a statement
/// ending in a `--` comment does not swallow it.
pub(crate) fn join(statements: &[String]) -> String {
    statements.join("\n;\n")
}

fn is_lock_timeout(e: &diesel::result::Error) -> bool {
    let text = error_message(e);
    // PostgreSQL 55P03 (diesel does not expose SQLSTATE), MySQL 1205
    text.contains("lock timeout") || text.contains("Lock wait timeout exceeded")
}

fn is_timeout(e: &diesel::result::Error) -> bool {
    let text = error_message(e);
    is_lock_timeout(e) || text.contains("statement timeout")
}
