//! A revision file whose name cannot be a module name.

mod migrations {
    retort::migrations!("fixtures/file-name-not-a-module");
}

fn main() {}
