//! An index on a table under the name an earlier revision renamed it from.

mod migrations {
    retort::migrations!("fixtures/index-on-renamed-table");
}

fn main() {}
