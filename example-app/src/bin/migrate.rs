//! The app's `migrate` binary: retort's CLI linked with the app's revisions.

extern crate example_app as _;

fn main() -> std::process::ExitCode {
    // `app!()` records this crate's folder, where `src/migrations` is; the app opts into a SQLite
    // file there as its database when no URL is given, so that the quick start needs no server.
    retort_cli::run_with(retort_cli::app!().default_sqlite("example-app.sqlite3"))
}
