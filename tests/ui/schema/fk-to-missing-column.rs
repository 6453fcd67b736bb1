//! A foreign key to a column the referenced table lacks.

mod migrations {
    retort::migrations!("fixtures/fk-to-missing-column");
}

fn main() {}
