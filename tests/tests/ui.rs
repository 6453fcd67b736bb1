//! The `migration!` ui suite: each misuse in `tests/ui/<family>/` must fail to compile with the
//! reviewed `.stderr` next to it, and every case in `tests/ui/pass/` must compile and run. The
//! chain cases (`tests/ui/chain/`, `tests/ui/schema/`) run alone with `cargo test -p retort-tests --test ui chain`
//! (or `schema`).
//!
//! Regenerate a `.stderr` with `TRYBUILD=overwrite cargo test -p retort-tests --test ui`, then
//! read the diff: the caret must land inside the migration and the message must say how to fix it.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    for family in ["dsl", "pairing", "safety", "transaction", "wellformed"] {
        t.compile_fail(format!("ui/{family}/*.rs"));
    }
    t.pass("ui/pass/*.rs");
}

/// `retort::migrations!()` over a folder of revision files: each case names its folder under
/// `ui/chain/fixtures/`, and the errors land in the fixture files, at the offending token.
#[test]
fn chain() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/chain/*.rs");
    t.pass("ui/chain/pass/*.rs");
}

/// The schema checks of `retort::migrations!()`: the chain's ops folded into its model, each
/// case an op that cannot apply where the chain puts it, reported at that op.
#[test]
fn schema() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/schema/*.rs");
}
