//! A revision cannot be its own parent.

retort::migration! {
    revision: "a1",
    parent: "a1",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
