//! A merge's second parent is misspelt: the error is at that parent.

mod migrations {
    retort::migrations!("fixtures/unknown-parent-of-a-merge");
}

fn main() {}
