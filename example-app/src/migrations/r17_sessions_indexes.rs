//! r17 `de7b3e14a861`: a concurrent index and a partial index on `sessions`.

retort::migration! {
    /// Index sessions for the expiry sweep and for active-session lookups
    revision: "de7b3e14a861",
    parent: "b2b265c5e375",
    transaction: none,
    up {
        // The nightly sweep deletes expired rows; built concurrently so logins go on.
        create_index("ix_sessions_expires_at").on("sessions", ["expires_at"]).concurrently().if_not_exists();
        // Only live sessions are looked up by user, and they are a small part of the table.
        // MySQL has no partial indexes (ix_sessions_user_id serves it).
        create_index("ix_sessions_user_live")
            .on("sessions", ["user_id", desc("last_seen_at")])
            .where_("revoked_at IS NULL")
            .concurrently()
            .if_not_exists()
            .only([postgres, sqlite]);
    }
}
