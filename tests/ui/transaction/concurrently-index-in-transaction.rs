//! `create_index(..).concurrently()` cannot run in a transaction.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_index("ix_users_email").on("users", ["email"]).concurrently().if_not_exists();
    }
}

fn main() {}
