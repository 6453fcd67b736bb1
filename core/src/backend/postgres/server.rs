//! What PostgreSQL renders differently by server version (`RenderContext::server_version_num`):
//! the `pg14-cic-bug` refusal and the online SET NOT NULL recipe. `None` (offline) assumes a
//! current server.

use sha2::{Digest, Sha256};

use super::ext::{pg_string, AlterColumnStatement, ColumnAction, ConstraintStatement, PostgresExtBuilder};
use crate::backend::{quote_ident, Dialect, RenderContext, RenderError};
use crate::ops::OpKind;

const PG: Dialect = Dialect::Postgres;

/// PostgreSQL 14.0 to 14.3: `CREATE INDEX CONCURRENTLY` and `REINDEX CONCURRENTLY` can build
/// indexes that silently miss rows (fixed in 14.4).
const CIC_BUG: std::ops::RangeInclusive<u32> = 140_000..=140_003;

/// The version for messages: `140002` is `14.2`, `110005` is `11.5`.
fn version_text(num: u32) -> String {
    format!("{}.{}", num / 10_000, num % 10_000)
}

/// Refuses a `CONCURRENTLY` index build (`what`) on PostgreSQL 14.0 to 14.3 (rule
/// `pg14-cic-bug`). Dropping an index concurrently is not affected, and stays allowed: it is how
/// an index built by a buggy server is replaced.
pub(crate) fn refuse_cic_bug(op: OpKind, what: &str, ctx: &RenderContext) -> Result<(), RenderError> {
    match ctx.server_version_num {
        Some(v) if CIC_BUG.contains(&v) => Err(RenderError::unsupported(
            op,
            PG,
            format!(
                "{what} on PostgreSQL 14.0 to 14.3 can build an index that silently misses rows (rule pg14-cic-bug; \
                 this server is {}); upgrade the server to 14.4 or later (then REINDEX the indexes built \
                 CONCURRENTLY on it), and run again",
                version_text(v)
            ),
        )),
        _ => Ok(()),
    }
}

/// The index builds of raw SQL that `pg14-cic-bug` is about: `CREATE [UNIQUE] INDEX
/// CONCURRENTLY` and `REINDEX .. CONCURRENTLY`, outside comments, strings and quoted names.
pub(crate) fn concurrent_index_build(sql: &str) -> Option<&'static str> {
    for statement in words_by_statement(sql) {
        let upper: Vec<String> = statement.iter().map(|w| w.to_ascii_uppercase()).collect();
        let words: Vec<&str> = upper.iter().map(String::as_str).collect();
        match words.as_slice() {
            ["CREATE", "INDEX", "CONCURRENTLY", ..] | ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY", ..] => {
                return Some("CREATE INDEX CONCURRENTLY");
            }
            ["REINDEX", rest @ ..] if rest.contains(&"CONCURRENTLY") => return Some("REINDEX CONCURRENTLY"),
            _ => {}
        }
    }
    None
}

