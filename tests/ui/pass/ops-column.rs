//! Columns: add, drop with its definition, rename, and every alter with its old state.

retort::migration! {
    /// Reshape users
    #[allow(many_lock_targets, reason = "both tables are small and idle during deploys")]
    revision: "c0001",
    parent: none,
    up {
        add_column("users", column("nickname", Text)).if_not_exists();
        #[allow(drop_column, reason = "unused since v2")]
        drop_column("users", "legacy_flag").if_exists().definition(column("legacy_flag", Boolean).not_null().default(false));
        #[allow(rename_column, reason = "only the admin tool reads it, deployed with this revision")]
        rename_column("users", "fullname", "full_name");
        #[allow(change_column_type, set_not_null, reason = "users has a few hundred rows")]
        alter_column("users", "age")
            .set_type(BigInt)
            .from_type(Integer)
            .using("age::bigint")
            .reverse_using("age::integer")
            .set_not_null()
            .set_default(0)
            .from_no_default()
            .set_comment("years")
            .from_comment("age");
        alter_column("orders", "note").drop_not_null().drop_default().from_default("");
        alter_column("users", "name").set_type(Text).from_type(Varchar(100));
    }
}

retort::migration! {
    /// Identity changes
    revision: "c0002",
    parent: "c0001",
    up {
        create_table("counters", [column("id", BigInt).not_null(), column("n", BigInt)]);
        alter_column("counters", "id").add_identity();
        alter_column("counters", "n").drop_identity();
    }
}

retort::migration! {
    /// Identity options (PostgreSQL's)
    revision: "c0003",
    parent: "c0002",
    up {
        create_table("tickets", [
            column("id", BigInt).primary_key().identity_always().start(1000).increment(10).min_value(1000).max_value(9999999).cache(20).cycle(),
        ])
        .only([postgres]);
        alter_column("counters", "id").set_generated_always().increment(5).no_cycle().only([postgres]);
        alter_column("counters", "n").add_identity_always().start(7).only([postgres]);
        alter_column("counters", "id").set_generated_by_default().only([postgres]);
        add_column("counters", column("label", Varchar(20)).charset("latin1").collate("latin1_bin")).only([mysql]);
        alter_column("counters", "label").set_collation("latin1_general_ci").only([mysql]);
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    for rev in registry.revisions() {
        let up = rev.up().unwrap();
        let down = rev.down().unwrap();
        // Reversing the derived downgrade gives the upgrade back (idempotence flags aside).
        let again: Vec<_> = retort::derive_down(&down).unwrap().iter().map(|op| op.kind()).collect();
        assert_eq!(again, up.iter().map(|op| op.kind()).collect::<Vec<_>>(), "{}", rev.id);
    }
}
