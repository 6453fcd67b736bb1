//! Phase 4: the checked revision → a `Revision` registered with inventory, through
//! `::retort::__private` only, so that users depend on `retort` alone. The only place (with
//! `fallback.rs`) that writes tokens.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::eval::Evaluated;
use crate::ops::TransactionMode;
use crate::parse::Migration;
use crate::registration::Registration;
use crate::validate::safety::Warning;

/// The expansion of a valid revision: its registration, and its warnings.
pub(crate) fn revision(m: &Migration, ev: &Evaluated, warnings: &[Warning]) -> TokenStream {
    let mut out = item(&Registration::checked(m, ev));
    out.extend(warnings.iter().map(warning));
    out
}

/// The registration as a `Revision` item; also the fallback's stub.
pub(crate) fn item(r: &Registration) -> TokenStream {
    let Registration {
        id,
        parents,
        branch_labels,
        depends_on,
        message,
        transaction,
        ops,
        irreversible,
        checksum,
        allowed,
        lock_timeout_ms,
        statement_timeout_ms,
        lock_retries,
    } = r;
    let mode = match transaction {
        TransactionMode::PerMigration => quote!(PerMigration),
        TransactionMode::None => quote!(None),
    };
    let lock_timeout_ms = option(*lock_timeout_ms);
    let statement_timeout_ms = option(*statement_timeout_ms);
    let lock_retries = option(*lock_retries);
    quote! {
        const _: () = {
            ::retort::__private::submit! {
                ::retort::__private::Revision {
                    id: ::retort::__private::Cow::Borrowed(#id),
                    parents: ::retort::__private::Cow::Borrowed(&[#(::retort::__private::Cow::Borrowed(#parents)),*]),
                    branch_labels: ::retort::__private::Cow::Borrowed(&[#(::retort::__private::Cow::Borrowed(#branch_labels)),*]),
                    depends_on: ::retort::__private::Cow::Borrowed(&[#(::retort::__private::Cow::Borrowed(#depends_on)),*]),
                    message: ::retort::__private::Cow::Borrowed(#message),
                    transaction: ::retort::__private::TransactionMode::#mode,
                    ops: ::retort::__private::Cow::Borrowed(#ops),
                    irreversible: #irreversible,
                    checksum: ::retort::__private::Cow::Borrowed(#checksum),
                    source: ::retort::__private::Cow::Borrowed(::core::concat!(::core::file!(), ":", ::core::line!())),
                    allowed: ::retort::__private::Cow::Borrowed(&[#(::retort::__private::Cow::Borrowed(#allowed)),*]),
                    lock_timeout_ms: #lock_timeout_ms,
                    statement_timeout_ms: #statement_timeout_ms,
                    lock_retries: #lock_retries,
                }
            }
        };
    }
}

/// `Some(value)` or `None`, spelled through `::core` so that no user item shadows it.
fn option(value: Option<impl quote::ToTokens>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// A compiler warning at the user's token. Stable Rust has no warning API for proc macros, so
/// the warning is the deprecation of a constant named after the rule, used where the finding is.
fn warning(w: &Warning) -> TokenStream {
    warning_at(&w.rule.allow_name(), w.range.start, &w.message)
}

/// A warning named `name` at `span` (see [`warning`]).
pub(crate) fn warning_at(name: &str, span: proc_macro2::Span, note: &str) -> TokenStream {
    let name = Ident::new(name, span);
    quote! {
        const _: () = {
            #[deprecated(note = #note)]
            #[allow(non_upper_case_globals)]
            const #name: () = ();
            #name
        };
    }
}
