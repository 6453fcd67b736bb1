//! Only doc comments and allows are accepted on ops.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[cfg(feature = "audit")]
        create_table("audit_log", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
