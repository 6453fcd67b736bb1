//! A foreign key to a table an earlier revision renamed.

mod migrations {
    retort::migrations!("fixtures/fk-to-missing-table");
}

fn main() {}
