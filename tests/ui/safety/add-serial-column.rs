//! An identity column on an existing table fills every row.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_column("events", column("seq", BigInt).identity());
    }
}

fn main() {}
