//! An `alter_column` whose `.from_type(..)` says the column was something the chain never made it.

mod migrations {
    retort::migrations!("fixtures/from-type-contradicts");
}

fn main() {}
