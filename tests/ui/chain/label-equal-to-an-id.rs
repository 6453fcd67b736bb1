//! A branch label spelled like a revision id could not be told from it.

mod migrations {
    retort::migrations!("fixtures/label-equal-to-an-id");
}

fn main() {}
