//! A batched backfill commits per batch, so it cannot run in a transactional revision.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        backfill("users").set("email_lower", "lower(email)").where_("email_lower IS NULL");
    }
    irreversible
}

fn main() {}
