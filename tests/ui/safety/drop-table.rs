//! A table drop breaks clients and loses the data.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        drop_table("legacy_sessions").definition(create_table("legacy_sessions", [column("id", BigInt).primary_key().identity()]));
    }
}

fn main() {}
