//! The admin side: connecting to a server, creating and dropping test databases (diesel).

use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, MysqlConnection, PgConnection, QueryableByName, RunQueryDsl};
use url::Url;

use crate::Dialect;

/// Opens an admin connection and runs `SELECT 1`, so that "answers" means "accepts our queries".
pub(crate) fn check(dialect: Dialect, admin_url: &str) -> Result<(), String> {
    run(dialect, admin_url, "SELECT 1")
}

/// Creates database `name`. Names come from [`crate::name::unique_name`], so they need no escaping.
pub(crate) fn create_database(dialect: Dialect, admin_url: &str, name: &str) -> Result<(), Failure> {
    let sql = match dialect {
        Dialect::Postgres => format!("CREATE DATABASE \"{name}\""),
        _ => format!("CREATE DATABASE `{name}`"),
    };
    let mut conn = Conn::open(dialect, admin_url).map_err(Failure::Connect)?;
    conn.batch_execute(&sql).map_err(Failure::Statement)
}

/// Drops database `name`, first ending the sessions a test left open: PostgreSQL refuses to drop a
/// database that has sessions (`WITH (FORCE)` ends them; it needs PostgreSQL 13), and MySQL waits
/// for any session holding a metadata lock in it, by default for a year.
pub(crate) fn drop_database(dialect: Dialect, admin_url: &str, name: &str) -> Result<(), String> {
    let mut conn = Conn::open(dialect, admin_url)?;
    match &mut conn {
        Conn::Pg(_) => conn.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")),
        Conn::My(my) => {
            let sessions: Vec<Session> = diesel::sql_query(
                "SELECT CAST(id AS CHAR) AS id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()",
            )
            .bind::<Text, _>(name)
            .load(my)
            .map_err(|e| one_line(&e.to_string()))?;
            for session in sessions {
                // The session may have ended meanwhile; the DROP below reports what still matters.
                let _ = my.batch_execute(&format!("KILL {}", session.id));
            }
            conn.batch_execute(&format!("SET SESSION lock_wait_timeout = 30; DROP DATABASE IF EXISTS `{name}`"))
        }
    }
}

#[derive(QueryableByName)]
struct Session {
    #[diesel(sql_type = Text)]
    id: String,
}

/// Why [`create_database`] failed: the fixes differ.
pub(crate) enum Failure {
    Connect(String),
    Statement(String),
}

fn run(dialect: Dialect, admin_url: &str, sql: &str) -> Result<(), String> {
    Conn::open(dialect, admin_url)?.batch_execute(sql)
}

enum Conn {
    Pg(PgConnection),
    My(MysqlConnection),
}

impl Conn {
    fn open(dialect: Dialect, admin_url: &str) -> Result<Conn, String> {
        match dialect {
            Dialect::Postgres => PgConnection::establish(&with_connect_timeout(admin_url)).map(Conn::Pg),
            // diesel's MySQL driver only knows the `mysql` scheme; retort also accepts `mariadb`
            _ => MysqlConnection::establish(&with_scheme(admin_url, "mysql")).map(Conn::My),
        }
        .map_err(|e| one_line(&e.to_string()))
    }

    fn batch_execute(&mut self, sql: &str) -> Result<(), String> {
        match self {
            Conn::Pg(c) => c.batch_execute(sql),
            Conn::My(c) => c.batch_execute(sql),
        }
        .map_err(|e| one_line(&e.to_string()))
    }
}

/// libpq waits for an unroutable host forever by default; a test should fail within seconds.
fn with_connect_timeout(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut u) if !u.query_pairs().any(|(k, _)| k == "connect_timeout") => {
            u.query_pairs_mut().append_pair("connect_timeout", "10");
            u.into()
        }
        _ => url.to_owned(),
    }
}

fn with_scheme(url: &str, scheme: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => format!("{scheme}://{rest}"),
        None => url.to_owned(),
    }
}

/// The URL of database `name` on the server of `admin_url`: same credentials, host and options.
pub(crate) fn database_url(admin_url: &str, name: &str) -> Result<String, url::ParseError> {
    let mut u = Url::parse(admin_url)?;
    u.set_path(&format!("/{name}"));
    Ok(u.into())
}

/// Checks that `url` parses and has a host, the minimum the drivers need.
pub(crate) fn validate_url(url: &str) -> Result<(), String> {
    let u = Url::parse(url).map_err(|e| e.to_string())?;
    match u.host_str() {
        Some(h) if !h.is_empty() => Ok(()),
        _ => Err("it names no host".to_owned()),
    }
}

/// `url` with its password replaced by `***`, for messages that end up in CI logs.
pub(crate) fn redact(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            // Cannot fail: a URL with a password has a host, which is what set_password needs.
            let _ = u.set_password(Some("***"));
            u.into()
        }
        _ => url.to_owned(),
    }
}

/// Driver messages (libpq's especially) span lines; ours are one line with the fix at the end.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_the_password_only() {
        assert_eq!(redact("postgres://u:secret@h:5/db"), "postgres://u:***@h:5/db");
        assert_eq!(redact("postgres://u@h:5/db"), "postgres://u@h:5/db");
    }

    #[test]
    fn database_url_keeps_credentials_and_options() {
        assert_eq!(
            database_url("postgres://u:p@h:5432/postgres?sslmode=disable", "t1").unwrap(),
            "postgres://u:p@h:5432/t1?sslmode=disable"
        );
        assert_eq!(database_url("mysql://root@127.0.0.1:3306", "t2").unwrap(), "mysql://root@127.0.0.1:3306/t2");
    }

    #[test]
    fn connect_timeout_is_added_unless_given() {
        assert_eq!(with_connect_timeout("postgres://h/db"), "postgres://h/db?connect_timeout=10");
        assert_eq!(with_connect_timeout("postgres://h/db?connect_timeout=3"), "postgres://h/db?connect_timeout=3");
    }

    #[test]
    fn mariadb_scheme_is_spoken_as_mysql() {
        assert_eq!(with_scheme("mariadb://root@h/db", "mysql"), "mysql://root@h/db");
    }
}
