//! Dropping an index that an earlier revision dropped already.

mod migrations {
    retort::migrations!("fixtures/drop-missing-index");
}

fn main() {}
