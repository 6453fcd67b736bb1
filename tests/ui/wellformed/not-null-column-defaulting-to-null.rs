//! A NOT NULL column (or a primary key) cannot default to NULL.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("teams", [
            column("id", BigInt).primary_key().identity(),
            column("name", Text).not_null().default(null),
        ]);
        add_column("teams", column("code", BigInt).primary_key().default(null));
        add_column("teams", column("note", Text).default(null));
    }
}

fn main() {}
