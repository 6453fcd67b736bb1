//! PostgreSQL sessions for the scenarios: a thin wrapper over diesel's `PgConnection` that knows
//! its backend pid, the table every scenario works on, and ending a migrator's sessions.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::sql_types::{Nullable, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use url::Url;

use super::OnlineError;
use crate::admin::redact;

/// One PostgreSQL session.
pub struct Session {
    conn: PgConnection,
    pid: i32,
}

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = Nullable<Text>)]
    v: Option<String>,
}

impl Session {
    /// Opens a session on `url` named `application_name` in `pg_stat_activity`, so that
    /// [`terminate`] can end exactly the sessions of one role in a scenario.
    pub fn connect(url: &str, application_name: &str) -> Result<Session, OnlineError> {
        let named = with_application_name(url, application_name);
        let conn = PgConnection::establish(&named)
            .map_err(|e| OnlineError::Connect { url: redact(url), reason: e.to_string() })?;
        let mut session = Session { conn, pid: 0 };
        let pid = session.query_text("SELECT pg_backend_pid()")?.unwrap_or_default();
        session.pid = pid.parse().map_err(|_| OnlineError::Statement {
            sql: "SELECT pg_backend_pid()".into(),
            reason: format!("not a pid: {pid:?}"),
        })?;
        Ok(session)
    }

    /// The server process serving this session (`pg_backend_pid()`).
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Runs `sql` (one or more statements, simple query protocol).
    pub fn execute(&mut self, sql: &str) -> Result<(), OnlineError> {
        self.try_execute(sql).map_err(|e| OnlineError::Statement { sql: sql.to_string(), reason: e.to_string() })
    }

    /// Runs `sql` and returns the driver's error as it is, for callers that tell errors apart.
    pub fn try_execute(&mut self, sql: &str) -> Result<(), diesel::result::Error> {
        self.conn.batch_execute(sql)
    }

    /// The first column of the first row of `sql` as text; `None` for no row or NULL.
    pub fn query_text(&mut self, sql: &str) -> Result<Option<String>, OnlineError> {
        let wrapped = format!("SELECT CAST(q.v AS text) AS v FROM ({sql}) AS q(v) LIMIT 1");
        let rows: Vec<Value> = diesel::sql_query(&wrapped)
            .load(&mut self.conn)
            .map_err(|e| OnlineError::Statement { sql: sql.to_string(), reason: e.to_string() })?;
        Ok(rows.into_iter().next().and_then(|r| r.v))
    }

    /// The first column of the first row of `sql` as a whole number (0 for no row or NULL).
    pub fn query_i64(&mut self, sql: &str) -> Result<i64, OnlineError> {
        let text = self.query_text(sql)?.unwrap_or_else(|| "0".into());
        text.parse()
            .map_err(|_| OnlineError::Statement { sql: sql.to_string(), reason: format!("not a number: {text}") })
    }
}

/// `url` with `application_name` set (replacing one already there).
pub fn with_application_name(url: &str, application_name: &str) -> String {
    match Url::parse(url) {
        Ok(mut u) => {
            let kept: Vec<(String, String)> =
                u.query_pairs().filter(|(k, _)| k != "application_name").map(|(k, v)| (k.into(), v.into())).collect();
            u.query_pairs_mut().clear().extend_pairs(kept).append_pair("application_name", application_name);
            u.into()
        }
        // Not a URL diesel would take either; connecting reports it.
        Err(_) => url.to_string(),
    }
}

/// Creates `table(id bigint primary key, hits, bf, payload)` with ids `1..=rows`: `hits` is what
/// the client load updates, `bf` what the backfill increments (so a row updated twice shows), and
/// `payload` a 32-character text to index. Vacuumed and analyzed, as a table in service would be.
pub fn fill(url: &str, table: &str, rows: i64) -> Result<(), OnlineError> {
    let mut s = Session::connect(url, "online_setup")?;
    // The key is added after the rows: one sort instead of a million index insertions.
    s.execute(&format!(
        "CREATE TABLE {table} (id bigint NOT NULL, hits integer NOT NULL DEFAULT 0, \
         bf integer NOT NULL DEFAULT 0, payload text NOT NULL); \
         INSERT INTO {table} (id, payload) SELECT g, md5(g::text) FROM generate_series(1, {rows}) AS g; \
         ALTER TABLE {table} ADD PRIMARY KEY (id)"
    ))?;
    // Alone: VACUUM cannot run in the implicit transaction of a multi-statement query.
    s.execute(&format!("VACUUM ANALYZE {table}"))
}

/// Ends every session of the current database named `application_name` (what a crash of that
/// program would do) and waits until they are gone; returns how many there were.
pub fn terminate(session: &mut Session, application_name: &str) -> Result<i64, OnlineError> {
    // The second argument makes the call wait (up to 5 s) until each backend has exited.
    session.query_i64(&format!(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity \
         WHERE datname = current_database() AND application_name = '{}' AND pid <> pg_backend_pid()",
        application_name.replace('\'', "''")
    ))
}

/// Polls `condition` every 5 ms until it holds; a [`OnlineError::Timeout`] naming `what` after
/// `timeout`.
pub fn wait_until(
    what: &str,
    timeout: Duration,
    mut condition: impl FnMut() -> Result<bool, OnlineError>,
) -> Result<(), OnlineError> {
    let started = Instant::now();
    loop {
        if condition()? {
            return Ok(());
        }
        if started.elapsed() > timeout {
            return Err(OnlineError::Timeout { what: what.to_string(), waited_ms: started.elapsed().as_millis() });
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(test)]
mod tests {
    use super::with_application_name;

    #[test]
    fn application_name_is_added_or_replaced() {
        assert_eq!(with_application_name("postgres://u@h:5432/db", "x"), "postgres://u@h:5432/db?application_name=x");
        assert_eq!(
            with_application_name("postgres://u@h/db?sslmode=disable&application_name=a", "b"),
            "postgres://u@h/db?sslmode=disable&application_name=b"
        );
    }
}
