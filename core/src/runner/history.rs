//! The history table: one row per step, and the per-statement journal of revisions whose
//! statements commit one by one (`transaction: none`, MySQL).
//!
//! A journaled revision's row is inserted before its first statement with `success` NULL; after
//! each statement the journal advances: `statements_done`, the position (`journal_op`: ops fully
//! run, `journal_op_statements`: statements run of the next op) and `journal_hash`, a hash of the
//! ops fully run and of the statements run of the next one. A crash leaves the row unfinished:
//! `history` shows it, and the next run resumes at that position if what ran is unchanged. The
//! position is kept per op because an op rendered from the live table (MySQL's emulated `IF
//! EXISTS`, SQLite rebuilds) renders differently once it has run: finished ops are compared by
//! their definition, not by their statements. A batched backfill also journals the last key of
//! each committed batch (`journal_key`), so a rerun continues after it (see `backfill.rs`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::connection::Database;
use super::sql::{self, unpack_fields, Tables};
use super::RunError;
use crate::ops::Op;

/// What a history row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HistoryKind {
    /// A revision's upgrade ran.
    Upgrade,
    /// A revision's downgrade ran.
    Downgrade,
    /// `stamp` marked the revision applied without running it.
    Stamp,
    /// `stamp` marked the revision not applied without running its downgrade.
    Unstamp,
    /// The revision's edited ops were accepted (`--accept-checksum`): its new checksum.
    AcceptChecksum,
}

impl HistoryKind {
    /// The value stored in the `direction` column.
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryKind::Upgrade => "up",
            HistoryKind::Downgrade => "down",
            HistoryKind::Stamp => "stamp",
            HistoryKind::Unstamp => "unstamp",
            HistoryKind::AcceptChecksum => "accept",
        }
    }

    fn parse(value: &str) -> Option<HistoryKind> {
        Some(match value {
            "up" => HistoryKind::Upgrade,
            "down" => HistoryKind::Downgrade,
            "stamp" => HistoryKind::Stamp,
            "unstamp" => HistoryKind::Unstamp,
            "accept" => HistoryKind::AcceptChecksum,
            _ => return None,
        })
    }
}

/// One row of the history table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HistoryRow {
    /// Ascending row id: the order steps ran in.
    pub id: i64,
    /// Revision id.
    pub revision: String,
    /// What happened.
    pub kind: HistoryKind,
    /// The revision's checksum at the time.
    pub checksum: Option<String>,
    /// `per_migration`, `none` or `all` (the run-level transaction).
    pub transaction_mode: Option<String>,
    /// When the step started, RFC 3339 in UTC.
    pub started_at: String,
    /// When it finished; `None` while running, or when the migrator died midway.
    pub finished_at: Option<String>,
    /// Its duration in milliseconds.
    pub duration_ms: Option<i64>,
    /// `Some(true)` applied, `Some(false)` failed, `None` running or interrupted.
    pub success: Option<bool>,
    /// The error, when it failed.
    pub error: Option<String>,
    /// Statements completed (journaled revisions; 0 for transactional ones until they commit).
    pub statements_done: u32,
    /// The revision's statement count for this dialect.
    pub statements_total: Option<u32>,
    /// Times a lock timeout made the runner roll back and retry the step.
    pub retries: u32,
    /// The operating-system user who ran it.
    pub executed_by: Option<String>,
    /// The host it ran on.
    pub host: Option<String>,
    /// The retort version that ran it.
    pub tool_version: Option<String>,
}

impl HistoryRow {
    /// Whether the step stopped midway: not finished, or failed after some statements committed.
    pub fn is_incomplete(&self) -> bool {
        self.success.is_none() || (self.success == Some(false) && self.statements_done > 0)
    }
}

/// Who runs the migrations, recorded in every row.
#[derive(Debug, Clone)]
pub(crate) struct RunMeta {
    pub executed_by: String,
    pub host: String,
    pub tool_version: &'static str,
}

