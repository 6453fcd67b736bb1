//! `.only([..])` restricts an op to some dialects; the rest of the revision runs everywhere.

retort::migration! {
    /// Search support on PostgreSQL only
    revision: "d0001",
    parent: none,
    up {
        create_extension("pg_trgm").if_not_exists().only([postgres]);
        create_table("notes", [column("id", BigInt).primary_key().identity(), column("body", Text)]);
        create_index("ix_notes_body").on("notes", [col("body").opclass("gin_trgm_ops")]).using(Gin).only([postgres]);
        create_index("ix_notes_body_prefix").on("notes", ["body"]).only([mysql, sqlite]);
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let rev = registry.get("d0001").unwrap();
    let retort::ops::Op::Only(only) = &rev.up().unwrap()[0] else { panic!() };
    assert!(only.applies_to("postgres") && !only.applies_to("mysql"));
    // The inverse keeps the restriction.
    assert!(matches!(rev.down().unwrap().last(), Some(retort::ops::Op::Only(_))));
}
