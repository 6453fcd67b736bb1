//! Dropping a column the table never had: the error is at the op, and lists the columns it has.

mod migrations {
    retort::migrations!("fixtures/drop-missing-column");
}

fn main() {}
