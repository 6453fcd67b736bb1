//! `Settings`: the runner's knobs (table names, timeouts, the lock retry schedule, lock wait,
//! run-level transaction).

use std::borrow::Cow;
use std::time::Duration;

use super::timeouts::Timeouts;
use super::RunError;
use crate::revision::Revision;

/// Default `lock_timeout` of lock-taking steps that are not retried (`lock_retries` empty, a
/// run-level transaction, offline SQL).
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(1);

/// One attempt of a lock-taking statement: the `lock_timeout` it runs with, and the pause after
/// it timed out, before the next attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockAttempt {
    /// `lock_timeout` of this attempt (MySQL: `lock_wait_timeout`, rounded up to whole seconds).
    pub lock_timeout: Duration,
    /// Pause after this attempt hit its timeout (unused after the last attempt).
    pub pause: Duration,
}

impl LockAttempt {
    /// An attempt of `lock_timeout_ms`, then a pause of `pause_ms`.
    pub const fn ms(lock_timeout_ms: u64, pause_ms: u64) -> LockAttempt {
        LockAttempt { lock_timeout: Duration::from_millis(lock_timeout_ms), pause: Duration::from_millis(pause_ms) }
    }
}

/// The default lock retry schedule: 41 attempts (40 retries), every one short, so that the
/// queries queued behind a waiting statement wait at most about that long each time (100 ms to
/// 500 ms on PostgreSQL; MySQL counts whole seconds, so 1 s each there), with pauses that grow
/// from 50 ms to 30 s, for a lock holder that does not let go soon. No long attempt: one of
/// several seconds would stall every client queued behind it for as long, while a blocker holds
/// on. Total: 18.7 s of lock waits and 691.9 s of pauses, about 11 minutes 50 seconds before
/// the revision fails with [`RunError::StatementLockTimeout`] (MySQL: 41 s of waits, about
/// 12 minutes 13 seconds).
pub const DEFAULT_LOCK_RETRIES: [LockAttempt; 41] = [
    // Quick attempts with short pauses: most blockers are short transactions.
    LockAttempt::ms(100, 50),
    LockAttempt::ms(100, 100),
    LockAttempt::ms(200, 200),
    LockAttempt::ms(200, 500),
    LockAttempt::ms(300, 1_000),
    LockAttempt::ms(300, 2_000),
    LockAttempt::ms(500, 3_000),
    LockAttempt::ms(500, 5_000),
    // Then 500 ms attempts, further and further apart.
    LockAttempt::ms(500, 10_000),
    LockAttempt::ms(500, 10_000),
    LockAttempt::ms(500, 10_000),
    LockAttempt::ms(500, 10_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 15_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 20_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    LockAttempt::ms(500, 30_000),
    // The last attempt fails the revision.
    LockAttempt::ms(500, 0),
];
/// Default wait for another migrator's lock.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(60);

/// How the runner behaves. Build with struct update syntax over [`Settings::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Name of the version table (one row per current head). Default `retort_version`.
    pub version_table: String,
    /// Name of the history table (one row per step, plus the per-statement journal of
    /// non-transactional revisions). Default `retort_history`.
    pub history_table: String,
    /// Schema (PostgreSQL) or database (MySQL) of both tables; `None` for the connection's
    /// default. Ignored by SQLite.
    pub schema: Option<String>,
    /// `lock_timeout` of lock-taking steps that are not retried: when `lock_retries` is empty,
    /// inside a run-level transaction and in offline scripts (MySQL: `lock_wait_timeout`, rounded
    /// up to whole seconds). A statement that waits longer for a lock fails instead of queueing
    /// every later query behind it.
    pub lock_timeout: Duration,
    /// `statement_timeout` of each lock-holding step on PostgreSQL; `None` leaves the server's
    /// setting. Always off for steps that take weak locks (`CONCURRENTLY`, `VALIDATE CONSTRAINT`).
    pub statement_timeout: Option<Duration>,
    /// How long to wait for another migrator's lock before giving up.
    pub lock_wait: Duration,
    /// Run the whole upgrade in one transaction (PostgreSQL and SQLite): every revision commits
    /// or none does. Revisions with `transaction: none` cannot be part of such a run.
    pub transaction_all: bool,
    /// Revision ids (or unique prefixes) whose edited ops are accepted: their new checksum is
    /// recorded in the history table instead of stopping the run.
    pub accept_checksum: Vec<String>,
    /// Take the definitions of tables that SQLite rebuilds and MySQL restates from the live
    /// database instead of the chain's schema model (for chains adopted from another tool,
    /// whose tables predate the chain). Off by default: the model renders the same SQL online
    /// and offline, and the live tables are only cross-checked against it.
    pub render_from_catalog: bool,
    /// The attempts of a lock-taking statement (PostgreSQL, MySQL): attempt `i` runs with
    /// `lock_retries[i].lock_timeout`; when it times out, the revision's transaction (or, where
    /// statements commit one by one, the statement) is rolled back, and after
    /// `lock_retries[i].pause` the next attempt runs. Each retry is a warning and a notice naming
    /// the sessions holding the lock, counted in the history row's `retries`; when the last
    /// attempt times out, the revision fails with [`RunError::StatementLockTimeout`]. Default
    /// [`DEFAULT_LOCK_RETRIES`]; empty means one attempt with `lock_timeout`, no retry.
    pub lock_retries: Vec<LockAttempt>,
    /// Create `schema` when it does not exist (PostgreSQL). Off by default: a `schema` naming a
    /// schema that does not exist is an error, since a typo would apply the whole chain again.
    pub create_schema: bool,
    /// Network and server timeouts (connect, keepalives, the watchdog's `stall`, the longest
    /// wait of a `CONCURRENTLY` statement): [`Timeouts`]. The connection takes them at connect
    /// ([`super::Database::connect_with`]); the runner uses `concurrent_wait`.
    pub timeouts: Timeouts,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version_table: "retort_version".into(),
            history_table: "retort_history".into(),
            schema: None,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            statement_timeout: None,
            lock_wait: DEFAULT_LOCK_WAIT,
            transaction_all: false,
            accept_checksum: Vec::new(),
            render_from_catalog: false,
            lock_retries: DEFAULT_LOCK_RETRIES.to_vec(),
            create_schema: false,
            timeouts: Timeouts::default(),
        }
    }
}

