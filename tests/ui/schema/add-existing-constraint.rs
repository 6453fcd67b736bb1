//! Adding a constraint under a name the table already uses.

mod migrations {
    retort::migrations!("fixtures/add-existing-constraint");
}

fn main() {}
