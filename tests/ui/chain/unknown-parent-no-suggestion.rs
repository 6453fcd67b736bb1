//! A parent that resembles no revision of the folder (e.g. a file not copied over).

mod migrations {
    retort::migrations!("fixtures/unknown-parent-no-suggestion");
}

fn main() {}
