//! A dropped column whose `.definition(..)` is not the column the chain built: a downgrade would recreate it differently.

mod migrations {
    retort::migrations!("fixtures/definition-contradicts");
}

fn main() {}
