//! The pipeline outside the compiler: what a revision expands to, and how long that takes.

use std::time::Instant;

use proc_macro2::TokenStream;

use crate::migration::expand;

/// The expansion of an invocation that no file holds, as the timing loop runs it.
fn expand_here(input: TokenStream) -> TokenStream {
    expand(input, None)
}

/// Tokens from source text, as the compiler hands them to the macro.
fn tokens(source: &str) -> TokenStream {
    source.parse().unwrap()
}

fn typical() -> TokenStream {
    tokens(
        r#"
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
        "#,
    )
}

#[test]
fn a_valid_revision_expands_to_its_registration_only() {
    let out = expand_here(typical()).to_string();
    assert!(out.contains(":: retort :: __private :: submit !"), "{out}");
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains("\"Add user roles\""), "{out}");
}

#[test]
fn an_invalid_revision_expands_to_its_errors_and_a_stub() {
    let out = expand_here(tokens(r#"revision: "a", parent: none, up { create_tabel("t", []); }"#)).to_string();
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("did you mean `create_table`"), "{out}");
    assert!(out.contains(":: retort :: __private :: submit !"), "{out}");
}

/// The `checksum: .. ("<hex>")` of an expansion.
fn checksum_of(out: &str) -> String {
    let at = out.find("checksum :").unwrap();
    out[at..].split('"').nth(1).unwrap().to_string()
}

#[test]
fn lock_settings_are_expanded_and_stay_out_of_the_checksum() {
    let plain = expand_here(typical()).to_string();
    assert!(plain.contains("lock_timeout_ms : :: core :: option :: Option :: None"), "{plain}");
    let source = typical().to_string().replacen(
        "up {",
        r#"lock_timeout: "2s", statement_timeout: "1min", lock_retries: 5, up {"#,
        1,
    );
    let tuned = expand_here(tokens(&source)).to_string();
    assert!(!tuned.contains("compile_error"), "{tuned}");
    assert!(tuned.contains("lock_timeout_ms : :: core :: option :: Option :: Some (2000u32)"), "{tuned}");
    assert!(tuned.contains("statement_timeout_ms : :: core :: option :: Option :: Some (60000u32)"), "{tuned}");
    assert!(tuned.contains("lock_retries : :: core :: option :: Option :: Some (5u16)"), "{tuned}");
    // Operational settings: editing them on an applied revision is no checksum mismatch.
    assert_eq!(checksum_of(&tuned), checksum_of(&plain));
}

#[test]
fn a_malformed_or_zero_lock_setting_is_an_error_saying_how_to_write_it() {
    let with = |header: &str| {
        expand_here(tokens(&format!(
            r#"revision: "a", parent: none, {header} up {{ create_table("t", [column("id", BigInt)]); }}"#
        )))
        .to_string()
    };
    let out = with(r#"lock_timeout: "2 seconds","#);
    assert!(out.contains("is not a duration; write a whole number with a unit"), "{out}");
    let out = with(r#"statement_timeout: "1.5s","#);
    assert!(out.contains("is not a duration"), "{out}");
    let out = with(r#"lock_timeout: "0","#);
    assert!(out.contains("without limit"), "{out}");
    let out = with(r#"statement_timeout: "0", lock_timeout: "600000min","#);
    assert!(out.contains("longer than PostgreSQL accepts"), "{out}");
    let out = with("lock_retries: 1001,");
    assert!(out.contains("from 0 (no retry) to 999"), "{out}");
    let out = with(r#"lock_timeout: "1s", lock_timeout: "2s","#);
    assert!(out.contains("`lock_timeout` is given twice; keep one"), "{out}");
}

#[test]
fn expansion_names_only_retort_private_paths() {
    let out = expand_here(typical()).to_string();
    for forbidden in ["inventory ::", "sea_query ::", "diesel ::"] {
        assert!(!out.contains(forbidden), "{forbidden} in {out}");
    }
}

/// The budget is 1 ms per invocation (DESIGN.md). Run `cargo test -p retort-macros --release
/// expansion_time -- --nocapture` for the figure; debug builds are several times slower, so
/// only release builds assert the budget. The best of several batches is taken, so that other
/// processes on the machine do not count.
#[test]
fn expansion_time_per_invocation_is_within_budget() {
    let input = typical();
    let (batches, runs) = (5, 200);
    let per = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..runs {
                std::hint::black_box(expand_here(input.clone()));
            }
            start.elapsed() / runs
        })
        .min()
        .unwrap();
    println!("migration! expansion: {per:?} per invocation (best of {batches} batches of {runs})");
    if !cfg!(debug_assertions) {
        assert!(per.as_micros() < 1000, "{per:?}");
    }
}

#[test]
fn a_chain_finding_about_an_op_is_reported_at_that_op() {
    // This very file stands for the revision file; the finding is queued as `migrations!()` does.
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tests.rs");
    let source = r#"revision: "op_target_1", parent: none, up {
        create_table("a", [column("id", BigInt)]);
        create_index("ix_a_missing").on("a", ["missing"]);
    }"#;
    crate::chain::queue(&file, "op_target_1", retort_source::chain::Target::Op(1), "column `missing` does not exist");
    let out = expand(tokens(source), Some(&file)).to_string();
    assert!(out.contains("column `missing` does not exist"), "{out}");
    assert!(out.contains(":: retort :: __private :: submit !"), "still registers a stub: {out}");
    // Elsewhere (another file, or no file known), the finding does not apply.
    assert!(!expand_here(tokens(source)).to_string().contains("does not exist"));
}
