//! Data: raw SQL, bulk inserts of reference data, and a batched backfill.

retort::migration! {
    /// Countries reference data
    revision: "x0001",
    parent: none,
    up {
        create_table("countries", [column("code", Text).primary_key(), column("name", Text).not_null(), column("rank", BigInt)]);
        bulk_insert("countries", ["code", "name", "rank"], [["fr", "France", 1], ["de", "Germany", -2], ["xx", "Unknown", null]]);
    }
    down {
        drop_table("countries");
    }
}

retort::migration! {
    /// A function the typed ops cannot express
    revision: "x0002",
    parent: "x0001",
    up {
        #[allow(raw_sql, reason = "reviewed: CREATE FUNCTION takes no table lock")]
        execute("CREATE FUNCTION normalize_email(text) RETURNS text AS 'SELECT lower($1)' LANGUAGE sql IMMUTABLE");
    }
    down {
        execute("DROP FUNCTION normalize_email(text)");
    }
}

retort::migration! {
    /// Fill the new column in batches
    revision: "x0003",
    parent: "x0002",
    transaction: none,
    up {
        backfill("users")
            .set("email_normalized", "normalize_email(email)")
            .set("updated_at", "now()")
            .where_("email_normalized IS NULL")
            .key("id")
            .batch_size(5000)
            .target_batch_ms(100)
            .sleep_ms(10);
    }
    irreversible
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let fill = registry.get("x0003").unwrap();
    assert!(fill.irreversible);
    assert!(fill.down().is_err());
    assert_eq!(registry.get("x0001").unwrap().down().unwrap()[0].kind(), "drop_table");
}
