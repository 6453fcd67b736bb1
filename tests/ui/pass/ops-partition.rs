//! Partitions: a partitioned table, partitions of every bound, attach and detach.

retort::migration! {
    /// Monthly events
    revision: "p0001",
    parent: none,
    up {
        create_table("events", [
            column("id", BigInt).not_null(),
            column("region", Text).not_null(),
            column("created_at", TimestampTz).not_null(),
        ])
        .primary_key(["id", "created_at"])
        .partition_by(Range, ["created_at"]);
        create_partition("events_2026_01", "events", range(["2026-01-01"], ["2026-02-01"]));
        create_partition("events_default", "events", default_partition());
    }
}

retort::migration! {
    /// Add a month the safe way, and other bounds
    revision: "p0002",
    parent: "p0001",
    up {
        create_partition("events_2026_02", "events", range(["2026-02-01"], ["2026-03-01"])).standalone("created_at");
    }
}

retort::migration! {
    /// Attach a prepared table
    revision: "p0003",
    parent: "p0002",
    up {
        create_table("shards", [column("id", BigInt).not_null()]).partition_by(Hash, ["id"]);
        create_partition("shards_0", "shards", hash(2, 0));
        create_table("shards_1", [column("id", BigInt).not_null()]);
        attach_partition("shards", "shards_1", hash(2, 1));
        create_table("regions", [column("code", Text).not_null()]).partition_by(List, ["code"]);
        create_partition("regions_eu", "regions", list(["fr", "de"]));
    }
}

retort::migration! {
    /// Detach last year without locking the parent
    revision: "p0004",
    parent: "p0003",
    transaction: none,
    up {
        detach_partition("events", "events_2025_12").concurrently().bound(range(["2025-12-01"], ["2026-01-01"]));
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    assert_eq!(registry.get("p0004").unwrap().down().unwrap()[0].kind(), "attach_partition");
    assert_eq!(registry.get("p0001").unwrap().down().unwrap().len(), 3);
}