impl RunMeta {
    pub fn current() -> RunMeta {
        // The environment first, as every shell reports it (and a `sudo -u` or container may
        // set it on purpose); then the OS's own account of the process (cron jobs and systemd
        // units often run with no USER).
        let executed_by = ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
            .or_else(|| whoami::username().ok().filter(|v| !v.is_empty()))
            .unwrap_or_else(|| "unknown".into());
        let host = gethostname::gethostname().to_string_lossy().into_owned();
        RunMeta { executed_by, host, tool_version: env!("CARGO_PKG_VERSION") }
    }
}

/// Where a row's timestamps come from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Timing {
    /// PostgreSQL, inside the revision's transaction: `now()` to `clock_timestamp()`.
    PgTransaction,
    /// PostgreSQL, inside the run-level transaction: the step's own start mark.
    PgStepMark,
    /// Measured by the client.
    Client { started: DateTime<Utc>, finished: Option<DateTime<Utc>> },
    /// An offline script: the server's clock when the script runs.
    Script,
}

/// The values of a new history row.
#[derive(Debug, Clone)]
pub(crate) struct NewRow<'a> {
    pub revision: &'a str,
    pub kind: HistoryKind,
    pub checksum: Option<&'a str>,
    pub transaction_mode: &'a str,
    pub timing: Timing,
    pub success: Option<bool>,
    pub error: Option<&'a str>,
    pub statements_done: u32,
    pub statements_total: Option<u32>,
    pub journal: Option<Journal<'a>>,
    pub retries: u32,
}

/// A position in a journaled revision, and the hash of what ran up to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Journal<'a> {
    pub op: u32,
    pub op_statements: u32,
    pub hash: &'a str,
}

const COLUMNS: &str = "revision, direction, checksum, transaction_mode, started_at, finished_at, duration_ms, success, \
                       error, statements_done, statements_total, journal_op, journal_op_statements, journal_hash, retries, \
                       executed_by, host, tool_version";

fn opt_lit(t: &Tables, v: Option<&str>) -> String {
    v.map_or_else(|| "NULL".into(), |v| t.lit(v))
}

fn opt_bool(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "TRUE",
        Some(false) => "FALSE",
        None => "NULL",
    }
}

fn opt_num(v: Option<u32>) -> String {
    v.map_or_else(|| "NULL".into(), |v| v.to_string())
}

/// `(started_at, finished_at, duration_ms)` expressions.
fn timing_exprs(t: &Tables, timing: Timing) -> (String, String, String) {
    match timing {
        Timing::PgTransaction => (sql::PG_TX_STARTED.into(), sql::PG_NOW.into(), sql::PG_TX_ELAPSED_MS.into()),
        Timing::PgStepMark => (sql::PG_STEP_STARTED.into(), sql::PG_NOW.into(), sql::PG_STEP_ELAPSED_MS.into()),
        Timing::Client { started, finished: Some(finished) } => {
            (t.timestamp(started), t.timestamp(finished), (finished - started).num_milliseconds().to_string())
        }
        Timing::Client { started, finished: None } => (t.timestamp(started), "NULL".into(), "NULL".into()),
        Timing::Script => (t.server_now().into(), t.server_now().into(), "NULL".into()),
    }
}

/// `INSERT INTO history ..` for one row.
pub(crate) fn insert(t: &Tables, meta: &RunMeta, row: &NewRow<'_>) -> String {
    let (started, finished, duration) = timing_exprs(t, row.timing);
    let (op, op_statements, hash) = match row.journal {
        Some(j) => (j.op, j.op_statements, t.lit(j.hash)),
        None => (0, 0, "NULL".into()),
    };
    format!(
        "INSERT INTO {} ({COLUMNS}) VALUES ({}, {}, {}, {}, {started}, {finished}, {duration}, {}, {}, {}, {}, {op}, \
         {op_statements}, {hash}, {}, {}, {}, {})",
        t.history,
        t.lit(row.revision),
        t.lit(row.kind.as_str()),
        opt_lit(t, row.checksum),
        t.lit(row.transaction_mode),
        opt_bool(row.success),
        opt_lit(t, row.error),
        row.statements_done,
        opt_num(row.statements_total),
        row.retries,
        t.lit(&meta.executed_by),
        t.lit(&meta.host),
        t.lit(meta.tool_version),
    )
}

