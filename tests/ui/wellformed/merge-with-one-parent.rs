//! `parents: [..]` is for merges of two or more revisions.

retort::migration! {
    revision: "a1",
    parents: ["a0"],
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
