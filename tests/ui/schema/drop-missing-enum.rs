//! Dropping an enum type that an earlier revision dropped already (PostgreSQL).

mod migrations {
    retort::migrations!("fixtures/drop-missing-enum");
}

fn main() {}
