//! A cycle of three behind a sound base.

mod migrations {
    retort::migrations!("fixtures/cycle-of-three");
}

fn main() {}
