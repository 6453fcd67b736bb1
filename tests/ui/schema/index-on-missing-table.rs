//! An index on a table that does not exist (a typo in the table name).

mod migrations {
    retort::migrations!("fixtures/index-on-missing-table");
}

fn main() {}
