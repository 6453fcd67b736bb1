//! A dotted name is not a schema-qualified one: it would be a table literally named `audit.events`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("audit.events", [column("id", BigInt).primary_key()]);
    }
}

fn main() {}
