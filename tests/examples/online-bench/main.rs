//! `online-bench`: the online benchmark (`cargo xtask bench online` runs it). The scenarios are in
//! `retort_tests::online::bench`; retort's safe forms are in `forms.rs`, which the acceptance
//! tests (`tests/it/online.rs`) share. An example rather than a binary of the crate because only
//! examples and tests may use retort (a dev-dependency: retort dev-depends on this crate).

mod forms;

fn main() -> std::process::ExitCode {
    retort_tests::online::bench::main(&forms::Retort)
}
