//! An allow says why the risk is acceptable.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(drop_column)]
        drop_column("users", "legacy_flag").definition(column("legacy_flag", Boolean));
    }
}

fn main() {}
