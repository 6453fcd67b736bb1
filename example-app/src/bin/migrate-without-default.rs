//! The app's `migrate` as an app that did not opt into an embedded default database builds it
//! (`init` writes this one): with no URL configured it stops and names the ways to give one. The
//! CLI tests run it to check that.

extern crate example_app as _;

fn main() -> std::process::ExitCode {
    retort_cli::run_with(retort_cli::app!())
}
