//! The app's `migrate` binary: retort's CLI linked with the app's revisions.

extern crate example_app as _;

fn main() -> std::process::ExitCode {
    // `app!()` records this crate's folder: the default SQLite file and `src/migrations` live there.
    retort_cli::run_with(retort_cli::app!())
}
