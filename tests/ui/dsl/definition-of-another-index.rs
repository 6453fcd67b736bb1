//! A drop's definition must describe the object it drops.

retort::migration! {
    revision: "a1",
    parent: "a0",
    transaction: none,
    up {
        drop_index("ix_users_email").concurrently().if_exists().definition(create_index("ix_users_mail").on("users", ["email"]));
    }
}

fn main() {}
