//! Taking a snapshot of a database's schema through the runner's connection.

use super::Schema;
use crate::backend::catalog::{self, CatalogSource, Excluded};
use crate::runner::{Database, RunError, Settings};

impl CatalogSource for Database {
    type Error = diesel::result::Error;

    fn rows<const N: usize>(&mut self, sql: &str) -> Result<Vec<[Option<String>; N]>, Self::Error> {
        self.query::<N>(sql)
    }

    fn execute(&mut self, sql: &str) -> Result<(), Self::Error> {
        self.batch_execute(sql)
    }
}

/// Reads the schema of the database `db` is connected to, leaving out the runner's version and
/// history tables as `settings` names them. Reads only.
pub fn read(db: &mut Database, settings: &Settings) -> Result<Schema, RunError> {
    let excluded = Excluded {
        schema: settings.schema.as_deref(),
        tables: [settings.version_table.as_str(), settings.history_table.as_str()],
    };
    catalog::read_schema(db.dialect(), db, excluded)
        .map_err(|e| RunError::Catalog { url: db.display_url().to_string(), message: Database::message(&e) })
}
