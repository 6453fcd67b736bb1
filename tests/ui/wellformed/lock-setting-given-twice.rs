//! Each lock setting is given once.

retort::migration! {
    revision: "a1",
    parent: none,
    statement_timeout: "30s",
    statement_timeout: "1min",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
