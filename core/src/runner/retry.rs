//! Lock timeouts: the retry schedule of a lock-taking statement (`Settings::lock_retries`) and
//! the sessions that held the lock.
//!
//! Each attempt runs with its own `lock_timeout`. When it times out, the statement's transaction
//! is rolled back (by the caller), the sessions holding a lock on the tables are looked up, and
//! a warning and a notice name them; after the attempt's pause the next attempt runs. When the
//! last attempt times out the revision fails with [`RunError::StatementLockTimeout`], naming the
//! same sessions and how to end them.
//!
//! Why look the holders up by table after the timeout rather than with `pg_blocking_pids` while
//! the statement waits: the latter only answers during the wait, which takes a second session
//! polling beside every lock-taking statement (and a thread around each), for the rare statement
//! that waits. The op names its tables, and the holders can only be sessions whose transaction
//! began before the attempt started waiting (they held the lock for the whole timeout), so one
//! query after the timeout finds them, and costs nothing when no statement waits.

use std::thread;
use std::time::{Duration, Instant};

use super::connection::Database;
use super::error::{one_line, Blocker, LockTimedOut};
use super::execute::Executor;
use super::prepare::PreparedStep;
use super::sql;
use super::RunError;
use crate::human::duration;
use crate::ops::Op;

/// Where a lock-taking statement is in its retry schedule.
#[derive(Debug)]
pub(crate) struct LockRetry {
    /// The current attempt, 0-based.
    attempt: usize,
    started: Instant,
    /// The tables the statement (or the revision) locks, as the ops name them.
    pub tables: Vec<String>,
}

impl LockRetry {
    /// A statement about to make its first attempt on `tables`.
    pub fn new(tables: Vec<String>) -> Self {
        LockRetry { attempt: 0, started: Instant::now(), tables }
    }

    /// The current attempt, 0-based.
    pub fn attempt(&self) -> usize {
        self.attempt
    }

    /// Retries made so far (what the history row counts).
    pub fn retries(&self) -> u32 {
        u32::try_from(self.attempt).unwrap_or(u32::MAX)
    }
}

