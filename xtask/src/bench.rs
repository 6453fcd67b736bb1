//! `cargo xtask bench <sub>`: retort's performance against the database's own cost, each
//! subcommand printing a table and writing `target/bench/<sub>.json` (docs/performance.md).

use std::process::ExitCode;

mod apply;
mod compile;
mod crates;
mod graph;
mod json;
mod online;
mod options;
mod peers;
mod pg;
mod proc;
mod report;
mod sql;
mod stats;

const USAGE: &str = "\
usage: cargo xtask bench <sub> [args..]

subcommands:
  apply [--n 1000] [--runs 5] [--noop-runs 20] [--peers] [--server URL]
        N small revisions on fresh PostgreSQL databases: apply-all, no-op `upgrade head`,
        downgrade-all, against the same SQL through `psql -1 -f` and `psql -f`
        (--peers: also sqlx-cli, refinery_cli, diesel_cli, alembic when on PATH)
  compile [--n 100,1000] [--runs 1] [--release]
        clean and one-file incremental build of N revisions, with `migration!` and as plain
        builder calls; the macro's expansion time per invocation
  graph [-- CRITERION ARGS..]
        planning over 1,000 / 10,000 revisions with branches (criterion)
  faults [--kills 500] [--seed N]
        the fault-injection test at bench size: `migrate upgrade head` SIGKILLed at random
        moments and rerun at once, on PostgreSQL, MariaDB and SQLite (CI runs 50 per database);
        every run must converge with each revision applied exactly once
  online [--server URL] [--release] [-- --rows 1000000 --clients 4 --rate 125 ..]
        add_column behind a 10 s reader, a 1M-row backfill and an index build under a client
        load, naive vs retort's safe forms: longest client stall, p99, throughput

Tables go to stdout, JSON to target/bench/<sub>.json; docs/performance.md explains each number.";

/// `bench faults`: example-app/tests/cli/faults.rs with more kills per database.
fn faults(args: &[String]) -> ExitCode {
    let mut command = crate::cmd::cargo(["test", "-p", "example-app", "--test", "cli", "faults", "--", "--nocapture"]);
    command.env("RETORT_FAULT_KILLS", "500");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let var = match arg.as_str() {
            "--kills" => "RETORT_FAULT_KILLS",
            "--seed" => "RETORT_FAULT_SEED",
            other => {
                eprintln!("error: unknown argument `{other}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        match rest.next().filter(|v| v.parse::<u64>().is_ok()) {
            Some(value) => {
                command.env(var, value);
            }
            None => {
                eprintln!("error: `{arg}` takes a whole number\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    crate::cmd::exec(&mut command)
}

/// Runs the subcommand named by the first argument; exit code 2 for bad usage.
pub fn run(args: &[String]) -> ExitCode {
    let Some((sub, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match sub.as_str() {
        "apply" => apply::run(rest),
        "compile" => compile::run(rest),
        "graph" => graph::run(rest),
        "online" => online::run(rest),
        "faults" => faults(rest),
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("error: unknown benchmark `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
