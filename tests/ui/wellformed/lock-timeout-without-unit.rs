//! A duration is a whole number with a unit.

retort::migration! {
    revision: "a1",
    parent: none,
    lock_timeout: "2",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
