//! r32 `a1d4d57adfe3`: build v2 of the view beside v1, so that the switch is a rename.

retort::migration! {
    /// Create session_summary_v2 with open-session counts
    revision: "a1d4d57adfe3",
    parent: "2f7219f75067",
    up {
        create_materialized_view(
            "session_summary_v2",
            "SELECT user_id, count(*) AS session_count, \
             count(*) FILTER (WHERE revoked_at IS NULL) AS open_sessions, \
             max(created_at) AS last_session_at, max(last_seen_at) AS last_seen_at \
             FROM sessions GROUP BY user_id",
        )
        .only([postgres]);
        #[allow(index_concurrently, reason = "session_summary_v2 is created by this revision: nobody reads or writes it yet")]
        create_index("ux_session_summary_v2_user_id").on("session_summary_v2", ["user_id"]).unique().only([postgres]);
    }
}
