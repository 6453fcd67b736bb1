//! Two existing tables locked in one transaction.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_column("users", column("locale", Text));
        add_column("orders", column("locale", Text));
    }
}

fn main() {}
