//! A type change without the old type cannot be undone.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(change_column_type, reason = "table is tiny")]
        alter_column("settings", "value").set_type(Jsonb);
    }
}

fn main() {}
