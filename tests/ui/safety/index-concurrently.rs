//! CREATE INDEX without CONCURRENTLY blocks writes.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_index("ix_users_email").on("users", ["email"]);
    }
}

fn main() {}
