//! `.on_delete(..)` needs `.references(..)` before it.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("orders", [column("id", BigInt).primary_key().identity(), column("user_id", BigInt).on_delete(Cascade)]);
    }
}

fn main() {}
