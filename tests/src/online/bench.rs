//! The online benchmark: each migration of issue #8 in its naive form (plain SQL) and its safe
//! form (retort's runner, through [`SafeForms`]), each on a fresh 1M-row table under the client
//! load, reporting the longest client stall, p99, client throughput and migration time.
//!
//! The binary prints one tab-separated `key=value` line per measurement on stdout (progress goes
//! to stderr); `cargo xtask bench online` reads them, prints the table and the verdicts, and
//! writes `target/bench/online.json`.

use std::io::Write;
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use super::{fill, Blocker, Load, LoadConfig, OnlineError, Session, Stats};
use crate::TestDb;

/// The table every scenario works on.
pub const TABLE: &str = "items";
/// The column the add_column scenario adds.
pub const NEW_COLUMN: &str = "note";
/// The index the index scenario builds, on `payload`.
pub const INDEX: &str = "ix_items_payload";

/// Load before the migration starts, so that the clients are in their steady state.
const WARM_UP: Duration = Duration::from_secs(1);
/// Load after the migration ends, so that a stall at its very end is seen to finish.
const COOL_DOWN: Duration = Duration::from_millis(500);

/// retort's side of the benchmark: the safe form of each migration, run by retort's runner on
/// the database at `url`. Implemented where retort is a dependency (this crate must not depend on
/// it); errors are the runner's messages.
pub trait SafeForms {
    /// Adds the nullable text column `column` to `table` in a transactional revision, with
    /// `lock_timeout` on the `ALTER` and retries for at least `retry_for`.
    fn add_column(
        &self,
        url: &str,
        table: &str,
        column: &str,
        lock_timeout: Duration,
        retry_for: Duration,
    ) -> Result<(), String>;

    /// Runs `SET bf = bf + 1` over every row of `table` as a batched backfill (`transaction:
    /// none`) whose batches aim at `target_batch_ms`.
    fn backfill(&self, url: &str, table: &str, target_batch_ms: u32) -> Result<(), String>;

    /// Builds `index` on `table (column)` with `CREATE INDEX CONCURRENTLY` (`transaction: none`).
    fn create_index(&self, url: &str, table: &str, index: &str, column: &str) -> Result<(), String>;
}

/// The benchmark's knobs (the binary's flags).
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Admin URL of the PostgreSQL server (`--server`); `None`: the harness's discovery.
    pub server: Option<String>,
    /// Rows of the table (`--rows`).
    pub rows: i64,
    /// Client sessions (`--clients`).
    pub clients: usize,
    /// Statements per second per client (`--rate`).
    pub rate: u32,
    /// How long the reader blocks the add_column scenario (`--blocker-ms`).
    pub blocker: Duration,
    /// retort's lock timeout in the add_column scenario (`--lock-timeout-ms`).
    pub lock_timeout: Duration,
    /// Target batch duration of the safe backfill (`--batch-ms`).
    pub batch_ms: u32,
    /// The scenarios to run (`--only a,b`): baseline, add_column, backfill, index.
    pub only: Vec<String>,
}

const SCENARIOS: [&str; 4] = ["baseline", "add_column", "backfill", "index"];

const USAGE: &str = "\
usage: online-bench [--server URL] [--rows 1000000] [--clients 4] [--rate 125] [--blocker-ms 10000]
                    [--lock-timeout-ms 100] [--batch-ms 20] [--only baseline,add_column,backfill,index]

Runs each migration in its naive and its safe form on a fresh table under a steady client load
and prints one `result` line per measurement (docs/performance.md).";

impl Default for BenchOptions {
    fn default() -> Self {
        Self {
            server: None,
            rows: 1_000_000,
            clients: 4,
            rate: 125,
            blocker: Duration::from_secs(10),
            lock_timeout: Duration::from_millis(100),
            batch_ms: 20,
            only: SCENARIOS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl BenchOptions {
    /// Parses the binary's arguments (without the program name); `Ok(None)` for `--help`.
    pub fn parse(args: &[String]) -> Result<Option<BenchOptions>, OnlineError> {
        let mut o = BenchOptions::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (arg.as_str(), None),
            };
            if matches!(name, "-h" | "--help") {
                return Ok(None);
            }
            let value = inline.or_else(|| it.next().cloned()).ok_or_else(|| usage(format!("{name} needs a value")))?;
            let number = || -> Result<u64, OnlineError> {
                value
                    .replace('_', "")
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| usage(format!("{name} takes a positive whole number, not `{value}`")))
            };
            match name {
                "--server" => o.server = Some(value.clone()),
                "--rows" => o.rows = number()? as i64,
                "--clients" => o.clients = number()? as usize,
                "--rate" => o.rate = number()?.min(u64::from(u32::MAX)) as u32,
                "--blocker-ms" => o.blocker = Duration::from_millis(number()?),
                "--lock-timeout-ms" => o.lock_timeout = Duration::from_millis(number()?),
                "--batch-ms" => o.batch_ms = number()?.min(u64::from(u32::MAX)) as u32,
                "--only" => {
                    o.only = value.split(',').map(|s| s.trim().to_string()).collect();
                    if let Some(bad) = o.only.iter().find(|s| !SCENARIOS.contains(&s.as_str())) {
                        return Err(usage(format!("unknown scenario `{bad}` (known: {})", SCENARIOS.join(", "))));
                    }
                }
                _ => return Err(usage(format!("unexpected argument `{arg}`"))),
            }
        }
        Ok(Some(o))
    }

