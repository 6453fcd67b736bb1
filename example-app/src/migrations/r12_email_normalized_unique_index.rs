//! r12 `21d3c93edc7e`: a unique index built concurrently.

retort::migration! {
    /// Unique index on users.email_normalized, built concurrently
    revision: "21d3c93edc7e",
    parent: "3058ebb55d01",
    // CREATE INDEX CONCURRENTLY cannot run inside a transaction block.
    transaction: none,
    up {
        create_index("ux_users_email_normalized").on("users", ["email_normalized"]).unique().concurrently().if_not_exists();
    }
}
