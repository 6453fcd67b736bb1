//! The app's `migrate` binary: retort's CLI linked with the app's revisions.

extern crate example_app as _;

fn main() -> std::process::ExitCode {
    retort_cli::run()
}
