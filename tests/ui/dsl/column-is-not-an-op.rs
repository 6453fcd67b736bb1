//! `column(..)` alone is not an op.

retort::migration! {
    revision: "a1",
    parent: "a0",
    up {
        column("email", Text);
    }
}

fn main() {}
