//! A type change rewrites the table.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        alter_column("users", "age").set_type(BigInt).from_type(Integer);
    }
}

fn main() {}