/// Inserts a row and returns its id (journaled revisions update it as they go).
pub(crate) fn insert_returning_id(
    db: &mut Database,
    t: &Tables,
    meta: &RunMeta,
    row: &NewRow<'_>,
) -> Result<i64, RunError> {
    let statement = insert(t, meta, row);
    let rows = if sql::strategy(t.dialect) == sql::Strategy::Journaled {
        // MySQL has no RETURNING (MariaDB has, from 10.5); LAST_INSERT_ID() is per session.
        db.batch_execute(&statement).map_err(|e| db.error("recording the start of a revision", &e))?;
        db.query::<1>(&format!("SELECT {} AS c0", t.text("LAST_INSERT_ID()")))
    } else {
        db.query::<1>(&format!("{statement} RETURNING {} AS c0", t.text("id")))
    }
    .map_err(|e| db.error("recording the start of a revision", &e))?;
    rows.first().and_then(|[id]| id.as_deref()).and_then(|id| id.parse().ok()).ok_or_else(|| RunError::Database {
        context: "recording the start of a revision".into(),
        url: db.display_url().into(),
        message: "the history row's id was not returned".into(),
    })
}

/// The journal entry after a statement of a journaled revision.
pub(crate) fn journal_progress(t: &Tables, id: i64, statements_done: u32, at: Journal<'_>) -> String {
    format!(
        "UPDATE {} SET statements_done = {statements_done}, journal_op = {}, journal_op_statements = {}, \
         journal_hash = {}, journal_key = NULL WHERE id = {id}",
        t.history,
        at.op,
        at.op_statements,
        t.lit(at.hash)
    )
}

/// The journal entry after a batch of a backfill: the op at `at.op` is under way and every row
/// with a key up to `key` is done (`journal_key`, the text of the batch's last key).
pub(crate) fn journal_backfill(t: &Tables, id: i64, at: Journal<'_>, key: &str) -> String {
    format!(
        "UPDATE {} SET journal_op = {}, journal_op_statements = {}, journal_hash = {}, journal_key = {} WHERE id = {id}",
        t.history,
        at.op,
        at.op_statements,
        t.lit(at.hash),
        t.lit(key)
    )
}

/// Closes a journaled revision's row.
pub(crate) fn finish(t: &Tables, id: i64, started: DateTime<Utc>, outcome: Outcome<'_>, retries: u32) -> String {
    let finished = Utc::now();
    let (success, error, total) = match outcome {
        Outcome::Applied { statements } => ("TRUE", "NULL".to_string(), format!(", statements_total = {statements}")),
        Outcome::Failed { error } => ("FALSE", t.lit(error), String::new()),
    };
    format!(
        "UPDATE {} SET success = {success}, error = {error}, finished_at = {}, duration_ms = {}, retries = {retries}{total} \
         WHERE id = {id}",
        t.history,
        t.timestamp(finished),
        (finished - started).num_milliseconds(),
    )
}

/// What a row left unfinished by a dead run says once a later run, under the lock, finds it.
pub(crate) const INTERRUPTED: &str =
    "interrupted: the run stopped before this step finished (killed, crashed or lost its connection); \
     the statements counted in statements_done committed, and the next run resumes after them";

/// Marks rows left unfinished by a dead run as failed with [`INTERRUPTED`], so that no row
/// stays `success` NULL forever (the journal position they keep still lets the run resume).
pub(crate) fn mark_interrupted(t: &Tables, ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    format!(
        "UPDATE {} SET success = FALSE, error = {} WHERE success IS NULL AND id IN ({})",
        t.history,
        t.lit(INTERRUPTED),
        ids.join(", ")
    )
}

/// How a journaled revision ended.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome<'a> {
    Applied { statements: u32 },
    Failed { error: &'a str },
}

