//! An id with a `.`: ids are letters, digits and `_`.

mod migrations {
    retort::migrations!("fixtures/invalid-id-character");
}

fn main() {}
