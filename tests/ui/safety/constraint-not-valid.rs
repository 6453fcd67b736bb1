//! A CHECK added validated scans the table under lock.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_constraint("orders", check("ck_orders_total", "total >= 0"));
    }
}

fn main() {}
