//! `Database`: one diesel connection to PostgreSQL, SQLite or MySQL/MariaDB, chosen by URL.
//!
//! An enum over the three concrete connections rather than `diesel::MultiConnection`: the runner
//! sends SQL text (`batch_execute`) and reads a few text columns back, so it needs neither
//! diesel's query builder across backends nor the code `MultiConnection` generates for it.

// A build without some backends leaves their arms, and what only they use, out.
#![cfg_attr(not(all(feature = "postgres", feature = "mysql", feature = "sqlite")), allow(dead_code, unused_variables))]

use std::fmt;

use diesel::connection::SimpleConnection;
use diesel::deserialize::{FromSql, QueryableByName};
#[cfg(feature = "mysql")]
use diesel::mysql::MysqlConnection;
#[cfg(feature = "postgres")]
use diesel::pg::PgConnection;
use diesel::row::NamedRow;
use diesel::sql_types::{Nullable, Text};
#[cfg(feature = "sqlite")]
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};

use super::RunError;
use crate::backend::{Dialect, RenderError, TableDef};
use crate::config::obfuscate_url;
use crate::ops::Op;

/// A connection to the database being migrated.
pub struct Database {
    pub(crate) conn: Conn,
    dialect: Dialect,
    /// The URL as given, needed to open the lock session; never printed.
    url: String,
    /// The URL with its password replaced, for messages.
    display_url: String,
    /// A statement failed because the session is gone (see [`session_lost`]): its locks, the
    /// migration lock included, went with it.
    lost: bool,
}

/// The concrete connection.
pub(crate) enum Conn {
    #[cfg(feature = "postgres")]
    Postgres(PgConnection),
    #[cfg(feature = "sqlite")]
    Sqlite(SqliteConnection),
    #[cfg(feature = "mysql")]
    Mysql(MysqlConnection),
}

#[cfg(not(any(feature = "postgres", feature = "sqlite", feature = "mysql")))]
compile_error!("retort needs at least one backend: enable its `sqlite`, `postgres` or `mysql` feature");

/// What a URL asks for, with the string each driver expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Postgres(String),
    Sqlite(String),
    Mysql(String),
}

impl Target {
    /// The cargo feature of retort (and retort-cli) that compiles this backend in.
    fn feature(&self) -> &'static str {
        match self {
            Target::Postgres(_) => "postgres",
            Target::Sqlite(_) => "sqlite",
            Target::Mysql(_) => "mysql",
        }
    }
}

/// Seconds libpq waits for an unreachable server, unless the URL says otherwise.
const CONNECT_TIMEOUT_SECS: u32 = 10;

impl Database {
    /// Connects to `url`: `postgres://` (or `postgresql://`), `mysql://` (or `mariadb://`),
    /// `sqlite://path`, `sqlite:path` or `sqlite::memory:`.
    ///
    /// A bad URL is [`RunError::UnsupportedUrl`]; an unreachable server or rejected login is
    /// [`RunError::Connect`]. Both name the URL with its password obfuscated.
    pub fn connect(url: &str) -> Result<Database, RunError> {
        let display_url = obfuscate_url(url);
        let target = parse_url(url)?;
        // parse_url accepted the scheme, so the backend names its dialect.
        let dialect = url
            .split_once(':')
            .and_then(|(scheme, _)| scheme.parse::<Dialect>().ok())
            .ok_or_else(|| RunError::UnsupportedUrl { url: display_url.clone() })?;
        let conn = open(&target, &display_url)?;
        Ok(Database { conn, dialect, url: url.to_string(), display_url, lost: false })
    }

    /// The connection's dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The URL with its password obfuscated, for messages and logs.
    pub fn display_url(&self) -> &str {
        &self.display_url
    }

