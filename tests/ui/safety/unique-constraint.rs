//! ADD UNIQUE builds its index under an exclusive lock.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_constraint("users", unique("uq_users_email", ["email"]));
    }
}

fn main() {}
