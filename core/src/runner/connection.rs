//! `Database`: one diesel connection to PostgreSQL, SQLite or MySQL/MariaDB, chosen by URL.
//!
//! An enum over the three concrete connections rather than `diesel::MultiConnection`: the runner
//! sends SQL text (`batch_execute`) and reads a few text columns back, so it needs neither
//! diesel's query builder across backends nor the code `MultiConnection` generates for it.

// A build without some backends leaves their arms, and what only they use, out.
#![cfg_attr(not(all(feature = "postgres", feature = "mysql", feature = "sqlite")), allow(dead_code, unused_variables))]

use std::fmt;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

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

use super::error::Blocker;
use super::sql;
use super::timeouts::Timeouts;
use super::watchdog::{Probe, StallHooks, Watchdog};
use super::RunError;
use crate::backend::{Dialect, RenderError, TableDef};
use crate::config::obfuscate_url;
use crate::human::duration;
use crate::ops::Op;

/// A connection to the database being migrated.
pub struct Database {
    pub(crate) conn: Conn,
    dialect: Dialect,
    /// The URL as given, needed to open the lock session; never printed.
    url: String,
    /// The URL with its password replaced, for messages.
    display_url: String,
    /// The timeouts it was opened with (a sibling session gets the same).
    timeouts: Timeouts,
    /// Checks calls that run long from a second connection (servers only).
    watchdog: Option<Watchdog>,
    /// The next call is a statement that may wait for a lock this long.
    lock_wait: Option<Duration>,
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

impl Database {
    /// Connects to `url`: `postgres://` (or `postgresql://`), `mysql://` (or `mariadb://`),
    /// `sqlite://path`, `sqlite:path` or `sqlite::memory:`.
    ///
    /// A bad URL is [`RunError::UnsupportedUrl`]; an unreachable server or rejected login is
    /// [`RunError::Connect`]. Both name the URL with its password obfuscated.
    ///
    /// Uses the default [`Timeouts`]; [`Database::connect_with`] takes others.
    pub fn connect(url: &str) -> Result<Database, RunError> {
        Database::connect_with(url, &Timeouts::default())
    }

    /// [`Database::connect`] with these timeouts: connecting gives up after `timeouts.connect`
    /// ([`RunError::Connect`]), PostgreSQL gets TCP keepalives and `tcp_user_timeout` (unless
    /// the URL sets them), and a watchdog checks every call that runs longer than
    /// `timeouts.stall` (see [`StallHooks`]).
    pub fn connect_with(url: &str, timeouts: &Timeouts) -> Result<Database, RunError> {
        let mut db = Database::connect_unwatched(url, timeouts)?;
        if let Some(query) = sql::session_id_query(db.dialect) {
            let id = db.query::<1>(query).map_err(|e| db.error("reading the session id", &e))?;
            let session = id.first().and_then(|[v]| v.as_deref()).and_then(|v| v.trim().parse::<i64>().ok());
            if let Some(session) = session {
                let probe = Probe {
                    url: url.to_string(),
                    display_url: db.display_url.clone(),
                    dialect: db.dialect,
                    session,
                    timeouts: *timeouts,
                };
                db.watchdog = Some(Watchdog::start(probe));
            }
        }
        Ok(db)
    }

    /// A connection without a watchdog (the watchdog's own second connection).
    pub(crate) fn connect_unwatched(url: &str, timeouts: &Timeouts) -> Result<Database, RunError> {
        let display_url = obfuscate_url(url);
        let target = parse_url_with(url, timeouts)?;
        // parse_url accepted the scheme, so the backend names its dialect.
        let dialect = url
            .split_once(':')
            .and_then(|(scheme, _)| scheme.parse::<Dialect>().ok())
            .ok_or_else(|| RunError::UnsupportedUrl { url: display_url.clone() })?;
        let deadline = url_connect_timeout(url).unwrap_or(timeouts.connect);
        let conn = open_within(target, &display_url, deadline)?;
        Ok(Database {
            conn,
            dialect,
            url: url.to_string(),
            display_url,
            timeouts: *timeouts,
            watchdog: None,
            lock_wait: None,
            lost: false,
        })
    }

    /// Who hears from the watchdog: what a long call waits for, and why the run cannot go on.
    pub fn set_stall_hooks(&mut self, hooks: StallHooks) {
        if let Some(w) = &self.watchdog {
            w.set_hooks(hooks);
        }
    }

    /// Marks the next call as a statement that may wait for a lock up to `timeout`: the
    /// watchdog samples who blocks it while it waits (read with [`Database::take_lock_blockers`]).
    pub(crate) fn expect_lock_wait(&mut self, timeout: Duration) {
        self.lock_wait = Some(timeout);
    }

    /// The sessions that blocked the last marked statement, sampled while it waited; `None`
    /// when no sample was taken (it ended first, or the server has no watchdog).
    pub(crate) fn take_lock_blockers(&mut self) -> Option<Vec<Blocker>> {
        let timeout = self.timeouts.connect;
        self.watchdog.as_ref().and_then(|w| w.take_blockers(timeout))
    }

