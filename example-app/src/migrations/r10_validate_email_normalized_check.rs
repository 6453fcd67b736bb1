//! r10 `3500f3f527b1`: validate the NOT NULL check (step 4 of the NOT NULL recipe).

retort::migration! {
    /// Validate ck_users_email_normalized_not_null
    revision: "3500f3f527b1",
    parent: "a6d1399fccb6",
    up {
        validate_constraint("users", "ck_users_email_normalized_not_null").only([postgres]);
    }
}
