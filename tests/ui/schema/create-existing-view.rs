//! Creating a view under a name a table has.

mod migrations {
    retort::migrations!("fixtures/create-existing-view");
}

fn main() {}
