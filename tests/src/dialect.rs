//! The database families the harness provides.

use std::fmt;

/// A database family. The harness has its own enum rather than `retort::Dialect` because `retort`
/// dev-depends on this crate; map it with [`Dialect::as_str`] where a test needs retort's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// PostgreSQL: a database per test on a shared server.
    Postgres,
    /// MySQL or MariaDB: a database (schema) per test on a shared server.
    Mysql,
    /// SQLite: a temporary file per test.
    Sqlite,
}

impl Dialect {
    /// The lowercase name, as in a URL scheme: `postgres`, `mysql`, `sqlite`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// The environment variable that names this family's server, if it has one.
    pub(crate) fn env_var(self) -> Option<&'static str> {
        match self {
            Dialect::Postgres => Some("TEST_DATABASE_URL"),
            Dialect::Mysql => Some("TEST_MYSQL_URL"),
            Dialect::Sqlite => None,
        }
    }
}

/// The product name, for messages.
impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::Mysql => "MySQL/MariaDB",
            Dialect::Sqlite => "SQLite",
        })
    }
}
