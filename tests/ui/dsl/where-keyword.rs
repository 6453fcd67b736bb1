//! `.where(..)` is a Rust keyword: the DSL spells it `.where_(..)`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    transaction: none,
    up {
        create_index("ix_users_active").on("users", ["email"]).where("active").concurrently().if_not_exists();
    }
}

fn main() {}
