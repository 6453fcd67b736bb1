//! r04 `040e59fa31a8`: the posts table, with an identity key.

retort::migration! {
    /// Create posts
    revision: "040e59fa31a8",
    parent: "d4059185ab17",
    up {
        create_table("posts", [
            column("id", BigInt).primary_key().identity(),
            column("author_id", Uuid).not_null().references("users", "id").on_delete(Cascade),
            column("title", Text).not_null(),
            column("body", Text).not_null().default(""),
            column("status", Text).not_null().default("draft"),
            column("published_at", TimestampTz),
            column("created_at", TimestampTz).not_null().default(now()),
        ]).comment("what users write");
        // MySQL indexes foreign key columns itself.
        create_index("ix_posts_author_id").on("posts", ["author_id"]).only([postgres, sqlite]);
    }
}
