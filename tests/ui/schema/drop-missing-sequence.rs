//! Dropping a sequence that an earlier revision dropped already.

mod migrations {
    retort::migrations!("fixtures/drop-missing-sequence");
}

fn main() {}
