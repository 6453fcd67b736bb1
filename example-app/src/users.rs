//! Users: sign-up, lookup by e-mail, profile edits.

use diesel::prelude::*;

use crate::db::{AppConnection, Uuid};
use crate::error::AppResult;
use crate::schema::users;

/// A user as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    /// Key.
    pub id: Uuid,
    /// E-mail as typed at sign-up.
    pub email: String,
    /// Name shown on posts.
    pub full_name: Option<String>,
    /// BCP 47 language tag.
    pub locale: String,
}

/// The login key of an e-mail address: what `users.email_normalized` holds.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates a user and returns it as stored (with the server defaults filled in).
pub fn create(conn: &mut AppConnection, email: &str, full_name: Option<&str>) -> AppResult<User> {
    let id = Uuid::new_v4()?;
    diesel::insert_into(users::table)
        .values((
            users::id.eq(id),
            users::email.eq(email),
            users::email_normalized.eq(normalize_email(email)),
            users::full_name.eq(full_name),
        ))
        .execute(conn)?;
    Ok(find(conn, id)?)
}

/// The user with this id.
pub fn find(conn: &mut AppConnection, id: Uuid) -> QueryResult<User> {
    users::table.find(id).select(User::as_select()).first(conn)
}

/// The user who signs in with this e-mail, in any letter case.
pub fn find_by_email(conn: &mut AppConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email_normalized.eq(normalize_email(email)))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Changes the name shown on the user's posts.
pub fn rename(conn: &mut AppConnection, id: Uuid, full_name: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id)).set(users::full_name.eq(full_name)).execute(conn)?;
    Ok(())
}
