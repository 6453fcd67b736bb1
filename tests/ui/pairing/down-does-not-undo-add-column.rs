//! An explicit `down` must undo each reversible `up` op.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        add_column("users", column("nickname", Text));
    }
    down {
        drop_column("users", "nick_name");
    }
}

fn main() {}