impl Settings {
    /// Checks table and schema names: plain identifiers only, so that they can be used in lock
    /// names and messages as they are.
    pub fn validate(&self) -> Result<(), RunError> {
        identifier("version_table", &self.version_table)?;
        identifier("history_table", &self.history_table)?;
        if let Some(schema) = &self.schema {
            identifier("schema", schema)?;
        }
        if self.lock_retries.len() > MAX_LOCK_ATTEMPTS {
            return Err(RunError::config(format!(
                "lock_retries has {} attempts; give at most {MAX_LOCK_ATTEMPTS}",
                self.lock_retries.len()
            )));
        }
        check_range("lock_timeout_ms", self.lock_timeout, Duration::from_millis(1), MAX_LOCK_TIMEOUT)?;
        for (i, attempt) in self.lock_retries.iter().enumerate() {
            check_range(
                &format!("lock_retries[{i}].lock_timeout_ms"),
                attempt.lock_timeout,
                Duration::from_millis(1),
                MAX_LOCK_TIMEOUT,
            )?;
            check_range(&format!("lock_retries[{i}].pause_ms"), attempt.pause, Duration::ZERO, MAX_PAUSE)?;
        }
        if let Some(timeout) = self.statement_timeout {
            check_range("statement_timeout_ms", timeout, Duration::ZERO, MAX_STATEMENT_TIMEOUT)?;
        }
        check_range("lock_wait_ms", self.lock_wait, Duration::ZERO, MAX_LOCK_WAIT)?;
        self.timeouts.validate()?;
        if self.version_table == self.history_table {
            return Err(RunError::config(format!(
                "version_table and history_table are both {:?}; give them different names",
                self.version_table
            )));
        }
        Ok(())
    }
}

/// More attempts than this is a configuration mistake (a schedule is meant to be bounded).
const MAX_LOCK_ATTEMPTS: usize = 1000;
/// The longest `lock_timeout`: every query on the table queues behind a waiting lock-taking
/// statement for this long, so anything longer is a mistake (and 0, "wait forever", is refused).
const MAX_LOCK_TIMEOUT: Duration = Duration::from_secs(3600);
/// The longest pause between lock attempts.
const MAX_PAUSE: Duration = Duration::from_secs(3600);
/// The longest `statement_timeout`: a week, well inside PostgreSQL's limit (2^31 - 1 ms, about
/// 24.8 days), above which the server refuses the setting in the middle of a run.
const MAX_STATEMENT_TIMEOUT: Duration = Duration::from_secs(7 * 24 * 3600);
/// The longest wait for another migrator's lock.
const MAX_LOCK_WAIT: Duration = Duration::from_secs(24 * 3600);

/// Refuses a duration outside `min..=max`, naming the setting and the range in milliseconds.
fn check_range(key: &str, value: Duration, min: Duration, max: Duration) -> Result<(), RunError> {
    if (min..=max).contains(&value) {
        return Ok(());
    }
    Err(RunError::config(format!(
        "{key} = {} is out of range; give {} to {} (milliseconds)",
        value.as_millis(),
        min.as_millis(),
        max.as_millis()
    )))
}

