//! r33 `29e7a574e33d`: swap v2 in atomically and refresh it concurrently.

retort::migration! {
    /// Swap session_summary_v2 in for session_summary
    revision: "29e7a574e33d",
    parent: "a1d4d57adfe3",
    up {
        // Both renames commit together: readers see v1 or v2 under the name, never nothing.
        rename_view("session_summary", "session_summary_v1").materialized().only([postgres]);
        rename_view("session_summary_v2", "session_summary").materialized().only([postgres]);
        // Catch up with the sessions written since r32 built v2, without blocking readers
        // (the unique index of r32 makes CONCURRENTLY possible).
        refresh_materialized_view("session_summary").concurrently().only([postgres]);
    }
}
