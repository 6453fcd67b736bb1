//! SET NOT NULL scans the table under an exclusive lock.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        alter_column("users", "email").set_not_null();
    }
}

fn main() {}
