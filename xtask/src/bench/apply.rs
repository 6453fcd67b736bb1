//! `cargo xtask bench apply`: N small revisions applied to a fresh PostgreSQL database by retort,
//! next to the database's own cost of the same SQL through psql, and the peers found on PATH.
//!
//! Every timing is a whole process, start to exit, as a deploy sees it. Each run gets fresh
//! databases, one per tool, so that no tool pays for another's leftovers; medians over the runs
//! are reported, with min and max to show the noise.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use super::crates::{BenchCrate, Profile, Style};
use super::json::Json;
use super::options::{self, Flag, Options};
use super::peers::{self, Peer, Tool};
use super::pg::{Database, Server};
use super::proc;
use super::report::{self, verdict, Table};
use super::sql::{self, RevisionSql};
use super::stats::{human, ratio, Samples};

/// apply-all over `psql -1 -f` of the same SQL (DESIGN.md's performance budget).
const APPLY_RATIO_TARGET: f64 = 1.05;
/// `upgrade head` with nothing pending, process included.
const NOOP_TARGET_S: f64 = 0.015;

/// One timed line of the report.
#[derive(Debug)]
struct Measurement {
    /// Stable key in the JSON report.
    key: String,
    /// What the table shows.
    label: String,
    samples: Samples,
}

