//! Adding a column the table already has.

mod migrations {
    retort::migrations!("fixtures/add-existing-column");
}

fn main() {}
