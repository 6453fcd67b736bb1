//! Creating a table an earlier revision created, without `.if_not_exists()`.

mod migrations {
    retort::migrations!("fixtures/create-existing-table");
}

fn main() {}
