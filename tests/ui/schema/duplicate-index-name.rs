//! A second index with a name already taken.

mod migrations {
    retort::migrations!("fixtures/duplicate-index-name");
}

fn main() {}
