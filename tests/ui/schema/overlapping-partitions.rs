//! A range partition that overlaps a sibling.

mod migrations {
    retort::migrations!("fixtures/overlapping-partitions");
}

fn main() {}
