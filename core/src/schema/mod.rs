//! The schema model: what a database's catalog says its schema is, and how two schemas differ.
//!
//! API contract (the runner's drift check and the CLI code against it):
//! - `read(db: &mut Database, settings: &Settings) -> Result<Schema, RunError>`: a snapshot of
//!   the connected database, without the runner's version and history tables (named by
//!   `settings`) and without what the server creates itself (`pg_catalog`, `sqlite_*`, objects
//!   an extension owns, indexes backing a constraint). Reads only.
//! - `Schema { tables, views, indexes, sequences, enums, extensions, triggers, routines,
//!   namespaces }`, dialect-neutral, values as the catalog spells them (`model.rs`).
//! - `diff(chain: &Schema, database: &Schema) -> Vec<Drift>`: sorted differences,
//!   `Drift { object: ObjectRef, change: Change::{Missing, Unexpected, Changed { what, chain,
//!   database }} }`, each displayed as one line: `table "users": column "email": type is text in
//!   the database, character varying(255) in the chain`.
//!
//! The catalog queries are the backend's (`backend/<dialect>/catalog.rs`); docs/runner.md says
//! how `check` builds the chain's schema to compare with.

mod diff;
mod model;
mod snapshot;

pub use diff::{diff, Change, Drift, Member, MemberKind, ObjectKind, ObjectRef};
pub use model::{Column, Constraint, ConstraintKind, Index, Schema, Sequence, Table, View};
pub use snapshot::read;
