//! Raw SQL whose declared effect creates a table without the column a later index names.

mod migrations {
    retort::migrations!("fixtures/raw-sql-declared-then-missing-column");
}

fn main() {}
