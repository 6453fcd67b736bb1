//! Each option is given once.

retort::migration! {
    revision: "a1",
    parent: "a0",
    parent: "b0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
