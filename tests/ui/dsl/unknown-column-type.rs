//! A misspelled column type names the closest type.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("accounts", [column("id", Bigint).primary_key().identity()]);
    }
}

fn main() {}
