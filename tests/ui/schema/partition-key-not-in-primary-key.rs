//! A partitioned table whose primary key lacks the partition key.

mod migrations {
    retort::migrations!("fixtures/partition-key-not-in-primary-key");
}

fn main() {}
