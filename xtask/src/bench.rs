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
  online [--server URL] [--release] [-- --rows 1000000 --clients 4 --rate 125 ..]
        add_column behind a 10 s reader, a 1M-row backfill and an index build under a client
        load, naive vs retort's safe forms: longest client stall, p99, throughput

Tables go to stdout, JSON to target/bench/<sub>.json; docs/performance.md explains each number.";

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
