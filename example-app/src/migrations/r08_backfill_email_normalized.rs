//! r08 `97d8d960dc21`: batched backfill of `email_normalized` (step 2 of the NOT NULL recipe).

retort::migration! {
    /// Backfill users.email_normalized in batches
    revision: "97d8d960dc21",
    parent: "ebebf4ee94ae",
    // Each batch commits on its own: row locks are short and a crash resumes from the last key.
    transaction: none,
    up {
        backfill("users")
            .set("email_normalized", "lower(email)")
            .where_("email_normalized IS NULL")
            .key("id")
            .batch_size(1000)
            .target_batch_ms(200);
    }
    down {
        backfill("users")
            .set("email_normalized", "NULL")
            .where_("email_normalized IS NOT NULL")
            .key("id")
            .batch_size(1000)
            .target_batch_ms(200);
    }
}
