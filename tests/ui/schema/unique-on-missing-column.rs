//! A unique constraint on a column the table lacks.

mod migrations {
    retort::migrations!("fixtures/unique-on-missing-column");
}

fn main() {}
