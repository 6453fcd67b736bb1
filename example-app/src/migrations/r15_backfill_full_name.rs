//! r15 `279c684e8e43`: rename, phase 2: copy `display_name` into `full_name` in batches.

retort::migration! {
    /// Copy users.display_name into full_name
    revision: "279c684e8e43",
    parent: "ab43a9d12723",
    transaction: none,
    up {
        // Rows the app already dual-wrote keep their value.
        backfill("users").set("full_name", "display_name").where_("full_name IS NULL AND display_name IS NOT NULL").key("id");
    }
    down {
        // The way back copies the other direction first: when r16's downgrade has re-added
        // display_name empty, this is what refills it (and names written only to full_name
        // since the expand phase are kept either way).
        backfill("users").set("display_name", "full_name").where_("display_name IS NULL AND full_name IS NOT NULL").key("id");
        backfill("users").set("full_name", "NULL").where_("full_name IS NOT NULL").key("id");
    }
}
