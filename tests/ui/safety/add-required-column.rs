//! A NOT NULL column without a default on an existing table.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_column("users", column("email", Text).not_null());
    }
}

fn main() {}
