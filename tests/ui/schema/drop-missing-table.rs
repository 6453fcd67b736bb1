//! Dropping a table that an earlier revision renamed away.

mod migrations {
    retort::migrations!("fixtures/drop-missing-table");
}

fn main() {}