    /// Runs one call under the watchdog: an unusable connection fails at once, and a call the
    /// watchdog gave up on fails with its verdict.
    fn watched<T>(
        &mut self,
        call: impl FnOnce(&mut Conn) -> Result<T, diesel::result::Error>,
    ) -> Result<T, diesel::result::Error> {
        let lock_wait = self.lock_wait.take();
        let result = match &self.watchdog {
            None => call(&mut self.conn),
            Some(watchdog) => match watchdog.verdict() {
                Some(verdict) => Err(stalled(verdict)),
                None => {
                    watchdog.begin(lock_wait);
                    let result = call(&mut self.conn);
                    watchdog.end();
                    match watchdog.verdict() {
                        Some(verdict) if result.is_err() => Err(stalled(verdict)),
                        _ => result,
                    }
                }
            },
        };
        if let Err(e) = &result {
            self.lost |= session_lost(e);
        }
        result
    }

    /// Whether a statement failed because the server ended this session, or the watchdog gave up
    /// on it: the run must stop, since the migration lock lived on it.
    pub(crate) fn is_lost(&self) -> bool {
        self.lost
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
        self.watched(|conn| match conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => c.batch_execute(sql),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => c.batch_execute(sql),
            #[cfg(feature = "mysql")]
            Conn::Mysql(c) => c.batch_execute(sql),
        })
    }

    /// Runs a query whose columns are named `c0`, `c1`, .. (at most 16) and are all text (or NULL).
    pub(crate) fn query<const N: usize>(
        &mut self,
        sql: &str,
    ) -> Result<Vec<[Option<String>; N]>, diesel::result::Error> {
        const { assert!(N <= COLUMN_NAMES.len(), "a query reads at most 16 columns") };
        let rows: Vec<TextRow<N>> = self.watched(|conn| match conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => diesel::sql_query(sql).load(c),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => diesel::sql_query(sql).load(c),
            #[cfg(feature = "mysql")]
            Conn::Mysql(c) => diesel::sql_query(sql).load(c),
        })?;
        Ok(rows.into_iter().map(|r| r.0).collect())
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
        if self.lost {
            return RunError::SessionLost {
                during: context.into(),
                url: self.display_url.clone(),
                message: error_message(error),
            };
        }
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
/// `idle_session_timeout`, a pooler, a failover, a restart), the connection broke, or the
/// watchdog gave up on it. libpq marks the connection bad, which diesel reports as
/// `ClosedConnection`; MySQL reports 2006 (gone away) or 2013 (lost during the query).
pub(crate) fn session_lost(error: &diesel::result::Error) -> bool {
    match error {
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::ClosedConnection, _) => true,
        diesel::result::Error::DatabaseError(_, info) => matches!(info.native_code(), Some(2006 | 2013)),
        _ => false,
    }
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

/// The error a call fails with once the watchdog gave up on the connection.
fn stalled(verdict: String) -> diesel::result::Error {
    diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::ClosedConnection, Box::new(verdict))
}

/// Parses a database URL into what the matching driver expects, with the default timeouts.
#[cfg(test)]
pub(crate) fn parse_url(url: &str) -> Result<Target, RunError> {
    parse_url_with(url, &Timeouts::default())
}

