//! r01 `c53736363ba8`: the initial schema (users, sessions, free-text user roles).

retort::migration! {
    /// Initial schema: users, sessions and user roles
    revision: "c53736363ba8",
    parent: none,
    up {
        // pgcrypto for `gen_random_uuid()` on servers older than 13 (built in since);
        // pg_trgm for the title search index added later. Neither exists outside PostgreSQL.
        create_extension("pgcrypto").if_not_exists().only([postgres]);
        create_extension("pg_trgm").if_not_exists().only([postgres]);

        create_table("users", [
            column("id", Uuid).primary_key(),
            column("email", Text).not_null().unique().comment("as typed at sign-up; login compares email_normalized"),
            column("display_name", Text),
            column("settings", Jsonb).not_null().default("{}").comment("user preferences, edited by the app"),
            column("created_at", TimestampTz).not_null().default(now()),
            column("updated_at", TimestampTz).not_null().default(now()).comment("maintained by a trigger on PostgreSQL"),
        ]).comment("people who can sign in");

        create_table("sessions", [
            column("id", Uuid).primary_key(),
            column("user_id", Uuid).not_null().references("users", "id").on_delete(Cascade),
            column("token_hash", Text).not_null().unique().comment("sha-256 of the cookie value; the value itself is never stored"),
            column("user_agent", Text),
            column("created_at", TimestampTz).not_null().default(now()),
            column("expires_at", TimestampTz).not_null(),
            column("last_seen_at", TimestampTz),
            column("revoked_at", TimestampTz),
        ]).comment("browser sessions; a row outlives its expiry until the nightly sweep");
        // PostgreSQL and SQLite do not index a foreign key's columns; MySQL does it itself
        // (and refuses to drop an index a foreign key needs).
        create_index("ix_sessions_user_id").on("sessions", ["user_id"]).only([postgres, sqlite]);

        // A role name is part of the primary key, and MySQL cannot key a TEXT column.
        #[allow(type_hygiene, reason = "MySQL cannot put a TEXT column in a primary key; role names are short and checked")]
        create_table("user_roles", [
            column("user_id", Uuid).not_null().references("users", "id").on_delete(Cascade),
            column("role", Varchar(32)).not_null().check("role IN ('member', 'editor', 'admin')"),
            column("granted_at", TimestampTz).not_null().default(now()),
        ]).primary_key(["user_id", "role"]);

        // Keys default to a random UUID on PostgreSQL; on SQLite and MySQL the app supplies
        // them (it always does, so the behaviour is the same everywhere).
        alter_column("users", "id").set_default(sql("gen_random_uuid()")).from_no_default().only([postgres]);
        alter_column("sessions", "id").set_default(sql("gen_random_uuid()")).from_no_default().only([postgres]);
    }
}
