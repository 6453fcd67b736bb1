//! `cargo xtask bench online`: issue #8's migrations under a steady client load, each in its naive
//! form (plain SQL: ALTER without lock_timeout, one UPDATE, plain CREATE INDEX) and its safe form
//! (retort's runner: lock_timeout + retries, batched backfill, CONCURRENTLY), reporting the longest
//! client stall, p99, client throughput and migration time.
//!
//! The scenarios run in `retort_tests::online::bench` (the `online-bench` example of the tests
//! crate, which links retort and diesel; xtask has no dependencies). It prints one tab-separated
//! `key=value` line per measurement; this module reads them, prints the table and the verdicts and
//! writes `target/bench/online.json`.

use std::process::{ExitCode, Stdio};

use super::json::Json;
use super::options::{self, Flag, Options};
use super::pg::Server;
use super::report::{self, verdict, Table};
use super::stats::human;
use crate::cmd;

/// The backfill bound of the issue: no client statement stalls longer than this.
const BACKFILL_LIMIT_S: f64 = 0.100;
/// "About the lock_timeout": a client queued behind the waiting `ALTER` waits the lock timeout,
/// then runs its own statement; this much on top is still "about".
const LOCK_TIMEOUT_SLACK: f64 = 1.5;

const USAGE: &str = "\
usage: cargo xtask bench online [--server URL] [--release] [-- BENCH ARGS..]

  --server URL   the PostgreSQL server (default postgres://postgres@127.0.0.1:5432)
  --release      build the benchmark in the release profile (default: dev, whose dependencies the
                 tests have built already; the numbers are the server's locks, not retort's CPU)
  -- ARGS        passed to the benchmark: --rows 1000000 --clients 4 --rate 125 --blocker-ms 10000
                 --lock-timeout-ms 100 --batch-ms 20 --only baseline,add_column,backfill,index";

/// The `settings` line: `key=value` pairs, in order.
type Settings = Vec<(String, String)>;

/// A verdict: the measured value against its limit.
#[derive(Debug, Clone, PartialEq)]
struct Target {
    name: &'static str,
    value: f64,
    limit: f64,
    pass: bool,
}

/// One `result` line.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    scenario: String,
    form: String,
    what: String,
    migration_s: f64,
    max_s: f64,
    max_read_s: f64,
    p99_s: f64,
    p50_s: f64,
    throughput: f64,
    offered: f64,
    statements: f64,
    lock_timeouts: f64,
    failed: f64,
}

/// Runs the benchmark binary and reports.
pub fn run(args: &[String]) -> ExitCode {
    let options = match options::parse(args, &[Flag::Server, Flag::Release, Flag::Rest], Options::default()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match bench(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask bench online: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(o: &Options) -> Result<(), String> {
    let mut command = cmd::cargo(["run", "-p", "retort-tests", "--example", "online-bench"]);
    if o.release {
        command.arg("--release");
    }
    // The harness wants an admin URL, with a database to connect to.
    command.args(["--", "--server", &Server::new(&o.server).url("postgres")]).args(&o.rest);
    // Progress and cargo's build go to stderr (shown); the result lines to stdout (read).
    command.stdout(Stdio::piped()).stderr(Stdio::inherit());
    eprintln!("$ {}", super::proc::describe(&command));
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!("the benchmark failed ({}); its output is above", output.status));
    }
    let (settings, rows) = parse(&text)?;
    let setting = |key: &str| settings.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.parse::<f64>().ok());
    let lock_timeout = setting("lock_timeout_s").unwrap_or(0.1);

    let mut table = Table::new([
        "scenario",
        "form",
        "migration",
        "longest stall",
        "longest read",
        "p99",
        "p50",
        "client stmt/s",
        "errors",
        "what",
    ]);
    for r in &rows {
        table.row([
            r.scenario.clone(),
            r.form.clone(),
            human(r.migration_s),
            human(r.max_s),
            human(r.max_read_s),
            human(r.p99_s),
            human(r.p50_s),
            format!("{:.0} of {:.0}", r.throughput, r.offered),
            format!("{}", r.lock_timeouts + r.failed),
            r.what.clone(),
        ]);
    }
    println!("\nonline: client statements during each migration ({})", describe_settings(&settings));
    print!("{}", table.render());

    let targets = targets(&rows, lock_timeout);
    println!();
    for t in &targets {
        println!("target: {}: {} (limit {})  {}", t.name, human(t.value), human(t.limit), verdict(t.pass));
    }
    report::write_json("online", &document(&settings, &rows, &targets))
}

fn describe_settings(settings: &[(String, String)]) -> String {
    let get = |k: &str| settings.iter().find(|(key, _)| key == k).map_or("?", |(_, v)| v.as_str());
    format!(
        "{} rows, {} clients × {}/s, reader {} s, lock_timeout {} s, batches ~{} ms",
        get("rows"),
        get("clients"),
        get("rate"),
        get("blocker_s"),
        get("lock_timeout_s"),
        get("batch_ms")
    )
}

