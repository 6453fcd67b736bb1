//! `TestDb`: one throwaway database, created on construction and dropped with the handle.

use std::fmt;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::discover::{self, Server};
use crate::{admin, name, Dialect, HarnessError};

/// A fresh, uniquely named database that is dropped (or, for SQLite, deleted) when this value is.
///
/// Declare connections after the `TestDb` so that they close first; PostgreSQL databases are
/// dropped `WITH (FORCE)` anyway, which ends sessions a test left open.
pub struct TestDb {
    dialect: Dialect,
    name: String,
    url: String,
    /// The server's admin URL; `None` for SQLite.
    server_url: Option<String>,
    /// The database file; `Some` for SQLite only.
    path: Option<PathBuf>,
}

impl TestDb {
    /// A fresh database of `dialect`; the same as calling [`TestDb::postgres`], [`TestDb::mysql`]
    /// or [`TestDb::sqlite`].
    pub fn new(dialect: Dialect) -> Result<TestDb, HarnessError> {
        match dialect {
            Dialect::Postgres => TestDb::postgres(),
            Dialect::Mysql => TestDb::mysql(),
            Dialect::Sqlite => TestDb::sqlite(),
        }
    }

    /// A fresh PostgreSQL database on the discovered server (`TEST_DATABASE_URL`, else
    /// 127.0.0.1:5432, else a testcontainers container).
    pub fn postgres() -> Result<TestDb, HarnessError> {
        TestDb::on_server(Dialect::Postgres, discover::server(Dialect::Postgres)?)
    }

    /// A fresh MySQL/MariaDB database on the discovered server (`TEST_MYSQL_URL`, else
    /// 127.0.0.1:3306, else a testcontainers container).
    pub fn mysql() -> Result<TestDb, HarnessError> {
        TestDb::on_server(Dialect::Mysql, discover::server(Dialect::Mysql)?)
    }

    /// A fresh PostgreSQL database on the server at `server_url`, bypassing discovery (and its
    /// cache). `server_url` is an admin URL such as `postgres://postgres@127.0.0.1:5432/postgres`.
    pub fn postgres_at(server_url: &str) -> Result<TestDb, HarnessError> {
        let server = discover::explicit(Dialect::Postgres, server_url, "given to TestDb::postgres_at")?;
        TestDb::on_server(Dialect::Postgres, &server)
    }

    /// A fresh MySQL/MariaDB database on the server at `server_url`, bypassing discovery (and its
    /// cache). `server_url` is an admin URL such as `mysql://root@127.0.0.1:3306/mysql`.
    pub fn mysql_at(server_url: &str) -> Result<TestDb, HarnessError> {
        let server = discover::explicit(Dialect::Mysql, server_url, "given to TestDb::mysql_at")?;
        TestDb::on_server(Dialect::Mysql, &server)
    }

    /// A fresh SQLite database: a new empty file in the temporary directory, deleted on drop
    /// together with its `-wal`, `-shm` and `-journal` companions.
    pub fn sqlite() -> Result<TestDb, HarnessError> {
        let name = name::unique_name();
        let path = std::env::temp_dir().join(format!("{name}.sqlite3"));
        // create_new: a leftover file of the same name would not be a fresh database
        File::create_new(&path).map_err(|e| HarnessError::TempFile { path: path.clone(), reason: e.to_string() })?;
        let url = format!("sqlite://{}", path.display());
        Ok(TestDb { dialect: Dialect::Sqlite, name, url, server_url: None, path: Some(path) })
    }

    fn on_server(dialect: Dialect, server: &Server) -> Result<TestDb, HarnessError> {
        let name = name::unique_name();
        let url = admin::database_url(&server.admin_url, &name).map_err(|e| HarnessError::BadUrl {
            dialect,
            url: admin::redact(&server.admin_url),
            origin: server.origin.clone(),
            reason: e.to_string(),
        })?;
        admin::create_database(dialect, &server.admin_url, &name).map_err(|failure| match failure {
            admin::Failure::Connect(reason) => HarnessError::Connect {
                dialect,
                url: admin::redact(&server.admin_url),
                origin: server.origin.clone(),
                reason,
            },
            admin::Failure::Statement(reason) => HarnessError::CreateDatabase {
                dialect,
                name: name.clone(),
                url: admin::redact(&server.admin_url),
                reason,
            },
        })?;
        Ok(TestDb { dialect, name, url, server_url: Some(server.admin_url.clone()), path: None })
    }

    /// The URL to connect to this database, in the form retort accepts: `postgres://…/<name>`,
    /// `mysql://…/<name>` (or `mariadb://` when the server URL said so), `sqlite://<absolute path>`
    /// (so `sqlite:///tmp/…` on Unix).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's family.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The database's name: `retort_t_<pid>_<counter>_<random>`; for SQLite, the file's stem.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The admin URL of the server this database lives on (to inspect the server itself, e.g.
    /// `pg_database`); `None` for SQLite.
    pub fn server_url(&self) -> Option<&str> {
        self.server_url.as_deref()
    }

    /// The database file; `None` for PostgreSQL and MySQL.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // No panic here: a panic while a failing test unwinds would abort the whole test binary.
        // A database left behind is harmless (unique names) and the message says how to remove it.
        if let Some(server_url) = &self.server_url {
            if let Err(reason) = admin::drop_database(self.dialect, server_url, &self.name) {
                eprintln!(
                    "retort-tests: could not drop test database `{}` on {}: {reason}; drop it by hand",
                    self.name,
                    admin::redact(server_url)
                );
            }
        }
        if let Some(path) = &self.path {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut file = path.clone().into_os_string();
                file.push(suffix);
                match fs::remove_file(&file) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => {
                        eprintln!("retort-tests: could not delete {}: {e}", Path::new(&file).display());
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Redacts the server password, which would otherwise land in test logs.
impl fmt::Debug for TestDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestDb")
            .field("dialect", &self.dialect)
            .field("name", &self.name)
            .field("url", &admin::redact(&self.url))
            .field("server_url", &self.server_url.as_deref().map(admin::redact))
            .finish()
    }
}