/// Runs the benchmark; see the module docs.
pub fn run(args: &[String]) -> ExitCode {
    let defaults = Options { n: vec![1000], runs: 5, ..Options::default() };
    let allowed = [Flag::N, Flag::Runs, Flag::NoopRuns, Flag::Peers, Flag::Server];
    let options = match options::parse(args, &allowed, defaults) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}\n\nusage: cargo xtask bench apply [--n 1000] [--runs 5] [--noop-runs 20] [--peers] [--server URL]");
            return ExitCode::from(2);
        }
    };
    match bench(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask bench apply: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(o: &Options) -> Result<(), String> {
    let [n] = o.n[..] else { return Err("apply takes one revision count: --n N".into()) };
    let server = Server::new(&o.server);
    server.check()?;

    // Build first: minutes the first time, seconds afterwards.
    let krate = BenchCrate::new(Style::Macro, n);
    krate.write()?;
    eprintln!(
        "xtask bench apply: building {} revisions in release (the first build compiles the dependencies: minutes)",
        n
    );
    krate.build(Profile::Release)?;
    let migrate = krate.binary(Profile::Release);

    let scripts = Scripts::write(&krate, &migrate, &server, n)?;
    let (found, missing) = if o.peers { peers::detect() } else { (Vec::new(), Tool::all()) };
    let mut peers: Vec<(Peer, PeerTimes)> = Vec::new();
    for (tool, program) in found {
        match Peer::prepare(tool, program, &scripts.dir.join("peers"), &scripts.up, &scripts.down) {
            Ok(peer) => peers.push((peer, PeerTimes::default())),
            Err(e) => eprintln!("xtask bench apply: {} skipped: {e}", tool.name()),
        }
    }

    let mut t = Times::default();
    let version = server_version(&server)?;
    for run in 1..=o.runs {
        eprintln!("xtask bench apply: run {run}/{}", o.runs);
        one_run(o, &server, &migrate, &scripts, n, &mut t, &mut peers)?;
    }

    let measurements = t.into_measurements(o, &peers);
    print_report(o, n, &version, &measurements, &peers, &missing)
}

/// The SQL scripts psql and the peers run.
struct Scripts {
    dir: PathBuf,
    single: PathBuf,
    per_revision: PathBuf,
    up: Vec<RevisionSql>,
    down: Vec<RevisionSql>,
}

impl Scripts {
    /// retort's offline scripts for the chain, minus its bookkeeping, in the shapes psql runs.
    fn write(krate: &BenchCrate, migrate: &std::path::Path, server: &Server, n: usize) -> Result<Self, String> {
        // `--sql` needs no connection; the URL only names the dialect.
        let url = server.url("offline");
        let up_script = proc::stdout(Command::new(migrate).args(["--database-url", &url, "upgrade", "head", "--sql"]))?;
        let down_script =
            proc::stdout(Command::new(migrate).args(["--database-url", &url, "downgrade", "head:base", "--sql"]))?;
        let up = sql::parse(&up_script);
        let down = sql::parse(&down_script);
        if up.len() != n || down.len() != n {
            return Err(format!(
                "retort's offline scripts hold {} upgrade and {} downgrade revisions, expected {n}; is the chain linked into the binary?",
                up.len(),
                down.len()
            ));
        }
        let dir = krate.dir().join("sql");
        let single = dir.join("single-transaction.sql");
        let per_revision = dir.join("transaction-per-revision.sql");
        sql::write(&dir.join("retort-upgrade-head.sql"), &up_script)?;
        sql::write(&single, &sql::single_script(&up))?;
        sql::write(&per_revision, &sql::per_revision_script(&up))?;
        Ok(Self { dir: krate.dir(), single, per_revision, up, down })
    }
}

/// The samples of every measurement retort and psql take.
#[derive(Debug, Default)]
struct Times {
    retort_apply: Samples,
    retort_apply_all: Samples,
    psql_single: Samples,
    psql_per_revision: Samples,
    retort_noop: Samples,
    select_one: Samples,
    retort_downgrade: Samples,
}

/// A peer's samples; `error` stops it from running again.
#[derive(Debug, Default)]
struct PeerTimes {
    apply: Samples,
    noop: Samples,
    downgrade: Samples,
    error: Option<String>,
}

fn one_run(
    o: &Options,
    server: &Server,
    migrate: &std::path::Path,
    scripts: &Scripts,
    n: usize,
    t: &mut Times,
    peers: &mut [(Peer, PeerTimes)],
) -> Result<(), String> {
    let retort = |db: &Database<'_>, args: &[&str]| {
        let mut command = Command::new(migrate);
        command.args(["--database-url", &db.url()]).args(args);
        command
    };

    // retort: apply all, no-op at head, downgrade all, on one database.
    let db = server.fresh("retort")?;
    t.retort_apply.push(proc::timed(&mut retort(&db, &["upgrade", "head"]))?);
    expect_tables(&db, n, "retort upgrade head")?;
    for _ in 0..o.noop_runs {
        t.retort_noop.push(proc::timed(&mut retort(&db, &["upgrade", "head"]))?);
    }
    t.retort_downgrade.push(proc::timed(&mut retort(&db, &["downgrade", "base"]))?);
    expect_tables(&db, 0, "retort downgrade base")?;
    drop(db);

    let db = server.fresh("retort_all")?;
    t.retort_apply_all.push(proc::timed(&mut retort(&db, &["upgrade", "head", "--transaction", "all"]))?);
    expect_tables(&db, n, "retort upgrade head --transaction all")?;
    drop(db);

    // The database's own cost of the same statements.
    let db = server.fresh("psql_single")?;
    t.psql_single.push(proc::timed(&mut db.psql_file(&scripts.single, true))?);
    expect_tables(&db, n, "psql -1 -f")?;
    drop(db);

    let db = server.fresh("psql_per_rev")?;
    t.psql_per_revision.push(proc::timed(&mut db.psql_file(&scripts.per_revision, false))?);
    expect_tables(&db, n, "psql -f")?;
    for _ in 0..o.noop_runs {
        t.select_one.push(proc::timed(db.psql().args(["-c", "select 1"]))?);
    }
    drop(db);

    for (peer, times) in peers.iter_mut().filter(|(_, times)| times.error.is_none()) {
        if let Err(e) = peer_run(o, server, peer, times, n) {
            eprintln!("xtask bench apply: {} failed, left out of the remaining runs: {e}", peer.name());
            times.error = Some(e);
        }
    }
    Ok(())
}

fn peer_run(o: &Options, server: &Server, peer: &Peer, times: &mut PeerTimes, n: usize) -> Result<(), String> {
    let db = server.fresh(peer.name())?;
    let url = db.url();
    times.apply.push(proc::timed(&mut peer.upgrade(&url))?);
    expect_tables(&db, n, peer.name())?;
    for _ in 0..o.noop_runs {
        times.noop.push(proc::timed(&mut peer.upgrade(&url))?);
    }
    if let Some(mut command) = peer.downgrade(&url) {
        times.downgrade.push(proc::timed(&mut command)?);
        expect_tables(&db, 0, peer.name())?;
    }
    Ok(())
}

