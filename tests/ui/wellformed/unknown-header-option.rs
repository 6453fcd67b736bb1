//! A misspelled option names the closest option.

retort::migration! {
    revision: "a1",
    parent: "a0",
    transation: none,
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