    fn load(&self) -> LoadConfig {
        LoadConfig { clients: self.clients, rate: self.rate, ..LoadConfig::new(TABLE, self.rows) }
    }

    fn offered(&self) -> f64 {
        self.clients as f64 * f64::from(self.rate)
    }
}

fn usage(message: String) -> OnlineError {
    OnlineError::Usage(message)
}

/// One form of one scenario, measured.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// `baseline`, `add_column`, `backfill` or `index`.
    pub scenario: &'static str,
    /// `naive`, `safe` or `-` (baseline).
    pub form: &'static str,
    /// What ran, in words.
    pub what: String,
    /// Wall time of the migration.
    pub migration: Duration,
    /// The client statements that ran during the migration.
    pub stats: Stats,
}

/// The binary's `main`: parses the arguments, runs, prints; exit code 2 for bad usage.
pub fn main(forms: &dyn SafeForms) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match BenchOptions::parse(&args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options, forms, &mut std::io::stdout()) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("online-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the scenarios of `options`, writing the `settings` line and one `result` line per
/// measurement to `out` as they finish.
pub fn run(
    options: &BenchOptions,
    forms: &dyn SafeForms,
    out: &mut dyn Write,
) -> Result<Vec<Measurement>, OnlineError> {
    let o = options;
    let settings = format!(
        "settings\trows={}\tclients={}\trate={}\tblocker_s={}\tlock_timeout_s={}\tbatch_ms={}",
        o.rows,
        o.clients,
        o.rate,
        o.blocker.as_secs_f64(),
        o.lock_timeout.as_secs_f64(),
        o.batch_ms
    );
    emit(out, &settings)?;
    let mut all = Vec::new();
    for scenario in SCENARIOS.iter().filter(|s| o.only.iter().any(|x| x == *s)) {
        for form in forms_of(scenario) {
            let m = measure(o, forms, scenario, form)?;
            eprintln!(
                "online-bench: {scenario}/{form}: migration {:.2} s, longest client stall {:.1} ms, p99 {:.1} ms",
                m.migration.as_secs_f64(),
                m.stats.max.as_secs_f64() * 1e3,
                m.stats.p99.as_secs_f64() * 1e3
            );
            emit(out, &line(o, &m))?;
            all.push(m);
        }
    }
    Ok(all)
}

fn forms_of(scenario: &str) -> &'static [&'static str] {
    if scenario == "baseline" {
        &["-"]
    } else {
        &["naive", "safe"]
    }
}

fn emit(out: &mut dyn Write, line: &str) -> Result<(), OnlineError> {
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(|e| OnlineError::Usage(format!("cannot write the results: {e}")))
}

/// The `result` line of `m`: tab-separated `key=value`, seconds as plain numbers.
fn line(o: &BenchOptions, m: &Measurement) -> String {
    let s = &m.stats;
    format!(
        "result\tscenario={}\tform={}\twhat={}\tmigration_s={:.6}\tmax_s={:.6}\tmax_read_s={:.6}\tp99_s={:.6}\tp50_s={:.6}\t\
         throughput={:.1}\toffered={:.1}\tstatements={}\tlock_timeouts={}\tfailed={}",
        m.scenario,
        m.form,
        m.what,
        m.migration.as_secs_f64(),
        s.max.as_secs_f64(),
        s.max_read.as_secs_f64(),
        s.p99.as_secs_f64(),
        s.p50.as_secs_f64(),
        s.per_second,
        o.offered(),
        s.statements,
        s.lock_timeouts,
        s.failed
    )
}

