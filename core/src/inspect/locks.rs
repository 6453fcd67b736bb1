//! `locks`: who waits for whom now, from the database's lock views.

use serde::Serialize;

use super::{count, query, render_context, seconds_as_ms, text, InspectError};
use crate::backend::{inspect as queries, Dialect};
use crate::runner::Database;

/// The sessions waiting for a lock now, each with a session it waits for.
#[derive(Debug, Clone, Serialize)]
pub struct LocksReport {
    /// The database URL, password obfuscated.
    pub database: String,
    /// `postgres` or `mysql`.
    pub dialect: Dialect,
    /// One entry per blocked/blocking pair, longest wait first.
    pub waits: Vec<LockWait>,
}

/// A session waiting for a lock, and one session it waits for.
#[derive(Debug, Clone, Serialize)]
pub struct LockWait {
    /// The waiting session (PostgreSQL backend pid, MySQL connection id).
    pub pid: u64,
    /// The session it waits for; `None` when the database does not say (MySQL metadata locks).
    pub blocked_by: Option<u64>,
    /// How long it has waited, in milliseconds.
    pub wait_ms: Option<f64>,
    /// What kind of lock (`relation`, `transactionid`, `RECORD`, `metadata`).
    pub lock_type: String,
    /// The mode it waits for (`AccessExclusiveLock`, `X`, ...).
    pub mode: String,
    /// The table, when the lock is on one.
    pub relation: Option<String>,
    /// The waiting session's query.
    pub query: String,
    /// The blocking session's current or last query.
    pub blocking_query: Option<String>,
    /// The blocking session's state (`idle in transaction`, `active`, `Sleep`).
    pub blocking_state: Option<String>,
    /// How long the blocking session's transaction has been open, in milliseconds.
    pub blocking_transaction_ms: Option<f64>,
}

/// A snapshot of the blocked/blocking session pairs on `db`'s server (PostgreSQL: of every
/// database, through `pg_blocking_pids`; MySQL: InnoDB row-lock waits and metadata-lock waits).
/// SQLite has no such view: [`InspectError::Unsupported`].
pub fn locks(db: &mut Database) -> Result<LocksReport, InspectError> {
    let dialect = db.dialect();
    let ctx = render_context(db)?;
    let queries = queries::lock_waits_queries(dialect, &ctx).map_err(|reason| InspectError::Unsupported {
        what: "locks",
        dialect,
        reason,
    })?;
    let mut waits = Vec::new();
    for sql in queries {
        for r in query::<10>(db, &sql, "reading the lock waits")? {
            let Some(pid) = count(&r[0]) else { continue };
            waits.push(LockWait {
                pid,
                blocked_by: count(&r[1]),
                wait_ms: seconds_as_ms(&r[2]),
                lock_type: text(&r[3]).unwrap_or_default(),
                mode: text(&r[4]).unwrap_or_default(),
                relation: text(&r[5]),
                query: text(&r[6]).unwrap_or_default(),
                blocking_query: text(&r[7]),
                blocking_state: text(&r[8]),
                blocking_transaction_ms: seconds_as_ms(&r[9]),
            });
        }
    }
    waits.sort_by(|a, b| {
        b.wait_ms
            .unwrap_or(0.0)
            .total_cmp(&a.wait_ms.unwrap_or(0.0))
            .then(a.pid.cmp(&b.pid))
            .then(a.blocked_by.cmp(&b.blocked_by))
    });
    Ok(LocksReport { database: db.display_url().to_string(), dialect, waits })
}
