//! A `down` that stops before undoing the first `up` op.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
        create_index("ix_teams_id").on("teams", ["id"]);
    }
    down {
        drop_index("ix_teams_id");
    }
}

fn main() {}
