//! Revisions whose statements commit one by one, journaled: PostgreSQL `transaction: none` and
//! every revision on MySQL.
//!
//! The history row is inserted first (`success` NULL); after each statement the journal advances
//! (`statements_done`, the op position and a hash of what ran), so a failure or crash leaves the
//! revision resumable at the next statement. The version row changes only after the last one.
//! A lock-taking statement that hits its `lock_timeout` is retried alone, on the schedule of
//! `Settings::lock_retries` (`retry.rs`), each statement starting it afresh.

use std::time::{Duration, Instant};

use chrono::Utc;

use super::backfill::{self, JournalAt};
use super::connection::error_message;
use super::execute::{count, is_lock_timeout, join, mode_name, Executor, Failure};
use super::history::{self, Journal, NewRow, Outcome, Timing};
use super::prepare::{self, PreparedStep, Stmt, StmtClass};
use super::retry::{tables_of, LockRetry};
use super::sql::{self, Strategy};
use super::RunError;
use crate::human::duration;

impl Executor<'_> {
    /// Statements that commit one by one, journaled: PostgreSQL `transaction: none`, MySQL.
    ///
    /// Ops are rendered as they come up, so an op rendered from the live table sees what the
    /// earlier ops did.
    pub(super) fn journaled(&mut self, step: &PreparedStep<'_>) -> Result<Duration, RunError> {
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
        // Session-level: without a transaction block, SET LOCAL would not last. MySQL's session
        // already has the run's `lock_timeout` (session setup); it changes only for another
        // first attempt, and is set back after a revision with its own (`restore`).
        let base_timeout = self.settings.attempt_timeout(0);
        let mut set: Vec<String> = self.session_lock_timeout(base_timeout).into_iter().collect();
        let session = self.session_lock_timeout(self.run_settings.lock_timeout);
        if !postgres && set == session.iter().cloned().collect::<Vec<_>>() {
            set.clear();
        }
        let run_base = self.session_lock_timeout(self.run_settings.attempt_timeout(0));
        let restore = session.filter(|_| !postgres && self.session_lock_timeout(base_timeout) != run_base);
        if let Some(st) = self.settings.statement_timeout.filter(|_| postgres) {
            set.push(format!("SET statement_timeout = {}", sql::pg_duration(st)));
        }
        if !set.is_empty() {
            self.exec(&join(&set)).map_err(|e| self.db.error("setting the session timeouts", &e))?;
        }
        // MySQL/MariaDB: statement_timeout as the server's own bound, lifted for weak-lock steps
        // (backfill batches, VALIDATE) as on PostgreSQL; `bounded` is what the session has now.
        let mysql_timeout = self.settings.statement_timeout.filter(|d| !postgres && !d.is_zero());
        let mut bounded = false;
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
        // The statement an earlier run had sent when it stopped: it may have committed without
        // its journal entry (a `CONCURRENTLY` step cannot share a transaction with it).
        let interrupted = self.partial.get(step.revision()).is_some_and(|p| p.kind == Self::kind(step));
        let in_flight =
            |oi: usize, si: usize| interrupted && oi == resume.op as usize && si == resume.op_statements as usize;
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
                    if bounded {
                        if let Err(e) = self.mysql_statement_timeout(None) {
                            break 'run Err(self.db.error("lifting max_statement_time for a backfill", &e));
                        }
                        bounded = false;
                    }
                    match self.backfill_batches(step, b, start, Some(&at)) {
                        Ok(batch_retries) => {
                            done += n;
                            retries += batch_retries;
                        }
                        Err(f) => {
                            retries += f.retries;
                            break 'run Ok(Some(Failure {
                                index: Some(done as usize),
                                statement: Some(f.statement),
                                message: f.message,
                                committed: done,
                            }));
                        }
                    }
                    continue;
                }
                let mut si = first;
                let mut retry = LockRetry::new(tables_of([&op.op]));
                while si < stmts.len() {
                    let s = &stmts[si];
                    if retry.attempt() == 0 {
                        self.observer.statement(&s.sql);
                    }
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
                    let timeout = self.attempt_timeout(&retry);
                    let want = mysql_timeout.filter(|_| !s.class.is_weak());
                    if mysql_timeout.is_some() && want.is_some() != bounded {
                        if let Err(e) = self.mysql_statement_timeout(want) {
                            break 'run Err(self.db.error("setting max_statement_time", &e));
                        }
                        bounded = want.is_some();
                    }
                    let result = if postgres {
                        let atomic = prepare::runs_in_transaction_block(&op.op);
                        self.postgres_journaled(step, s, &progress, timeout, atomic, in_flight(oi, si))
                    } else {
                        // MySQL: the statement and its journal entry in one round trip; a failing
                        // statement stops the batch before the entry.
                        self.db.expect_lock_wait(timeout);
                        self.exec(&join(&[s.sql.clone(), progress]))
                    };
                    // A CONCURRENTLY statement ran out of `timeouts.concurrent_wait`: no retry.
                    let concurrent = s.class.is_concurrent() && postgres;
                    let lock_timeout = !concurrent && matches!(&result, Err(e) if is_lock_timeout(e));
                    let retried = if lock_timeout { self.lock_timed_out(step, &mut retry) } else { Ok(()) };
                    // A new attempt runs with its own timeout; the next statement starts over.
                    let next = match (&result, &retried) {
                        (Ok(()), _) | (Err(_), Err(_)) => base_timeout,
                        (Err(_), Ok(())) => self.attempt_timeout(&retry),
                    };
                    if next != timeout {
                        if let Some(set) = self.session_lock_timeout(next) {
                            let _ = self.exec(&set);
                        }
                    }
                    match (result, retried) {
                        (Ok(()), _) => {
                            retries += retry.retries();
                            retry = LockRetry::new(retry.tables);
                            si += 1;
                            done += 1;
                        }
                        (Err(_), Ok(())) if lock_timeout => {}
                        (Err(_), Err(blockers)) => {
                            retries += retry.retries();
                            let statement = Some((done as usize, s.sql.clone()));
                            break 'run Err(self.lock_exhausted(step, &retry, statement, blockers, done > 0));
                        }
                        (Err(e), _) => {
                            retries += retry.retries();
                            let message = if concurrent && is_lock_timeout(&e) {
                                self.concurrent_wait_exceeded()
                            } else {
                                error_message(&e)
                            };
                            break 'run Ok(Some(Failure {
                                index: Some(done as usize),
                                statement: Some(s.sql.clone()),
                                message,
                                committed: done,
                            }));
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
            // The migration error matters more than a failure to record it, but say so, as the
            // transactional path does: the row stays unfinished until a later run marks it.
            if let Err(e) = self.exec(&finish) {
                self.observer.notice(&format!(
                    "could not record the failure of revision {} in the history table: {}",
                    step.revision(),
                    error_message(&e)
                ));
            }
            if postgres {
                let _ = self.exec("RESET lock_timeout; RESET statement_timeout");
            }
            if let Some(restore) = &restore {
                let _ = self.exec(restore);
            }
            if bounded {
                let _ = self.mysql_statement_timeout(None);
            }
            return Err(error);
        }
        let mut tail = Vec::new();
        if postgres {
            tail.push("RESET lock_timeout".into());
            tail.push("RESET statement_timeout".into());
        }
        tail.extend(restore);
        if bounded {
            tail.extend(sql::mysql_statement_timeout(self.t.dialect, self.ctx, None));
        }
        tail.push("BEGIN".into());
        tail.extend(self.version_change(step));
        tail.push(history::finish(self.t, id, started_utc, Outcome::Applied { statements: done }, retries));
        tail.push("COMMIT".into());
        self.record_finished(step, &tail, "ROLLBACK", started)
    }

    /// One PostgreSQL statement and its journal entry (`progress`). With `atomic`, both go in one
    /// transaction, so that a migrator killed at any moment leaves both or neither: the server
    /// finishes (and may commit) what a dead client sent, and a statement committed without its
    /// entry would run twice. A `CONCURRENTLY` step cannot share a transaction, so it is made
    /// safe to run again instead: `IF NOT EXISTS`/`IF EXISTS` in its SQL, an INVALID index left
    /// by a failed `CREATE INDEX CONCURRENTLY` dropped first, and a detach the earlier run left
    /// pending (`in_flight`: this is the statement it had sent) finalized or found done.
    /// `statement_timeout` is off for weak-lock statements, and `lock_timeout` for `CONCURRENTLY`
    /// ones.
    fn postgres_journaled(
        &mut self,
        step: &PreparedStep<'_>,
        s: &Stmt,
        progress: &str,
        lock_timeout: Duration,
        atomic: bool,
        in_flight: bool,
    ) -> Result<(), diesel::result::Error> {
        if let StmtClass::DetachConcurrently { parent, partition } = &s.class {
            let state = self.db.query::<1>(&sql::pg_partition_state(self.t.dialect, parent, partition))?;
            match state.first().and_then(|[v]| v.as_deref()) {
                Some("pending") => {
                    self.observer.notice(&format!(
                        "revision {}: partition {partition} is pending detach (an earlier DETACH .. CONCURRENTLY was interrupted); finalizing it",
                        step.revision()
                    ));
                    let finalize = sql::pg_finalize_detach(self.t.dialect, parent, partition);
                    return self.exec(&finalize).and_then(|()| self.exec(progress));
                }
                None if in_flight => {
                    self.observer.notice(&format!(
                        "revision {}: partition {partition} was detached by the earlier run, which stopped before recording it",
                        step.revision()
                    ));
                    return self.exec(progress);
                }
                _ => {}
            }
        }
        if atomic {
            let sql = join(&["BEGIN".to_string(), s.sql.clone(), progress.to_string(), "COMMIT".to_string()]);
            return self.postgres_autocommit(step, s, &sql, lock_timeout);
        }
        self.postgres_autocommit(step, s, &s.sql, lock_timeout).and_then(|()| self.exec(progress))
    }

    /// Runs `sql` (the statement `s`, alone or framed in its own transaction) with the session
    /// settings `s` needs; an INVALID index left by an earlier failed `CREATE INDEX CONCURRENTLY`
    /// is dropped first.
    fn postgres_autocommit(
        &mut self,
        step: &PreparedStep<'_>,
        s: &Stmt,
        sql: &str,
        lock_timeout: Duration,
    ) -> Result<(), diesel::result::Error> {
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
        // A CONCURRENTLY statement waits for every older transaction, as long as it takes: its
        // bound is `timeouts.concurrent_wait` rather than the attempt's lock_timeout, and the
        // watchdog names what it waits for meanwhile.
        let wait = if s.class.is_concurrent() { self.settings.timeouts.concurrent_wait } else { lock_timeout };
        if wait != lock_timeout {
            off.push(format!("SET lock_timeout = {}", sql::pg_duration(wait)));
            restore.push(format!("SET lock_timeout = {}", sql::pg_duration(lock_timeout)));
        }
        if !off.is_empty() {
            self.exec(&join(&off))?;
        }
        self.db.expect_lock_wait(wait);
        let result = self.exec(sql);
        if result.is_err() && sql.starts_with("BEGIN") {
            // The failed statement left the transaction aborted: end it before anything else.
            let _ = self.exec("ROLLBACK");
        }
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

    /// Why a `CONCURRENTLY` statement was cancelled, naming the sessions it waited for (seen by
    /// the watchdog while it waited).
    fn concurrent_wait_exceeded(&mut self) -> String {
        let wait = self.settings.timeouts.concurrent_wait;
        let waited_for = match self.db.take_lock_blockers().as_deref() {
            Some([]) | None => String::new(),
            Some(b) => format!(" (waiting for {})", b.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")),
        };
        format!(
            "the statement waited {} for older transactions to end{waited_for} and was cancelled \
             (timeouts.concurrent_wait_ms); let those transactions finish or end them, then run again: the \
             INVALID index it may leave is dropped and built again",
            duration(wait)
        )
    }

    /// Sets (or, with `None`, lifts) the MySQL/MariaDB session's bound on each statement's run time.
    fn mysql_statement_timeout(&mut self, timeout: Option<Duration>) -> Result<(), diesel::result::Error> {
        match sql::mysql_statement_timeout(self.t.dialect, self.ctx, timeout) {
            Some(set) => self.exec(&set),
            None => Ok(()),
        }
    }

    /// The session setting bounding lock waits to `timeout` on this dialect, if it has one.
    fn session_lock_timeout(&self, timeout: Duration) -> Option<String> {
        sql::lock_timeout_setting(self.t.dialect, timeout, false)
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
