//! Indexes: every element form and option, built and dropped concurrently outside a transaction.

retort::migration! {
    /// Index users
    revision: "i0001",
    parent: none,
    transaction: none,
    up {
        create_index("ix_users_email_lower").on("users", [expr("lower(email)")]).unique().concurrently().if_not_exists();
        create_index("ix_users_recent")
            .on("users", ["org_id", desc("created_at"), asc("name").nulls_last(), col("bio").opclass("text_pattern_ops")])
            .using(Btree)
            .where_("deleted_at IS NULL")
            .include(["email"])
            .nulls_not_distinct()
            .concurrently()
            .if_not_exists();
        create_index("ix_users_search").on("users", [col("name").opclass("gin_trgm_ops")]).using(Gin).concurrently().if_not_exists();
        drop_index("ix_users_old").on("users").concurrently().if_exists().definition(create_index("ix_users_old").on("users", ["name"]));
    }
}

retort::migration! {
    /// Index the partitioned parent only
    revision: "i0002",
    parent: "i0001",
    up {
        create_table("metrics", [column("at", TimestampTz).not_null(), column("value", Double)]).partition_by(Range, ["at"]);
        create_index("ix_metrics_at").on("metrics", ["at"]).only();
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let rev = registry.get("i0001").unwrap();
    assert_eq!(rev.transaction, retort::ops::TransactionMode::None);
    let down = rev.down().unwrap();
    assert_eq!(down.len(), 4);
    assert!(down.iter().all(|op| op.requires_no_transaction()));
}
