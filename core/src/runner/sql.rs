//! The runner's own statements around the rendered ops: its tables' DDL, timestamps, text casts
//! and PostgreSQL's timeouts and index checks. Where the dialects differ, the answer comes from
//! `crate::backend::bookkeeping`, so the runner never matches on the dialect itself.

use chrono::{DateTime, Utc};

use super::Settings;
use crate::backend::bookkeeping::{self, execution};
pub(crate) use crate::backend::bookkeeping::{
    apply_server_info, blocking_sessions_query, effective_lock_timeout, end_session_sql, lock_holder_queries,
    lock_timeout_setting, mysql_statement_timeout, schema_exists_query, server_info_query, session_id_query,
    session_setup, session_state_query, Execution as Strategy,
};
use crate::backend::{quote_ident, quote_literal, Dialect};

/// How a dialect's revisions are executed.
pub(crate) fn strategy(dialect: Dialect) -> Strategy {
    execution(dialect)
}

/// The runner's tables, quoted and qualified for one dialect.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub dialect: Dialect,
    /// Qualified, quoted version table.
    pub version: String,
    /// Qualified, quoted history table.
    pub history: String,
    /// Unquoted names, for catalog lookups and the lock key.
    pub version_name: String,
    pub history_name: String,
    pub schema: Option<String>,
}

impl Tables {
    pub fn new(settings: &Settings, dialect: Dialect) -> Tables {
        // SQLite has no schemas in the PostgreSQL sense (an attached database would be one).
        let schema = if bookkeeping::has_schemas(dialect) { settings.schema.clone() } else { None };
        let qualify = |name: &str| match &schema {
            Some(s) => format!("{}.{}", quote_ident(dialect, s), quote_ident(dialect, name)),
            None => quote_ident(dialect, name),
        };
        Tables {
            dialect,
            version: qualify(&settings.version_table),
            history: qualify(&settings.history_table),
            version_name: settings.version_table.clone(),
            history_name: settings.history_table.clone(),
            schema,
        }
    }

    /// `schema.version_table`, unquoted: what the lock key is derived from.
    pub fn lock_name(&self) -> String {
        match &self.schema {
            Some(s) => format!("{s}.{}", self.version_name),
            None => self.version_name.clone(),
        }
    }

    pub fn lit(&self, value: &str) -> String {
        quote_literal(self.dialect, value)
    }

    /// `CREATE TABLE IF NOT EXISTS` for both tables (and the schema where it is a namespace).
    pub fn create_statements(&self) -> Vec<String> {
        let d = self.dialect;
        let types = bookkeeping::history_types(d);
        let (id, ts, boolean) = (types.id, types.timestamp, types.boolean);
        let mut out = Vec::new();
        if let (true, Some(schema)) = (bookkeeping::creates_schema(d), &self.schema) {
            out.push(format!("CREATE SCHEMA IF NOT EXISTS {}", quote_ident(d, schema)));
        }
        let pk = quote_ident(d, &format!("{}_pkc", self.version_name));
        out.push(format!(
            "CREATE TABLE IF NOT EXISTS {} (version_num VARCHAR(32) NOT NULL, CONSTRAINT {pk} PRIMARY KEY (version_num))",
            self.version
        ));
        out.push(format!(
            "CREATE TABLE IF NOT EXISTS {} (\
             id {id}, \
             revision VARCHAR(32) NOT NULL, \
             direction VARCHAR(16) NOT NULL, \
             checksum VARCHAR(64), \
             transaction_mode VARCHAR(16), \
             started_at {ts} NOT NULL, \
             finished_at {ts}, \
             duration_ms BIGINT, \
             success {boolean}, \
             error TEXT, \
             statements_done INTEGER NOT NULL DEFAULT 0, \
             statements_total INTEGER, \
             journal_op INTEGER NOT NULL DEFAULT 0, \
             journal_op_statements INTEGER NOT NULL DEFAULT 0, \
             journal_hash VARCHAR(64), \
             journal_key TEXT, \
             retries INTEGER NOT NULL DEFAULT 0, \
             executed_by VARCHAR(255), \
             host VARCHAR(255), \
             tool_version VARCHAR(32))",
            self.history
        ));
        out
    }

    /// A query returning one row per existing runner table (column `c0`).
    pub fn existing_tables_query(&self) -> String {
        bookkeeping::existing_tables_query(
            self.dialect,
            self.schema.as_deref(),
            &[&self.version_name, &self.history_name],
        )
    }

    /// `CAST(expr AS <text>)`.
    pub fn text(&self, expr: &str) -> String {
        bookkeeping::text_cast(self.dialect, expr)
    }

    /// `exprs` packed into one text value; [`unpack_fields`] reads it back.
    pub fn packed(&self, exprs: &[&str]) -> String {
        bookkeeping::packed_fields(self.dialect, exprs)
    }

    /// A timestamp column read back as RFC 3339 text in UTC.
    pub fn read_timestamp(&self, column: &str) -> String {
        bookkeeping::read_timestamp(self.dialect, column)
    }

    /// A client-side instant as a literal of the timestamp columns.
    pub fn timestamp(&self, at: DateTime<Utc>) -> String {
        bookkeeping::timestamp_literal(self.dialect, at)
    }