/// The words of each statement of `sql`: comments, string literals (also dollar-quoted) and
/// quoted identifiers are skipped, `;` ends a statement.
fn words_by_statement(sql: &str) -> Vec<Vec<&str>> {
    let bytes = sql.as_bytes();
    let mut out = vec![Vec::new()];
    let mut i = 0;
    let skip_to = |from: usize, end: &str| sql[from..].find(end).map_or(sql.len(), |p| from + p + end.len());
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'-' if bytes.get(i + 1) == Some(&b'-') => i = skip_to(i, "\n"),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_to(i + 2, "*/"),
            b'\'' => i = skip_to(i + 1, "'"),
            b'"' => i = skip_to(i + 1, "\""),
            b'$' => {
                // `$tag$ .. $tag$` (the tag may be empty); a lone `$1` is a parameter.
                let tag_end =
                    sql[i + 1..].find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')).map(|p| i + 1 + p);
                match tag_end {
                    Some(e) if bytes[e] == b'$' => {
                        let tag = &sql[i..=e];
                        i = skip_to(e + 1, tag);
                    }
                    _ => i += 1,
                }
            }
            b';' => {
                out.push(Vec::new());
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if let Some(last) = out.last_mut() {
                    last.push(&sql[start..i]);
                }
            }
            _ => i += 1,
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The CHECK constraint of the SET NOT NULL recipe: `<column>_retort_not_null`, or a hash of the
/// table and column when that would exceed PostgreSQL's 63 bytes.
pub(crate) fn not_null_check_name(table: &str, column: &str) -> String {
    let name = format!("{column}_retort_not_null");
    if name.len() <= 63 {
        return name;
    }
    let digest = Sha256::digest(format!("{table}.{column}").as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("retort_not_null_{hex}")
}

/// SET NOT NULL without a long exclusive lock, for ops whose statements commit one by one
/// (PostgreSQL 12+): a `CHECK (col IS NOT NULL) NOT VALID` (instant), `VALIDATE` (scans under a
/// lock that lets reads and writes through), `SET NOT NULL` (12+ proves it from the validated
/// check instead of scanning), then the check is dropped. Every statement can run again after a
/// crash between it and its journal entry: the first drops a leftover check before adding it,
/// the others are idempotent.
pub(crate) fn not_null_recipe(table: &str, column: &str, ctx: &RenderContext) -> Result<Vec<String>, RenderError> {
    if let Some(v) = ctx.server_version_num.filter(|v| *v < 120_000) {
        return Err(RenderError::unsupported(
            "alter_column",
            PG,
            format!(
                "`.set_not_null()` in a `transaction: none` revision runs the online recipe (CHECK NOT VALID, \
                 VALIDATE, SET NOT NULL, drop the CHECK), and PostgreSQL {} still scans the table under an \
                 ACCESS EXCLUSIVE lock at SET NOT NULL (12+ does not); upgrade the server to 12 or later, or move \
                 `.set_not_null()` to a transactional revision and accept the scan with \
                 `#[allow(set_not_null, reason = \"..\")]`",
                version_text(v)
            ),
        ));
    }
    let check = not_null_check_name(table, column);
    Ok(vec![
        format!(
            "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {c}, ADD CONSTRAINT {c} CHECK ({col} IS NOT NULL) NOT VALID",
            t = quote_ident(PG, table),
            c = quote_ident(PG, &check),
            col = quote_ident(PG, column)
        ),
        pg_string!(prepare_constraint, &ConstraintStatement::Validate { table, name: &check }),
        pg_string!(
            prepare_alter_column,
            &AlterColumnStatement { table, column, actions: vec![ColumnAction::NotNull(true)] }
        ),
        pg_string!(prepare_constraint, &ConstraintStatement::Drop { table, name: &check, if_exists: true }),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_sql_index_builds_are_found_outside_comments_and_strings() {
        assert_eq!(concurrent_index_build("create index concurrently ix on t (a)"), Some("CREATE INDEX CONCURRENTLY"));
        assert_eq!(
            concurrent_index_build("SELECT 1; CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (a)"),
            Some("CREATE INDEX CONCURRENTLY")
        );
        assert_eq!(concurrent_index_build("REINDEX (VERBOSE) INDEX CONCURRENTLY ix"), Some("REINDEX CONCURRENTLY"));
        assert_eq!(concurrent_index_build("REINDEX (CONCURRENTLY) TABLE t"), Some("REINDEX CONCURRENTLY"));
        assert_eq!(concurrent_index_build("CREATE INDEX ix ON t (a); REINDEX TABLE t"), None);
        assert_eq!(concurrent_index_build("-- CREATE INDEX CONCURRENTLY\nSELECT 1"), None);
        assert_eq!(
            concurrent_index_build("COMMENT ON TABLE t IS 'create index concurrently; reindex concurrently'"),
            None
        );
        assert_eq!(concurrent_index_build("DO $x$ BEGIN CREATE INDEX CONCURRENTLY ix ON t (a); END $x$"), None);
        assert_eq!(concurrent_index_build("DROP INDEX CONCURRENTLY ix"), None);
    }

    #[test]
    fn the_recipe_check_name_fits_in_63_bytes() {
        assert_eq!(not_null_check_name("users", "email"), "email_retort_not_null");
        let long = "c".repeat(60);
        let name = not_null_check_name("users", &long);
        assert!(name.len() <= 63 && name.starts_with("retort_not_null_"), "{name}");
        assert_ne!(name, not_null_check_name("orders", &long));
    }
}
