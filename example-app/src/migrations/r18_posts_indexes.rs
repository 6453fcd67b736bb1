//! r18 `f353b2b4a14e`: a GIN trigram index, a covering (INCLUDE) index, and a redundant index dropped.

retort::migration! {
    /// Index posts for title search and author listings
    revision: "f353b2b4a14e",
    parent: "de7b3e14a861",
    transaction: none,
    up {
        // `title ILIKE '%..%'` and similarity search (pg_trgm, created in r01).
        create_index("ix_posts_title_trgm")
            .on("posts", [col("title").opclass("gin_trgm_ops")])
            .using(Gin)
            .concurrently()
            .if_not_exists()
            .only([postgres]);
        // An author's newest posts with their titles, answered from the index alone on
        // PostgreSQL (INCLUDE); SQLite gets the same key without the payload. MySQL keeps the
        // index it made for the author foreign key: an index starting with author_id would
        // take over that role and could then not be dropped while the key exists.
        create_index("ix_posts_author_published")
            .on("posts", ["author_id", desc("published_at")])
            .include(["title"])
            .concurrently()
            .if_not_exists()
            .only([postgres]);
        create_index("ix_posts_author_published")
            .on("posts", ["author_id", desc("published_at")])
            .concurrently()
            .if_not_exists()
            .only([sqlite]);
        // ix_posts_author_published starts with author_id, so the single-column index of r04
        // is redundant (MySQL never had it: it indexes foreign keys itself).
        drop_index("ix_posts_author_id")
            .on("posts")
            .concurrently()
            .if_exists()
            .definition(create_index("ix_posts_author_id").on("posts", ["author_id"]))
            .only([postgres, sqlite]);
    }
}
