//! `head` cannot be an id: `upgrade head` would mean something else.

mod migrations {
    retort::migrations!("fixtures/reserved-id");
}

fn main() {}