    /// The URL as given, password included: for deriving a sibling database's URL, never for
    /// printing.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Runs one or more `;`-separated statements in a single round trip (PostgreSQL's simple
    /// query protocol, MySQL's multi-statements, `sqlite3_exec`). Stops at the first error.
    pub fn batch_execute(&mut self, sql: &str) -> Result<(), diesel::result::Error> {
        let result = match &mut self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => c.batch_execute(sql),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => c.batch_execute(sql),
            #[cfg(feature = "mysql")]
            Conn::Mysql(c) => c.batch_execute(sql),
        };
        self.note(result)
    }

    /// Whether a statement failed because the server ended this session (the run must stop: the
    /// migration lock ended with it).
    pub(crate) fn is_lost(&self) -> bool {
        self.lost
    }

    fn note<T>(&mut self, result: Result<T, diesel::result::Error>) -> Result<T, diesel::result::Error> {
        if let Err(e) = &result {
            self.lost |= session_lost(e);
        }
        result
    }

    /// Runs a query whose columns are named `c0`, `c1`, .. (at most 16) and are all text (or NULL).
    pub(crate) fn query<const N: usize>(
        &mut self,
        sql: &str,
    ) -> Result<Vec<[Option<String>; N]>, diesel::result::Error> {
        const { assert!(N <= COLUMN_NAMES.len(), "a query reads at most 16 columns") };
        let rows: Result<Vec<TextRow<N>>, _> = match &mut self.conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => diesel::sql_query(sql).load(c),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => diesel::sql_query(sql).load(c),
            #[cfg(feature = "mysql")]
            Conn::Mysql(c) => diesel::sql_query(sql).load(c),
        };
        Ok(self.note(rows)?.into_iter().map(|r| r.0).collect())
    }

    /// A table's current definition, for the ops the renderer draws from the live table
    /// (SQLite rebuilds, MySQL's emulated `IF [NOT] EXISTS` and foreign-key drops).
    pub(crate) fn introspect(&mut self, op: &Op, table: &str) -> Result<TableDef, RenderError> {
        match &mut self.conn {
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => crate::backend::introspect_table(c, table),
            #[cfg(feature = "mysql")]
            Conn::Mysql(c) => crate::backend::introspect_mysql_table(c, table),
            #[cfg(feature = "postgres")]
            Conn::Postgres(_) => Err(RenderError::NeedsConnection { op: op.kind(), table: table.to_string() }),
        }
    }

    /// The database's message for a failed query, on as few lines as it needs (for the errors
    /// of `crate::inspect`, which are not the runner's).
    pub(crate) fn message(error: &diesel::result::Error) -> String {
        error_message(error)
    }

    /// A [`RunError::Database`] for a failed bookkeeping statement.
    pub(crate) fn error(&self, context: impl Into<String>, error: &diesel::result::Error) -> RunError {
        RunError::Database { context: context.into(), url: self.display_url.clone(), message: error_message(error) }
    }
}

/// Redacts the URL and its password.
impl fmt::Debug for Database {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Database").field("dialect", &self.dialect()).field("url", &self.display_url).finish()
    }
}

/// Whether `error` says the session is gone: the server ended it (`pg_terminate_backend`,
/// `idle_session_timeout`, a pooler, a failover, a restart) or the connection broke. libpq marks
/// the connection bad, which diesel reports as `ClosedConnection`.
pub(crate) fn session_lost(error: &diesel::result::Error) -> bool {
    matches!(error, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::ClosedConnection, _))
}

/// The database's message for a diesel error, on as few lines as it needs.
pub(crate) fn error_message(error: &diesel::result::Error) -> String {
    match error {
        diesel::result::Error::DatabaseError(_, info) => {
            let mut message = info.message().trim().to_string();
            if let Some(details) = info.details() {
                message.push_str(&format!(" ({})", details.trim()));
            }
            if let Some(hint) = info.hint() {
                message.push_str(&format!("; hint: {}", hint.trim()));
            }
            message
        }
        other => other.to_string(),
    }
}

/// The column names queries use; a query reads at most this many columns.
const COLUMN_NAMES: [&str; 16] =
    ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13", "c14", "c15"];

/// A row of text columns named `c0`, `c1`, ..
struct TextRow<const N: usize>([Option<String>; N]);

impl<DB, const N: usize> QueryableByName<DB> for TextRow<N>
where
    DB: diesel::backend::Backend,
    Option<String>: FromSql<Nullable<Text>, DB>,
{
    fn build<'a>(row: &impl NamedRow<'a, DB>) -> diesel::deserialize::Result<Self> {
        let mut values: [Option<String>; N] = std::array::from_fn(|_| None);
        for (value, name) in values.iter_mut().zip(COLUMN_NAMES) {
            *value = NamedRow::get::<Nullable<Text>, Option<String>>(row, name)?;
        }
        Ok(TextRow(values))
    }
}

