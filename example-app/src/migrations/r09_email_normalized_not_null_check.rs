//! r09 `a6d1399fccb6`: `CHECK (email_normalized IS NOT NULL) NOT VALID` (step 3 of the NOT NULL recipe).

retort::migration! {
    /// Check users.email_normalized IS NOT NULL, NOT VALID
    revision: "a6d1399fccb6",
    parent: "97d8d960dc21",
    up {
        // Only PostgreSQL uses the check: once validated, SET NOT NULL (12+) trusts it and skips
        // the full-table scan under ACCESS EXCLUSIVE. Elsewhere the SET NOT NULL of r11 is enough.
        add_constraint("users", check("ck_users_email_normalized_not_null", "email_normalized IS NOT NULL")).not_valid().only([postgres]);
    }
}
