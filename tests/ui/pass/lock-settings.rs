//! A revision's own lock settings: `lock_timeout`, `statement_timeout` and `lock_retries`,
//! registered on the revision (and left out of its checksum).

retort::migration! {
    /// Add a note to teams
    revision: "l0001",
    parent: none,
    lock_timeout: "2s",
    statement_timeout: "1min",
    lock_retries: 5,
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

retort::migration! {
    revision: "l0002",
    parent: "l0001",
    statement_timeout: "0",
    lock_retries: 0,
    up {
        add_column("teams", column("note", Text));
    }
}

fn main() {
    let registry = retort::Registry::collect().unwrap();
    let first = registry.get("l0001").unwrap();
    assert_eq!((first.lock_timeout_ms, first.statement_timeout_ms, first.lock_retries), (Some(2000), Some(60_000), Some(5)));
    let second = registry.get("l0002").unwrap();
    assert_eq!((second.lock_timeout_ms, second.statement_timeout_ms, second.lock_retries), (None, Some(0), Some(0)));
}
