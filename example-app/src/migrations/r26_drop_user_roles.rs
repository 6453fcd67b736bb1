//! r26 `b177871b5e0a`: table restructure, step 3 (contract): drop the old table.

retort::migration! {
    /// Drop user_roles (contract phase of the roles restructure)
    revision: "b177871b5e0a",
    parent: "2986d4bda315",
    up {
        // With its definition, the drop is reversible: the downgrade re-creates the table
        // and r25's downgrade refills it from role_assignments.
        #[allow(drop_table, reason = "contract phase: no release since r25 reads user_roles; role_assignments holds the data")]
        drop_table("user_roles").definition(
            create_table("user_roles", [
                column("user_id", Uuid).not_null().references("users", "id").on_delete(Cascade),
                column("role", Varchar(32)).not_null().check("role IN ('member', 'editor', 'admin')"),
                column("granted_at", TimestampTz).not_null().default(now()),
            ]).primary_key(["user_id", "role"])
        );
    }
}
