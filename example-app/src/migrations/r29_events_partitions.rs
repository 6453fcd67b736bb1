//! r29 `de002307e474`: monthly partitions, each created standalone and then attached.

retort::migration! {
    /// Create the events partitions for January to April 2026
    revision: "de002307e474",
    parent: "6543f098affb",
    up {
        // `standalone`: CREATE TABLE .. (LIKE events), a CHECK matching the bound, then ATTACH;
        // the parent is locked only for the short ATTACH, which the CHECK lets skip its scan.
        create_partition("events_2026_01", "events", range(["2026-01-01"], ["2026-02-01"])).standalone("occurred_at").only([postgres]);
        create_partition("events_2026_02", "events", range(["2026-02-01"], ["2026-03-01"])).standalone("occurred_at").only([postgres]);
        create_partition("events_2026_03", "events", range(["2026-03-01"], ["2026-04-01"])).standalone("occurred_at").only([postgres]);
        create_partition("events_2026_04", "events", range(["2026-04-01"], ["2026-05-01"])).standalone("occurred_at").only([postgres]);
    }
}
