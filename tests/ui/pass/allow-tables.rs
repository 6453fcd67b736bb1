//! Each table, partition and data rule, allowed with a reason (the failing forms are in ui/safety/).

retort::migration! {
    revision: "r0001",
    parent: none,
    up {
        #[allow(rename_table, reason = "a view under the old name was created in r0000")]
        rename_table("people", "persons");
    }
}

retort::migration! {
    revision: "r0002",
    parent: "r0001",
    up {
        #[allow(drop_table, reason = "unused since v2")]
        drop_table("legacy_sessions").definition(create_table("legacy_sessions", [column("id", BigInt).primary_key().identity()]));
    }
}

retort::migration! {
    revision: "r0003",
    parent: "r0002",
    up {
        #[allow(partition_create, reason = "events is written by one worker that is paused")]
        create_partition("events_2026_02", "events", range(["2026-02-01"], ["2026-03-01"]));
    }
}

retort::migration! {
    revision: "r0004",
    parent: "r0003",
    up {
        #[allow(partition_detach, reason = "PostgreSQL 13 has no DETACH CONCURRENTLY")]
        detach_partition("events", "events_2025_12").bound(range(["2025-12-01"], ["2026-01-01"]));
    }
}

retort::migration! {
    revision: "r0005",
    parent: "r0004",
    up {
        #[allow(raw_sql, unbatched_backfill, reason = "users has a few hundred rows")]
        execute("UPDATE users SET active = true WHERE active IS NULL");
    }
    irreversible
}

retort::migration! {
    revision: "r0006",
    parent: "r0005",
    up {
        #[allow(raw_sql, reason = "CREATE FUNCTION takes no table lock")]
        execute("CREATE FUNCTION one() RETURNS int AS 'SELECT 1' LANGUAGE sql");
    }
    down {
        execute("DROP FUNCTION one()");
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    assert_eq!(registry.revisions().len(), 6);
}
