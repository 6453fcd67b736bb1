//! Data ops: bulk inserts through sea-query's `INSERT`, and the statements of a batched
//! backfill (keyset pagination by the key column, never OFFSET over the whole table).

use sea_query::{
    Asterisk, ConditionalStatement, Expr, ExprTrait, Func, MysqlQueryBuilder, Order, PostgresQueryBuilder, Query,
    QueryStatementWriter, SqliteQueryBuilder,
};

use crate::backend::quote::{iden, literal, to_sea_value};
use crate::backend::renderer::Stmts;
use crate::backend::{Dialect, RenderError};
use crate::ops::{Backfill, BulkInsert};

/// Rows per `INSERT` statement: large enough to be fast, small enough to stay under every
/// dialect's statement size and parameter limits.
const ROWS_PER_INSERT: usize = 500;

fn query_string(d: Dialect, stmt: &impl QueryStatementWriter) -> String {
    match d {
        Dialect::Postgres => stmt.to_string(PostgresQueryBuilder),
        Dialect::Sqlite => stmt.to_string(SqliteQueryBuilder),
        Dialect::Mysql => stmt.to_string(MysqlQueryBuilder),
    }
}

/// `INSERT INTO t (..) VALUES (..), ..`, in chunks.
pub(crate) fn bulk_insert(d: Dialect, op: &BulkInsert) -> Stmts {
    const OP: &str = "bulk_insert";
    if op.columns.is_empty() {
        return Err(RenderError::invalid(OP, format!("the insert into `{}` names no columns; list them", op.table)));
    }
    let mut out = Vec::new();
    for (chunk_no, chunk) in op.rows.chunks(ROWS_PER_INSERT).enumerate() {
        let mut stmt = Query::insert();
        stmt.into_table(iden(&op.table)).columns(op.columns.iter().map(|c| iden(c)));
        for (i, row) in chunk.iter().enumerate() {
            let row_no = chunk_no * ROWS_PER_INSERT + i + 1;
            if row.len() != op.columns.len() {
                return Err(RenderError::invalid(
                    OP,
                    format!(
                        "row {row_no} has {} values for {} columns; give one value per column",
                        row.len(),
                        op.columns.len()
                    ),
                ));
            }
            let mut values = Vec::with_capacity(row.len());
            for v in row {
                literal(d, OP, v)?;
                values.push(Expr::val(to_sea_value(v)));
            }
            stmt.values(values).map_err(|e| RenderError::invalid(OP, format!("row {row_no}: {e}")))?;
        }
        out.push(query_string(d, &stmt));
    }
    Ok(out)
}

fn check_backfill(op: &Backfill) -> Result<(), RenderError> {
    if op.set.is_empty() {
        return Err(RenderError::invalid(
            "backfill",
            format!("the backfill of `{}` sets nothing; add `.set(\"column\", \"expr\")`", op.table),
        ));
    }
    Ok(())
}

/// The whole backfill as one `UPDATE` (what the batches amount to; printed by `--sql`).
pub(crate) fn backfill_whole(d: Dialect, op: &Backfill) -> Stmts {
    check_backfill(op)?;
    Ok(vec![BackfillSql { op, dialect: d }.update(None, None)])
}

/// The statements of a batched backfill, for the runner's batch loop:
///
/// 1. [`BackfillSql::batch_end`] finds the key that ends the next batch (keyset pagination:
///    `key > last` in key order, `LIMIT 1 OFFSET size - 1`, so each batch reads an index
///    range, never the rows before it);
/// 2. [`BackfillSql::update`] updates the rows between the previous end and that key, in its
///    own transaction;
/// 3. when `batch_end` returns no row, one last `update(last, None)` finishes the table.
///
/// Keys travel as text (`CAST(key AS TEXT)`), and go back in as string literals, which every
/// dialect compares with the key column's own type.
///
/// ```
/// use retort::backend::BackfillSql;
/// use retort::ops::Backfill;
/// use retort::Dialect;
/// let op = Backfill::new("users").set("email_lower", "lower(email)").where_("email_lower IS NULL");
/// let sql = BackfillSql::new(&op, Dialect::Postgres).unwrap();
/// assert_eq!(
///     sql.batch_end(Some("41"), 1000),
///     r#"SELECT CAST("id" AS TEXT) AS "last_key" FROM "users" WHERE "id" > '41' AND (email_lower IS NULL) ORDER BY "id" ASC LIMIT 1 OFFSET 999"#
/// );
/// assert_eq!(
///     sql.update(Some("41"), Some("1041")),
///     r#"UPDATE "users" SET "email_lower" = lower(email) WHERE "id" > '41' AND "id" <= '1041' AND (email_lower IS NULL)"#
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct BackfillSql<'a> {
    op: &'a Backfill,
    dialect: Dialect,
}

impl<'a> BackfillSql<'a> {
    /// The statements for `op` on `dialect`; `Invalid` when the backfill sets nothing.
    pub fn new(op: &'a Backfill, dialect: Dialect) -> Result<Self, RenderError> {
        check_backfill(op)?;
        Ok(Self { op, dialect })
    }

    fn key_text(&self) -> String {
        let key = crate::backend::quote_ident(self.dialect, &self.op.key);
        match self.dialect {
            Dialect::Mysql => format!("CAST({key} AS CHAR)"),
            Dialect::Postgres | Dialect::Sqlite => format!("CAST({key} AS TEXT)"),
        }
    }

    fn bounds(&self, stmt: &mut impl ConditionalStatement, after: Option<&str>, upto: Option<&str>) {
        if let Some(after) = after {
            stmt.and_where(Expr::col(iden(&self.op.key)).gt(after));
        }
        if let Some(upto) = upto {
            stmt.and_where(Expr::col(iden(&self.op.key)).lte(upto));
        }
        if let Some(p) = &self.op.predicate {
            // sea-query parenthesizes a custom expression joined to others with AND.
            stmt.and_where(Expr::cust(p.clone()));
        }
    }

    /// The last key of the batch of `size` rows after `after` (from the start when `None`):
    /// one row with the text column `last_key`, or no row when fewer than `size` rows remain.
    pub fn batch_end(&self, after: Option<&str>, size: u32) -> String {
        let mut stmt = Query::select();
        stmt.expr_as(Expr::cust(self.key_text()), iden("last_key")).from(iden(&self.op.table));
        self.bounds(&mut stmt, after, None);
        stmt.order_by(iden(&self.op.key), Order::Asc).limit(1).offset(u64::from(Ord::max(size, 1) - 1));
        query_string(self.dialect, &stmt)
    }

    /// Updates the rows with `after < key <= upto` (either bound open when `None`).
    pub fn update(&self, after: Option<&str>, upto: Option<&str>) -> String {
        let mut stmt = Query::update();
        stmt.table(iden(&self.op.table));
        for (col, expr) in &self.op.set {
            stmt.value(iden(col), Expr::cust(expr.clone()));
        }
        self.bounds(&mut stmt, after, upto);
        query_string(self.dialect, &stmt)
    }

    /// Counts the rows left to backfill (the predicate's rows), for progress and ETA: one row
    /// with the `BIGINT` column `row_count`.
    pub fn count(&self) -> String {
        let mut stmt = Query::select();
        stmt.expr_as(Func::count(Expr::col(Asterisk)), iden("row_count")).from(iden(&self.op.table));
        self.bounds(&mut stmt, None, None);
        query_string(self.dialect, &stmt)
    }
}
