//! Dropping a view that an earlier revision dropped already.

mod migrations {
    retort::migrations!("fixtures/drop-missing-view");
}

fn main() {}
