//! `cargo xtask bench online`: the online-safety scenarios (longest client stall under a
//! concurrent write load, throughput) arrive with the online-safety issue (#8); until then this
//! says so and records it, so that scripts running every subcommand keep working.

use std::process::ExitCode;

use super::json::Json;
use super::report;

/// Prints what is pending and writes `target/bench/online.json` with `"status": "pending"`.
pub fn run(args: &[String]) -> ExitCode {
    if let Some(arg) = args.first() {
        eprintln!("error: `cargo xtask bench online` takes no arguments yet (got `{arg}`)");
        return ExitCode::from(2);
    }
    println!(
        "online: pending. The scenarios (a batched backfill and the safe index/constraint recipes on a \
         5M-row table under a concurrent write load, reporting the longest client stall against the lock \
         timeout, and throughput) arrive with the online-safety issue (#8)."
    );
    let doc = Json::object([
        ("bench", Json::str("online")),
        ("status", Json::str("pending")),
        ("reason", Json::str("arrives with the online-safety issue (#8)")),
    ]);
    match report::write_json("online", &doc) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask bench online: {e}");
            ExitCode::FAILURE
        }
    }
}
