//! `cargo xtask migrate [VERB ARGS..]`: the example app's `migrate` binary, arguments passed through.

use std::process::ExitCode;

use crate::cmd;

/// With no arguments the CLI itself upgrades to head on the app's default database.
pub fn run(args: &[String]) -> ExitCode {
    let mut command = cmd::cargo(["run", "--quiet", "-p", "example-app", "--bin", "migrate", "--"]);
    command.args(args);
    cmd::exec(&mut command)
}
