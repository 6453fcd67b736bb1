//! A misspelled method names the closest method of that op.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("accounts", [column("id", BigInt).primary_key().identity()]).if_not_exist();
    }
}

fn main() {}