/// A run that did not do what it says would make its timing meaningless: check it.
fn expect_tables(db: &Database<'_>, expected: usize, what: &str) -> Result<(), String> {
    let found = db.bench_tables()?;
    if found == expected {
        Ok(())
    } else {
        Err(format!("after `{what}` the database has {found} benchmark tables, expected {expected}"))
    }
}

fn server_version(server: &Server) -> Result<String, String> {
    // Commit durability settings change what a commit costs, so they belong next to the numbers.
    let sql = "SELECT current_setting('server_version') || ' (fsync ' || current_setting('fsync') \
               || ', synchronous_commit ' || current_setting('synchronous_commit') || ')'";
    let out = proc::stdout(server.psql("postgres").args(["-A", "-t", "-c", sql]))?;
    Ok(format!("PostgreSQL {}", out.trim()))
}

impl Times {
    fn into_measurements(self, o: &Options, peers: &[(Peer, PeerTimes)]) -> Vec<Measurement> {
        let m = |key: &str, label: String, samples: Samples| Measurement { key: key.into(), label, samples };
        let mut out = vec![
            m("retort_apply", "retort upgrade head (transaction per revision)".into(), self.retort_apply),
            m("retort_apply_transaction_all", "retort upgrade head --transaction all".into(), self.retort_apply_all),
            m("psql_single_transaction", "psql -1 -f (one transaction)".into(), self.psql_single),
            m("psql_transaction_per_revision", "psql -f (BEGIN/COMMIT per revision)".into(), self.psql_per_revision),
        ];
        for (peer, times) in peers {
            out.push(m(&format!("{}_apply", peer.key()), peer.apply_label(), times.apply.clone()));
        }
        let k = o.noop_runs * o.runs;
        out.push(m("retort_noop", format!("retort upgrade head, nothing pending ({k} runs)"), self.retort_noop));
        out.push(m("psql_select_1", format!("psql -c 'select 1' (connection floor, {k} runs)"), self.select_one));
        for (peer, times) in peers {
            out.push(m(&format!("{}_noop", peer.key()), peer.noop_label(), times.noop.clone()));
        }
        out.push(m("retort_downgrade", "retort downgrade base".into(), self.retort_downgrade));
        for (peer, times) in peers.iter().filter(|(p, _)| p.can_downgrade()) {
            out.push(m(&format!("{}_downgrade", peer.key()), peer.downgrade_label(), times.downgrade.clone()));
        }
        out
    }
}

