//! An op with the wrong number of arguments quotes its form.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        rename_column("users", "name");
    }
}

fn main() {}
