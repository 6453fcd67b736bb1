//! The `migration!` macro: parse → evaluate → validate → expand. Users reach it through `retort::migration!`.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

// The op model and the safety rules are compiled into the macro from `core`'s own files, so
// that a revision is evaluated, reversed and linted at compile time by the same code that runs
// it. Parts of their public API only `core`'s users need, and their style lints are judged by
// `core`'s own clippy run.
#[path = "../../core/src/ops/mod.rs"]
#[allow(dead_code, unused_imports, clippy::wrong_self_convention)]
mod ops;
#[path = "../../core/src/safety/mod.rs"]
#[allow(dead_code, unused_imports)]
mod safety;

mod error;
mod eval;
mod expand;
mod fallback;
mod migration;
mod parse;
#[cfg(test)]
mod tests;
mod validate;

use proc_macro::TokenStream;

/// Declares one revision: its place in the graph, its ops, and how to undo them.
///
/// ```ignore
/// retort::migration! {
///     /// Add a nickname
///     revision: "9c2b3f1a4e5d",
///     parent: "8f1a2b3c4d5e",
///     up {
///         add_column("users", column("nickname", Text));
///     }
/// }
/// ```
///
/// The ops are checked at compile time (reversibility, transaction mode, the safety rules) and
/// the revision is registered for `retort::Registry::collect()`. The grammar and every op are in
/// `docs/dsl.md`, the rules in `docs/safety.md`.
#[proc_macro]
pub fn migration(input: TokenStream) -> TokenStream {
    migration::expand(input.into()).into()
}
