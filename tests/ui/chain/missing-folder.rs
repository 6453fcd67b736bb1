//! The folder does not exist.

mod migrations {
    retort::migrations!("fixtures/does-not-exist");
}

fn main() {}
