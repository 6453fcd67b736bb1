//! Applying a plan to a database over diesel.
//!
//! API contract (the CLI codes against it):
//! - `Database::connect(url: &str) -> Result<Database, RunError>`: `postgres://`, `mysql://`
//!   (also `mariadb://`), `sqlite://path` / `sqlite::memory:`. A bad URL or unreachable server
//!   is a `RunError::Connect` naming the obfuscated URL and the fix (an unknown scheme is
//!   `RunError::UnsupportedUrl`). `db.dialect()`, `db.display_url()`, `db.batch_execute(sql)`.
//! - `obfuscate_url(url: &str) -> String`: the URL with its password replaced, for messages.
//! - `Migrator::new(registry: &Registry, settings: Settings) -> Result<Migrator, RunError>`
//!   (builds and validates the graph; a broken graph is `RunError::Graph`).
//! - `Settings { version_table, history_table, schema: Option<String>, lock_timeout: Duration,
//!   statement_timeout: Option<Duration>, lock_wait: Duration, transaction_all: bool,
//!   accept_checksum: Vec<String>, lock_retries: Vec<LockAttempt { lock_timeout, pause }> }` with
//!   `Default` (`lock_retries` = `DEFAULT_LOCK_RETRIES`, 41 short attempts over about 12 minutes),
//!   `timeouts: Timeouts { connect, keepalive_idle, keepalive_interval, keepalive_count,
//!   tcp_user_timeout, stall, concurrent_wait }` (`Timeouts::from_config_file` reads `[timeouts]`).
//! - `Database::connect_with(url, &Timeouts)`: connect deadline, libpq keepalives, and a watchdog
//!   thread that checks calls running longer than `stall` from a second connection;
//!   `db.set_stall_hooks(StallHooks { report, fatal })` (the CLI exits 1 from `fatal`).
//! - `migrator.upgrade(&mut db, target: &str, observer: &mut dyn Observer) -> Result<Report, RunError>`
//! - `migrator.downgrade(&mut db, target: &str, observer) -> Result<Report, RunError>`
//! - `migrator.stamp(&mut db, target: &str, purge: bool) -> Result<(), RunError>`
//! - `migrator.current(&mut db) -> Result<Vec<String>, RunError>` (version rows)
//! - `migrator.history(&mut db) -> Result<Vec<HistoryRow>, RunError>` (every step, oldest first:
//!   `HistoryRow { id, revision, kind: HistoryKind, checksum, transaction_mode, started_at,
//!   finished_at, duration_ms, success: Option<bool>, error, statements_done, statements_total,
//!   retries, executed_by, host, tool_version }`, `row.is_incomplete()`)
//! - `migrator.check(&mut db) -> Result<CheckReport, RunError>` (`CheckReport { current, pending,
//!   mismatched: Vec<ChecksumMismatch>, incomplete, drift: Option<Vec<schema::Drift>>, scratch }`,
//!   `is_clean()`), `migrator.check_with(&mut db, &CheckOptions { scratch_url })`: drift is the
//!   database's schema against the one its applied revisions build in a scratch database
//!   (`drift.rs`); a scratch database that cannot be created is `RunError::Scratch`.
//! - `migrator.offline_sql(dialect, target_range: &str, direction: Direction) -> Result<String, RunError>`
//! - `revision_sql(&Revision, Direction, Dialect) -> Result<Vec<OpSql>, RevisionError>`: each op
//!   rendered offline on its own (`show REV --sql`), an op that cannot be reported in its place.
//! - `migrator.graph() -> &RevisionGraph<'static>` (heads, branches, show), `migrator.show(rev)`.
//! - `Observer` trait: `step_started(&Step)`, `step_finished(&Step, Duration)`, `statement(&str)`,
//!   `notice(&str)`, `progress(done, total)` for backfills; the defaults log, and the runner
//!   reports each event only there, so an observer that prints one is its only channel;
//!   `NoopObserver` ignores all. The CLI implements it with indicatif.
//! - `Report { applied: Vec<(String, Duration)>, already_at_target: bool, current: Vec<String> }`.
//! - `RunError::kind() -> RunErrorKind`, `RunError::is_usage_error()` (exit code 2: connect,
//!   config, graph, unusable revision; otherwise 1). A lock-taking statement whose every attempt
//!   hit its `lock_timeout` is `RunError::StatementLockTimeout(Box<LockTimedOut { revision,
//!   statement, tables, attempts, waited, blockers: Vec<Blocker { pid, user, state, xact_age,
//!   query, .. }>, .. }>)`; its message names `pid <N>` of each blocker and how to end it.
//!
//! docs/runner.md describes the tables, the lock, the transaction modes and the journal.

mod backfill;
mod catalog;
mod checksum;
mod connection;
mod drift;
mod error;
mod execute;
mod history;
mod journaled;
mod lock;
mod migrator;
mod observer;
mod offline;
mod prepare;
mod retry;
mod settings;
mod sql;
mod timeouts;
mod version;
mod watchdog;

pub use crate::config::obfuscate_url;
pub use catalog::read_schema;
pub use connection::Database;
pub use drift::CheckOptions;
pub use error::{Blocker, ChecksumMismatch, LockTimedOut, RunError, RunErrorKind};
pub use history::{HistoryKind, HistoryRow};
pub use migrator::Migrator;
pub use observer::{CheckReport, NoopObserver, Observer, Report};
pub use offline::{revision_sql, OpSql, OpSqlOutcome};
pub use settings::{LockAttempt, Settings, DEFAULT_LOCK_RETRIES, DEFAULT_LOCK_TIMEOUT, DEFAULT_LOCK_WAIT};
pub use timeouts::Timeouts;
pub use watchdog::StallHooks;
