//! `Numeric(p, s)` needs `p >= 1` and `s <= p`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("prices", [
            column("id", BigInt).primary_key().identity(),
            column("amount", Numeric(2, 10)),
            column("rate", Numeric(0, 0)),
            column("ok", Numeric(10, 10)),
        ]);
    }
}

fn main() {}
