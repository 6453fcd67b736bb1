//! SQLite: the renderer (`render.rs`), the table rebuild (`ext.rs`), the table definition it
//! works from (`table_def.rs`) and where that definition is read (`introspect.rs`).

pub(crate) mod catalog;
mod ext;
#[cfg(feature = "sqlite")]
mod introspect;
mod render;
mod table_def;

#[cfg(feature = "sqlite")]
pub use introspect::introspect_table;
pub(crate) use render::{rebuilt_table, Sqlite};
pub(crate) use table_def::mentions;
pub use table_def::{ClauseKind, ColumnClause, KeyColumns, TableColumn, TableConstraint, TableDef};
