//! What rendering needs to know about the live database, and the entry point `render`.

use std::collections::HashMap;

use super::renderer::render_with;
use super::{mysql, postgres, sqlite, Dialect, RenderError, TableDef};
use crate::ops::Op;

/// What only the live database knows. `RenderContext::default()` is the offline context
/// (`--sql`): no server version, no table definitions, MySQL rather than MariaDB.
#[derive(Debug, Clone, Default)]
pub struct RenderContext {
    /// The server's version as a number, PostgreSQL style (`server_version_num`: 150004 for
    /// 15.4). `None` assumes a current server.
    pub server_version_num: Option<u32>,
    /// The `mysql` dialect's server is MariaDB (`SELECT VERSION()` contains `MariaDB`), which
    /// adds `IF [NOT] EXISTS` to column and index statements and lacks expression indexes.
    pub mariadb: bool,
    /// The op's statements commit one by one (it belongs to a `transaction: none` revision), so a
    /// recipe may commit between its steps: on PostgreSQL 12+, SET NOT NULL on an existing table
    /// becomes `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE`, `SET NOT NULL` (no scan), drop
    /// the check. `false` (a transactional revision, offline default) renders plain statements.
    pub autocommit: bool,
    /// Current definitions of the tables the ops need, by table name; the runner fills it with
    /// [`super::introspect_table`] (SQLite) or [`super::introspect_mysql_table`] (MySQL) for each
    /// table [`needs_table_definition`] names.
    pub tables: HashMap<String, TableDef>,
    /// SQLite enforces foreign keys on the connection (`PRAGMA foreign_keys`) as the run starts:
    /// a rebuild of a table others reference would fire their actions, so it is refused.
    /// Offline, false: the script turns enforcement off around rebuilds itself.
    pub foreign_keys_enforced: bool,
}

impl RenderContext {
    /// The offline context.
    pub fn offline() -> Self {
        Self::default()
    }

    /// The definition of `table`, or `NeedsConnection` for `op`.
    pub(crate) fn table(&self, op: crate::ops::OpKind, table: &str) -> Result<&TableDef, RenderError> {
        self.tables.get(table).ok_or_else(|| RenderError::NeedsConnection { op, table: table.to_string() })
    }
}

/// Renders `op` for `dialect`: the statements, in order, without trailing semicolons. An op
/// wrapped in `.only([..])` renders as itself on a listed dialect and as no statements
/// elsewhere. Never panics: an op the dialect cannot express is `RenderError::Unsupported`.
///
/// ```
/// use retort::backend::{render, RenderContext};
/// use retort::ops::{AddColumn, Column, ColumnType, Op};
/// use retort::Dialect;
/// let op = Op::AddColumn(AddColumn::new("users", Column::new("nickname", ColumnType::Varchar(Some(50)))));
/// let ctx = RenderContext::default();
/// assert_eq!(render(&op, Dialect::Postgres, &ctx).unwrap(), [r#"ALTER TABLE "users" ADD COLUMN "nickname" varchar(50)"#]);
/// assert_eq!(render(&op, Dialect::Sqlite, &ctx).unwrap(), [r#"ALTER TABLE "users" ADD COLUMN "nickname" varchar(50)"#]);
/// assert_eq!(render(&op, Dialect::Mysql, &ctx).unwrap(), ["ALTER TABLE `users` ADD COLUMN `nickname` varchar(50)"]);
/// ```
pub fn render(op: &Op, dialect: Dialect, ctx: &RenderContext) -> Result<Vec<String>, RenderError> {
    match dialect {
        Dialect::Postgres => render_with(&postgres::Postgres, op, ctx),
        Dialect::Sqlite => render_with(&sqlite::Sqlite, op, ctx),
        Dialect::Mysql => render_with(&mysql::Mysql, op, ctx),
    }
}

/// The table whose current definition rendering `op` needs, if any: on SQLite, the ops that
/// rebuild a table (alter column, add or drop a constraint, add a column SQLite cannot add in
/// place), `drop_column` (which rebuilds when the column has a key, unique or reference clause,
/// and renders a plain `DROP COLUMN` without a definition) and `add_column(..).if_not_exists()`
/// (emulated); on MySQL, `drop_index(..).on(t)` and a unique `drop_constraint` (the index may be
/// the one a foreign key needs), a foreign key `drop_constraint` (it takes the index MySQL made
/// for the key) and the `IF [NOT] EXISTS` ops MySQL lacks (emulated; MariaDB has them). Never on PostgreSQL. The runner introspects the table into
/// [`RenderContext::tables`] before calling [`render`].
pub fn needs_table_definition(op: &Op, dialect: Dialect) -> Option<&str> {
    match (op, dialect) {
        (Op::Only(o), _) if !o.applies_to(dialect.name()) => None,
        (Op::Only(o), _) => needs_table_definition(&o.op, dialect),
        (op, Dialect::Sqlite) => sqlite::rebuilt_table(op),
        (op, Dialect::Mysql) => mysql::defined_table(op),
        (_, Dialect::Postgres) => None,
    }
}
