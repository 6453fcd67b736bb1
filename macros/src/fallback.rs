//! A migration with errors still expands to a well-typed revision item next to its
//! `compile_error!`s, so that the errors are the only ones the user sees (thiserror's fallback).

use proc_macro2::TokenStream;

use crate::expand;
use crate::parse::Migration;
use crate::registration::Registration;

/// The errors, and the stub registration (with no ops) when the header was readable.
pub(crate) fn stub(m: Option<&Migration>, result: syn::Result<()>) -> TokenStream {
    let mut out = result.err().map(|e| e.to_compile_error()).unwrap_or_default();
    if let Some(m) = m {
        let empty = r#"{"up":[],"down":null}"#;
        let checksum = crate::ops::checksum(empty, m.transaction_mode());
        out.extend(expand::item(&Registration::of(m, empty.to_string(), checksum, false)));
    }
    out
}
