//! Each lock and transaction rule, allowed with a reason (the failing forms are in ui/safety/).

retort::migration! {
    revision: "l0001",
    parent: none,
    up {
        #[allow(raw_sql, lock_timeout, reason = "one-off maintenance window, nothing else runs")]
        execute("SET lock_timeout = 0");
    }
    irreversible
}

retort::migration! {
    revision: "l0002",
    parent: "l0001",
    up {
        #[allow(raw_sql, statement_timeout, reason = "one-off maintenance window, nothing else runs")]
        execute("SET statement_timeout = 0");
    }
    irreversible
}

retort::migration! {
    revision: "l0003",
    parent: "l0002",
    up {
        add_column("countries", column("region", Text));
        #[allow(mixed_ddl_dml, reason = "two rows of reference data")]
        bulk_insert("countries", ["code", "region"], [["fr", "eu"], ["us", "na"]]);
    }
    irreversible
}

retort::migration! {
    revision: "l0004",
    parent: "l0003",
    up {
        add_column("users", column("locale", Text));
        #[allow(many_lock_targets, reason = "the app takes these locks in the same order")]
        add_column("orders", column("locale", Text));
    }
}

retort::migration! {
    #[allow(non_idempotent_no_tx, reason = "the runner rebuilds an INVALID index and the name is new")]
    revision: "l0005",
    parent: "l0004",
    transaction: none,
    up {
        create_index("ix_users_locale").on("users", ["locale"]).concurrently();
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    assert_eq!(registry.revisions().len(), 5);
    assert_eq!(&*registry.get("l0004").unwrap().allowed, ["many-lock-targets@2: the app takes these locks in the same order"]);
}
