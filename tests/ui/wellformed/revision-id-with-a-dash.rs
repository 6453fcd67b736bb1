//! A revision id cannot contain `-` (it would read as a relative target like `-1`).

retort::migration! {
    revision: "2026-01-10",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
