//! An index on a column an earlier revision dropped (on SQLite it would index a string constant).

mod migrations {
    retort::migrations!("fixtures/index-on-dropped-column");
}

fn main() {}
