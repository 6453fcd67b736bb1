//! Adding a label to an enum type that does not exist.

mod migrations {
    retort::migrations!("fixtures/add-value-to-missing-enum");
}

fn main() {}
