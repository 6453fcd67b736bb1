//! The batched backfill loop: keyset pagination by the op's key, one transaction per batch,
//! batch size adapting toward `target_batch_ms`, and the last key journaled with each batch so a
//! rerun after a crash continues after it.
//!
//! Each batch is two statements from [`BackfillSql`]: `batch_end(last, size)` finds the key that
//! ends the batch (an index range after `last`, never an OFFSET over the rows already done), and
//! `update(last, end)` updates that range. Where batches commit one by one (PostgreSQL
//! `transaction: none`, MySQL), the UPDATE and the journal entry naming its last key commit
//! together, so a batch is journaled exactly when its rows are updated. On SQLite the whole run is
//! one transaction (the write lock), so the batches run inside the revision's savepoint and a
//! crash rolls everything back: there is nothing to resume.
//!
//! A batch takes row locks, so where batches commit one by one it runs under the lock-timeout
//! schedule like any lock-taking statement: a batch that waits too long for a row another session
//! holds is rolled back, the holder is named, and after the pause the batch is tried again at half
//! the size (`retry.rs`). Each batch starts the schedule afresh.

use std::thread;
use std::time::{Duration, Instant};

use super::connection::error_message;
use super::execute::{is_lock_timeout, join, Executor};
use super::history::{self, Journal};
use super::prepare::PreparedStep;
use super::retry::LockRetry;
use super::sql::{self, Strategy};
use crate::backend::BackfillSql;
use crate::ops::{Backfill, Op};

/// The largest batch the adaptation grows to: beyond it, one batch holds its row locks too long
/// whatever the timing says.
const MAX_BATCH: u32 = 100_000;

/// Where a batched backfill stopped, when a statement failed.
pub(crate) struct BatchFailure {
    pub statement: String,
    pub message: String,
    /// Lock-timeout retries made before the failure, for the history row.
    pub retries: u32,
}

/// The op of a prepared step as a backfill, when it is one.
pub(crate) fn as_backfill(op: &Op) -> Option<&Backfill> {
    match op {
        Op::Backfill(b) => Some(b),
        _ => None,
    }
}

/// The next batch size: scaled by how far the last batch was from the target duration, at most
/// halved or doubled per batch (one slow or fast batch should not swing it), within 1..=MAX_BATCH.
pub(crate) fn next_batch_size(size: u32, elapsed: Duration, target_ms: u32) -> u32 {
    if target_ms == 0 {
        return size.clamp(1, MAX_BATCH);
    }
    let took_ms = (elapsed.as_secs_f64() * 1000.0).max(0.001);
    let factor = (f64::from(target_ms) / took_ms).clamp(0.5, 2.0);
    // The product is at most 2 * MAX_BATCH, well within u32.
    let next = (f64::from(size) * factor).round() as u32;
    next.clamp(1, MAX_BATCH)
}

/// The position of a backfill op that is under way, and what to write once it is done.
pub(crate) struct JournalAt<'a> {
    /// The history row.
    pub id: i64,
    /// The journal entry while the op runs (`op` = the backfill's index, no statement done).
    pub running: Journal<'a>,
    /// The journal entry that marks the op done; it commits with the last batch.
    pub done: String,
}

