//! Renaming a table that an earlier revision renamed already.

mod migrations {
    retort::migrations!("fixtures/rename-missing-table");
}

fn main() {}
