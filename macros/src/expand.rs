//! Phase 4: the checked revision → a `Revision` registered with inventory, through
//! `::retort::__private` only, so that users depend on `retort` alone. The only place (with
//! `fallback.rs`) that writes tokens.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::eval::Evaluated;
use crate::ops::{self, Op, TransactionMode};
use crate::parse::{Migration, Parents};
use crate::validate::safety::Warning;

/// The expansion of a valid revision: its registration, and its warnings.
pub(crate) fn revision(m: &Migration, ev: &Evaluated, warnings: &[Warning]) -> TokenStream {
    let up: Vec<Op> = ev.up_ops();
    let down: Option<Vec<Op>> = ev.down.as_ref().map(|d| d.iter().flatten().cloned().collect());
    let json = ops::serialize(&up, down.as_deref());
    let checksum = ops::checksum(&ops::checksummed(&up, down.as_deref()), m.transaction_mode());
    let mut out = item(m, &json, &checksum, m.irreversible.is_some());
    out.extend(warnings.iter().map(warning));
    out
}

/// The registration of a revision whose ops are `ops_json`; also the fallback's stub.
pub(crate) fn item(m: &Migration, ops_json: &str, checksum: &str, irreversible: bool) -> TokenStream {
    let mode = m.transaction_mode();
    let id = m.revision.as_ref().map(|r| r.value.as_str()).unwrap_or_default();
    let parents: Vec<&str> = match &m.parents {
        Some(Parents::One(p)) => vec![&p.value],
        Some(Parents::Many(list, _)) => list.iter().map(|p| p.value.as_str()).collect(),
        Some(Parents::Root) | None => Vec::new(),
    };
    let labels = m.branch_labels.iter().map(|l| l.value.as_str());
    let depends_on = m.depends_on.iter().map(|d| d.value.as_str());
    let message = message(&m.doc);
    let allowed = allowed(m);
    let mode = match mode {
        TransactionMode::PerMigration => quote!(PerMigration),
        TransactionMode::None => quote!(None),
    };
    let lock_timeout_ms = option(m.lock_timeout.map(|t| t.ms));
    let statement_timeout_ms = option(m.statement_timeout.map(|t| t.ms));
    let lock_retries = option(m.lock_retries.map(|(n, _)| n));
    quote! {
        const _: () = {
            ::retort::__private::submit! {
                ::retort::__private::Revision {
                    id: ::retort::__private::Cow::Borrowed(#id),
                    parents: ::retort::__private::Cow::Borrowed(&[#(::retort::__private::Cow::Borrowed(#parents)),*]),
                    branch_labels: ::retort::__private::Cow::Borrowed(&[#(::retort::__private::Cow::Borrowed(#labels)),*]),
                    depends_on: ::retort::__private::Cow::Borrowed(&[#(::retort::__private::Cow::Borrowed(#depends_on)),*]),
                    message: ::retort::__private::Cow::Borrowed(#message),
                    transaction: ::retort::__private::TransactionMode::#mode,
                    ops: ::retort::__private::Cow::Borrowed(#ops_json),
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

/// The doc comment as the revision message: `///` lines joined, each without its leading space.
fn message(doc: &[String]) -> String {
    let lines: Vec<&str> = doc.iter().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    lines.join("\n").trim().to_string()
}

/// The allows as `Revision::allowed` stores them (see `retort::safety::Allow`).
fn allowed(m: &Migration) -> Vec<String> {
    let mut out = Vec::new();
    for allow in &m.allows {
        let reason = allow.reason.as_deref().unwrap_or_default();
        out.extend(
            allow.rules.iter().filter_map(|(r, _)| crate::safety::find_rule(r)).map(|r| format!("{}: {reason}", r.id)),
        );
    }
    for (i, stmt) in m.up.iter().flat_map(|b| &b.stmts).enumerate() {
        for allow in &stmt.allows {
            let reason = allow.reason.as_deref().unwrap_or_default();
            let rules = allow.rules.iter().filter_map(|(r, _)| crate::safety::find_rule(r));
            out.extend(rules.map(|r| format!("{}@{}: {reason}", r.id, i + 1)));
        }
    }
    out
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
