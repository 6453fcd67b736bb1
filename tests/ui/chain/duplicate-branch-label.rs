//! Two branches declare the same label.

mod migrations {
    retort::migrations!("fixtures/duplicate-branch-label");
}

fn main() {}
