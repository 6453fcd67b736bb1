//! An `.if_not_exists()` create of a table the chain has creates nothing, so the new-table exemption does not cover the ops after it.

mod migrations {
    retort::migrations!("fixtures/if-not-exists-is-not-new");
}

fn main() {}
