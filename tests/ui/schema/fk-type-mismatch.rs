//! A foreign key whose column type differs from the referenced column.

mod migrations {
    retort::migrations!("fixtures/fk-type-mismatch");
}

fn main() {}
