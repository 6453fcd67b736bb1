//! A revision has ops.

retort::migration! {
    revision: "a1",
    parent: "a0",
    down {
        drop_table("teams");
    }
}

fn main() {}
