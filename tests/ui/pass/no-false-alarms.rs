//! Careful migrations that no safety rule may flag: an index built without CONCURRENTLY where the
//! op runs only on SQLite (which has no CONCURRENTLY), and SET NOT NULL in a `transaction: none`
//! revision, where the runner takes the online recipe itself.

retort::migration! {
    /// SQLite-only index
    revision: "f0001",
    parent: none,
    up {
        create_index("ix_users_email").on("users", ["email"]).only([sqlite]);
    }
}

retort::migration! {
    /// NOT NULL the online way
    revision: "f0002",
    parent: "f0001",
    transaction: none,
    up {
        alter_column("users", "email").set_not_null();
    }
}

fn main() {
    assert_eq!(retort::Registry::collect().unwrap().revisions().len(), 2);
}
