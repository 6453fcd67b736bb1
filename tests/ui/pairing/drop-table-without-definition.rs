//! A drop without the old definition cannot be undone.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(drop_table, reason = "unused since v2")]
        drop_table("legacy_sessions");
    }
}

fn main() {}
