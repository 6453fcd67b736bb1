//! A zero lock_timeout would wait for the lock without limit.

retort::migration! {
    revision: "a1",
    parent: none,
    lock_timeout: "0",
    up {
        create_table("teams", [column("id", BigInt).primary_key().identity()]);
    }
}

fn main() {}
