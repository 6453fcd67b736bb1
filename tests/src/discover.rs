//! Finding a server once per process: environment variable, local port, then testcontainers (with
//! the `testcontainers` feature).

use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;

#[cfg(feature = "testcontainers")]
use crate::container;
use crate::{admin, Dialect, HarnessError};

/// A server the harness may create databases on.
#[derive(Debug, Clone)]
pub(crate) struct Server {
    /// Admin URL, password included (never printed: see [`admin::redact`]).
    pub(crate) admin_url: String,
    /// Where it came from, for messages: `TEST_DATABASE_URL`, `127.0.0.1:5432`, `testcontainers`.
    pub(crate) origin: String,
}

/// Discovery's outcome is cached, error included, so that fifty tests probe once and a broken
/// `TEST_DATABASE_URL` fails every test quickly with the same message.
static POSTGRES: OnceLock<Result<Server, HarnessError>> = OnceLock::new();
static MYSQL: OnceLock<Result<Server, HarnessError>> = OnceLock::new();

/// How long a local port may take to accept a TCP connection before we call it closed.
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);

/// The server for `dialect` (PostgreSQL or MySQL), discovered on first use.
pub(crate) fn server(dialect: Dialect) -> Result<&'static Server, HarnessError> {
    let cell = match dialect {
        Dialect::Postgres => &POSTGRES,
        Dialect::Mysql => &MYSQL,
        Dialect::Sqlite => {
            return Err(HarnessError::NoServer { dialect, attempts: vec!["SQLite has no server".into()] })
        }
    };
    cell.get_or_init(|| discover(dialect)).as_ref().map_err(Clone::clone)
}

/// Checks a server named explicitly, by an environment variable or a caller.
pub(crate) fn explicit(dialect: Dialect, url: &str, origin: &str) -> Result<Server, HarnessError> {
    admin::validate_url(url).map_err(|reason| HarnessError::BadUrl {
        dialect,
        url: admin::redact(url),
        origin: origin.to_owned(),
        reason,
    })?;
    admin::check(dialect, url).map_err(|reason| HarnessError::Connect {
        dialect,
        url: admin::redact(url),
        origin: origin.to_owned(),
        reason,
    })?;
    Ok(Server { admin_url: url.to_owned(), origin: origin.to_owned() })
}

fn discover(dialect: Dialect) -> Result<Server, HarnessError> {
    // An explicit URL is the user's decision: when it fails we say so instead of quietly using
    // another server.
    if let Some(var) = dialect.env_var() {
        if let Some(url) = std::env::var(var).ok().filter(|u| !u.trim().is_empty()) {
            return explicit(dialect, url.trim(), var);
        }
    }
    let mut attempts = Vec::new();
    let (port, users) = match dialect {
        Dialect::Postgres => (5432, ["postgres", "root"].as_slice()),
        _ => (3306, ["root"].as_slice()),
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    if TcpStream::connect_timeout(&addr, PROBE_TIMEOUT).is_ok() {
        for user in users {
            let url = match dialect {
                Dialect::Postgres => format!("postgres://{user}@{addr}/postgres"),
                _ => format!("mysql://{user}@{addr}/mysql"),
            };
            match admin::check(dialect, &url) {
                Ok(()) => return Ok(Server { admin_url: url, origin: addr.to_string() }),
                Err(reason) => attempts.push(format!("{url}: {reason}")),
            }
        }
    } else {
        attempts.push(format!("nothing answers on {addr}"));
    }
    #[cfg(feature = "testcontainers")]
    if !container::docker_reachable() {
        attempts.push("no Docker engine for testcontainers (DOCKER_HOST unset, /var/run/docker.sock missing)".into());
    } else {
        match container::start(dialect) {
            Ok(url) => return Ok(Server { admin_url: url, origin: "testcontainers".into() }),
            Err(reason) => attempts.push(format!("testcontainers: {reason}")),
        }
    }
    #[cfg(not(feature = "testcontainers"))]
    attempts.push(
        "no container either: the harness's `testcontainers` feature is off; to start a server in Docker, run \
         the tests with `--features retort-tests/testcontainers`"
            .into(),
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        attempts.push("CI=true, so this fails the run instead of skipping".into());
    }
    Err(HarnessError::NoServer { dialect, attempts })
}
