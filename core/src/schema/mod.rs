//! The schema hub: one model of a database's schema with two sources (folded from the chain's
//! ops, read from a live catalog), and the typed differences between any two.
//!
//! API contract (the runner's drift check, the CLI and the chain macro code against it):
//! - `fold::apply(&mut Schema, &Op, dialect) -> Result<Vec<FoldWarning>, FoldError>`, with
//!   `fold::apply_all` for a revision's ops and `fold::union(base, parents)` at a merge
//!   (`shared.rs`: mounted by the macro crate too, so std, serde and `crate::ops` only).
//! - `chain::fold_graph(&RevisionGraph, dialect)` and `chain::schema_at(graph, target, dialect)`:
//!   the model through the revision graph.
//! - `read(db: &mut impl CatalogSource, dialect, excluded)` (`snapshot.rs`): a snapshot of
//!   the connected database, without the runner's version and history tables and without what
//!   the server creates itself (`pg_catalog`, `sqlite_*`, objects an extension owns, indexes
//!   backing a constraint). Reads only. The runner hands it its connection.
//! - `diff(a: &Schema, b: &Schema) -> Vec<Drift>`: sorted differences, each displayed as one
//!   line: `table "users": column "email": type is Text in the database, Varchar(Some(255)) in
//!   the chain`. Expressions compare in normal form (`normalize.rs`).
//! - `diesel::print_schema(&Schema, Dialect, &DieselOptions) -> String`: diesel's `schema.rs` for a
//!   model, as `diesel print-schema` prints it for that database (`migrate schema --diesel`).
//!
//! docs/schema.md describes the model, its equality and the per-dialect folding.

pub mod chain;
pub mod diesel;
mod shared;
mod snapshot;

pub use shared::chunked::{ChunkMap, ChunkSet};
pub use shared::diff::{diff, Change, Drift, Member, MemberKind, ObjectKind, ObjectRef};
pub use shared::fold::{self, FoldError, FoldWarning, ObjectKey};
pub use shared::model::{
    action_sql, parse_action, Column, Constraint, ConstraintKind, Generated, Identity, Index, References, Schema,
    Sequence, Table, Unknown, View,
};
pub use shared::model::{type_from_spelling, type_sql};
pub use shared::{fold_raw, model, normalize};
pub use snapshot::{read, CatalogSource, Excluded};

#[cfg(test)]
mod tests;
