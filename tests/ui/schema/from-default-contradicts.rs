//! A restored default that contradicts the chain: the column has no default.

mod migrations {
    retort::migrations!("fixtures/from-default-contradicts");
}

fn main() {}
