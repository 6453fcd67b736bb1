//! Rendering ops to SQL, one module per dialect. The only place that matches on [`Dialect`].
//!
//! API contract (other modules code against it):
//! - `render(op: &Op, dialect: Dialect, ctx: &RenderContext) -> Result<Vec<String>, RenderError>`:
//!   the statements, in order, without trailing semicolons. Never panics; an op the dialect
//!   cannot express is `Err(RenderError::Unsupported { op, dialect, hint })`.
//! - `RenderContext { server_version_num: Option<u32>, tables: HashMap<String, TableDef> }`:
//!   what only the live database knows. SQLite's rebuild recipe (alter column, add/drop
//!   constraint) needs the table's current definition; the runner asks
//!   `needs_table_definition(op, dialect) -> Option<&str>` and, when it names a table, fills
//!   `ctx.tables` with `introspect_table(conn, dialect, table)` before rendering. Offline
//!   (`--sql`), a missing definition is `RenderError::NeedsConnection`.
//! - `Dialect::capabilities() -> Capabilities { transactional_ddl, concurrent_index, ... }`.
//! - `quote_ident(dialect, name) -> String`, `quote_literal(dialect, value) -> String` for the
//!   runner's own statements (version and history tables).

use serde::{Deserialize, Serialize};

/// A database dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL and MariaDB.
    Mysql,
}
