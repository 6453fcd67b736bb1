//! A revision id cannot be empty.

retort::migration! {
    revision: "",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