    /// The server's current time, for scripts written offline.
    pub fn server_now(&self) -> &'static str {
        bookkeeping::server_now(self.dialect)
    }
}

/// PostgreSQL: the start of the current transaction, its end so far and the milliseconds in
/// between, computed by the server inside the revision's own batch (no extra round trip).
pub(crate) const PG_TX_STARTED: &str = "now()";
pub(crate) const PG_NOW: &str = "clock_timestamp()";
pub(crate) const PG_TX_ELAPSED_MS: &str = "CAST(EXTRACT(EPOCH FROM (clock_timestamp() - now())) * 1000 AS BIGINT)";
/// PostgreSQL, run-level transaction: `now()` is the run's start, so each revision notes its own.
pub(crate) const PG_MARK_STEP_START: &str =
    "SELECT set_config('retort.step_started', CAST(clock_timestamp() AS TEXT), true)";
pub(crate) const PG_STEP_STARTED: &str = "CAST(current_setting('retort.step_started') AS TIMESTAMPTZ)";
pub(crate) const PG_STEP_ELAPSED_MS: &str =
    "CAST(EXTRACT(EPOCH FROM (clock_timestamp() - CAST(current_setting('retort.step_started') AS TIMESTAMPTZ))) * 1000 AS BIGINT)";

/// A PostgreSQL duration setting value, e.g. `'1000ms'`; zero turns the timeout off.
pub(crate) fn pg_duration(d: std::time::Duration) -> String {
    format!("'{}ms'", d.as_millis())
}

fn pg_qualified(dialect: Dialect, schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(s) => format!("{}.{}", quote_ident(dialect, s), quote_ident(dialect, name)),
        None => quote_ident(dialect, name),
    }
}

/// The query a PostgreSQL session runs to see whether an index is INVALID (left by a failed
/// `CREATE INDEX CONCURRENTLY`): one row `false` when it is, `true` when valid, none when absent.
pub(crate) fn pg_index_validity(dialect: Dialect, schema: Option<&str>, name: &str) -> String {
    let regclass = quote_literal(dialect, pg_qualified(dialect, schema, name).as_str());
    format!("SELECT CAST(indisvalid AS TEXT) AS c0 FROM pg_index WHERE indexrelid = to_regclass({regclass})")
}

/// A table name as an op writes it (`events` or `schema.events`), quoted for PostgreSQL.
fn pg_table(dialect: Dialect, name: &str) -> String {
    match name.split_once('.') {
        Some((schema, table)) => pg_qualified(dialect, Some(schema), table),
        None => pg_qualified(dialect, None, name),
    }
}

/// Where a partition named by `DETACH PARTITION .. CONCURRENTLY` stands: one row `pending` while
/// an interrupted detach awaits `FINALIZE`, `attached` while it is still a plain partition of
/// `parent`, none once detached (PostgreSQL 14+, as the detach itself).
pub(crate) fn pg_partition_state(dialect: Dialect, parent: &str, partition: &str) -> String {
    let child = quote_literal(dialect, &pg_table(dialect, partition));
    let parent = quote_literal(dialect, &pg_table(dialect, parent));
    format!(
        "SELECT CASE WHEN inhdetachpending THEN 'pending' ELSE 'attached' END AS c0 FROM pg_inherits \
         WHERE inhrelid = to_regclass({child}) AND inhparent = to_regclass({parent})"
    )
}

/// Completes a `DETACH PARTITION .. CONCURRENTLY` that was interrupted between its two
/// transactions.
pub(crate) fn pg_finalize_detach(dialect: Dialect, parent: &str, partition: &str) -> String {
    format!("ALTER TABLE {} DETACH PARTITION {} FINALIZE", pg_table(dialect, parent), pg_table(dialect, partition))
}

/// Drops an INVALID index without blocking writes.
pub(crate) fn pg_drop_index_concurrently(dialect: Dialect, schema: Option<&str>, name: &str) -> String {
    format!("DROP INDEX CONCURRENTLY IF EXISTS {}", pg_qualified(dialect, schema, name))
}

/// The fields of a value built by [`Tables::packed`]: `None` for a NULL field. The last field
/// takes the rest of the value, separators included, so it may hold any text (a backfill key).
pub(crate) fn unpack_fields<const N: usize>(packed: &str) -> Option<[Option<&str>; N]> {
    let mut out = [None; N];
    let mut parts = packed.splitn(N, '\u{1f}');
    for slot in &mut out {
        let part = parts.next()?;
        *slot = match part.strip_prefix('v') {
            Some(value) => Some(value),
            None if part == "n" => None,
            None => return None,
        };
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_fields_read_back_with_nulls_empties_and_separators_in_the_last_field() {
        let packed = "v42\u{1f}n\u{1f}v\u{1f}vkey\u{1f}with\u{1f}separators";
        assert_eq!(
            unpack_fields::<4>(packed),
            Some([Some("42"), None, Some(""), Some("key\u{1f}with\u{1f}separators")])
        );
        // too few fields, or a field that is neither `v..` nor `n`: not a packed row
        assert_eq!(unpack_fields::<4>("v1\u{1f}v2"), None);
        assert_eq!(unpack_fields::<2>("v1\u{1f}x"), None);
    }
}
