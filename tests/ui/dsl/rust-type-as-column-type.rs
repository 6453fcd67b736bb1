//! A Rust type where a column type belongs: the error names the column type that stores it.

retort::migration! {
    /// Accounts
    revision: "a0001",
    parent: none,
    up {
        create_table("accounts", [column("id", i64).primary_key(), column("email", String).not_null()]);
    }
}

fn main() {}
