//! A drop breaks running code and loses the data.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        drop_column("users", "legacy_flag").definition(column("legacy_flag", Boolean));
    }
}

fn main() {}
