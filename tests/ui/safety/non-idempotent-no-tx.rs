//! A step of a `transaction: none` revision that fails when rerun.

retort::migration! {
    revision: "a1",
    parent: "a0",
    transaction: none,
    up {
        create_index("ix_users_email").on("users", ["email"]).concurrently();
    }
}

fn main() {}
