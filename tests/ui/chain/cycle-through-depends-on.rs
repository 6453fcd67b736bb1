//! A dependency on a descendant closes a cycle.

mod migrations {
    retort::migrations!("fixtures/cycle-through-depends-on");
}

fn main() {}
