//! r05 `c0f87afdf354`: a check constraint, added without scanning the table.

retort::migration! {
    /// Check posts.status, NOT VALID
    revision: "c0f87afdf354",
    parent: "040e59fa31a8",
    up {
        // NOT VALID: new and updated rows are checked from now on, existing rows are not
        // scanned under the ACCESS EXCLUSIVE lock. The scan happens in the next revision.
        add_constraint("posts", check("ck_posts_status", "status IN ('draft', 'published', 'archived')")).not_valid().only([postgres]);
        // SQLite (by rebuilding the table) and MySQL check every row when the constraint is
        // added: they have no NOT VALID, so the same constraint is added validated.
        #[allow(constraint_not_valid, reason = "SQLite and MySQL have no NOT VALID; this variant runs only there")]
        add_constraint("posts", check("ck_posts_status", "status IN ('draft', 'published', 'archived')")).only([sqlite, mysql]);
    }
}
