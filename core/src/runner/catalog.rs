//! The runner's connection as a catalog source, and the schema snapshot the drift check and
//! the acceptance tests read through it.

use super::{Database, RunError, Settings};
use crate::backend::catalog::CatalogSource;
use crate::schema::{self, Excluded, Schema};

impl CatalogSource for Database {
    type Error = diesel::result::Error;

    fn rows<const N: usize>(&mut self, sql: &str) -> Result<Vec<[Option<String>; N]>, Self::Error> {
        self.query::<N>(sql)
    }

    fn execute(&mut self, sql: &str) -> Result<(), Self::Error> {
        self.batch_execute(sql)
    }
}

/// Reads the schema of the database `db` is connected to ([`schema::read`]), leaving out the
/// runner's version and history tables as `settings` names them. Reads only.
pub fn read_schema(db: &mut Database, settings: &Settings) -> Result<Schema, RunError> {
    let excluded = Excluded {
        schema: settings.schema.as_deref(),
        tables: [settings.version_table.as_str(), settings.history_table.as_str()],
    };
    let dialect = db.dialect();
    schema::read(db, dialect, excluded)
        .map_err(|e| RunError::Catalog { url: db.display_url().to_string(), message: Database::message(&e) })
}
