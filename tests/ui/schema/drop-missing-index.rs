//! Dropping an index no revision created.

mod migrations {
    retort::migrations!("fixtures/drop-missing-index");
}

fn main() {}
