//! r23 `635870d0eb2a`: table restructure, step 1: roles become reference data with ids.

retort::migration! {
    /// Create roles and role_assignments (replacing user_roles)
    revision: "635870d0eb2a",
    parent: "88048a476e36",
    up {
        // user_roles keys a free-text role; the new shape keys a row of `roles`, so that a
        // role can be renamed or described without touching every grant.
        create_table("roles", [
            column("id", BigInt).primary_key(),
            column("name", Text).not_null().unique(),
            column("description", Text).not_null(),
        ]).comment("reference data, seeded by migrations");
        create_table("role_assignments", [
            column("user_id", Uuid).not_null().references("users", "id").on_delete(Cascade),
            column("role_id", BigInt).not_null().references("roles", "id"),
            column("granted_at", TimestampTz).not_null().default(now()),
        ]).primary_key(["user_id", "role_id"]).comment("who holds which role");
        // Deleting a role finds its grants through this index (MySQL makes its own).
        create_index("ix_role_assignments_role_id").on("role_assignments", ["role_id"]).only([postgres, sqlite]);
    }
}
