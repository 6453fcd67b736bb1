//! Ops are separated by `;`.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_table("a", [column("id", BigInt).primary_key().identity()])
        create_table("b", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
