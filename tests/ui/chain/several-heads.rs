//! Two heads are a warning (made an error here to show it), naming them and `migrate merge`.

#![deny(deprecated)]

mod migrations {
    retort::migrations!("fixtures/several-heads");
}

fn main() {}
