//! The database dialects and what each can do, as data (Alembic's `transactional_ddl` idea).

use std::fmt;
use std::str::FromStr;

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

/// Every dialect, in a stable order (for tests and listings).
pub const ALL_DIALECTS: [Dialect; 3] = [Dialect::Postgres, Dialect::Sqlite, Dialect::Mysql];

impl Dialect {
    /// The dialect's name as written in `.only([..])`, configuration and messages:
    /// `postgres`, `sqlite` or `mysql`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Sqlite => "sqlite",
            Dialect::Mysql => "mysql",
        }
    }

    /// The dialect a connection URL scheme names: `postgres`/`postgresql`, `sqlite`/`file`,
    /// `mysql`/`mariadb`. `None` for anything else.
    pub fn from_url_scheme(scheme: &str) -> Option<Dialect> {
        match scheme.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Some(Dialect::Postgres),
            "sqlite" | "sqlite3" | "file" => Some(Dialect::Sqlite),
            "mysql" | "mariadb" => Some(Dialect::Mysql),
            _ => None,
        }
    }

    /// What the dialect supports; the renderer checks it before building any statement.
    pub fn capabilities(self) -> Capabilities {
        match self {
            Dialect::Postgres => Capabilities {
                transactional_ddl: true,
                concurrent_index: true,
                alter_column_type: true,
                alter_column_nullability: true,
                alter_column_default: true,
                table_rebuild: false,
                table_definitions: false,
                drop_constraint: true,
                add_constraint_after_create: true,
                partial_index: true,
                include_columns: true,
                expression_index: true,
                index_methods: true,
                nulls_order: true,
                partitions: true,
                materialized_views: true,
                or_replace_view: true,
                rename_view: true,
                enum_types: true,
                sequences: true,
                extensions: true,
                comments: true,
                if_not_exists_column: true,
                not_valid_constraints: true,
                deferrable: true,
                exclude: true,
                arrays: true,
                identity: true,
            },
            Dialect::Sqlite => Capabilities {
                transactional_ddl: true,
                concurrent_index: false,
                alter_column_type: false,
                alter_column_nullability: false,
                alter_column_default: false,
                table_rebuild: true,
                table_definitions: true,
                drop_constraint: false,
                add_constraint_after_create: false,
                partial_index: true,
                include_columns: false,
                expression_index: true,
                index_methods: false,
                nulls_order: false,
                partitions: false,
                materialized_views: false,
                or_replace_view: false,
                rename_view: false,
                enum_types: false,
                sequences: false,
                extensions: false,
                comments: false,
                if_not_exists_column: false,
                not_valid_constraints: false,
                deferrable: true,
                exclude: false,
                arrays: false,
                identity: false,
            },
            Dialect::Mysql => Capabilities {
                transactional_ddl: false,
                concurrent_index: false,
                alter_column_type: true,
                alter_column_nullability: true,
                alter_column_default: true,
                table_rebuild: false,
                table_definitions: true,
                drop_constraint: true,
                add_constraint_after_create: true,
                partial_index: false,
                include_columns: false,
                expression_index: true,
                index_methods: false,
                nulls_order: false,
                partitions: false,
                materialized_views: false,
                or_replace_view: true,
                rename_view: true,
                enum_types: false,
                sequences: false,
                extensions: false,
                comments: true,
                if_not_exists_column: false,
                not_valid_constraints: false,
                deferrable: false,
                exclude: false,
                arrays: false,
                identity: true,
            },
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dialect name that is not `postgres`, `sqlite` or `mysql`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown dialect `{0}`; write `postgres`, `sqlite` or `mysql`")]
pub struct UnknownDialect(pub String);

impl FromStr for Dialect {
    type Err = UnknownDialect;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Ok(Dialect::Postgres),
            "sqlite" => Ok(Dialect::Sqlite),
            "mysql" | "mariadb" => Ok(Dialect::Mysql),
            _ => Err(UnknownDialect(s.to_string())),
        }
    }
}

/// What a dialect can express. Every field is a plain fact about the database, so the runner,
/// the CLI and the docs can read them without rendering anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Capabilities {
    /// DDL runs inside a transaction and rolls back with it (not MySQL: DDL commits implicitly).
    pub transactional_ddl: bool,
    /// `CREATE INDEX CONCURRENTLY` builds without blocking writes. Elsewhere `.concurrently()`
    /// is accepted and ignored: the flag asks for a lock-free build, not different semantics.
    pub concurrent_index: bool,
    /// `ALTER COLUMN .. TYPE` in place (SQLite rebuilds the table instead).
    pub alter_column_type: bool,
    /// `SET/DROP NOT NULL` in place (SQLite rebuilds the table instead).
    pub alter_column_nullability: bool,
    /// `SET/DROP DEFAULT` in place (SQLite rebuilds the table instead).
    pub alter_column_default: bool,
    /// Alters the dialect lacks are done by the move-and-copy rebuild, which needs the table's
    /// current definition at render time (see `needs_table_definition`).
    pub table_rebuild: bool,
    /// Some ops render from their table's current definition (SQLite's rebuilds and emulated
    /// `IF [NOT] EXISTS`, MySQL's whole-column `MODIFY COLUMN`, index drops and emulations): the
    /// runner folds the chain's model for them (see `needs_table_definition`).
    pub table_definitions: bool,
    /// `ALTER TABLE .. DROP CONSTRAINT` in place.
    pub drop_constraint: bool,
    /// `ALTER TABLE .. ADD CONSTRAINT` in place.
    pub add_constraint_after_create: bool,
    /// Partial indexes (`WHERE ..`).
    pub partial_index: bool,
    /// Covering indexes (`INCLUDE (..)`).
    pub include_columns: bool,
    /// Indexes on expressions (MySQL 8.0.13+; not MariaDB).
    pub expression_index: bool,
    /// Index access methods other than btree (`USING gin`, ...) and operator classes.
    pub index_methods: bool,
    /// `NULLS FIRST|LAST` on index columns.
    pub nulls_order: bool,
    /// Declarative partitioning (`PARTITION BY`, `PARTITION OF`, `ATTACH`/`DETACH`).
    pub partitions: bool,
    /// Materialized views.
    pub materialized_views: bool,
    /// `CREATE OR REPLACE VIEW` (SQLite gets a drop-and-create instead).
    pub or_replace_view: bool,
    /// Renaming a view.
    pub rename_view: bool,
    /// Named enum types (`CREATE TYPE .. AS ENUM`).
    pub enum_types: bool,
    /// Sequences as objects.
    pub sequences: bool,
    /// Extensions (`CREATE EXTENSION`).
    pub extensions: bool,
    /// Table and column comments. SQLite has none: comments inside definitions are dropped,
    /// comment ops are unsupported.
    pub comments: bool,
    /// `ADD COLUMN IF NOT EXISTS` (also MariaDB, when the context says so).
    pub if_not_exists_column: bool,
    /// `NOT VALID` constraints and `VALIDATE CONSTRAINT`.
    pub not_valid_constraints: bool,
    /// `DEFERRABLE` foreign keys.
    pub deferrable: bool,
    /// `EXCLUDE` constraints.
    pub exclude: bool,
    /// Array column types.
    pub arrays: bool,
    /// Identity columns on any key column (SQLite only has `INTEGER PRIMARY KEY AUTOINCREMENT`).
    pub identity: bool,
}
