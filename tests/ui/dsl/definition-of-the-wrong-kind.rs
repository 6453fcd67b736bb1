//! `drop_table(..).definition(..)` takes a `create_table(..)`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        drop_table("sessions").definition(create_index("ix_sessions").on("sessions", ["id"]));
    }
}

fn main() {}
