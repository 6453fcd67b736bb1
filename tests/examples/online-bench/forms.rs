//! retort's safe forms of the online scenarios: revisions built at run time (as the `migration!`
//! macro would register them), run by retort's runner. Shared by the benchmark and the acceptance
//! tests (`tests/it/online.rs` includes this file).

use std::time::Duration;

use retort::ops::{AddColumn, Backfill, Column, ColumnType, CreateIndex, Op, TransactionMode};
use retort::runner::{Database, LockAttempt, Migrator, NoopObserver, Settings};
use retort::{Registry, Revision};
use retort_tests::online::bench::SafeForms;

/// A revision built at run time, leaked to get the `&'static` the registry wants.
pub fn revision(id: &str, parents: &[&str], up: Vec<Op>, transaction: TransactionMode) -> &'static Revision {
    // No downgrade: the scenarios only go up.
    Box::leak(Box::new(Revision::from_ops(id, parents, transaction, &up, Some(&[]))))
}

/// A migrator over `revisions`.
pub fn migrator(revisions: Vec<&'static Revision>, settings: Settings) -> Result<Migrator, String> {
    let registry = Registry::from_revisions(revisions).map_err(|e| e.to_string())?;
    Migrator::new(&registry, settings).map_err(|e| e.to_string())
}

/// Every attempt with `lock_timeout`, `pause` between them, enough attempts to cover
/// `retry_for`: the schedule the scenario asks for ("100 ms + retries"). retort's default
/// schedule grows its attempts to 500 ms, which stall the clients that long.
pub fn settings(lock_timeout: Duration, pause: Duration, retry_for: Duration) -> Settings {
    let attempts = (retry_for.as_millis() / (lock_timeout + pause).as_millis().max(1)) as usize + 1;
    Settings { lock_retries: vec![LockAttempt { lock_timeout, pause }; attempts], ..Settings::default() }
}

/// `ALTER TABLE table ADD COLUMN column text` (nullable: no rewrite, a catalog change under a
/// brief ACCESS EXCLUSIVE lock).
pub fn add_column(table: &str, column: &str) -> Op {
    Op::AddColumn(AddColumn::new(table, Column::new(column, ColumnType::Text)))
}

/// `bf = bf + 1` over every row of `table`, in keyset batches aiming at `target_batch_ms`: the
/// increment makes a row updated twice visible.
pub fn backfill(table: &str, target_batch_ms: u32) -> Op {
    Op::Backfill(Backfill::new(table).set("bf", "bf + 1").target_batch_ms(target_batch_ms))
}

/// `CREATE INDEX CONCURRENTLY index ON table (column)`.
pub fn create_index(table: &str, index: &str, column: &str) -> Op {
    Op::CreateIndex(CreateIndex::new(index).on(table, [column]).concurrently())
}

/// Upgrades the database at `url` to the head of `revisions`; errors as the runner words them.
fn upgrade(url: &str, revisions: Vec<&'static Revision>, settings: Settings) -> Result<(), String> {
    let m = migrator(revisions, settings)?;
    let mut db = Database::connect(url).map_err(|e| e.to_string())?;
    m.upgrade(&mut db, "head", &mut NoopObserver).map(drop).map_err(|e| e.to_string())
}

/// The benchmark's safe forms, each one revision on a fresh database.
pub struct Retort;

/// Pause between attempts in the benchmark: long enough that the clients run between two
/// attempts, short enough that the migration follows soon after the blocker ends.
const PAUSE: Duration = Duration::from_millis(400);

impl SafeForms for Retort {
    fn add_column(
        &self,
        url: &str,
        table: &str,
        column: &str,
        lock_timeout: Duration,
        retry_for: Duration,
    ) -> Result<(), String> {
        let rev = revision("a1", &[], vec![add_column(table, column)], TransactionMode::PerMigration);
        upgrade(url, vec![rev], settings(lock_timeout, PAUSE, retry_for))
    }

    fn backfill(&self, url: &str, table: &str, target_batch_ms: u32) -> Result<(), String> {
        let rev = revision("b1", &[], vec![backfill(table, target_batch_ms)], TransactionMode::None);
        upgrade(url, vec![rev], Settings::default())
    }

    fn create_index(&self, url: &str, table: &str, index: &str, column: &str) -> Result<(), String> {
        let rev = revision("c1", &[], vec![create_index(table, index, column)], TransactionMode::None);
        upgrade(url, vec![rev], Settings::default())
    }
}
