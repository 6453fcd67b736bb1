//! The tables the app queries, as the migration chain leaves them at head.
//!
//! Written by hand from `migrations/` (diesel's print-schema would emit PostgreSQL-only types);
//! the app's integration tests run every query against a freshly migrated database, which is
//! what keeps this file honest.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::{JsonSql, UuidSql};

    /// People who can sign in.
    users (id) {
        id -> UuidSql,
        email -> Text,
        email_normalized -> Text,
        full_name -> Nullable<Text>,
        locale -> Text,
        settings -> JsonSql,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::UuidSql;

    /// Browser sessions.
    sessions (id) {
        id -> UuidSql,
        user_id -> UuidSql,
        token_hash -> Text,
        user_agent -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_seen_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Reference data: the roles a user can hold.
    roles (id) {
        id -> BigInt,
        name -> Text,
        description -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::UuidSql;

    /// Who holds which role.
    role_assignments (user_id, role_id) {
        user_id -> UuidSql,
        role_id -> BigInt,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::UuidSql;

    /// What users write.
    posts (id) {
        id -> BigInt,
        author_id -> UuidSql,
        editor_id -> Nullable<UuidSql>,
        title -> Text,
        body -> Text,
        status -> Text,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::{JsonSql, UuidSql};

    /// Product analytics; partitioned by month on PostgreSQL.
    events (id, occurred_at) {
        id -> UuidSql,
        user_id -> Nullable<UuidSql>,
        kind -> Text,
        payload -> JsonSql,
        occurred_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(role_assignments -> users (user_id));
diesel::joinable!(role_assignments -> roles (role_id));
diesel::joinable!(posts -> users (author_id));
diesel::allow_tables_to_appear_in_same_query!(users, sessions, roles, role_assignments, posts, events);
