//! `drop_index(..).concurrently()` cannot run in a transaction.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        drop_index("ix_users_email").concurrently().if_exists().definition(create_index("ix_users_email").on("users", ["email"]));
    }
}

fn main() {}