impl Settings {
    /// The settings a revision's steps run with: these, with the revision's own `lock_timeout`,
    /// `statement_timeout` and `lock_retries` (`migration!` header keys) applied. Borrowed when
    /// the revision sets none of them.
    ///
    /// - `lock_retries: N` keeps the first `N` retries of the schedule (`N + 1` attempts); `0`
    ///   means one attempt with `lock_timeout`, as `lock_retries = 0` in `retort.toml` does. It
    ///   never extends the schedule;
    /// - `lock_timeout` replaces every attempt's timeout (the pauses stay) and `lock_timeout`
    ///   itself (the single attempt when retries are off, a run-level transaction, offline SQL);
    /// - `statement_timeout` replaces `statement_timeout` (0: none).
    pub fn for_revision(&self, revision: &Revision) -> Cow<'_, Settings> {
        let (lock_timeout, statement_timeout, retries) =
            (revision.lock_timeout_ms, revision.statement_timeout_ms, revision.lock_retries);
        if lock_timeout.is_none() && statement_timeout.is_none() && retries.is_none() {
            return Cow::Borrowed(self);
        }
        let mut s = self.clone();
        match retries {
            Some(0) => s.lock_retries.clear(),
            Some(n) => s.lock_retries.truncate(usize::from(n) + 1),
            None => {}
        }
        if let Some(ms) = lock_timeout {
            let timeout = Duration::from_millis(u64::from(ms));
            s.lock_timeout = timeout;
            for attempt in &mut s.lock_retries {
                attempt.lock_timeout = timeout;
            }
        }
        if let Some(ms) = statement_timeout {
            s.statement_timeout = Some(Duration::from_millis(u64::from(ms)));
        }
        Cow::Owned(s)
    }

    /// The `lock_timeout` of attempt `attempt` (0-based) of a lock-taking statement.
    pub(crate) fn attempt_timeout(&self, attempt: usize) -> Duration {
        match self.lock_retries.get(attempt).or(self.lock_retries.last()) {
            Some(a) => a.lock_timeout,
            None => self.lock_timeout,
        }
    }

    /// How many attempts a lock-taking statement gets (at least one).
    pub(crate) fn attempts(&self) -> usize {
        self.lock_retries.len().max(1)
    }

    /// The pause after attempt `attempt` timed out, or `None` when it was the last.
    pub(crate) fn pause_after(&self, attempt: usize) -> Option<Duration> {
        (attempt + 1 < self.lock_retries.len()).then(|| self.lock_retries[attempt].pause)
    }
}

