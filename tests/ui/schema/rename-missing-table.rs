//! Renaming a table that does not exist at that point.

mod migrations {
    retort::migrations!("fixtures/rename-missing-table");
}

fn main() {}