/// A fresh database with the filled table, the load on it for [`WARM_UP`], then the migration
/// (timed), [`COOL_DOWN`], and a check that the migration did what it should.
fn measure(
    o: &BenchOptions,
    forms: &dyn SafeForms,
    scenario: &'static str,
    form: &'static str,
) -> Result<Measurement, OnlineError> {
    let db = match &o.server {
        Some(url) => TestDb::postgres_at(url)?,
        None => TestDb::postgres()?,
    };
    let url = db.url();
    eprintln!("online-bench: {scenario}/{form}: filling {} rows", o.rows);
    fill(url, TABLE, o.rows)?;
    let failed = |reason: String| OnlineError::Scenario { scenario: format!("{scenario}/{form}"), reason };
    let load = Load::start(url, &o.load())?;
    thread::sleep(WARM_UP);
    let ms = |d: Duration| d.as_millis();
    let started = Instant::now();
    let (what, result): (String, Result<(), String>) = match (scenario, form) {
        ("add_column", form) => {
            let blocker = Blocker::reader(url, TABLE, o.blocker)?;
            let result = if form == "naive" {
                naive(url, &format!("ALTER TABLE {TABLE} ADD COLUMN {NEW_COLUMN} text"))
            } else {
                forms.add_column(url, TABLE, NEW_COLUMN, o.lock_timeout, o.blocker * 2)
            };
            blocker.wait()?;
            let what = if form == "naive" {
                "ALTER TABLE .. ADD COLUMN, no lock_timeout".to_string()
            } else {
                format!("retort: lock_timeout {} ms + retries", ms(o.lock_timeout))
            };
            (what, result)
        }
        ("backfill", "naive") => {
            ("one UPDATE of every row".into(), naive(url, &format!("UPDATE {TABLE} SET bf = bf + 1")))
        }
        ("backfill", _) => {
            (format!("retort: keyset batches of ~{} ms", o.batch_ms), forms.backfill(url, TABLE, o.batch_ms))
        }
        ("index", "naive") => {
            ("CREATE INDEX".into(), naive(url, &format!("CREATE INDEX {INDEX} ON {TABLE} (payload)")))
        }
        ("index", _) => ("retort: CREATE INDEX CONCURRENTLY".into(), forms.create_index(url, TABLE, INDEX, "payload")),
        _ => {
            // The baseline: the load alone, for the machine's own latency noise.
            thread::sleep(Duration::from_secs(2));
            ("the load alone, 2 s".into(), Ok(()))
        }
    };
    let finished = Instant::now();
    thread::sleep(COOL_DOWN);
    let samples = load.stop()?;
    result.map_err(|e| failed(format!("the migration failed: {e}")))?;
    verify(url, scenario).map_err(failed)?;
    let stats = samples.stats(samples.at(started), samples.at(finished));
    if let Some(e) = samples.errors().first() {
        eprintln!("online-bench: {scenario}/{form}: a client statement failed: {e}");
    }
    Ok(Measurement { scenario, form, what, migration: finished - started, stats })
}

/// The naive form: `sql` on a session of its own, without lock or statement timeout.
fn naive(url: &str, sql: &str) -> Result<(), String> {
    let mut s = Session::connect(url, "online_naive").map_err(|e| e.to_string())?;
    s.execute(&format!("SET lock_timeout = 0; SET statement_timeout = 0; {sql}")).map_err(|e| e.to_string())
}

/// Whether the migration did its work: a benchmark of a migration that did nothing proves nothing.
fn verify(url: &str, scenario: &str) -> Result<(), String> {
    let (sql, expected) = match scenario {
        "add_column" => (
            format!(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = '{TABLE}' AND column_name = '{NEW_COLUMN}'"
            ),
            1,
        ),
        "backfill" => (format!("SELECT count(*) FROM {TABLE} WHERE bf <> 1"), 0),
        "index" => (format!("SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('{INDEX}') AND indisvalid"), 1),
        _ => return Ok(()),
    };
    let mut s = Session::connect(url, "online_verify").map_err(|e| e.to_string())?;
    let got = s.query_i64(&sql).map_err(|e| e.to_string())?;
    if got == expected {
        Ok(())
    } else {
        Err(format!("`{sql}` gave {got}, expected {expected}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_take_separate_or_inline_values() {
        let o =
            BenchOptions::parse(&args(&["--rows", "1_000", "--rate=50", "--only", "index,backfill"])).unwrap().unwrap();
        assert_eq!((o.rows, o.rate), (1000, 50));
        assert_eq!(o.only, ["index", "backfill"]);
        assert!(BenchOptions::parse(&args(&["--help"])).unwrap().is_none());
    }

    #[test]
    fn bad_options_are_refused_with_the_reason() {
        let e = BenchOptions::parse(&args(&["--only", "vacuum"])).unwrap_err().to_string();
        assert!(e.contains("unknown scenario `vacuum`"), "{e}");
        let e = BenchOptions::parse(&args(&["--rows", "0"])).unwrap_err().to_string();
        assert!(e.contains("positive whole number"), "{e}");
        let e = BenchOptions::parse(&args(&["--rows"])).unwrap_err().to_string();
        assert!(e.contains("needs a value"), "{e}");
    }
}
