//! A parent id with a typo: the error is at the literal, and names the close id and its file.

mod migrations {
    retort::migrations!("fixtures/unknown-parent");
}

fn main() {}
