//! r11 `3058ebb55d01`: SET NOT NULL, then drop the now redundant check (step 5 of the NOT NULL recipe).

retort::migration! {
    /// Make users.email_normalized NOT NULL
    revision: "3058ebb55d01",
    parent: "3500f3f527b1",
    up {
        // On PostgreSQL the validated check of r10 proves the column has no NULL, so this
        // takes its lock only for a catalog update. SQLite rebuilds the table.
        #[allow(set_not_null, reason = "ck_users_email_normalized_not_null was validated in r10, so PostgreSQL skips the scan")]
        alter_column("users", "email_normalized").set_not_null().only([postgres, sqlite]);
        // MySQL's MODIFY COLUMN restates the whole column, so the op states what stays too
        // (type, default, comment), like Alembic's `existing_*` arguments.
        #[allow(set_not_null, reason = "MySQL has no NOT VALID recipe: making a column NOT NULL always rebuilds the table")]
        alter_column("users", "email_normalized")
            .set_type(Text).from_type(Text)
            .set_not_null()
            .drop_default().from_no_default()
            .set_comment("lower(email): the login lookup key").from_comment("lower(email): the login lookup key")
            .only([mysql]);
        drop_constraint("users", check("ck_users_email_normalized_not_null", "email_normalized IS NOT NULL")).only([postgres]);
    }
}
