//! r20 `0ffa112a35e8`: index the future foreign key's column before adding the key.

retort::migration! {
    /// Index posts.editor_id
    revision: "0ffa112a35e8",
    parent: "ea1a68300299",
    transaction: none,
    up {
        // Deleting a user sets editor_id to NULL in their posts (r21): without this index each
        // delete scans posts. Most posts have no editor, so PostgreSQL and SQLite index only
        // the rows that do. MySQL has no partial index; created before the key, this one is
        // the index the key uses, instead of one MySQL would make (and keep) itself.
        create_index("ix_posts_editor_id")
            .on("posts", ["editor_id"])
            .where_("editor_id IS NOT NULL")
            .concurrently()
            .if_not_exists()
            .only([postgres, sqlite]);
        create_index("ix_posts_editor_id").on("posts", ["editor_id"]).concurrently().if_not_exists().only([mysql]);
    }
}
