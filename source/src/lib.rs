//! Reading revisions from their source text: the `migration!` parser and evaluator, and the
//! revision folder that `retort::migrations!()` and `migrate new` both read.
//!
//! A proc-macro crate cannot be linked by a normal crate, so the front end of `migration!`
//! lives here: `retort-macros` runs it on the compiler's tokens, `retort-cli` on the files.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![warn(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

// The op model and the safety rules are compiled in from `core`'s own files, so that a
// revision is evaluated, reversed and linted at compile time by the same code that runs it.
// Parts of their public API only `core`'s users need, and their style lints are judged by
// `core`'s own clippy run.
#[path = "../../core/src/ops/mod.rs"]
#[allow(dead_code, unused_imports, clippy::wrong_self_convention)]
pub mod ops;
#[path = "../../core/src/safety/mod.rs"]
#[allow(dead_code, unused_imports)]
pub mod safety;
#[path = "../../core/src/schema/shared.rs"]
#[allow(dead_code, unused_imports)]
pub mod schema;

pub mod chain;
pub mod error;
pub mod eval;
pub mod folder;
pub mod objects;
pub mod parse;
pub mod project;
