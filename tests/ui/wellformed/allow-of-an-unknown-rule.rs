//! An allow names a rule that exists.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        #[allow(drop_colum, reason = "unused since v2")]
        drop_column("users", "legacy_flag").definition(column("legacy_flag", Boolean));
    }
}

fn main() {}
