//! r06 `0cbe960fa4d8`: validate the check constraint in its own transaction.

retort::migration! {
    /// Validate ck_posts_status
    revision: "0cbe960fa4d8",
    parent: "c0f87afdf354",
    up {
        // VALIDATE takes only SHARE UPDATE EXCLUSIVE: reads and writes go on during the scan.
        // SQLite and MySQL check the rows when the constraint is added; nothing to do there.
        validate_constraint("posts", "ck_posts_status").only([postgres]);
    }
}