/// Parses a database URL into what the matching driver expects.
pub(crate) fn parse_url(url: &str) -> Result<Target, RunError> {
    let unsupported = || RunError::UnsupportedUrl { url: obfuscate_url(url) };
    let (scheme, rest) = url.split_once(':').ok_or_else(unsupported)?;
    let scheme = scheme.to_ascii_lowercase();
    if let Some(c) = crate::redact::control_character(url) {
        return Err(RunError::config(format!(
            "the database URL {} contains the control character {c:?}; remove it",
            obfuscate_url(url)
        )));
    }
    if matches!(scheme.as_str(), "postgres" | "postgresql" | "mysql" | "mariadb") {
        if !rest.starts_with("//") {
            return Err(unsupported());
        }
        // A URL whose password is not where a parser finds it never reaches a driver, whose
        // messages would echo it.
        if let Err(reason) = crate::redact::check_parseable(url) {
            return Err(RunError::config(format!(
                "the database URL {} cannot be used: {reason}; percent-encode these characters in the user name \
                 and password: `@` %40, `/` %2F, `#` %23, `?` %3F, `[` %5B, `]` %5D, space %20, `%` %25",
                obfuscate_url(url)
            )));
        }
    }
    match scheme.as_str() {
        "postgres" | "postgresql" => Ok(Target::Postgres(with_postgres_defaults(url))),
        "mysql" | "mariadb" => {
            let names_database = url::Url::parse(url).is_ok_and(|u| !u.path().trim_matches('/').is_empty());
            if !names_database {
                return Err(RunError::config(format!(
                    "the MySQL URL {} names no database; add it as the path: mysql://user@host/app_db",
                    obfuscate_url(url)
                )));
            }
            Ok(Target::Mysql(format!("mysql:{rest}")))
        }
        "sqlite" => {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            match path {
                "" => Err(RunError::config(format!(
                    "the SQLite URL {} names no file; write sqlite://path/to/file.db (sqlite:///abs/path.db for an absolute path) or sqlite::memory:",
                    obfuscate_url(url)
                ))),
                ":memory:" => Ok(Target::Sqlite(":memory:".into())),
                // diesel opens SQLite with URI filenames enabled, so `?mode=ro` and friends work
                _ => Ok(Target::Sqlite(format!("file:{path}"))),
            }
        }
        _ => Err(unsupported()),
    }
}

