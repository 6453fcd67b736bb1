//! r19 `ea1a68300299`: a nullable column that will reference `users`.

retort::migration! {
    /// Add posts.editor_id
    revision: "ea1a68300299",
    parent: "f353b2b4a14e",
    up {
        // The index comes in r20 (concurrently, so outside a transaction) and the foreign key
        // in r21, so that no revision locks posts and users at once.
        add_column("posts", column("editor_id", Uuid).comment("last editor, if not the author"));
    }
}
