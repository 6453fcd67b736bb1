//! Two revisions naming each other as parent: each is reported at its parent.

mod migrations {
    retort::migrations!("fixtures/cycle-of-two");
}

fn main() {}
