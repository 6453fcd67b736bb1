//! `.only([..])` takes dialect names.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_extension("pg_trgm").if_not_exists().only([postgresql]);
    }
}

fn main() {}
