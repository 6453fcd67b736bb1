//! Every revision names its parent (or `parent: none`).

retort::migration! {
    revision: "a1",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