impl Executor<'_> {
    /// Runs `op` (of `step`) in batches after `start` (from the first row when `None`) and
    /// returns the lock-timeout retries it made. `journal` is `None` on SQLite, where the batches
    /// run inside the revision's savepoint.
    pub(crate) fn backfill_batches(
        &mut self,
        step: &PreparedStep<'_>,
        op: &Backfill,
        start: Option<String>,
        journal: Option<&JournalAt<'_>>,
    ) -> Result<u32, BatchFailure> {
        let dialect = self.t.dialect;
        let mut retries = 0u32;
        let fail = |statement: String, message: String| BatchFailure { statement, message, retries: 0 };
        let bsql = BackfillSql::new(op, dialect).map_err(|e| fail(String::new(), e.to_string()))?;
        let count = format!("SELECT {} AS c0 FROM ({}) n", self.t.text("row_count"), bsql.count());
        let total = match self.db.query::<1>(&count) {
            Ok(rows) => rows.first().and_then(|[v]| v.as_deref()).and_then(|v| v.parse::<u64>().ok()),
            Err(e) => return Err(fail(count, error_message(&e))),
        };
        let transactional = journal.is_some();
        let postgres = self.strategy == Strategy::Batched;
        let mut size = op.batch_size.clamp(1, MAX_BATCH);
        let mut last = start;
        let mut done = 0u64;
        let mut retry = LockRetry::new(vec![op.table.clone()]);
        loop {
            let end_query = format!("SELECT last_key AS c0 FROM ({}) b", bsql.batch_end(last.as_deref(), size));
            let end = match self.db.query::<1>(&end_query) {
                Ok(rows) => rows.into_iter().next().and_then(|[v]| v),
                Err(e) => return Err(fail(end_query, error_message(&e))),
            };
            let update = bsql.update(last.as_deref(), end.as_deref());
            let mut batch = Vec::new();
            if transactional {
                batch.push("BEGIN".to_string());
                if postgres {
                    batch.push(format!("SET LOCAL lock_timeout = {}", sql::pg_duration(self.attempt_timeout(&retry))));
                }
                if postgres && self.settings.statement_timeout.is_some_and(|d| !d.is_zero()) {
                    // A batch takes row locks only; the statement timeout is for lock-taking DDL.
                    batch.push("SET LOCAL statement_timeout = 0".into());
                }
            }
            batch.push(update.clone());
            if let Some(j) = journal {
                match &end {
                    Some(key) => batch.push(history::journal_backfill(self.t, j.id, j.running, key)),
                    // The last batch and the op's "done" entry commit together: a crash between
                    // them would otherwise leave no key and restart the backfill from the top.
                    None => batch.push(j.done.clone()),
                }
                batch.push("COMMIT".into());
            }
            let started = Instant::now();
            if transactional {
                self.db.expect_lock_wait(self.attempt_timeout(&retry));
            }
            if let Err(e) = self.db.batch_execute(&join(&batch)) {
                if transactional {
                    let _ = self.db.batch_execute("ROLLBACK");
                }
                if transactional && is_lock_timeout(&e) && self.lock_timed_out(step, &mut retry).is_ok() {
                    // The same rows again, fewer of them: a smaller batch holds its locks for less.
                    retries += 1;
                    size = (size / 2).max(1);
                    continue;
                }
                return Err(BatchFailure { retries, ..fail(update, error_message(&e)) });
            }
            // The next batch starts the schedule afresh, as the journaled path does per statement.
            retry = LockRetry::new(retry.tables);
            let elapsed = started.elapsed();
            let Some(key) = end else {
                done = total.unwrap_or(done).max(done);
                self.observer.progress(done, total);
                return Ok(retries);
            };
            done += u64::from(size);
            self.observer.progress(total.map_or(done, |t| done.min(t)), total);
            last = Some(key);
            size = next_batch_size(size, elapsed, op.target_batch_ms);
            if op.sleep_ms > 0 {
                thread::sleep(Duration::from_millis(u64::from(op.sleep_ms)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_size_doubles_at_most_when_batches_are_fast_and_halves_when_slow() {
        assert_eq!(next_batch_size(100, Duration::from_millis(1), 200), 200);
        assert_eq!(next_batch_size(100, Duration::from_millis(1000), 200), 50);
        assert_eq!(next_batch_size(100, Duration::from_millis(400), 200), 50);
        assert_eq!(next_batch_size(100, Duration::from_millis(100), 200), 200);
        assert_eq!(next_batch_size(100, Duration::from_millis(160), 200), 125);
    }

    #[test]
    fn batch_size_stays_within_bounds() {
        assert_eq!(next_batch_size(1, Duration::from_secs(10), 200), 1);
        assert_eq!(next_batch_size(MAX_BATCH, Duration::from_millis(1), 200), MAX_BATCH);
        assert_eq!(next_batch_size(500, Duration::from_millis(1), 0), 500);
    }
}
