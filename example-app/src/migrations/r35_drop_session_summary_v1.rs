//! r35 `58369ea7399b`: contract: drop the old view once nothing reads it.

retort::migration! {
    /// Drop session_summary_v1
    revision: "58369ea7399b",
    parent: "5939a45f6c19",
    up {
        // Dropping the view drops its index too; the downgrade rebuilds both.
        drop_materialized_view("session_summary_v1").only([postgres]);
    }
    down {
        create_materialized_view(
            "session_summary_v1",
            "SELECT user_id, count(*) AS session_count, max(created_at) AS last_session_at \
             FROM sessions GROUP BY user_id",
        )
        .only([postgres]);
        create_index("ux_session_summary_user_id").on("session_summary_v1", ["user_id"]).unique().only([postgres]);
    }
}
