//! A revision depending on its own child.

mod migrations {
    retort::migrations!("fixtures/self-dependency-through-label");
}

fn main() {}
