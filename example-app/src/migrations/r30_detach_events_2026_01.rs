//! r30 `e4aa38ef61df`: retention: a month detached concurrently.

retort::migration! {
    /// Detach events_2026_01 from events (retention)
    revision: "e4aa38ef61df",
    parent: "de002307e474",
    // DETACH .. CONCURRENTLY (PostgreSQL 14+) cannot run in a transaction block.
    transaction: none,
    up {
        // The month stays as a standalone table for the archive job; the bound makes the
        // detach reversible (the downgrade attaches it again).
        detach_partition("events", "events_2026_01").concurrently().bound(range(["2026-01-01"], ["2026-02-01"])).only([postgres]);
    }
}
