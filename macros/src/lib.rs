//! The `migration!` macro: parse → evaluate → validate → expand. Users reach it through `retort::migration!`.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

// The front end (parser, evaluator, message catalogue) and the op model and safety rules it
// mounts from `core` live in `retort-source`, which the CLI links too; the macro names them
// through these paths as if they were its own modules.
use retort_source::{error, eval, ops, parse, safety};

mod analyze;
mod cache;
mod chain;
mod expand;
mod expand_chain;
mod fallback;
mod migration;
mod registration;
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
    migration::expand(input.into(), proc_macro::Span::call_site().local_file().as_deref()).into()
}

/// Registers every revision file of the folder and checks the graph they form.
///
/// ```ignore
/// // src/migrations/mod.rs
/// retort::migrations!();
/// ```
///
/// Every `*.rs` file next to the calling file (or in the folder given, relative to it:
/// `retort::migrations!("revisions")`) is taken in, so no list is kept by hand. The `migration!`
/// of each file is parsed, evaluated and checked here, and the graph they form is checked: an
/// unknown parent or `depends_on`, a duplicate id or branch label, and a cycle are compile
/// errors at the offending token of the offending file; several heads are a warning naming them
/// and the `migrate merge` command. A file with nothing to report and nothing but revisions in
/// it is registered here (the same registration its own `migration!` makes); any other file is
/// declared as `mod <file stem>;`, so that its errors and warnings show at its tokens. Each
/// file's analysis is cached in `OUT_DIR` by content, so that a rebuild re-analyses only the
/// files that changed. Cargo does not watch a folder for new files on a macro's behalf: the
/// package's `build.rs` says `println!("cargo:rerun-if-changed=src/migrations");` (see
/// `docs/dsl.md`), which also gives the crate its `OUT_DIR`.
#[proc_macro]
pub fn migrations(input: TokenStream) -> TokenStream {
    let call = proc_macro::Span::call_site();
    chain::expand(input.into(), call.local_file(), Some(call.file())).into()
}
