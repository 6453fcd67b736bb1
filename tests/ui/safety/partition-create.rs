//! PARTITION OF locks the parent.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_partition("events_2026_02", "events", range(["2026-02-01"], ["2026-03-01"]));
    }
}

fn main() {}
