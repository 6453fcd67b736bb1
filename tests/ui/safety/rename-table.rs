//! A table rename breaks running app instances.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        rename_table("people", "persons");
    }
}

fn main() {}
