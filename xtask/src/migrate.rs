//! `cargo xtask migrate [VERB ARGS..]`: the example app's `migrate` binary, arguments passed through.

use std::process::ExitCode;

use crate::cmd;

/// With no arguments, `upgrade head` on the app's default database (the embedded SQLite file).
///
/// Built without the app's `app` feature: the chain and a SQLite-only `migrate`, so the quick start
/// needs no system library (`.ci/fresh-machine` proves it).
pub fn run(args: &[String]) -> ExitCode {
    let mut command =
        cmd::cargo(["run", "--quiet", "-p", "example-app", "--no-default-features", "--bin", "migrate", "--"]);
    if args.is_empty() {
        command.args(["upgrade", "head"]);
    }
    command.args(args);
    cmd::exec(&mut command)
}