fn print_report(
    o: &Options,
    n: usize,
    version: &str,
    measurements: &[Measurement],
    peers: &[(Peer, PeerTimes)],
    missing: &[Tool],
) -> Result<(), String> {
    let median = |key: &str| measurements.iter().find(|m| m.key == key).map_or(f64::NAN, |m| m.samples.median());
    let psql_single = median("psql_single_transaction");
    let mut table = Table::new(["measurement", "median", "min", "max", "vs psql -1"]);
    for m in measurements {
        let vs = if m.key.ends_with("_noop") || m.key == "psql_select_1" || m.key.ends_with("_downgrade") {
            String::new()
        } else {
            ratio(m.samples.median(), psql_single)
        };
        table.row([m.label.clone(), human(m.samples.median()), human(m.samples.min()), human(m.samples.max()), vs]);
    }
    println!(
        "\napply: {n} revisions (create table, add column, create index), {version}, {} runs, fresh database each",
        o.runs
    );
    print!("{}", table.render());

    let apply = median("retort_apply");
    let noop = median("retort_noop");
    let apply_ratio = apply / psql_single;
    let mut targets = vec![
        Target::new(
            "apply_all_vs_psql_single",
            format!("apply-all ≤ {APPLY_RATIO_TARGET}× psql -1"),
            apply_ratio,
            APPLY_RATIO_TARGET,
            ratio(apply, psql_single),
        ),
        Target::new("noop", format!("no-op ≤ {} ms", NOOP_TARGET_S * 1e3), noop, NOOP_TARGET_S, human(noop)),
    ];
    let fastest_peer = peers
        .iter()
        .filter(|(_, t)| t.error.is_none() && !t.apply.is_empty())
        .map(|(p, t)| (p.name(), t.apply.median()))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    println!("\ntargets (not timed tests: a FAIL is a finding, not an error):");
    for target in &targets {
        println!("  {:<34} {:>8}  {}", target.label, target.shown, verdict(target.pass));
    }
    // On a busy machine the connection floor alone can exceed the no-op budget; the ratio to it
    // is the part of the no-op that retort itself decides.
    let floor = median("psql_select_1");
    println!("  {:<34} {:>8}  (information, not a target)", "no-op vs psql -c 'select 1'", ratio(noop, floor));
    match fastest_peer {
        Some((name, peer)) => {
            let t = Target::new(
                "apply_all_vs_fastest_peer",
                format!("apply-all ≤ fastest peer ({name})"),
                apply / peer,
                1.0,
                ratio(apply, peer),
            );
            println!("  {:<34} {:>8}  {}", t.label, t.shown, verdict(t.pass));
            targets.push(t);
        }
        None => println!("  {:<34} {:>8}  skipped (no peer measured)", "apply-all ≤ fastest peer", "-"),
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|p| format!("{} (`{}`)", p.name(), p.program())).collect();
        let why = if o.peers { "not on PATH" } else { "run with --peers to detect them" };
        println!("peers skipped, {why}: {}", names.join(", "));
    }

    let doc = Json::object([
        ("bench", Json::str("apply")),
        ("n", Json::Num(n as f64)),
        ("runs", Json::Num(o.runs as f64)),
        ("noop_runs_per_run", Json::Num(o.noop_runs as f64)),
        ("server", Json::str(version)),
        ("cpus", Json::Num(std::thread::available_parallelism().map_or(0, |n| n.get()) as f64)),
        (
            "measurements",
            Json::Obj(
                measurements
                    .iter()
                    .map(|m| {
                        let mut fields = vec![("label".to_string(), Json::str(m.label.clone()))];
                        if let Json::Obj(stats) = m.samples.to_json() {
                            fields.extend(stats);
                        }
                        (m.key.clone(), Json::Obj(fields))
                    })
                    .collect(),
            ),
        ),
        ("targets", Json::Arr(targets.iter().map(Target::to_json).collect())),
        (
            "ratios",
            Json::object([
                ("apply_vs_psql_single_transaction", Json::Num(apply / psql_single)),
                ("apply_vs_psql_transaction_per_revision", Json::Num(apply / median("psql_transaction_per_revision"))),
                (
                    "apply_transaction_all_vs_psql_single_transaction",
                    Json::Num(median("retort_apply_transaction_all") / psql_single),
                ),
                ("noop_vs_psql_select_1", Json::Num(noop / floor)),
            ]),
        ),
        (
            "peers",
            Json::object([
                ("measured", Json::Arr(peers.iter().map(|(p, t)| peer_json(p, t)).collect())),
                ("skipped", Json::Arr(missing.iter().map(|p| Json::str(p.name())).collect())),
            ]),
        ),
    ]);
    report::write_json("apply", &doc)
}

fn peer_json(peer: &Peer, times: &PeerTimes) -> Json {
    Json::object([
        ("name", Json::str(peer.name())),
        ("apply", times.apply.to_json()),
        ("noop", times.noop.to_json()),
        ("downgrade", if peer.can_downgrade() { times.downgrade.to_json() } else { Json::Null }),
        ("error", times.error.clone().map_or(Json::Null, Json::Str)),
    ])
}

/// A budget line: measured value against its limit.
struct Target {
    key: &'static str,
    label: String,
    value: f64,
    limit: f64,
    shown: String,
    pass: bool,
}

impl Target {
    fn new(key: &'static str, label: String, value: f64, limit: f64, shown: String) -> Self {
        Self { key, label, value, limit, shown, pass: value.is_finite() && value <= limit }
    }

    fn to_json(&self) -> Json {
        Json::object([
            ("target", Json::str(self.key)),
            ("label", Json::str(self.label.clone())),
            ("value", Json::Num(self.value)),
            ("limit", Json::Num(self.limit)),
            ("pass", Json::Bool(self.pass)),
        ])
    }
}
