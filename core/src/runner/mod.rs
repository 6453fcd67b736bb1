//! Applying a plan to a database over diesel.
//!
//! API contract (the CLI codes against it):
//! - `Database::connect(url: &str) -> Result<Database, RunError>`: `postgres://`, `mysql://`
//!   (also `mariadb://`), `sqlite://path` / `sqlite::memory:`. A bad URL or unreachable server
//!   is a `RunError::Connect` naming the obfuscated URL and the fix.
//! - `Migrator::new(registry: &Registry, settings: Settings) -> Result<Migrator, RunError>`
//!   (builds and validates the graph; a broken graph is `RunError::Graph`).
//! - `Settings { version_table, history_table, schema: Option<String>, lock_timeout: Duration,
//!   statement_timeout: Option<Duration>, lock_wait: Duration, transaction_all: bool }` with `Default`.
//! - `migrator.upgrade(&mut db, target: &str, observer: &mut dyn Observer) -> Result<Report, RunError>`
//! - `migrator.downgrade(&mut db, target: &str, observer) -> Result<Report, RunError>`
//! - `migrator.stamp(&mut db, target: &str, purge: bool) -> Result<(), RunError>`
//! - `migrator.current(&mut db) -> Result<Vec<String>, RunError>` (version rows)
//! - `migrator.history(&mut db) -> Result<Vec<HistoryRow>, RunError>` (applied/failed steps)
//! - `migrator.check(&mut db) -> Result<CheckReport, RunError>`
//! - `migrator.offline_sql(dialect, target_range: &str, direction) -> Result<String, RunError>`
//! - `Observer` trait: `step_started(&Step)`, `step_finished(&Step, Duration)`, `statement(&str)`,
//!   `notice(&str)`, `progress(done, total)` for backfills; the CLI implements it with indicatif.
//! - `Report { applied: Vec<(String, Duration)>, already_at_target: bool }`.
