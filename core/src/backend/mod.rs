//! Rendering ops to SQL, one module per dialect. The only place that matches on [`Dialect`].
//!
//! API contract (other modules code against it):
//! - `render(op: &Op, dialect: Dialect, ctx: &RenderContext) -> Result<Vec<String>, RenderError>`:
//!   the statements, in order, without trailing semicolons. Never panics; an op the dialect
//!   cannot express is `Err(RenderError::Unsupported { op, dialect, hint })`. An `Op::Only` renders
//!   as its inner op on a listed dialect and as no statements elsewhere (the runner notices the
//!   empty list and says the op was skipped).
//! - `RenderContext { server_version_num: Option<u32>, mariadb: bool, autocommit: bool, tables: HashMap<String, TableDef> }`
//!   (`Default` is the offline context): what only the live database knows. SQLite's rebuild
//!   recipe (alter column, add/drop constraint, add a column SQLite cannot add in place, drop a
//!   key/unique/referencing column) and its emulated `add_column(..).if_not_exists()` /
//!   `drop_column(..).if_exists()` need the table's current definition, and so do MySQL's
//!   `drop_index(..).on(t)` and unique `drop_constraint` (an index a foreign key needs is
//!   replaced by the key's own), foreign key `drop_constraint` (which drops the key's own index
//!   too) and its emulated `IF [NOT] EXISTS` (add/drop column, create/drop
//!   index, drop unique/foreign key); the runner asks `needs_table_definition(op, dialect) ->
//!   Option<&str>` and, when it names a table, fills `ctx.tables` with
//!   `introspect_table(conn: &mut SqliteConnection, table)` or
//!   `introspect_mysql_table(conn: &mut MysqlConnection, table)` (both `-> Result<TableDef,
//!   RenderError>`) before rendering. Offline (`--sql`), a missing definition is
//!   `RenderError::NeedsConnection` (a plain `drop_column` and MySQL's `drop_index` fall back to
//!   the plain statement);
//!   `TableDef::from_create_table(&CreateTable)` / `TableDef::parse(sql)` build one without a
//!   connection. A rebuild drops and re-creates the table: run it with `PRAGMA foreign_keys =
//!   OFF` (set before the transaction; SQLite ignores it inside one), otherwise rendering refuses
//!   (`Invalid`) when other tables reference the rebuilt one. `server_version_num` gates
//!   PostgreSQL features (`NULLS NOT DISTINCT` 15+, `DETACH .. CONCURRENTLY` 14+, the SET NOT NULL
//!   recipe of `autocommit` ops 12+, no `CONCURRENTLY` index builds on 14.0 to 14.3); `mariadb` is
//!   true when the `mysql` server's `SELECT VERSION()` contains `MariaDB`.
//! - `Dialect::capabilities() -> Capabilities { transactional_ddl, concurrent_index, ... }`,
//!   `Dialect::name()` (`postgres`/`sqlite`/`mysql`), `Dialect::from_url_scheme(scheme)`.
//! - `quote_ident(dialect, name) -> String`, `quote_literal(dialect, value) -> String` (value:
//!   `&str` or `&ops::Value`) for the runner's own statements (version and history tables).
//! - `BackfillSql::new(&Backfill, dialect)?` with `batch_end(after, size)` (one row, text column
//!   `last_key`, or none at the end), `update(after, upto)` and `count()` (column `row_count`):
//!   the statements of the runner's batched backfill loop (`render` of a backfill gives the single
//!   equivalent `UPDATE`, for `--sql`).
//!
//! Layout: `renderer.rs` is the `Renderer` trait (one method per op, generic SQL as defaults),
//! `common/` the sea-query statements and shared extension statements, and each of
//! `postgres/`, `sqlite/`, `mysql/` a `render.rs` overriding what differs plus an `ext.rs` with
//! the statements sea-query lacks. `docs/dialects.md` says what renders where.

pub(crate) mod bookkeeping;
pub(crate) mod catalog;
mod classify;
mod common;
mod context;
mod dialect;
pub(crate) mod diesel_types;
mod error;
mod from_model;
pub(crate) mod inspect;
mod mysql;
mod postgres;
mod quote;
mod renderer;
mod sqlite;

#[cfg(test)]
mod tests;

pub use classify::{classify, classify_mysql, classify_sqlstate, is_lock_timeout, is_timeout, ErrorClass};
pub use common::data::BackfillSql;
pub use context::{needs_table_definition, render, RenderContext};
pub use dialect::{Capabilities, Dialect, UnknownDialect, ALL_DIALECTS};
pub use error::RenderError;
pub use from_model::table_definition;
pub use inspect::{lock_taken, LockInfo, TableLock, Work};
#[cfg(feature = "mysql")]
pub use mysql::introspect_mysql_table;
pub use quote::{quote_ident, quote_literal, Literal};
#[cfg(feature = "sqlite")]
pub use sqlite::introspect_table;
pub use sqlite::{ClauseKind, ColumnClause, KeyColumns, TableColumn, TableConstraint, TableDef};
