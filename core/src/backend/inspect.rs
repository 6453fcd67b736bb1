//! What `plan`, `locks` and `partitions ensure` ask each database, and the lock each op takes:
//! dialect knowledge, so it lives in the backend. `crate::inspect` runs these queries and turns
//! their text columns (`c0`, `c1`, ..) into reports; it never matches on [`Dialect`] itself.
//!
//! Every query reads only, names its columns `c0`.. and casts them to text, as
//! `Database::query` expects.

use std::time::Duration;

use serde::Serialize;

use super::{mysql, postgres, quote_ident, quote_literal, Dialect, RenderContext};
use crate::ops::Op;

/// What an op does to the rows of the table it works on, which decides how long it holds its
/// lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    /// Creates a new object: nothing that exists is read or rewritten.
    Create,
    /// Changes the catalog only: instant once the lock is granted.
    Metadata,
    /// Reads every row (a validation) while holding the lock.
    Scan,
    /// Builds an index: reads and sorts every row.
    IndexBuild,
    /// Writes every row again (a rewrite or a copy) and rebuilds the indexes.
    Rewrite,
    /// Updates every row in batches, one short transaction each.
    Backfill,
    /// Raw SQL: what it does is unknown.
    Unknown,
}

/// The lock an op takes on one existing table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLock {
    /// The table.
    pub table: String,
    /// The lock, as the database's documentation names it (`ACCESS EXCLUSIVE`, `SHARE UPDATE
    /// EXCLUSIVE`, `exclusive metadata lock`, `database write lock`).
    pub mode: String,
    /// What other sessions cannot do on the table while it is held.
    pub blocks: String,
    /// Locks held by other sessions that make this one wait, as the lock view spells them
    /// (`pg_locks.mode`); empty where the database cannot tell.
    pub(crate) waits_for: Vec<&'static str>,
}

/// The locks an op takes and the work it does under them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockInfo {
    /// One entry per existing table the op locks, the table it works on first.
    pub locks: Vec<TableLock>,
    /// What it does to the rows.
    pub work: Work,
    /// The table whose size decides how long the work takes, when there is one.
    pub work_table: Option<String>,
    /// It also waits for every transaction open when it starts (`CONCURRENTLY`), whatever
    /// table that transaction uses.
    pub waits_for_open_transactions: bool,
    /// What the database does differently from what the op suggests (algorithms, scans it
    /// skips, versions).
    pub notes: Vec<String>,
}

impl LockInfo {
    /// An op that locks nothing that exists.
    pub(crate) fn none(work: Work) -> Self {
        LockInfo { locks: Vec::new(), work, work_table: None, waits_for_open_transactions: false, notes: Vec::new() }
    }

