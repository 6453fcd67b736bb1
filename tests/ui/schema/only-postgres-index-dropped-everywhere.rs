//! An index created only on PostgreSQL, dropped on every dialect: an error on SQLite and MySQL only.

mod migrations {
    retort::migrations!("fixtures/only-postgres-index-dropped-everywhere");
}

fn main() {}