fn identifier(key: &str, value: &str) -> Result<(), RunError> {
    let mut chars = value.chars();
    let valid = value.len() <= 63
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(RunError::config(format!(
            "{key} {value:?} is not a plain identifier; use letters, digits and `_` (at most 63, not starting with a digit)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_settings_are_valid() {
        assert!(Settings::default().validate().is_ok());
    }

    #[test]
    fn table_name_with_sql_in_it_is_refused() {
        let settings = Settings { version_table: "v; drop table x".into(), ..Settings::default() };
        let err = settings.validate().unwrap_err();
        assert!(err.to_string().contains("version_table"), "{err}");
        assert!(err.is_usage_error());
    }

    #[test]
    fn the_default_lock_retry_schedule_waits_ten_to_fifteen_minutes_in_short_attempts_only() {
        let settings = Settings::default();
        assert_eq!(settings.attempts(), 41);
        let total: Duration = DEFAULT_LOCK_RETRIES.iter().map(|a| a.lock_timeout + a.pause).sum();
        assert!(total > Duration::from_secs(600) && total < Duration::from_secs(900), "{total:?}");
        let waits: Duration = DEFAULT_LOCK_RETRIES.iter().map(|a| a.lock_timeout).sum();
        assert_eq!(waits, Duration::from_millis(18_700));
        assert_eq!(settings.attempt_timeout(0), Duration::from_millis(100));
        // No attempt stalls the clients queued behind it for longer than half a second.
        assert!(DEFAULT_LOCK_RETRIES.iter().all(|a| a.lock_timeout <= Duration::from_millis(500)));
        let pauses: Vec<Duration> = DEFAULT_LOCK_RETRIES[..40].iter().map(|a| a.pause).collect();
        assert!(pauses.windows(2).all(|w| w[0] <= w[1]), "pauses only grow: {pauses:?}");
        assert_eq!(settings.pause_after(0), Some(Duration::from_millis(50)));
        assert_eq!(settings.pause_after(40), None);
    }

    #[test]
    fn an_empty_schedule_is_one_attempt_with_lock_timeout() {
        let settings = Settings { lock_retries: Vec::new(), ..Settings::default() };
        assert_eq!(settings.attempts(), 1);
        assert_eq!(settings.attempt_timeout(0), DEFAULT_LOCK_TIMEOUT);
        assert_eq!(settings.pause_after(0), None);
    }

    #[test]
    fn an_unbounded_looking_schedule_is_refused() {
        let settings = Settings { lock_retries: vec![LockAttempt::ms(100, 0); 1001], ..Settings::default() };
        let err = settings.validate().unwrap_err();
        assert!(err.to_string().contains("at most 1000"), "{err}");
        assert!(err.is_usage_error());
    }

    fn revision(
        lock_timeout_ms: Option<u32>,
        statement_timeout_ms: Option<u32>,
        lock_retries: Option<u16>,
    ) -> Revision {
        let base = Revision::from_ops("r1", &[], crate::ops::TransactionMode::PerMigration, &[], None);
        Revision { lock_timeout_ms, statement_timeout_ms, lock_retries, ..base }
    }

    #[test]
    fn a_revision_without_overrides_runs_with_the_settings_as_they_are() {
        let settings = Settings::default();
        assert!(matches!(settings.for_revision(&revision(None, None, None)), Cow::Borrowed(_)));
    }

    #[test]
    fn a_revision_lock_timeout_replaces_every_attempt_timeout_and_keeps_the_pauses() {
        let settings = Settings::default();
        let own = settings.for_revision(&revision(Some(2000), None, None));
        assert_eq!(own.attempts(), 41);
        assert!(own.lock_retries.iter().all(|a| a.lock_timeout == Duration::from_secs(2)));
        let pauses: Vec<Duration> = own.lock_retries.iter().map(|a| a.pause).collect();
        assert_eq!(pauses, DEFAULT_LOCK_RETRIES.iter().map(|a| a.pause).collect::<Vec<_>>());
        assert_eq!(own.lock_timeout, Duration::from_secs(2));
        assert_eq!(own.statement_timeout, None);
    }

    #[test]
    fn a_revision_lock_retries_keeps_the_first_retries_of_the_schedule() {
        let settings = Settings::default();
        let three = settings.for_revision(&revision(None, None, Some(3)));
        assert_eq!(three.lock_retries, DEFAULT_LOCK_RETRIES[..4]);
        assert_eq!(three.pause_after(3), None);
        let none = settings.for_revision(&revision(Some(300), None, Some(0)));
        assert_eq!(none.attempts(), 1);
        assert_eq!(none.attempt_timeout(0), Duration::from_millis(300));
        let more = settings.for_revision(&revision(None, None, Some(500)));
        assert_eq!(more.attempts(), 41, "a revision shortens the schedule, never extends it");
    }

    #[test]
    fn a_revision_statement_timeout_replaces_the_settings_one() {
        let settings = Settings { statement_timeout: Some(Duration::from_secs(5)), ..Settings::default() };
        let own = settings.for_revision(&revision(None, Some(30_000), None));
        assert_eq!(own.statement_timeout, Some(Duration::from_secs(30)));
        assert_eq!(own.lock_retries, settings.lock_retries);
        let off = settings.for_revision(&revision(None, Some(0), None));
        assert_eq!(off.statement_timeout, Some(Duration::ZERO));
    }

    #[test]
    fn absurd_timeouts_are_refused_with_the_range() {
        let refused = |settings: Settings, key: &str| {
            let err = settings.validate().unwrap_err();
            assert!(err.is_usage_error());
            assert!(err.to_string().starts_with(&format!("{key} = ")), "{err}");
            assert!(err.to_string().contains("out of range; give"), "{err}");
        };
        let base = Settings::default;
        refused(Settings { lock_timeout: Duration::ZERO, ..base() }, "lock_timeout_ms");
        refused(Settings { lock_timeout: Duration::from_secs(30 * 24 * 3600), ..base() }, "lock_timeout_ms");
        refused(
            Settings { lock_retries: vec![LockAttempt::ms(100, 0), LockAttempt::ms(0, 0)], ..base() },
            "lock_retries[1].lock_timeout_ms",
        );
        refused(Settings { lock_retries: vec![LockAttempt::ms(100, u64::MAX)], ..base() }, "lock_retries[0].pause_ms");
        refused(
            Settings { statement_timeout: Some(Duration::from_millis(u64::from(u32::MAX))), ..base() },
            "statement_timeout_ms",
        );
        refused(Settings { lock_wait: Duration::from_secs(7 * 24 * 3600), ..base() }, "lock_wait_ms");
        let sane = Settings {
            lock_timeout: Duration::from_secs(3600),
            statement_timeout: Some(Duration::from_secs(24 * 3600)),
            ..base()
        };
        assert!(sane.validate().is_ok());
    }

    #[test]
    fn same_name_for_both_tables_is_refused() {
        let settings = Settings { history_table: "retort_version".into(), ..Settings::default() };
        assert!(settings.validate().is_err());
    }
}
