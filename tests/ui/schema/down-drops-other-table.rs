//! A `down` that drops a table its `up` did not create.

mod migrations {
    retort::migrations!("fixtures/down-drops-other-table");
}

fn main() {}
