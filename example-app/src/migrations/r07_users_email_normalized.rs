//! r07 `ebebf4ee94ae`: a new required column starts nullable (step 1 of the NOT NULL recipe).

retort::migration! {
    /// Add users.email_normalized, nullable for now
    revision: "ebebf4ee94ae",
    parent: "0cbe960fa4d8",
    up {
        // Nullable and without a default: a metadata-only change. The app writes it from this
        // release on; r08 fills the old rows, r09-r11 make it NOT NULL without a long lock.
        add_column("users", column("email_normalized", Text).comment("lower(email): the login lookup key"));
    }
}
