//! `cargo xtask tidy`: the workspace's layout and style rules (STYLE.md), written as tests.
//!
//! The checks are `#[test]`s (in `tidy/checks.rs`) so that plain `cargo test --workspace` catches
//! drift too; this command only runs them alone, with their reports shown.

use std::process::ExitCode;

use crate::cmd;

#[cfg(test)]
mod checks;

/// Runs the tidy tests; extra arguments go to the test harness (e.g. a test name filter).
pub fn run(args: &[String]) -> ExitCode {
    let mut command = cmd::cargo(["test", "--quiet", "-p", "xtask", "--bin", "xtask", "--", "tidy::", "--show-output"]);
    // The failure is the offence list; a backtrace of the assert would bury it.
    command.args(args).env("RUST_BACKTRACE", "0");
    cmd::exec(&mut command)
}
