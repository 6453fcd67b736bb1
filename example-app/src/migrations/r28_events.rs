//! r28 `6543f098affb`: the analytics branch starts: `events`, partitioned by month on PostgreSQL.

retort::migration! {
    /// Create events, range-partitioned by occurred_at
    revision: "6543f098affb",
    parent: "c53736363ba8",
    // The analytics team ships on its own schedule; its line joins the main one in r34.
    branch_label: "analytics",
    up {
        // On PostgreSQL the parent holds no rows: each month is a partition (r29), and old
        // months are detached (r30) instead of deleted row by row. The key must contain the
        // partition column. No foreign key to users: events outlive the accounts they name.
        create_table("events", [
            column("id", Uuid).not_null(),
            column("user_id", Uuid),
            column("kind", Text).not_null(),
            column("payload", Jsonb).not_null().default("{}"),
            column("occurred_at", TimestampTz).not_null().default(now()),
        ]).primary_key(["id", "occurred_at"]).partition_by(Range, ["occurred_at"]).comment("append-only product analytics").only([postgres]);
        // SQLite and MySQL have no declarative partitioning here: a plain table, same columns.
        create_table("events", [
            column("id", Uuid).not_null(),
            column("user_id", Uuid),
            column("kind", Text).not_null(),
            column("payload", Jsonb).not_null().default("{}"),
            column("occurred_at", TimestampTz).not_null().default(now()),
        ]).primary_key(["id", "occurred_at"]).comment("append-only product analytics").only([sqlite, mysql]);
        // On the partitioned parent this creates the index on every partition, now and later.
        create_index("ix_events_user_id_occurred_at").on("events", ["user_id", "occurred_at"]);
    }
}
