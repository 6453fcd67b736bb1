//! Two files with the same id (a copied file): the second is reported, naming the first.

mod migrations {
    retort::migrations!("fixtures/duplicate-id");
}

fn main() {}
