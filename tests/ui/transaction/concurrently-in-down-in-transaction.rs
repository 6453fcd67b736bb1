//! The `down` ops run in the revision's transaction mode too.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity(), column("name", Text)]);
        create_index("ix_teams_name").on("teams", ["name"]);
    }
    down {
        drop_index("ix_teams_name").concurrently();
        drop_table("teams");
    }
}

fn main() {}
