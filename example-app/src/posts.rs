//! Posts: publish, list an author's newest, and title search (PostgreSQL).

use diesel::dsl::{now, sql};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::db::{AppConnection, DbKind, Uuid};
use crate::schema::posts;

/// A post in a listing.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, QueryableByName)]
#[diesel(table_name = posts)]
pub struct PostListing {
    /// Key.
    pub id: i64,
    /// Title.
    pub title: String,
}

/// Publishes a post by `author`; returns its id.
pub fn publish(conn: &mut AppConnection, author: Uuid, title: &str, body: &str) -> QueryResult<i64> {
    // The multi-dialect connection has no RETURNING (MySQL lacks it), so the id comes from
    // the session's last generated key, read in the same transaction.
    let last_id = match conn.kind() {
        DbKind::Postgres => "lastval()",
        DbKind::Sqlite => "last_insert_rowid()",
        DbKind::Mysql => "LAST_INSERT_ID()",
    };
    conn.transaction(|conn| {
        diesel::insert_into(posts::table)
            .values((
                posts::author_id.eq(author),
                posts::title.eq(title),
                posts::body.eq(body),
                posts::status.eq("published"),
                posts::published_at.eq(now),
            ))
            .execute(conn)?;
        diesel::select(sql::<BigInt>(last_id)).get_result(conn)
    })
}

/// Records `editor` as the last editor of the post and replaces its body.
pub fn edit(conn: &mut AppConnection, id: i64, editor: Uuid, body: &str) -> QueryResult<()> {
    diesel::update(posts::table.find(id))
        .set((posts::body.eq(body), posts::editor_id.eq(Some(editor))))
        .execute(conn)?;
    Ok(())
}

/// The author's newest published posts (answered from `ix_posts_author_published`, which on
/// PostgreSQL INCLUDEs the title, so that no table row is read).
pub fn recent_by_author(conn: &mut AppConnection, author: Uuid, limit: i64) -> QueryResult<Vec<PostListing>> {
    posts::table
        .filter(posts::author_id.eq(author))
        .filter(posts::published_at.is_not_null())
        .order((posts::published_at.desc(), posts::id.desc()))
        .limit(limit)
        .select(PostListing::as_select())
        .load(conn)
}

/// Published posts whose title contains `words`, best trigram match first. PostgreSQL only:
/// it needs pg_trgm and the GIN index `ix_posts_title_trgm`.
pub fn search_titles(conn: &mut PgConnection, words: &str, limit: i64) -> QueryResult<Vec<PostListing>> {
    diesel::sql_query(
        "SELECT id, title FROM posts \
         WHERE status = 'published' AND title ILIKE '%' || $1 || '%' \
         ORDER BY similarity(title, $1) DESC, id \
         LIMIT $2",
    )
    .bind::<Text, _>(words)
    .bind::<BigInt, _>(limit)
    .load(conn)
}
