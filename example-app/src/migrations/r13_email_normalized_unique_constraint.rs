//! r13 `ad0ca55057dc`: promote the unique index to a constraint (`USING INDEX`).

retort::migration! {
    /// Promote ux_users_email_normalized to a unique constraint
    revision: "ad0ca55057dc",
    parent: "21d3c93edc7e",
    // The downgrade builds an index CONCURRENTLY, which cannot run inside a transaction block.
    transaction: none,
    up {
        // ADD CONSTRAINT .. USING INDEX reuses the index of r12: no build under the lock. SQLite
        // and MySQL have no separate unique constraint; their unique index already is one.
        add_constraint(
            "users",
            unique("uq_users_email_normalized", ["email_normalized"]).using_index("ux_users_email_normalized"),
        )
        .only([postgres]);
    }
    down {
        // As careful as the upgrade: dropping the constraint drops its index, so the index r12
        // leaves behind is built first, concurrently, under a temporary name (uniqueness stays
        // enforced throughout), then takes the old name (a rename only takes SHARE UPDATE
        // EXCLUSIVE from PostgreSQL 12, so writes go on).
        create_index("ux_users_email_normalized_next")
            .on("users", ["email_normalized"])
            .unique()
            .concurrently()
            .if_not_exists()
            .only([postgres]);
        drop_constraint("users", "uq_users_email_normalized", Unique).if_exists().only([postgres]);
        execute("ALTER INDEX ux_users_email_normalized_next RENAME TO ux_users_email_normalized").only([postgres]);
    }
}
