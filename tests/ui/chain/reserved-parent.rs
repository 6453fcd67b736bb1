//! `parent: "base"` instead of `parent: none`.

mod migrations {
    retort::migrations!("fixtures/reserved-parent");
}

fn main() {}
