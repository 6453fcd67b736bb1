//! DETACH PARTITION without CONCURRENTLY locks the parent.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        detach_partition("events", "events_2025_12").bound(range(["2025-12-01"], ["2026-01-01"]));
    }
}

fn main() {}
