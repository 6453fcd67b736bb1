//! r21 `86d21d527559`: a foreign key added NOT VALID.

retort::migration! {
    /// Foreign key posts.editor_id -> users.id, NOT VALID
    revision: "86d21d527559",
    parent: "0ffa112a35e8",
    up {
        // NOT VALID: no scan of posts while both tables are locked; new rows are checked.
        // A foreign key always locks both tables (SHARE ROW EXCLUSIVE on users); one per
        // revision is the recipe, and NOT VALID keeps both locks short.
        #[allow(many_lock_targets, reason = "one foreign key locks its two tables by nature; NOT VALID keeps the locks short")]
        add_constraint("posts", foreign_key("fk_posts_editor_id", ["editor_id"], "users", ["id"]).on_delete(SetNull))
            .not_valid()
            .only([postgres]);
        // SQLite (by rebuilding posts) and MySQL have no NOT VALID: they check the rows when
        // the key is added.
        #[allow(many_lock_targets, reason = "one foreign key locks its two tables by nature")]
        #[allow(constraint_not_valid, reason = "SQLite and MySQL have no NOT VALID; this variant runs only there")]
        add_constraint("posts", foreign_key("fk_posts_editor_id", ["editor_id"], "users", ["id"]).on_delete(SetNull))
            .only([sqlite, mysql]);
    }
}
