//! A migration with a mistake reports that mistake only: the code around it still compiles.

retort::migration! {
    revision: "c0001",
    parent: none,
    up {
        create_tabel("accounts", [column("id", BigInt).primary_key().identity()]);
    }
}

retort::migration! {
    revision: "c0002",
    parent: "c0001",
    up {
        create_table("sessions", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {
    let registry = retort::Registry::collect().expect("revisions are linked");
    assert_eq!(registry.revisions().len(), 2);
}
