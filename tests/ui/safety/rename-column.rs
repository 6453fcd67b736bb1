//! A rename breaks running app instances.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        rename_column("users", "name", "full_name");
    }
}

fn main() {}