    pub(crate) fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// The lock `op` takes on `dialect` and the work it does under it. `Op::Only` is looked through
/// (whether it runs here is the caller's business).
pub fn lock_taken(op: &Op, dialect: Dialect, ctx: &RenderContext) -> LockInfo {
    let op = match op {
        Op::Only(only) => &only.op,
        op => op,
    };
    match dialect {
        Dialect::Postgres => postgres::inspect::lock_taken(op, ctx),
        Dialect::Mysql => mysql::inspect::lock_taken(op, ctx),
        Dialect::Sqlite => sqlite_lock_taken(op),
    }
}

/// SQLite locks the whole database for writing; its readers go on in WAL mode.
fn sqlite_lock_taken(op: &Op) -> LockInfo {
    let work = match op {
        Op::CreateTable(_) | Op::CreateView(_) => Work::Create,
        Op::CreateIndex(_) => Work::IndexBuild,
        Op::Backfill(_) => Work::Backfill,
        Op::Execute(_) => Work::Unknown,
        // The ops SQLite cannot do in place copy the table into a new one.
        op if super::needs_table_definition(op, Dialect::Sqlite).is_some() => Work::Rewrite,
        _ => Work::Metadata,
    };
    let tables: Vec<String> = op.locked_tables().into_iter().map(str::to_string).collect();
    let locks = tables
        .iter()
        .map(|t| TableLock {
            table: t.clone(),
            mode: "database write lock".into(),
            blocks: "every other writer of the database (readers go on in WAL mode)".into(),
            waits_for: Vec::new(),
        })
        .collect();
    let work_table = if matches!(work, Work::Metadata | Work::Create) { None } else { tables.first().cloned() };
    LockInfo { locks, work, work_table, waits_for_open_transactions: false, notes: Vec::new() }
}

/// The query for a table's size and row estimate: `c0` whether it exists (`true`/`false` or
/// `1`/`0`), `c1` bytes (table, indexes and TOAST; partitions included), `c2` rows, `c3` how the
/// row count was obtained.
pub(crate) fn table_stats_query(dialect: Dialect, table: &str) -> String {
    match dialect {
        Dialect::Postgres => postgres::inspect::table_stats_query(table),
        Dialect::Mysql => mysql::inspect::table_stats_query(table),
        Dialect::Sqlite => {
            // Only asked once `table_exists_query` found the table: counting a missing one fails.
            // `dbstat` (compiled into the bundled SQLite) gives the pages of the table and its
            // indexes; SQLite keeps no row estimate, but its tables are small enough to count.
            let name = quote_literal(Dialect::Sqlite, table);
            format!(
                "SELECT 'true' AS c0, \
                 CAST((SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = {name})) AS TEXT) AS c1, \
                 CAST((SELECT count(*) FROM {}) AS TEXT) AS c2, 'count' AS c3",
                quote_ident(Dialect::Sqlite, table)
            )
        }
    }
}

/// SQLite's row count reads the table, which fails when it does not exist; this asks first.
pub(crate) fn table_exists_query(dialect: Dialect, table: &str) -> Option<String> {
    match dialect {
        Dialect::Sqlite => Some(format!(
            "SELECT name AS c0 FROM sqlite_master WHERE type = 'table' AND name = {}",
            quote_literal(Dialect::Sqlite, table)
        )),
        Dialect::Postgres | Dialect::Mysql => None,
    }
}

/// Sessions that would block `lock` now: `c0` pid, `c1` what it holds, `c2` state, `c3` seconds
/// its transaction has been open, `c4` its current or last query. `None` where the database
/// cannot list other sessions (SQLite).
pub(crate) fn blockers_query(dialect: Dialect, lock: &TableLock, open_transactions: bool) -> Option<String> {
    match dialect {
        Dialect::Postgres => Some(postgres::inspect::blockers_query(&lock.table, &lock.waits_for, open_transactions)),
        Dialect::Mysql => Some(mysql::inspect::blockers_query()),
        Dialect::Sqlite => None,
    }
}

/// What `blockers_query` cannot see on this dialect, said once per plan.
pub(crate) fn blockers_caveat(dialect: Dialect) -> Option<&'static str> {
    match dialect {
        Dialect::Postgres => None,
        Dialect::Mysql => Some(mysql::inspect::BLOCKERS_CAVEAT),
        Dialect::Sqlite => Some(
            "SQLite cannot list other connections: a writer holding the database makes the run wait for \
             busy_timeout, then fail with `database is locked`",
        ),
    }
}

/// The blocked/blocking pairs now: `c0` blocked pid, `c1` blocking pid (NULL when unknown),
/// `c2` seconds waited, `c3` lock type, `c4` mode waited for, `c5` relation, `c6` blocked query,
/// `c7` blocking query, `c8` blocking state, `c9` seconds the blocking transaction has been
/// open. One or more queries whose rows add up; `Err` says why the dialect has none.
pub(crate) fn lock_waits_queries(dialect: Dialect, ctx: &RenderContext) -> Result<Vec<String>, String> {
    match dialect {
        Dialect::Postgres => Ok(vec![postgres::inspect::lock_waits_query(ctx)]),
        Dialect::Mysql => Ok(mysql::inspect::lock_waits_queries(ctx)),
        Dialect::Sqlite => Err("SQLite has one writer at a time and no view of other connections: a blocked writer \
                                waits busy_timeout, then fails with `database is locked`; look for the process \
                                holding the file (e.g. `fuser` on it)"
            .into()),
    }
}

/// The partitioned table's shape: `c0` relkind, `c1` strategy (`r`, `l`, `h`; NULL when not
/// partitioned), `c2` number of key columns, `c3` first key column (NULL for an expression),
/// `c4` its type. No row when the table does not exist. `Err` for a dialect without declarative
/// partitioning.
pub(crate) fn partitioned_table_query(dialect: Dialect, table: &str) -> Result<String, String> {
    match dialect {
        Dialect::Postgres => Ok(postgres::inspect::partitioned_table_query(table)),
        Dialect::Mysql | Dialect::Sqlite => Err(format!(
            "retort manages declarative partitions on PostgreSQL only ({dialect} tables are created unpartitioned by \
             `partition_by`)"
        )),
    }
}

/// The partitions of `table`: `c0` name, `c1` bound as the database prints it.
pub(crate) fn partitions_query(dialect: Dialect, table: &str) -> Option<String> {
    match dialect {
        Dialect::Postgres => Some(postgres::inspect::partitions_query(table)),
        Dialect::Mysql | Dialect::Sqlite => None,
    }
}