/// Adds what libpq's own defaults get wrong for a migrator, unless the URL or the environment
/// already says: a `connect_timeout`, since libpq waits forever for a host that drops packets;
/// and, for a server on this machine, `sslmode=allow`. libpq's default (`prefer`) negotiates TLS
/// first, which on loopback protects nothing and costs half of a no-op `upgrade head` (two thirds
/// of the client's instructions, plus the server's side of the handshake); `allow` still falls
/// back to TLS when the server demands it.
fn with_postgres_defaults(url: &str) -> String {
    let mut params = Vec::new();
    if !url.contains("connect_timeout=") {
        params.push(format!("connect_timeout={CONNECT_TIMEOUT_SECS}"));
    }
    if !url.contains("sslmode=") && std::env::var_os("PGSSLMODE").is_none() && is_loopback(url) {
        params.push("sslmode=allow".to_string());
    }
    if params.is_empty() {
        return url.to_string();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{}", params.join("&"))
}

/// Whether a PostgreSQL URL names exactly one host on this machine over TCP (a Unix socket never
/// uses TLS, and a `host=`/`hostaddr=` parameter overrides the authority, so both are left alone).
fn is_loopback(url: &str) -> bool {
    if url.contains("host=") || url.contains("hostaddr=") {
        return false;
    }
    let Ok(parsed) = url::Url::parse(url) else { return false };
    match parsed.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        // `postgres:` is not a special scheme to the URL standard, so an IPv4 address arrives
        // as an opaque host name.
        Some(url::Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        None => false,
    }
}

fn open(target: &Target, display_url: &str) -> Result<Conn, RunError> {
    // The drivers' messages can echo the URL or the password as they read it.
    let failed = |e: diesel::ConnectionError| {
        let secret = match target {
            Target::Postgres(url) | Target::Mysql(url) | Target::Sqlite(url) => url,
        };
        RunError::Connect {
            url: display_url.to_string(),
            reason: crate::redact::scrub(&one_line(&e.to_string()), secret),
        }
    };
    match target {
        #[cfg(feature = "postgres")]
        Target::Postgres(url) => PgConnection::establish(url).map(Conn::Postgres).map_err(failed),
        #[cfg(feature = "mysql")]
        Target::Mysql(url) => MysqlConnection::establish(url).map(Conn::Mysql).map_err(failed),
        #[cfg(feature = "sqlite")]
        Target::Sqlite(path) => {
            let mut conn = SqliteConnection::establish(path).map_err(failed)?;
            // SQLite opens any file lazily; reading the header now turns "not a database" into a
            // usage error here rather than a failed bookkeeping statement later.
            conn.batch_execute("PRAGMA schema_version").map_err(|e| {
                RunError::config(format!(
                    "{display_url} is not a SQLite database ({}); point the URL at a SQLite file, or at a path that does not exist yet",
                    error_message(&e)
                ))
            })?;
            Ok(Conn::Sqlite(conn))
        }
        #[allow(unreachable_patterns)] // with every backend compiled in
        _ => Err(RunError::BackendNotCompiled { url: display_url.to_string(), feature: target.feature() }),
    }
}

fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_driver_strings() {
        assert_eq!(parse_url("sqlite:///tmp/a.db").unwrap(), Target::Sqlite("file:/tmp/a.db".into()));
        assert_eq!(parse_url("sqlite://data/a.db").unwrap(), Target::Sqlite("file:data/a.db".into()));
        assert_eq!(parse_url("sqlite:a.db").unwrap(), Target::Sqlite("file:a.db".into()));
        assert_eq!(parse_url("sqlite::memory:").unwrap(), Target::Sqlite(":memory:".into()));
        assert_eq!(parse_url("mariadb://root@h/db").unwrap(), Target::Mysql("mysql://root@h/db".into()));
        assert_eq!(
            parse_url("postgres://u@h/db").unwrap(),
            Target::Postgres("postgres://u@h/db?connect_timeout=10".into())
        );
        assert_eq!(
            parse_url("postgresql://u@h/db?sslmode=disable").unwrap(),
            Target::Postgres("postgresql://u@h/db?sslmode=disable&connect_timeout=10".into())
        );
    }

    #[test]
    fn loopback_postgres_urls_skip_the_tls_handshake_unless_asked() {
        let target = |url: &str| parse_url(url).unwrap();
        assert_eq!(
            target("postgres://u@127.0.0.1/db"),
            Target::Postgres("postgres://u@127.0.0.1/db?connect_timeout=10&sslmode=allow".into())
        );
        assert_eq!(
            target("postgres://u@localhost:5433/db"),
            Target::Postgres("postgres://u@localhost:5433/db?connect_timeout=10&sslmode=allow".into())
        );
        assert_eq!(
            target("postgres://u@[::1]/db?connect_timeout=3"),
            Target::Postgres("postgres://u@[::1]/db?connect_timeout=3&sslmode=allow".into())
        );
        // An explicit choice, a remote host or a socket path is left as written.
        assert_eq!(
            target("postgres://u@127.0.0.1/db?sslmode=require"),
            Target::Postgres("postgres://u@127.0.0.1/db?sslmode=require&connect_timeout=10".into())
        );
        assert_eq!(
            target("postgres://u@db.internal/db"),
            Target::Postgres("postgres://u@db.internal/db?connect_timeout=10".into())
        );
        assert_eq!(
            target("postgres://u@/db?host=/run/postgresql"),
            Target::Postgres("postgres://u@/db?host=/run/postgresql&connect_timeout=10".into())
        );
    }

    #[test]
    fn unknown_scheme_is_an_unsupported_url_without_the_password() {
        let err = parse_url("oracle://scott:tiger@h/db").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("oracle://scott:***@h/db"), "{text}");
        assert!(!text.contains("tiger"), "{text}");
        assert!(err.is_usage_error());
        assert!(parse_url("no url at all").is_err());
    }
}
