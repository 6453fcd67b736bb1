//! The `migration!` ui suite: each misuse in `tests/ui/<family>/` must fail to compile with the
//! reviewed `.stderr` next to it, and every case in `tests/ui/pass/` must compile and run.
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
