//! Adding a label an enum type already has (PostgreSQL).

mod migrations {
    retort::migrations!("fixtures/add-existing-enum-value");
}

fn main() {}
