//! Names are read at compile time: a const where a string literal belongs is an error.

#[allow(dead_code)]
const ACCOUNTS: &str = "accounts";

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table(ACCOUNTS, [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
