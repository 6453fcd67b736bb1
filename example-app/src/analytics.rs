//! Analytics: recording events, monthly partition upkeep and the session summary (PostgreSQL).

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer};

use crate::db::{AppConnection, Json, Uuid, UuidSql};
use crate::error::AppResult;
use crate::schema::events;

/// Records an event that happened now; returns its id. On PostgreSQL the month's partition
/// must exist (see [`ensure_month_partition`]).
pub fn record(conn: &mut AppConnection, user: Option<Uuid>, kind: &str, payload: &Json) -> AppResult<Uuid> {
    let id = Uuid::new_v4()?;
    diesel::insert_into(events::table)
        .values((events::id.eq(id), events::user_id.eq(user), events::kind.eq(kind), events::payload.eq(payload)))
        .execute(conn)?;
    Ok(id)
}

/// How many events of this kind were recorded for the user.
pub fn count(conn: &mut AppConnection, user: Uuid, kind: &str) -> QueryResult<i64> {
    events::table.filter(events::user_id.eq(user)).filter(events::kind.eq(kind)).count().get_result(conn)
}

#[derive(QueryableByName)]
struct YearMonth {
    #[diesel(sql_type = Integer)]
    year: i32,
    #[diesel(sql_type = Integer)]
    month: i32,
}

/// The server's current year and month, which decide the partition `now()` falls in.
pub fn current_month(conn: &mut PgConnection) -> QueryResult<(i32, u32)> {
    let ym: YearMonth =
        diesel::sql_query("SELECT extract(year FROM now())::int AS year, extract(month FROM now())::int AS month")
            .get_result(conn)?;
    Ok((ym.year, ym.month.clamp(1, 12).unsigned_abs()))
}

/// Creates the `events` partition of a month if it does not exist, the way the migrations
/// create theirs (revision r29): a standalone table with a CHECK matching the bound, attached
/// afterwards, so that `events` is locked only for the short ATTACH. The months after those
/// the migrations created are made by this job, run ahead of time by the scheduler.
pub fn ensure_month_partition(conn: &mut PgConnection, year: i32, month: u32) -> QueryResult<()> {
    let month = month.clamp(1, 12);
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let name = format!("events_{year:04}_{month:02}");
    let from = format!("{year:04}-{month:02}-01");
    let to = format!("{next_year:04}-{next_month:02}-01");
    // Every interpolated value is built from integers above: nothing user-supplied.
    let exists: i64 =
        diesel::sql_query("SELECT count(*) AS n FROM pg_class WHERE relname = $1 AND relkind IN ('r', 'p')")
            .bind::<diesel::sql_types::Text, _>(&name)
            .get_result::<Count>(conn)?
            .n;
    if exists > 0 {
        return Ok(());
    }
    conn.transaction(|conn| {
        diesel::sql_query(format!("CREATE TABLE {name} (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"))
            .execute(conn)?;
        diesel::sql_query(format!(
            "ALTER TABLE {name} ADD CONSTRAINT {name}_bound \
             CHECK (occurred_at >= '{from}' AND occurred_at < '{to}')"
        ))
        .execute(conn)?;
        diesel::sql_query(format!("ALTER TABLE events ATTACH PARTITION {name} FOR VALUES FROM ('{from}') TO ('{to}')"))
            .execute(conn)?;
        diesel::sql_query(format!("ALTER TABLE {name} DROP CONSTRAINT {name}_bound")).execute(conn)?;
        Ok(())
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// One row of the `session_summary` materialized view.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct SessionSummary {
    /// Sessions ever opened.
    #[diesel(sql_type = BigInt)]
    pub session_count: i64,
    /// Sessions not revoked.
    #[diesel(sql_type = BigInt)]
    pub open_sessions: i64,
}

/// The user's session summary as of the last refresh. PostgreSQL only (materialized view).
pub fn session_summary(conn: &mut PgConnection, user: Uuid) -> QueryResult<Option<SessionSummary>> {
    diesel::sql_query("SELECT session_count, open_sessions FROM session_summary WHERE user_id = $1")
        .bind::<UuidSql, _>(user)
        .get_result(conn)
        .optional()
}

/// Refreshes `session_summary` without blocking its readers (its unique index allows
/// CONCURRENTLY). Run by the scheduler.
pub fn refresh_session_summary(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query("REFRESH MATERIALIZED VIEW CONCURRENTLY session_summary").execute(conn)?;
    Ok(())
}
