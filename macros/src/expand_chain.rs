//! The tokens of `migrations!()`: one module per revision file, and the chain's warning.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// `mod name;` (with `#[path = ".."]` when a path is given) for each module, the warning (if
/// any), and the errors.
pub(crate) fn modules(
    modules: &[(String, Option<String>)],
    warning: Option<&str>,
    result: syn::Result<()>,
) -> TokenStream {
    let mut out = errors(result);
    out.extend(track_manifest());
    for (name, path) in modules {
        let name = Ident::new(name, Span::call_site());
        let path = path.iter();
        out.extend(quote! {
            #(#[path = #path])*
            mod #name;
        });
    }
    if let Some(note) = warning {
        out.extend(crate::expand::warning_at("several_heads", Span::call_site(), note));
    }
    out
}

/// Makes rustc record the crate's `Cargo.toml` as an input, so that a change to
/// `[package.metadata.retort]` (read by the macros) rebuilds the crate: cargo alone does not
/// rebuild for metadata.
pub(crate) fn track_manifest() -> TokenStream {
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else { return TokenStream::new() };
    let manifest = std::path::PathBuf::from(dir).join("Cargo.toml");
    if !manifest.is_file() {
        return TokenStream::new();
    }
    let path = manifest.display().to_string();
    quote! { const _: &[u8] = include_bytes!(#path); }
}

/// The errors alone, for an invocation too broken to declare anything.
pub(crate) fn errors(result: syn::Result<()>) -> TokenStream {
    result.err().map(|e| e.to_compile_error()).unwrap_or_default()
}
