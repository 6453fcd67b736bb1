//! An index needs at least one column.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
        create_index("ix_teams").on("teams", []);
    }
}

fn main() {}
