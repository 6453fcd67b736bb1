//! Types that age badly are warnings (denied here to show them).

#![deny(deprecated)]

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("sessions", [
            column("id", BigInt).primary_key().identity(),
            column("started_at", Timestamp).not_null(),
        ]);
    }
}

fn main() {}
