//! A revision is either `irreversible` or has a `down`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
    down {
        drop_table("teams");
    }
    irreversible
}

fn main() {}
