//! r31 `2f7219f75067`: the `session_summary` materialized view, uniquely indexed.

retort::migration! {
    /// Create the session_summary materialized view
    revision: "2f7219f75067",
    parent: "e4aa38ef61df",
    up {
        create_materialized_view(
            "session_summary",
            "SELECT user_id, count(*) AS session_count, max(created_at) AS last_session_at \
             FROM sessions GROUP BY user_id",
        )
        .only([postgres]);
        // REFRESH .. CONCURRENTLY needs a unique index on the view.
        #[allow(index_concurrently, reason = "session_summary is created by this revision: nobody reads or writes it yet")]
        create_index("ux_session_summary_user_id").on("session_summary", ["user_id"]).unique().only([postgres]);
    }
}
