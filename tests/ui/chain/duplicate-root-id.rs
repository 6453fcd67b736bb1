//! Two roots with one id.

mod migrations {
    retort::migrations!("fixtures/duplicate-root-id");
}

fn main() {}
