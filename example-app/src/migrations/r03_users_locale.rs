//! r03 `d4059185ab17`: add a column with a constant server default.

retort::migration! {
    /// Add users.locale with a server default
    revision: "d4059185ab17",
    parent: "1a5769c0b403",
    up {
        // NOT NULL is safe here: a constant default fills existing rows without a rewrite
        // (PostgreSQL 11+ stores it in the catalog), so no backfill is needed.
        add_column("users", column("locale", Text).not_null().default("en").comment("BCP 47 tag for e-mails and dates"));
    }
}
