//! A misspelled op names the closest op.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        create_tabel("accounts", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