/// One end of a partition's range bound, as the database printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BoundEnd {
    /// `MINVALUE`.
    Min,
    /// `MAXVALUE`.
    Max,
    /// A literal's text (`2026-02-01 00:00:00+00`).
    Value(String),
}

/// A printed partition bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PrintedBound {
    /// A single-column range.
    Range(BoundEnd, BoundEnd),
    /// The default partition.
    Default,
    /// A list, hash or multi-column range bound.
    Other,
}

/// Parses a bound printed by [`partitions_query`].
pub(crate) fn parse_bound(dialect: Dialect, printed: &str) -> PrintedBound {
    match dialect {
        Dialect::Postgres => postgres::inspect::parse_bound(printed),
        Dialect::Mysql | Dialect::Sqlite => PrintedBound::Other,
    }
}

/// Statements that make the session print dates the way [`parse_bound`] reads them; run inside
/// the reading transaction.
pub(crate) fn bound_format_setup(dialect: Dialect) -> Vec<String> {
    match dialect {
        Dialect::Postgres => vec!["SET LOCAL DateStyle = ISO".into()],
        Dialect::Mysql | Dialect::Sqlite => Vec::new(),
    }
}

/// The database's current date in the session's time zone (`c0`, `YYYY-MM-DD`).
pub(crate) fn today_query(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "SELECT to_char(current_date, 'YYYY-MM-DD') AS c0",
        Dialect::Mysql => "SELECT DATE_FORMAT(CURRENT_DATE, '%Y-%m-%d') AS c0",
        Dialect::Sqlite => "SELECT date('now') AS c0",
    }
}

/// Whether a partition key's type (as the catalog prints it) holds dates.
pub(crate) fn is_date_type(dialect: Dialect, ty: &str) -> bool {
    match dialect {
        Dialect::Postgres => ty == "date" || ty.starts_with("timestamp"),
        Dialect::Mysql | Dialect::Sqlite => false,
    }
}

/// A transaction around `statements` with `lock_timeout` for its locks.
pub(crate) fn guarded_transaction(dialect: Dialect, lock_timeout: Duration, statements: &[String]) -> Vec<String> {
    let mut out = vec!["BEGIN".to_string()];
    match dialect {
        Dialect::Postgres => out.push(format!("SET LOCAL lock_timeout = '{}ms'", lock_timeout.as_millis())),
        Dialect::Mysql => {
            let secs = lock_timeout.as_secs_f64().ceil().max(1.0);
            out.push(format!("SET SESSION lock_wait_timeout = {secs}"));
        }
        Dialect::Sqlite => {}
    }
    out.extend(statements.iter().cloned());
    out.push("COMMIT".into());
    out
}

/// A lock only one `partitions ensure` of `table` holds at a time: the query that tries to take
/// it (`c0` true when taken) and the statement that releases it. `None` where there is none.
pub(crate) fn maintenance_lock(dialect: Dialect, table: &str) -> Option<(String, String)> {
    match dialect {
        Dialect::Postgres => Some(postgres::inspect::maintenance_lock(table)),
        Dialect::Mysql | Dialect::Sqlite => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{AddColumn, Column, ColumnType, CreateIndex};

    #[test]
    fn sqlite_locks_the_database_for_every_op() {
        let op = Op::AddColumn(AddColumn::new("users", Column::new("nick", ColumnType::Text)));
        let info = lock_taken(&op, Dialect::Sqlite, &RenderContext::default());
        assert_eq!(info.locks[0].mode, "database write lock");
        assert_eq!(info.work, Work::Metadata);
    }

    #[test]
    fn only_is_looked_through() {
        let index = Op::CreateIndex(CreateIndex::new("ix").on("t", ["a"]).concurrently());
        let only = Op::Only(crate::ops::OnlyOn { dialects: vec!["postgres".into()], op: Box::new(index) });
        let info = lock_taken(&only, Dialect::Postgres, &RenderContext::default());
        assert_eq!(info.locks[0].mode, "SHARE UPDATE EXCLUSIVE");
    }

    #[test]
    fn guarded_transaction_sets_the_lock_timeout_first() {
        let tx = guarded_transaction(Dialect::Postgres, Duration::from_millis(1500), &["SELECT 1".into()]);
        assert_eq!(tx, ["BEGIN", "SET LOCAL lock_timeout = '1500ms'", "SELECT 1", "COMMIT"]);
    }
}
