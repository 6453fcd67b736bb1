//! Dispatch of `cargo xtask <command> [args..]` to the command's module.

use std::process::ExitCode;

use crate::{bench, migrate, test, tidy};

const USAGE: &str = "\
usage: cargo xtask <command> [args..]

commands:
  migrate [VERB ARGS..]  run the example app's migrate CLI (no arguments: `upgrade head`)
  test                   install and start the database servers (Debian), then fmt --check, clippy -D warnings,
                         test --workspace; [--trust-local] [--fresh-machine] (both on with CI=true)
  bench <sub> [ARGS..]   run a benchmark: apply, compile, graph, online (docs/performance.md)
  tidy                   run the tidy checks (layout and style rules, as tests)";

/// Runs the command named by the first argument; exit code 2 for bad usage, as in the CLI.
pub fn run(args: Vec<String>) -> ExitCode {
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match command.as_str() {
        "migrate" => migrate::run(rest),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "tidy" => tidy::run(rest),
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("error: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
