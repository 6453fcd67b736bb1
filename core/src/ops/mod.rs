//! Schema changes as plain data: one module per op family, each op with its inverse.
//!
//! This module tree is self-contained (it depends on `serde`, `serde_json` and `sha2` only) because the `migration!`
//! macro mounts the very same files to evaluate, reverse and lint a revision at compile time,
//! the way `cxx` shares its `syntax` module between its macro and its code generator. Nothing
//! here may reach outside `crate::ops`.

mod canonical;
mod column;
mod constraint;
mod data;
pub mod dsl;
mod extension;
mod index;
mod op;
mod partition;
mod table;
mod types;
mod view;

pub use canonical::{checksum, checksummed, serialize};
pub use column::{
    AddColumn, AlterColumn, Change, Column, ColumnPart, ColumnReference, DropColumn, IdentityAlter, RenameColumn,
    TypeChange,
};
pub use constraint::{
    AddConstraint, Constraint, ConstraintKind, ConstraintType, Deferrable, DropConstraint, ExcludeElement, ForeignKey,
    ForeignKeyAction, MatchType, ValidateConstraint,
};
pub use data::{Backfill, BulkInsert, Execute};
pub use extension::{
    AddEnumValue, CommentTarget, CreateEnum, CreateExtension, CreateSequence, DropEnum, DropExtension, DropSequence,
    SetComment,
};
pub use index::{CreateIndex, DropIndex, IndexColumn, IndexMethod, IndexTarget, NullsOrder, SortOrder};
pub use op::{Irreversible, OnlyOn, Op, OpKind, TransactionMode};
pub use partition::{
    AttachPartition, CreatePartition, DetachPartition, PartitionBound, PartitionBy, PartitionStrategy,
};
pub use table::{CreateTable, DropTable, RenameTable};
pub use types::{ColumnType, Identity, SequenceOptions, ServerDefault, Value};
pub use view::{CreateView, DropView, RefreshMaterializedView, RenameView};

#[cfg(test)]
mod tests;
