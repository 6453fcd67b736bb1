//! The version table: one row per current head (Alembic semantics). The graph decides which rows
//! a step removes and adds; this module writes them.

use super::connection::Database;
use super::sql::Tables;
use super::RunError;

/// The statements that turn the version rows `delete` into `insert` (at most two; one `UPDATE`
/// for the common case of a step on a straight chain).
pub(crate) fn change(t: &Tables, delete: &[String], insert: &[String]) -> Vec<String> {
    let list = |rows: &[String]| rows.iter().map(|r| t.lit(r)).collect::<Vec<_>>().join(", ");
    match (delete, insert) {
        ([], []) => Vec::new(),
        ([old], [new]) => {
            vec![format!("UPDATE {} SET version_num = {} WHERE version_num = {}", t.version, t.lit(new), t.lit(old))]
        }
        _ => {
            let mut out = Vec::new();
            if !delete.is_empty() {
                out.push(format!("DELETE FROM {} WHERE version_num IN ({})", t.version, list(delete)));
            }
            if !insert.is_empty() {
                let values = insert.iter().map(|r| format!("({})", t.lit(r))).collect::<Vec<_>>().join(", ");
                out.push(format!("INSERT INTO {} (version_num) VALUES {values}", t.version));
            }
            out
        }
    }
}

/// Replaces every version row (`stamp`).
pub(crate) fn replace_all(t: &Tables, rows: &[String]) -> Vec<String> {
    let mut out = vec![format!("DELETE FROM {}", t.version)];
    out.extend(change(t, &[], rows));
    out
}

/// The current version rows, sorted; empty when the table does not exist yet.
pub(crate) fn read(db: &mut Database, t: &Tables) -> Result<Vec<String>, RunError> {
    if !existing_tables(db, t)?.0 {
        return Ok(Vec::new());
    }
    let rows = db
        .query::<1>(&format!("SELECT version_num AS c0 FROM {}", t.version))
        .map_err(|e| db.error("reading the version table", &e))?;
    let mut out: Vec<String> = rows.into_iter().filter_map(|[v]| v).collect();
    out.sort();
    Ok(out)
}

/// Which runner tables exist, `(version, history)`: read-only verbs must not create them.
pub(crate) fn existing_tables(db: &mut Database, t: &Tables) -> Result<(bool, bool), RunError> {
    let rows =
        db.query::<1>(&t.existing_tables_query()).map_err(|e| db.error("looking up the migration tables", &e))?;
    let has = |name: &str| rows.iter().any(|[n]| n.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)));
    Ok((has(&t.version_name), has(&t.history_name)))
}
