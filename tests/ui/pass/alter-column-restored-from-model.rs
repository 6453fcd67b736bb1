//! A type change without the old type: its derived downgrade sets the type back from the chain's
//! schema model when it runs.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(change_column_type, reason = "table is tiny")]
        alter_column("settings", "value").set_type(Jsonb);
    }
}

fn main() {}
