//! retort: schema migrations written as typed Rust, checked by the compiler.
//!
//! Write each revision with [`migration!`]; the macro checks it at compile time and registers it.
//! At run time [`Registry::collect`] gathers the linked revisions, [`graph`] plans a path through
//! them, [`backend`] renders each op for the connection's dialect and [`runner`] applies them.

#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod backend;
pub mod config;
pub mod graph;
pub mod human;
pub mod inspect;
pub mod ops;
pub mod redact;
mod revision;
pub mod runner;
pub mod safety;
pub mod schema;

pub use backend::Dialect;
pub use retort_macros::{migration, migrations};
pub use revision::{checksum, derive_down, ProjectSettings, Registry, RegistryError, Revision, RevisionError};

/// Items the `migration!` expansion names. Not public API: it changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::ops::TransactionMode;
    pub use crate::revision::{ProjectSettings, Revision, RevisionTable};
    pub use inventory;
    /// `inventory::submit!`, named without `inventory` so that expansions mention no other crate.
    pub use inventory::submit;
    pub use std::borrow::Cow;
}
