//! r22 `88048a476e36`: validate the foreign key in its own transaction.

retort::migration! {
    /// Validate fk_posts_editor_id
    revision: "88048a476e36",
    parent: "86d21d527559",
    up {
        validate_constraint("posts", "fk_posts_editor_id").only([postgres]);
    }
}
