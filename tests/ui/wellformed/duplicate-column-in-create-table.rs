//! A table cannot define a column twice.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [
            column("id", BigInt).primary_key().identity(),
            column("name", Text),
            column("name", Text).not_null(),
        ]);
    }
}

fn main() {}
