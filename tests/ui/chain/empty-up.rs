//! A scaffold left unfilled: `up` is empty, which only a merge may be.

mod migrations {
    retort::migrations!("fixtures/empty-up");
}

fn main() {}
