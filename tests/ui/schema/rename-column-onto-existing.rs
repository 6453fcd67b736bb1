//! Renaming a column to a name the table already uses.

mod migrations {
    retort::migrations!("fixtures/rename-column-onto-existing");
}

fn main() {}
