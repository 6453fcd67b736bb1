//! The `migration!` macro: parse → validate → expand. Users reach it through `retort::migration!`.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(dead_code)]

// The op model and the safety rules are compiled into the macro from `core`'s own files, so that
// a revision is evaluated, reversed and linted at compile time by the same code that runs it.
#[path = "../../core/src/ops/mod.rs"]
mod ops;
#[path = "../../core/src/safety/mod.rs"]
mod safety;

use proc_macro::TokenStream;

/// Declares one revision. See the crate `retort` for the DSL.
#[proc_macro]
pub fn migration(input: TokenStream) -> TokenStream {
    let _ = input;
    TokenStream::new()
}