/// The tables `ops` lock, each once, in order.
pub(crate) fn tables_of<'o>(ops: impl IntoIterator<Item = &'o Op>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for op in ops {
        for t in op.locked_tables() {
            if !out.iter().any(|o| o == t) {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// The sessions other than this one holding a lock on `tables`, in a transaction older than
/// `waited` (see [`crate::backend::bookkeeping::lock_holder_queries`]). Best effort: a failed
/// lookup (a view the server lacks, no privilege) names nobody rather than failing the run.
pub(crate) fn blockers(db: &mut Database, tables: &[String], waited: Duration) -> Vec<Blocker> {
    let names: Vec<&str> = tables.iter().map(String::as_str).collect();
    for query in sql::lock_holder_queries(db.dialect(), &names, waited) {
        let Ok(rows) = db.query::<8>(&query) else { continue };
        let found: Vec<Blocker> = rows.into_iter().filter_map(blocker_from_row).collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// A [`Blocker`] from a row of [`sql::lock_holder_queries`] or
/// [`sql::blocking_sessions_query`]; `None` without a pid.
pub(crate) fn blocker_from_row(
    [pid, user, app, state, age_ms, query, mode, relation]: [Option<String>; 8],
) -> Option<Blocker> {
    Some(Blocker {
        pid: pid?.trim().parse().ok()?,
        user,
        application_name: app,
        state,
        xact_age: age_ms.and_then(|ms| ms.trim().parse::<i64>().ok()).map(|ms| Duration::from_millis(ms.max(0) as u64)),
        query: query.map(|q| one_line(&q, 200)),
        lock_mode: mode,
        relation,
    })
}

impl Executor<'_> {
    /// The sessions that blocked the statement that just timed out: those the watchdog saw
    /// blocking it while it waited (`pg_blocking_pids`, MySQL's lock-wait graph), so that a
    /// session queued behind it is never named. When no sample was taken (no watchdog, or the
    /// wait was too short for a second connection), the holders of a lock on its tables in a
    /// transaction older than the wait, with `false`: a session queued behind may be among
    /// them, and the notice says so.
    pub(super) fn blockers_of_wait(&mut self, tables: &[String], waited: Duration) -> (Vec<Blocker>, bool) {
        match self.db.take_lock_blockers() {
            Some(sampled) => (sampled, true),
            None => (blockers(self.db, tables, waited), false),
        }
    }

    /// The `lock_timeout` of the statement's current attempt.
    pub(super) fn attempt_timeout(&self, retry: &LockRetry) -> Duration {
        self.settings.attempt_timeout(retry.attempt)
    }

    /// The current attempt of `retry` hit its `lock_timeout` (and its transaction was rolled
    /// back). With attempts left: warns, tells the observer who holds the lock, sleeps the
    /// pause and moves to the next attempt (`Ok`). After the last attempt: the holders (`Err`),
    /// for [`Executor::lock_exhausted`].
    pub(super) fn lock_timed_out(
        &mut self,
        step: &PreparedStep<'_>,
        retry: &mut LockRetry,
    ) -> Result<(), Vec<Blocker>> {
        let timeout = self.attempt_timeout(retry);
        let (holders, sampled) = self.blockers_of_wait(&retry.tables, timeout);
        let Some(pause) = self.settings.pause_after(retry.attempt) else { return Err(holders) };
        let on = match retry.tables.as_slice() {
            [] => "its statement".to_string(),
            tables => tables.join(", "),
        };
        let names = || holders.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        let by = match (holders.as_slice(), sampled) {
            ([], true) => "no session was blocking it when it was looked at (the blocker may have ended)".to_string(),
            ([], false) => "no session holding a lock on it was found (it may have ended just now)".to_string(),
            (_, true) => format!("blocked by {}", names()),
            (_, false) => format!(
                "not looked at while it waited; sessions holding a lock on it (one may be queued behind it, check before ending any): {}",
                names()
            ),
        };
        let message = format!(
            "lock_timeout ({}) on {on} in {}, retry {}/{} in {}: {by}",
            duration(sql::effective_lock_timeout(self.t.dialect, timeout)),
            step.revision(),
            retry.attempt + 1,
            self.settings.attempts() - 1,
            duration(pause),
        );
        self.observer.notice(&message);
        thread::sleep(pause);
        retry.attempt += 1;
        Ok(())
    }

    /// The error of a statement whose every attempt timed out.
    pub(super) fn lock_exhausted(
        &self,
        step: &PreparedStep<'_>,
        retry: &LockRetry,
        statement: Option<(usize, String)>,
        blockers: Vec<Blocker>,
        partial: bool,
    ) -> RunError {
        let (statement_index, statement) = match statement {
            Some((i, s)) => (Some(i), Some(s)),
            None => (None, None),
        };
        RunError::StatementLockTimeout(Box::new(LockTimedOut {
            revision: step.revision().to_string(),
            direction: step.direction_word(),
            statement_index,
            statement,
            tables: retry.tables.clone(),
            attempts: retry.retries().saturating_add(1),
            lock_timeout: sql::effective_lock_timeout(self.t.dialect, self.attempt_timeout(retry)),
            own_schedule: self.settings.lock_retries != self.run_settings.lock_retries
                || self.settings.lock_timeout != self.run_settings.lock_timeout,
            waited: retry.started.elapsed(),
            blockers,
            dialect: self.t.dialect,
            partial,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{AddColumn, AddConstraint, Column, ColumnType, Constraint, Execute};

    #[test]
    fn the_tables_of_a_revision_are_named_once_in_order() {
        let ops = [
            Op::AddColumn(AddColumn::new("users", Column::new("a", ColumnType::Text))),
            Op::AddConstraint(AddConstraint::new("posts", Constraint::foreign_key("fk", ["user_id"], "users", ["id"]))),
            Op::Execute(Execute::new("SELECT 1")),
        ];
        assert_eq!(tables_of(&ops), ["users", "posts"]);
    }

    #[test]
    fn a_lock_holder_row_becomes_a_blocker_that_names_its_pid() {
        let row = ["4242", "app", "psql", "idle in transaction", "12345", "SELECT *\n  FROM t", "AccessShareLock", "t"]
            .map(|s| Some(s.to_string()));
        let b = blocker_from_row(row).unwrap();
        assert_eq!(b.pid, 4242);
        assert_eq!(b.xact_age, Some(Duration::from_millis(12345)));
        let text = b.to_string();
        assert!(text.starts_with("pid 4242 (idle in transaction, SELECT * FROM t, transaction open 12s"), "{text}");
        assert!(text.contains("holds AccessShareLock on t"), "{text}");
        assert!(blocker_from_row([None, None, None, None, None, None, None, None]).is_none());
    }
}