/// Hex SHA-256 over the ops fully run (their canonical JSON) and the statements run of the next
/// op: what a resumed run must find unchanged.
pub(crate) fn journal_hash<'s>(ops_done: &[Op], statements: impl IntoIterator<Item = &'s str>) -> String {
    let mut hasher = Sha256::new();
    for op in ops_done {
        // Serializing plain data with string keys cannot fail.
        hasher.update(serde_json::to_string(op).unwrap_or_default().as_bytes());
        hasher.update(b"\0");
    }
    hasher.update(b"\x01");
    for s in statements {
        hasher.update(s.as_bytes());
        hasher.update(b"\0");
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A journaled revision that stopped midway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Partial {
    pub kind: HistoryKind,
    pub done: u32,
    pub op: u32,
    pub op_statements: u32,
    pub hash: Option<String>,
    /// The last key of a backfill's last committed batch (the op at `op` is that backfill).
    pub key: Option<String>,
}

/// What the runner needs to know about a database before planning, read in one round trip.
#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    /// The version rows.
    pub current: Vec<String>,
    /// The checksum of each revision's last successful upgrade, stamp or accepted edit.
    pub checksums: HashMap<String, String>,
    /// Revisions whose last row is a journaled step that stopped midway.
    pub partial: HashMap<String, Partial>,
    /// Rows whose step never finished (`success` NULL): a run that was killed or lost its
    /// connection. Read under the lock, no run is still writing them.
    pub unfinished: Vec<i64>,
}

/// Reads version rows, checksums and unfinished journals in one query. Fails when the tables
/// do not exist.
///
/// It reads a few columns of every history row and picks the last row per revision here: a plain
/// scan, which stays fast on a large history where a `GROUP BY` subquery over a freshly filled
/// (unanalyzed) table got a nested-loop plan ten times slower. Each row comes packed in one text
/// column ([`Tables::packed`]): decoding ten columns by name per row was most of a no-op
/// `upgrade head` at 1,000 revisions (docs/performance.md).
pub(crate) fn read_state(db: &mut Database, t: &Tables) -> Result<State, diesel::result::Error> {
    let version = t.packed(&["'v'", "version_num"]);
    let history = t.packed(&[
        &t.text("id"),
        "revision",
        "direction",
        "checksum",
        // 'i': a row a later run marked interrupted (mark_interrupted), still resumable.
        "CASE WHEN success IS NULL THEN NULL WHEN success THEN 't' WHEN error LIKE 'interrupted:%' THEN 'i' ELSE 'f' END",
        &t.text("statements_done"),
        &t.text("journal_op"),
        &t.text("journal_op_statements"),
        "journal_hash",
        "journal_key",
    ]);
    let query = format!(
        "SELECT {version} AS c0 FROM {v} UNION ALL SELECT {history} AS c0 FROM {h}",
        v = t.version,
        h = t.history
    );
    struct Row {
        id: i64,
        revision: String,
        kind: HistoryKind,
        checksum: Option<String>,
        success: Option<bool>,
        /// Stopped by a crash (`success` NULL, or marked interrupted by a later run).
        interrupted: bool,
        done: u32,
        op: u32,
        op_statements: u32,
        hash: Option<String>,
        key: Option<String>,
    }
    let num = |v: Option<&str>| v.and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut state = State::default();
    let mut rows = Vec::new();
    for [packed] in db.query::<1>(&query)? {
        let Some(packed) = packed else { continue };
        if let Some([Some("v"), Some(version)]) = unpack_fields::<2>(&packed) {
            state.current.push(version.to_string());
            continue;
        }
        let Some([tag, Some(revision), kind, checksum, success, done, op, op_statements, hash, key]) =
            unpack_fields::<10>(&packed)
        else {
            continue;
        };
        let (Some(Ok(id)), Some(kind)) = (tag.map(str::parse), kind.and_then(HistoryKind::parse)) else { continue };
        let (success, interrupted) = match success {
            Some("t") => (Some(true), false),
            Some("f") => (Some(false), false),
            Some("i") => (Some(false), true),
            _ => (None, true),
        };
        rows.push(Row {
            id,
            revision: revision.to_string(),
            kind,
            checksum: checksum.map(str::to_string),
            success,
            interrupted,
            done: num(done),
            op: num(op),
            op_statements: num(op_statements),
            hash: hash.map(str::to_string),
            key: key.map(str::to_string),
        });
    }
    rows.sort_by_key(|r| r.id);
    state.unfinished = rows.iter().filter(|r| r.success.is_none()).map(|r| r.id).collect();
    let mut last: HashMap<&str, &Row> = HashMap::new();
    for row in &rows {
        let verifies = matches!(row.kind, HistoryKind::Upgrade | HistoryKind::Stamp | HistoryKind::AcceptChecksum);
        if row.success == Some(true) && verifies {
            if let Some(checksum) = &row.checksum {
                state.checksums.insert(row.revision.clone(), checksum.clone());
            }
        }
        last.insert(&row.revision, row);
    }
    for (revision, row) in last {
        // Interrupted (the migrator died) counts even before its first statement finished: that
        // statement may have committed without its journal entry.
        if row.interrupted || (row.success == Some(false) && (row.done > 0 || row.key.is_some())) {
            let partial = Partial {
                kind: row.kind,
                done: row.done,
                op: row.op,
                op_statements: row.op_statements,
                hash: row.hash.clone(),
                key: row.key.clone(),
            };
            state.partial.insert(revision.to_string(), partial);
        }
    }
    state.current.sort();
    Ok(state)
}

/// Every history row, oldest first.
pub(crate) fn read_all(db: &mut Database, t: &Tables) -> Result<Vec<HistoryRow>, RunError> {
    let query = format!(
        "SELECT {id} AS c0, revision AS c1, direction AS c2, checksum AS c3, transaction_mode AS c4, {started} AS c5, \
         {finished} AS c6, {duration} AS c7, {success} AS c8, error AS c9, {done} AS c10, {total} AS c11, {retries} AS c12, \
         executed_by AS c13, host AS c14, tool_version AS c15 FROM {h} ORDER BY id",
        id = t.text("id"),
        started = t.read_timestamp("started_at"),
        finished = t.read_timestamp("finished_at"),
        duration = t.text("duration_ms"),
        success = "CASE WHEN success IS NULL THEN NULL WHEN success THEN 't' ELSE 'f' END",
        done = t.text("statements_done"),
        total = t.text("statements_total"),
        retries = t.text("retries"),
        h = t.history,
    );
    let rows = db.query::<16>(&query).map_err(|e| db.error("reading the history table", &e))?;
    let mut out = Vec::with_capacity(rows.len());
    for [id, revision, kind, checksum, mode, started, finished, duration, success, error, done, total, retries, by, host, version] in
        rows
    {
        let num = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<i64>().ok());
        let Some(kind) = kind.as_deref().and_then(HistoryKind::parse) else { continue };
        out.push(HistoryRow {
            id: num(&id).unwrap_or_default(),
            revision: revision.unwrap_or_default(),
            kind,
            checksum,
            transaction_mode: mode,
            started_at: started.unwrap_or_default(),
            finished_at: finished,
            duration_ms: num(&duration),
            success: success.as_deref().map(|s| s == "t"),
            error,
            statements_done: num(&done).unwrap_or_default().try_into().unwrap_or_default(),
            statements_total: num(&total).and_then(|v| v.try_into().ok()),
            retries: num(&retries).unwrap_or_default().try_into().unwrap_or_default(),
            executed_by: by,
            host,
            tool_version: version,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_hash_depends_on_statement_boundaries_and_ops() {
        assert_ne!(journal_hash(&[], ["ab", "c"]), journal_hash(&[], ["a", "bc"]));
        assert_eq!(journal_hash(&[], ["a"]), journal_hash(&[], ["a"]));
        let op = Op::Execute(crate::ops::Execute::new("SELECT 1"));
        assert_ne!(journal_hash(std::slice::from_ref(&op), []), journal_hash(&[], []));
    }

    #[test]
    fn history_kinds_round_trip_through_their_column_values() {
        for kind in [
            HistoryKind::Upgrade,
            HistoryKind::Downgrade,
            HistoryKind::Stamp,
            HistoryKind::Unstamp,
            HistoryKind::AcceptChecksum,
        ] {
            assert_eq!(HistoryKind::parse(kind.as_str()), Some(kind));
        }
    }
}
