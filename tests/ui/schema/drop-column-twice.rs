//! A column dropped again after an earlier revision dropped it: the error names that revision.

mod migrations {
    retort::migrations!("fixtures/drop-column-twice");
}

fn main() {}
