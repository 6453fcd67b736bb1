//! Dropping a check constraint that no revision added.

mod migrations {
    retort::migrations!("fixtures/drop-missing-constraint");
}

fn main() {}
