//! What an operator asks before and while migrating, as library calls behind the CLI's `plan`,
//! `locks` and `partitions ensure`:
//!
//! - [`plan`]: for each pending revision and op, its statements, the lock it takes, the table's
//!   size and row estimate, an estimated duration (with its basis) and the sessions that would
//!   block it now.
//! - [`locks`]: the blocked/blocking session pairs now (PostgreSQL's `pg_blocking_pids`, InnoDB's
//!   lock waits on MySQL).
//! - [`ensure_partitions`]: creates the missing future range partitions of a date-partitioned
//!   table with the safe recipe; idempotent, meant for cron.
//!
//! Everything dialect-specific (catalog queries, lock modes) comes from `crate::backend`; this
//! module runs the queries over the runner's [`Database`] and reads their text columns.

mod locks;
mod partitions;
mod plan;

use std::time::Duration;

pub use crate::backend::{LockInfo, TableLock, Work};
pub use locks::{locks, LockWait, LocksReport};
pub use partitions::{
    ensure_partitions, EnsureOptions, EnsureReport, ExistingPartition, Interval, NewPartition, SkippedPartition,
};
pub use plan::{plan, Assumptions, Blocker, PlanLock, PlanOp, PlanReport, PlanStep};

use crate::backend::{bookkeeping, Dialect, RenderContext, RenderError};
use crate::graph::GraphError;
use crate::runner::{Database, RunError};
use crate::RevisionError;

/// Why `plan`, `locks` or `partitions ensure` could not answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InspectError {
    /// Connecting, or reading the version table, failed.
    #[error(transparent)]
    Run(#[from] RunError),
    /// The target does not resolve.
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// A revision's ops cannot be decoded.
    #[error(transparent)]
    Revision(#[from] RevisionError),
    /// An op cannot be rendered for the database.
    #[error("revision {revision}: {source}")]
    Render {
        /// Revision id.
        revision: String,
        /// What the backend said.
        source: RenderError,
    },
    /// The database has no such view or feature.
    #[error("{what} is not available on {dialect}: {reason}")]
    Unsupported {
        /// The command (`locks`, `partitions ensure`).
        what: &'static str,
        /// The dialect.
        dialect: Dialect,
        /// Why, and what to do instead.
        reason: String,
    },
    /// A catalog query failed.
    #[error("{context} failed on {url}: {message}; check the connection and that the user may read the catalog")]
    Query {
        /// What was being read.
        context: String,
        /// The URL, password obfuscated.
        url: String,
        /// The database's message.
        message: String,
    },
    /// The table or the options do not fit the command.
    #[error("{message}")]
    Refused {
        /// What is wrong, ending with the fix.
        message: String,
    },
    /// Creating a partition failed; the ones listed before it were created.
    #[error(
        "creating partition {name} of {table} failed: {message}{}; nothing of {name} was kept (each partition is created \
         in its own transaction); fix the cause and run again",
        created_note(created)
    )]
    Partition {
        /// The partitioned table.
        table: String,
        /// The partition that failed.
        name: String,
        /// The database's message.
        message: String,
        /// The partitions created before it.
        created: Vec<String>,
    },
    /// Another `partitions ensure` of the same table held its lock for too long.
    #[error(
        "another `partitions ensure` of {table} holds its lock (waited {}s); let it finish, then run again",
        waited.as_secs_f32()
    )]
    Busy {
        /// The table.
        table: String,
        /// How long this run waited.
        waited: Duration,
    },
}

fn created_note(created: &[String]) -> String {
    if created.is_empty() {
        String::new()
    } else {
        format!(" (created before it: {})", created.join(", "))
    }
}

impl InspectError {
    /// Whether the error is bad usage, configuration, connection or input (exit code 2) rather
    /// than a failure of the database while doing what was asked (exit code 1).
    pub fn is_usage_error(&self) -> bool {
        match self {
            InspectError::Run(e) => e.is_usage_error(),
            InspectError::Graph(_)
            | InspectError::Revision(_)
            | InspectError::Render { .. }
            | InspectError::Unsupported { .. }
            | InspectError::Refused { .. } => true,
            InspectError::Query { .. } | InspectError::Partition { .. } | InspectError::Busy { .. } => false,
        }
    }

    fn refused(message: impl Into<String>) -> Self {
        InspectError::Refused { message: message.into() }
    }
}

/// Runs a catalog query; a failure names what was being read.
fn query<const N: usize>(
    db: &mut Database,
    sql: &str,
    context: impl Into<String>,
) -> Result<Vec<[Option<String>; N]>, InspectError> {
    db.query::<N>(sql).map_err(|e| InspectError::Query {
        context: context.into(),
        url: db.display_url().to_string(),
        message: Database::message(&e),
    })
}

/// Runs statements; a failure names what was being done.
fn execute(db: &mut Database, statements: &[String], context: impl Into<String>) -> Result<(), InspectError> {
    db.batch_execute(&statements.join("\n;\n")).map_err(|e| InspectError::Query {
        context: context.into(),
        url: db.display_url().to_string(),
        message: Database::message(&e),
    })
}

/// What rendering needs to know about the server (its version; MariaDB or MySQL).
fn render_context(db: &mut Database) -> Result<RenderContext, InspectError> {
    let mut ctx = RenderContext::default();
    let dialect = db.dialect();
    if let Some(sql) = bookkeeping::server_info_query(dialect) {
        let rows = query::<1>(db, sql, "reading the server version")?;
        if let Some(value) = rows.first().and_then(|[v]| v.as_deref()) {
            bookkeeping::apply_server_info(dialect, value, &mut ctx);
        }
    }
    Ok(ctx)
}

/// A number column (`16384`, `16384.0`, MySQL's `16384` decimals).
fn number(value: &Option<String>) -> Option<f64> {
    value.as_deref().and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite())
}

/// A whole non-negative number column.
fn count(value: &Option<String>) -> Option<u64> {
    number(value).filter(|v| *v >= 0.0).map(|v| v.round() as u64)
}

/// A boolean column as PostgreSQL (`true`), MySQL (`1`) or SQLite print it.
fn flag(value: &Option<String>) -> bool {
    matches!(value.as_deref().map(str::trim), Some("true" | "t" | "1"))
}

/// A text column, `None` when NULL or empty.
fn text(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

/// Seconds in a column as milliseconds.
fn seconds_as_ms(value: &Option<String>) -> Option<f64> {
    number(value).map(|s| (s * 1000.0).round())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_read_the_way_each_database_prints_them() {
        assert_eq!(count(&Some("16384".into())), Some(16384));
        assert_eq!(count(&Some("1e3".into())), Some(1000));
        assert_eq!(count(&Some("-1".into())), None);
        assert_eq!(count(&None), None);
        assert!(flag(&Some("true".into())) && flag(&Some("1".into())));
        assert!(!flag(&Some("false".into())) && !flag(&Some("0".into())) && !flag(&None));
        assert_eq!(text(&Some("  ".into())), None);
        assert_eq!(seconds_as_ms(&Some("1.5".into())), Some(1500.0));
    }

    #[test]
    fn partition_errors_name_what_was_created_before() {
        let e = InspectError::Partition {
            table: "events".into(),
            name: "events_2026_05".into(),
            message: "boom".into(),
            created: vec!["events_2026_04".into()],
        };
        let text = e.to_string();
        assert!(text.contains("created before it: events_2026_04"), "{text}");
        assert!(!e.is_usage_error());
    }
}
