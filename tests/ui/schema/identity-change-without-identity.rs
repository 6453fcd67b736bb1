//! An `alter_column` that changes the identity of a column that has none.

mod migrations {
    retort::migrations!("fixtures/identity-change-without-identity");
}

fn main() {}
