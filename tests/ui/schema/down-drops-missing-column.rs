//! A `down` that drops a column that does not exist after its `up`.

mod migrations {
    retort::migrations!("fixtures/down-drops-missing-column");
}

fn main() {}
