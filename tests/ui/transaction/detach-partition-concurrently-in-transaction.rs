//! `detach_partition(..).concurrently()` cannot run in a transaction.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        detach_partition("events", "events_2025_12").concurrently().bound(range(["2025-12-01"], ["2026-01-01"]));
    }
}

fn main() {}
