//! `down` undoes `up` from the last op to the first.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
        create_table("members", [column("id", BigInt).primary_key().identity()]);
    }
    down {
        drop_table("teams");
        drop_table("members");
    }
}

fn main() {}
