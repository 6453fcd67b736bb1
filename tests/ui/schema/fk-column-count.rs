//! A foreign key with two columns that references one.

mod migrations {
    retort::migrations!("fixtures/fk-column-count");
}

fn main() {}
