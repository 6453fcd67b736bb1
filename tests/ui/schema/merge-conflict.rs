//! Two branches that add the same column with different types: the merge names both revisions.

mod migrations {
    retort::migrations!("fixtures/merge-conflict");
}

fn main() {}
