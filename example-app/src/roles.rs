//! Roles: the seeded reference data and who holds which.

use diesel::prelude::*;

use crate::db::{AppConnection, Uuid};
use crate::error::{AppError, AppResult};
use crate::schema::{role_assignments, roles};

/// Gives `user` the role named `role` (one of the seeded `member`, `editor`, `admin`).
pub fn grant(conn: &mut AppConnection, user: Uuid, role: &str) -> AppResult<()> {
    let role_id: i64 = roles::table
        .filter(roles::name.eq(role))
        .select(roles::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::UnknownRole(role.to_owned()))?;
    diesel::insert_into(role_assignments::table)
        .values((role_assignments::user_id.eq(user), role_assignments::role_id.eq(role_id)))
        .execute(conn)?;
    Ok(())
}

/// Takes the role away; granting and revoking are idempotent from the user's point of view.
pub fn revoke(conn: &mut AppConnection, user: Uuid, role: &str) -> QueryResult<()> {
    let ids = roles::table.filter(roles::name.eq(role)).select(roles::id);
    diesel::delete(
        role_assignments::table
            .filter(role_assignments::user_id.eq(user))
            .filter(role_assignments::role_id.eq_any(ids)),
    )
    .execute(conn)?;
    Ok(())
}

/// The names of the user's roles, sorted.
pub fn of(conn: &mut AppConnection, user: Uuid) -> QueryResult<Vec<String>> {
    role_assignments::table
        .inner_join(roles::table)
        .filter(role_assignments::user_id.eq(user))
        .select(roles::name)
        .order(roles::name)
        .load(conn)
}

/// Every role name, in id order.
pub fn all(conn: &mut AppConnection) -> QueryResult<Vec<String>> {
    roles::table.select(roles::name).order(roles::id).load(conn)
}