/// The verdicts: each safe form's longest stall against its limit.
fn targets(rows: &[Row], lock_timeout: f64) -> Vec<Target> {
    let limits = [
        ("add_column", lock_timeout * LOCK_TIMEOUT_SLACK, "add_column safe: longest stall ≤ about the lock_timeout"),
        ("backfill", BACKFILL_LIMIT_S, "backfill safe: longest stall ≤ 100 ms"),
        ("index", lock_timeout, "index safe: longest stall ≤ the lock_timeout"),
    ];
    limits
        .iter()
        .filter_map(|(scenario, limit, name)| {
            let r = rows.iter().find(|r| r.scenario == *scenario && r.form == "safe")?;
            let clean = r.lock_timeouts == 0.0 && r.failed == 0.0;
            Some(Target { name, value: r.max_s, limit: *limit, pass: clean && r.max_s <= *limit })
        })
        .collect()
}

fn document(settings: &Settings, rows: &[Row], targets: &[Target]) -> Json {
    let num = |v: &str| v.parse::<f64>().map(Json::Num).unwrap_or_else(|_| Json::str(v));
    Json::object([
        ("bench", Json::str("online")),
        ("settings", Json::Obj(settings.iter().map(|(k, v)| (k.clone(), num(v))).collect())),
        (
            "results",
            Json::Arr(
                rows.iter()
                    .map(|r| {
                        Json::object([
                            ("scenario", Json::str(r.scenario.clone())),
                            ("form", Json::str(r.form.clone())),
                            ("what", Json::str(r.what.clone())),
                            ("migration_s", Json::Num(r.migration_s)),
                            ("longest_stall_s", Json::Num(r.max_s)),
                            ("longest_read_s", Json::Num(r.max_read_s)),
                            ("p99_s", Json::Num(r.p99_s)),
                            ("p50_s", Json::Num(r.p50_s)),
                            ("client_statements_per_s", Json::Num(r.throughput)),
                            ("offered_per_s", Json::Num(r.offered)),
                            ("statements", Json::Num(r.statements)),
                            ("client_lock_timeouts", Json::Num(r.lock_timeouts)),
                            ("client_errors", Json::Num(r.failed)),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "targets",
            Json::Arr(
                targets
                    .iter()
                    .map(|t| {
                        Json::object([
                            ("target", Json::str(t.name)),
                            ("value", Json::Num(t.value)),
                            ("limit", Json::Num(t.limit)),
                            ("pass", Json::Bool(t.pass)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

/// The `settings` line's pairs and the `result` lines of the benchmark's stdout.
fn parse(text: &str) -> Result<(Settings, Vec<Row>), String> {
    let mut settings = Vec::new();
    let mut rows = Vec::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let kind = fields.next().unwrap_or_default();
        let pairs: Vec<(String, String)> =
            fields.filter_map(|f| f.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
        match kind {
            "settings" => settings = pairs,
            "result" => rows.push(row(&pairs).ok_or_else(|| format!("unreadable result line: {line}"))?),
            _ => {}
        }
    }
    if rows.is_empty() {
        return Err("the benchmark printed no result line".into());
    }
    Ok((settings, rows))
}

fn row(pairs: &[(String, String)]) -> Option<Row> {
    let text = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let num = |k: &str| text(k)?.parse::<f64>().ok();
    Some(Row {
        scenario: text("scenario")?,
        form: text("form")?,
        what: text("what").unwrap_or_default(),
        migration_s: num("migration_s")?,
        max_s: num("max_s")?,
        max_read_s: num("max_read_s")?,
        p99_s: num("p99_s")?,
        p50_s: num("p50_s")?,
        throughput: num("throughput")?,
        offered: num("offered")?,
        statements: num("statements")?,
        lock_timeouts: num("lock_timeouts")?,
        failed: num("failed")?,
    })
}

#[cfg(test)]
mod tests {
    use super::{parse, targets};

    const OUTPUT: &str = "\
settings\trows=1000\tclients=4\trate=125\tblocker_s=10\tlock_timeout_s=0.1\tbatch_ms=20
result\tscenario=add_column\tform=naive\twhat=ALTER, no lock_timeout\tmigration_s=10.0\tmax_s=9.9\tmax_read_s=9.9\tp99_s=9.5\tp50_s=0.001\tthroughput=40.0\toffered=500.0\tstatements=600\tlock_timeouts=0\tfailed=0
result\tscenario=add_column\tform=safe\twhat=retort\tmigration_s=10.3\tmax_s=0.12\tmax_read_s=0.11\tp99_s=0.1\tp50_s=0.001\tthroughput=450.0\toffered=500.0\tstatements=5000\tlock_timeouts=0\tfailed=0
result\tscenario=backfill\tform=safe\twhat=retort\tmigration_s=8\tmax_s=0.15\tmax_read_s=0.01\tp99_s=0.02\tp50_s=0.001\tthroughput=480\toffered=500\tstatements=4000\tlock_timeouts=0\tfailed=0
";

    #[test]
    fn result_lines_are_read_and_judged_against_the_targets() {
        let (settings, rows) = parse(OUTPUT).unwrap();
        assert_eq!(settings[0], ("rows".to_string(), "1000".to_string()));
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[0].what.as_str(), rows[0].max_s), ("ALTER, no lock_timeout", 9.9));
        let t = targets(&rows, 0.1);
        // naive rows are not judged; the index scenario did not run
        assert_eq!(t.len(), 2);
        assert!(t[0].pass, "0.12 s is about 0.1 s: {t:?}");
        assert!(!t[1].pass, "0.15 s is over the backfill's 100 ms: {t:?}");
    }

    #[test]
    fn output_without_results_is_an_error() {
        assert!(parse("settings\trows=1\n").is_err());
    }
}
