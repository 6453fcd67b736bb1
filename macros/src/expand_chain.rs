//! The tokens of `migrations!()`: the revision files as modules or as one table of
//! registrations, and the chain's warning.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use retort_source::project::Project;

use crate::chain::Expansion;

/// `mod name;` (with `#[path = ".."]` when a path is given) for each module, the registration
/// of the other files' revisions with the files read as bytes (so that rustc records them as
/// inputs, and an edit rebuilds the crate), the warning (if any), and the errors.
pub(crate) fn expansion(
    expansion: &Expansion,
    warning: Option<&str>,
    project: &Project,
    result: syn::Result<()>,
) -> TokenStream {
    let mut out = errors(result);
    out.extend(track_manifest());
    out.extend(register_project(project));
    for (name, path) in &expansion.modules {
        let name = Ident::new(name, Span::call_site());
        let path = path.iter();
        out.extend(quote! {
            #(#[path = #path])*
            mod #name;
        });
    }
    if !expansion.tracked.is_empty() {
        let tracked = &expansion.tracked;
        out.extend(quote! { const _: &[&[u8]] = &[#(include_bytes!(#tracked)),*]; });
    }
    if !expansion.table.is_empty() {
        let json = format!("[{}]", expansion.table.join(","));
        out.extend(quote! {
            const _: () = {
                ::retort::__private::submit! {
                    ::retort::__private::RevisionTable { json: #json }
                }
            };
        });
    }
    if let Some(note) = warning {
        out.extend(crate::expand::warning_at("several_heads", Span::call_site(), note));
    }
    out
}

/// The project's safety settings as a registration `migrate lint` reads; nothing when the crate
/// has none.
fn register_project(project: &Project) -> TokenStream {
    if *project == Project::default() {
        return TokenStream::new();
    }
    let dialects = &project.dialects;
    let rule_ids = project.rules.keys();
    let rule_on = project.rules.values();
    let start_after = match &project.start_after {
        Some(id) => quote!(::core::option::Option::Some(#id)),
        None => quote!(::core::option::Option::None),
    };
    quote! {
        const _: () = {
            ::retort::__private::submit! {
                ::retort::__private::ProjectSettings {
                    dialects: &[#(#dialects),*],
                    rules: &[#((#rule_ids, #rule_on)),*],
                    start_after: #start_after,
                }
            }
        };
    }
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
