//! Reading a schema from a live catalog, through whatever connection the caller hands in.

use super::Schema;
use crate::backend::catalog;
use crate::backend::Dialect;

pub use crate::backend::catalog::{CatalogSource, Excluded};

/// Reads the schema of the database `source` is connected to, a `dialect` one, leaving out
/// the tables `excluded` names (the runner's version and history tables). Reads only.
///
/// The runner's connection is a source (`runner::read_schema` wraps this with its settings
/// and errors); so is anything answering text queries.
pub fn read<S: CatalogSource>(source: &mut S, dialect: Dialect, excluded: Excluded<'_>) -> Result<Schema, S::Error> {
    catalog::read_schema(dialect, source, excluded)
}
