//! The pipeline outside the compiler: what a revision expands to, and how long that takes.

use std::time::Instant;

use proc_macro2::TokenStream;
use quote::quote;

use crate::migration::expand;

fn typical() -> TokenStream {
    quote! {
        /// Add user roles
        revision: "9c2b3f1a4e5d",
        parent: "8f1a2b3c4d5e",
        up {
            create_table("user_roles", [
                column("id", BigInt).primary_key().identity(),
                column("user_id", BigInt).not_null().references("users", "id").on_delete(Cascade),
                column("role", Text).not_null().default("member"),
            ]);
            create_index("ix_user_roles_user_id").on("user_roles", ["user_id"]);
        }
    }
}

#[test]
fn a_valid_revision_expands_to_its_registration_only() {
    let out = expand(typical()).to_string();
    assert!(out.contains("inventory :: submit !"), "{out}");
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains("\"Add user roles\""), "{out}");
}

#[test]
fn an_invalid_revision_expands_to_its_errors_and_a_stub() {
    let out = expand(quote! { revision: "a", parent: none, up { create_tabel("t", []); } }).to_string();
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("did you mean `create_table`"), "{out}");
    assert!(out.contains("inventory :: submit !"), "{out}");
}

#[test]
fn expansion_names_only_retort_private_paths() {
    let out = expand(typical()).to_string();
    for forbidden in [":: inventory ::", ":: sea_query ::", ":: diesel ::"] {
        let outside = out.match_indices(forbidden).any(|(i, _)| !out[..i].trim_end().ends_with("__private"));
        assert!(!outside, "{forbidden} in {out}");
    }
}

/// The budget is 1 ms per invocation (DESIGN.md). Run `cargo test -p retort-macros --release
/// expansion_time -- --nocapture` for the figure; debug builds are several times slower, so
/// only release builds assert the budget.
#[test]
fn expansion_time_per_invocation_is_within_budget() {
    let input = typical();
    let runs = 1000;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(expand(input.clone()));
    }
    let per = start.elapsed() / runs;
    println!("migration! expansion: {per:?} per invocation ({runs} runs)");
    if !cfg!(debug_assertions) {
        assert!(per.as_micros() < 1000, "{per:?}");
    }
}

#[test]
fn zz_phase_times() {
    use crate::error::Errors;
    let input = typical();
    let n = 1000;
    let t = Instant::now();
    for _ in 0..n {
        let mut e = Errors::new();
        let m = crate::parse::parse(input.clone(), &mut e).unwrap();
        std::hint::black_box(&m);
        let _ = e.finish();
    }
    println!("parse {:?}", t.elapsed() / n);
    let mut e = Errors::new();
    let m = crate::parse::parse(input.clone(), &mut e).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(crate::eval::evaluate(&m, &mut e));
    }
    println!("eval {:?}", t.elapsed() / n);
    let ev = crate::eval::evaluate(&m, &mut e);
    let t = Instant::now();
    for _ in 0..n {
        crate::validate::wellformed::check(&m, &ev, &mut e);
        crate::validate::transaction::check(&m, &ev, &mut e);
        crate::validate::pairing::check(&m, &ev, &mut e);
        std::hint::black_box(crate::validate::safety::check(&m, &ev, &mut e));
    }
    println!("validate {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(crate::expand::revision(&m, &ev, &[]));
    }
    println!("expand {:?}", t.elapsed() / n);
    let _ = e.finish();
}

#[test]
fn zz_token_times() {
    let n = 1000;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(typical());
    }
    println!("quote typical {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(proc_macro2::Ident::new("abc", proc_macro2::Span::call_site()));
    }
    println!("ident {:?}", t.elapsed() / n);
    let input = typical();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(syn::parse2::<proc_macro2::TokenStream>(input.clone()).unwrap());
    }
    println!("parse2 tokenstream {:?}", t.elapsed() / n);
}
