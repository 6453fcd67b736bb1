//! Sessions: open, look up the live ones, keep alive, revoke, sweep.

use diesel::dsl::{now, sql};
use diesel::prelude::*;
use diesel::sql_types::Timestamp;

use crate::db::{AppConnection, DbKind, Uuid};
use crate::error::AppResult;
use crate::schema::sessions;

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    /// Key.
    pub id: Uuid,
    /// Owner.
    pub user_id: Uuid,
    /// Browser, as reported at login.
    pub user_agent: Option<String>,
}

/// `CURRENT_TIMESTAMP` plus `days`, in the database's own clock and spelling, so that the
/// stored value compares correctly with `now` on every dialect (SQLite stores text).
fn days_from_now(kind: DbKind, days: u32) -> diesel::expression::SqlLiteral<Timestamp> {
    sql::<Timestamp>(&match kind {
        DbKind::Postgres => format!("now() + interval '{days} days'"),
        DbKind::Sqlite => format!("datetime('now', '+{days} days')"),
        DbKind::Mysql => format!("NOW() + INTERVAL {days} DAY"),
    })
}

/// Opens a session for `user` that expires after `ttl_days`; returns its id.
pub fn open(
    conn: &mut AppConnection,
    user: Uuid,
    token_hash: &str,
    user_agent: Option<&str>,
    ttl_days: u32,
) -> AppResult<Uuid> {
    let id = Uuid::new_v4()?;
    let expires_at = days_from_now(conn.kind(), ttl_days);
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id),
            sessions::user_id.eq(user),
            sessions::token_hash.eq(token_hash),
            sessions::user_agent.eq(user_agent),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The user's sessions that are neither revoked nor expired, most recently used first
/// (served by the partial index `ix_sessions_user_live` on PostgreSQL and SQLite).
pub fn active_for(conn: &mut AppConnection, user: Uuid) -> QueryResult<Vec<Session>> {
    sessions::table
        .filter(sessions::user_id.eq(user))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        // NULLs (never used) last on every dialect: PostgreSQL would sort them first.
        .order((sessions::last_seen_at.is_null(), sessions::last_seen_at.desc(), sessions::id))
        .select(Session::as_select())
        .load(conn)
}

/// Records that the session was just used.
pub fn touch(conn: &mut AppConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(sessions::table.find(id)).set(sessions::last_seen_at.eq(now)).execute(conn)?;
    Ok(())
}

/// Revokes the session (logout); it stays until the sweep for the audit trail.
pub fn revoke(conn: &mut AppConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(sessions::table.find(id)).set(sessions::revoked_at.eq(now)).execute(conn)?;
    Ok(())
}

/// Deletes expired sessions (the nightly sweep, served by `ix_sessions_expires_at`); returns
/// how many went.
pub fn sweep_expired(conn: &mut AppConnection) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)
}
