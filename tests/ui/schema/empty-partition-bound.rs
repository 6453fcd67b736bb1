//! A range partition whose upper bound is not above its lower bound.

mod migrations {
    retort::migrations!("fixtures/empty-partition-bound");
}

fn main() {}