/// Parses a database URL into what the matching driver expects.
pub(crate) fn parse_url_with(url: &str, timeouts: &Timeouts) -> Result<Target, RunError> {
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
        "postgres" | "postgresql" => Ok(Target::Postgres(with_postgres_defaults(url, timeouts))),
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
/// TCP keepalives and `tcp_user_timeout` ([`Timeouts`]), so that a dead peer ends the
/// connection instead of hanging it; and, for a server on this machine, `sslmode=allow`. libpq's default (`prefer`) negotiates TLS
/// first, which on loopback protects nothing and costs half of a no-op `upgrade head` (two thirds
/// of the client's instructions, plus the server's side of the handshake); `allow` still falls
/// back to TLS when the server demands it.
fn with_postgres_defaults(url: &str, timeouts: &Timeouts) -> String {
    let mut params = Vec::new();
    for (key, value) in timeouts.libpq_params() {
        if !url.contains(&format!("{key}=")) {
            params.push(format!("{key}={value}"));
        }
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

/// The `connect_timeout` a URL sets (whole seconds, as libpq reads it), which then bounds the
/// connect instead of `timeouts.connect`: on MySQL too, whose driver ignores it.
fn url_connect_timeout(url: &str) -> Option<Duration> {
    let parsed = url::Url::parse(url).ok()?;
    let secs = parsed.query_pairs().find(|(k, _)| k == "connect_timeout")?.1.trim().parse::<u64>().ok()?;
    (secs > 0).then(|| Duration::from_secs(secs))
}

/// Opens the connection, giving up after `timeout`. diesel's MySQL connection takes no timeout
/// (a listener that accepts and never answers hangs it), and a blocked connect cannot be
/// interrupted without `unsafe`, so a server connects on a thread of its own and is waited for
/// with a deadline; past it the thread is left behind (it ends when the OS or the server gives
/// up on the socket, or with the process).
fn open_within(target: Target, display_url: &str, timeout: Duration) -> Result<Conn, RunError> {
    if let Target::Sqlite(_) = &target {
        return open(&target, display_url);
    }
    let (tx, rx) = mpsc::channel();
    let shown = display_url.to_string();
    thread::Builder::new()
        .name("retort-connect".into())
        .spawn(move || {
            let _ = tx.send(open(&target, &shown));
        })
        .map_err(|e| RunError::Connect {
            url: display_url.to_string(),
            reason: format!("could not start a thread: {e}"),
        })?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(_) => Err(RunError::Connect {
            url: display_url.to_string(),
            reason: format!(
                "no answer within {} (timeouts.connect_ms, or connect_timeout in the URL); the server accepted the connection but did not \
                 complete the handshake, or the network drops packets",
                duration(timeout)
            ),
        }),
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

    /// The timeout parameters libpq gets by default.
    const TIMEOUTS: &str =
        "connect_timeout=11&keepalives=1&keepalives_idle=30&keepalives_interval=10&keepalives_count=3&tcp_user_timeout=60000";

    #[test]
    fn urls_map_to_driver_strings() {
        assert_eq!(parse_url("sqlite:///tmp/a.db").unwrap(), Target::Sqlite("file:/tmp/a.db".into()));
        assert_eq!(parse_url("sqlite://data/a.db").unwrap(), Target::Sqlite("file:data/a.db".into()));
        assert_eq!(parse_url("sqlite:a.db").unwrap(), Target::Sqlite("file:a.db".into()));
        assert_eq!(parse_url("sqlite::memory:").unwrap(), Target::Sqlite(":memory:".into()));
        assert_eq!(parse_url("mariadb://root@h/db").unwrap(), Target::Mysql("mysql://root@h/db".into()));
        assert_eq!(parse_url("postgres://u@h/db").unwrap(), Target::Postgres(format!("postgres://u@h/db?{TIMEOUTS}")));
        assert_eq!(
            parse_url("postgresql://u@h/db?sslmode=disable").unwrap(),
            Target::Postgres(format!("postgresql://u@h/db?sslmode=disable&{TIMEOUTS}"))
        );
    }

    #[test]
    fn a_connect_timeout_in_the_url_bounds_the_connect() {
        assert_eq!(url_connect_timeout("mysql://root@h/db?connect_timeout=3"), Some(Duration::from_secs(3)));
        assert_eq!(
            url_connect_timeout("postgres://u@h/db?sslmode=allow&connect_timeout=7"),
            Some(Duration::from_secs(7))
        );
        assert_eq!(url_connect_timeout("postgres://u@h/db"), None);
        assert_eq!(url_connect_timeout("postgres://u@h/db?connect_timeout=0"), None, "0 is libpq's 'forever'");
    }

    #[test]
    fn timeouts_the_url_sets_are_left_as_written() {
        let url = "postgres://u@h/db?connect_timeout=3&keepalives=0&tcp_user_timeout=5000";
        assert_eq!(
            parse_url(url).unwrap(),
            Target::Postgres(format!("{url}&keepalives_idle=30&keepalives_interval=10&keepalives_count=3"))
        );
        let short = Timeouts { connect: Duration::from_millis(1500), ..Timeouts::default() };
        let Target::Postgres(driver) = parse_url_with("postgres://u@h/db", &short).unwrap() else { panic!() };
        assert!(driver.contains("connect_timeout=3&"), "{driver}");
    }

    #[test]
    fn loopback_postgres_urls_skip_the_tls_handshake_unless_asked() {
        let target = |url: &str| parse_url(url).unwrap();
        assert_eq!(
            target("postgres://u@127.0.0.1/db"),
            Target::Postgres(format!("postgres://u@127.0.0.1/db?{TIMEOUTS}&sslmode=allow"))
        );
        assert_eq!(
            target("postgres://u@localhost:5433/db"),
            Target::Postgres(format!("postgres://u@localhost:5433/db?{TIMEOUTS}&sslmode=allow"))
        );
        assert_eq!(
            target("postgres://u@[::1]/db?connect_timeout=3"),
            Target::Postgres(format!(
                "postgres://u@[::1]/db?connect_timeout=3&{}&sslmode=allow",
                TIMEOUTS.trim_start_matches("connect_timeout=11&")
            ))
        );
        // An explicit choice, a remote host or a socket path is left as written.
        assert_eq!(
            target("postgres://u@127.0.0.1/db?sslmode=require"),
            Target::Postgres(format!("postgres://u@127.0.0.1/db?sslmode=require&{TIMEOUTS}"))
        );
        assert_eq!(
            target("postgres://u@db.internal/db"),
            Target::Postgres(format!("postgres://u@db.internal/db?{TIMEOUTS}"))
        );
        assert_eq!(
            target("postgres://u@/db?host=/run/postgresql"),
            Target::Postgres(format!("postgres://u@/db?host=/run/postgresql&{TIMEOUTS}"))
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
