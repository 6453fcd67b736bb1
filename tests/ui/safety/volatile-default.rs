//! A volatile default rewrites the table.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_column("users", column("token", Uuid).default(sql("gen_random_uuid()")));
    }
}

fn main() {}
