//! The last resort of discovery: a server in a Docker container, one per family per process.

use std::path::Path;
use std::sync::OnceLock;

use testcontainers::runners::SyncRunner;
use testcontainers::{Container, ImageExt};
use testcontainers_modules::{mysql::Mysql, postgres::Postgres};

use crate::Dialect;

/// The containers live as long as the process, so that every test of a binary shares one server
/// (starting one takes seconds). Statics are never dropped: testcontainers does not remove them at
/// exit, and `docs/testing.md` says how to clean them up.
static POSTGRES: OnceLock<Container<Postgres>> = OnceLock::new();
static MYSQL: OnceLock<Container<Mysql>> = OnceLock::new();

/// The PostgreSQL image tag, matching the server the project develops against.
const POSTGRES_TAG: &str = "15-alpine";

/// Whether a Docker engine looks reachable; checked before asking testcontainers, whose own failure
/// on a machine without Docker is slow and verbose.
pub(crate) fn docker_reachable() -> bool {
    std::env::var_os("DOCKER_HOST").is_some_and(|v| !v.is_empty()) || Path::new("/var/run/docker.sock").exists()
}

/// Starts the family's container and returns its admin URL. Called at most once per family per
/// process (discovery caches its result).
pub(crate) fn start(dialect: Dialect) -> Result<String, String> {
    match dialect {
        Dialect::Postgres => {
            let c = Postgres::default().with_tag(POSTGRES_TAG).start().map_err(|e| e.to_string())?;
            let url = format!(
                "postgres://postgres:postgres@{}:{}/postgres",
                c.get_host().map_err(|e| e.to_string())?,
                c.get_host_port_ipv4(5432).map_err(|e| e.to_string())?
            );
            let _ = POSTGRES.set(c);
            Ok(url)
        }
        Dialect::Mysql => {
            // The module's image lets root in without a password.
            let c = Mysql::default().start().map_err(|e| e.to_string())?;
            let url = format!(
                "mysql://root@{}:{}/mysql",
                c.get_host().map_err(|e| e.to_string())?,
                c.get_host_port_ipv4(3306).map_err(|e| e.to_string())?
            );
            let _ = MYSQL.set(c);
            Ok(url)
        }
        Dialect::Sqlite => Err("SQLite needs no container".to_owned()),
    }
}
