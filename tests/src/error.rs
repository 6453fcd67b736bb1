//! What can go wrong while providing a test database, each message ending with the fix.

use std::fmt;
use std::path::PathBuf;

use crate::Dialect;

/// Why the harness could not provide a test database.
///
/// `Debug` prints the same text as `Display`, so that `TestDb::postgres().unwrap()` and a test
/// returning `Result` both show the message and the fix rather than a struct dump.
#[derive(Clone, thiserror::Error)]
#[non_exhaustive]
pub enum HarnessError {
    /// A server named by a URL (an environment variable or an explicit constructor argument)
    /// refused the harness's admin connection.
    #[error("cannot connect to the {dialect} server at {url} ({origin}): {reason}; {}", fix_connect(.dialect))]
    Connect {
        /// The family of the server.
        dialect: Dialect,
        /// The URL tried, with any password replaced by `***`.
        url: String,
        /// Where the URL came from, e.g. `TEST_DATABASE_URL`.
        origin: String,
        /// The driver's message.
        reason: String,
    },
    /// Discovery found no usable server.
    #[error("no {dialect} server for the tests (tried: {}); {}", .attempts.join("; "), fix_start(.dialect))]
    NoServer {
        /// The family asked for.
        dialect: Dialect,
        /// Each place tried and why it did not work.
        attempts: Vec<String>,
    },
    /// The server was reachable but refused `CREATE DATABASE`.
    #[error("cannot create the test database `{name}` on {url}: {reason}; {}", fix_create(.dialect))]
    CreateDatabase {
        /// The family of the server.
        dialect: Dialect,
        /// The database the harness tried to create.
        name: String,
        /// The server's admin URL, with any password replaced by `***`.
        url: String,
        /// The driver's message.
        reason: String,
    },
    /// A server URL could not be parsed.
    #[error("{origin} is not a valid {dialect} URL ({url}): {reason}; write it as {}", example_url(.dialect))]
    BadUrl {
        /// The family of the server.
        dialect: Dialect,
        /// The text given, with any password replaced by `***` when it could be found.
        url: String,
        /// Where the URL came from.
        origin: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The temporary file of an SQLite test database could not be created.
    #[error("cannot create the SQLite test database file {}: {reason}; point TMPDIR at a writable directory", .path.display())]
    TempFile {
        /// The file the harness tried to create.
        path: PathBuf,
        /// The operating system's message.
        reason: String,
    },
}

impl fmt::Debug for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// How to start a local server, per family; shared by the messages and the docs.
fn start_commands(dialect: &Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` \
             (install with `apt-get install postgresql`)"
        }
        Dialect::Mysql => {
            "`start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd` \
             (install with `apt-get install mariadb-server`)"
        }
        Dialect::Sqlite => "nothing (SQLite needs no server)",
    }
}

fn example_url(dialect: &Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "postgres://USER[:PASSWORD]@HOST:PORT/DATABASE, e.g. postgres://postgres@127.0.0.1:5432/postgres"
        }
        Dialect::Mysql => "mysql://USER[:PASSWORD]@HOST:PORT/DATABASE, e.g. mysql://root@127.0.0.1:3306/mysql",
        Dialect::Sqlite => "a file path",
    }
}

fn fix_connect(dialect: &Dialect) -> String {
    let var = dialect.env_var().unwrap_or("the URL");
    format!(
        "fix: point {var} at a reachable {dialect} server whose user may create databases ({}), \
         or unset {var} to use a local server on the default port, started with {}",
        example_url(dialect),
        start_commands(dialect)
    )
}

fn fix_start(dialect: &Dialect) -> String {
    let var = dialect.env_var().unwrap_or("the URL");
    format!(
        "fix: start a local server with {}, or set {var} to {}, or start a Docker engine and run the tests \
         with `--features retort-tests/testcontainers` so the harness runs one; in CI, `.ci/run` installs \
         and starts both servers",
        start_commands(dialect),
        example_url(dialect)
    )
}

fn fix_create(dialect: &Dialect) -> String {
    let var = dialect.env_var().unwrap_or("the URL");
    let grant = match dialect {
        Dialect::Postgres => "`ALTER ROLE <user> CREATEDB`",
        Dialect::Mysql => "`GRANT ALL ON *.* TO <user>`",
        Dialect::Sqlite => "write access",
    };
    format!("fix: give the user the right to create and drop databases ({grant}), or point {var} at a user that has it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_server_message_lists_attempts_and_every_way_to_provide_one() {
        let err = HarnessError::NoServer {
            dialect: Dialect::Mysql,
            attempts: vec!["nothing answers on 127.0.0.1:3306".into(), "no Docker engine".into()],
        };
        let message = err.to_string();
        for needle in ["nothing answers on 127.0.0.1:3306; no Docker engine", "mariadbd", "TEST_MYSQL_URL", ".ci/run"] {
            assert!(message.contains(needle), "{needle:?} missing from: {message}");
        }
    }
}
