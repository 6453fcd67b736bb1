//! The migration-safety rules of SAFETY.md, over ops. Shared with the macro, like `ops`.
//!
//! [`check`] reads a revision's upgrade ops and returns a [`Finding`] for every op that would
//! stop production traffic: a lock held too long, a table rewrite, a step that breaks running
//! app instances. The `migration!` macro turns each finding into a compile error unless the
//! author allowed it with `#[allow(rule_id, reason = "..")]`; `retort lint` prints the same
//! findings for a whole chain, skipping those the revision allowed ([`Allow`]).
//!
//! ```
//! use retort::ops::{AddColumn, Column, ColumnType, Op, TransactionMode};
//! use retort::safety::{check, ADD_REQUIRED_COLUMN};
//!
//! let op = Op::AddColumn(AddColumn::new("users", Column::new("email", ColumnType::Text).not_null()));
//! let findings = check(&[op], TransactionMode::PerMigration);
//! assert_eq!(findings[0].rule, ADD_REQUIRED_COLUMN.id);
//! ```
//!
//! Like `ops`, this module tree depends on nothing outside `crate::ops`, because the macro
//! mounts these very files.

mod allow;
mod catalogue;
mod check;
mod downgrade;
mod revision;
mod rules;
mod sql;
#[cfg(test)]
mod tests;

pub use allow::{unallowed, Allow};
pub use catalogue::*;
pub use check::{check, check_in, generated_identifiers, identifiers, Finding};
pub use downgrade::check_down;
