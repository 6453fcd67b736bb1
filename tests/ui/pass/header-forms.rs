//! Header forms: a root, branches with labels, a dependency, a merge, explicit transaction modes,
//! and an allow for the whole revision.

retort::migration! {
    /// Root
    revision: "h0001",
    parent: none,
    transaction: per_migration,
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

retort::migration! {
    revision: "h0002",
    parent: "h0001",
    branch_label: "billing",
    up {
        create_table("invoices", [column("id", BigInt).primary_key().identity()]);
    }
}

retort::migration! {
    revision: "h0003",
    parent: "h0001",
    branch_labels: ["auth", "security"],
    depends_on: ["h0002"],
    up {
        create_table("tokens", [column("id", BigInt).primary_key().identity()]);
    }
}

retort::migration! {
    /// Merge billing and auth
    #[allow(drop_table, many_lock_targets, reason = "both tables were created empty by these branches")]
    revision: "h0004",
    parents: ["h0002", "h0003"],
    depends_on: "h0001",
    up {
        drop_table("invoices").definition(create_table("invoices", [column("id", BigInt).primary_key().identity()]));
        drop_table("tokens").definition(create_table("tokens", [column("id", BigInt).primary_key().identity()]));
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let ids: Vec<&str> = registry.revisions().iter().map(|r| &*r.id).collect();
    assert_eq!(ids, ["h0001", "h0002", "h0003", "h0004"]);
    let auth = registry.get("h0003").unwrap();
    assert_eq!(&*auth.branch_labels, ["auth", "security"]);
    assert_eq!(&*auth.depends_on, ["h0002"]);
    let merge = registry.get("h0004").unwrap();
    assert_eq!(merge.parent_ids().collect::<Vec<_>>(), ["h0002", "h0003"]);
    assert_eq!(
        &*merge.allowed,
        ["drop-table: both tables were created empty by these branches", "many-lock-targets: both tables were created empty by these branches"]
    );
    assert!(merge.source.contains("header-forms.rs"));
    // The checksum covers the ops, so equal ops in equal modes hash alike.
    assert_eq!(merge.checksum.len(), 64);
}
