//! A data change in the same transaction as DDL keeps the DDL lock for its whole run.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_column("countries", column("region", Text));
        bulk_insert("countries", ["code", "region"], [["fr", "eu"], ["us", "na"]]);
    }
    irreversible
}

fn main() {}
