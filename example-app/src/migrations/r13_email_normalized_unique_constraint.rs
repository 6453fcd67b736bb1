//! r13 `ad0ca55057dc`: promote the unique index to a constraint (`USING INDEX`).

retort::migration! {
    /// Promote ux_users_email_normalized to a unique constraint
    revision: "ad0ca55057dc",
    parent: "21d3c93edc7e",
    up {
        // ADD CONSTRAINT .. USING INDEX reuses the index of r12: no build under the lock. SQLite
        // and MySQL have no separate unique constraint; their unique index already is one.
        add_constraint(
            "users",
            unique("uq_users_email_normalized", ["email_normalized"]).using_index("ux_users_email_normalized"),
        )
        .only([postgres]);
    }
}
