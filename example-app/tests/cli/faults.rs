//! Fault injection: the `migrate` process SIGKILLed at random moments and rerun at once, as a
//! crash-looping pod or a CI retry does, on PostgreSQL, MariaDB and SQLite; and the migrating
//! session ended by the server mid-run. Every run must converge to head, with each revision
//! applied exactly once (one successful `up` row each, the seed rows once, the backfill complete)
//! and no INVALID index left behind.
//!
//! The chain is the example app's: a seed-data revision (r24), batched backfills (r08, r15), a
//! `CONCURRENTLY` index (r12, r17, ...) and a rewrite (r11's type and nullability changes). Users
//! are seeded before the backfill so that it has rows to move while the kills land.
//!
//! `RETORT_FAULT_KILLS` sets the kills per database (default 50); `RETORT_FAULT_SEED` replays a
//! run (the seed is printed on failure).

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use diesel::{QueryableByName, RunQueryDsl};
use example_app::AppConnection;
use retort_tests::{Dialect, TestDb};

use crate::support::{head, history, ids, json, Migrate, Run};

/// The parent of r08, the first batched backfill: the chain up to here runs before the kills.
const BEFORE_BACKFILL: &str = "ebebf4ee94ae";
/// Users seeded at [`BEFORE_BACKFILL`]: three batches of r08's 1,000.
const USERS: usize = 2500;
/// Rows r24 seeds into `roles`.
const SEEDED_ROLES: i64 = 3;

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    line: String,
}

fn lines(conn: &mut AppConnection, sql: &str) -> Vec<String> {
    let rows: Vec<Line> = diesel::sql_query(sql).load(conn).unwrap_or_else(|e| panic!("{e}\nin: {sql}"));
    rows.into_iter().map(|r| r.line).collect()
}

fn count(conn: &mut AppConnection, sql: &str) -> i64 {
    let text = lines(conn, sql);
    text.first().and_then(|c| c.trim().parse().ok()).unwrap_or_else(|| panic!("not a count: {text:?}\nin: {sql}"))
}

/// A working directory whose `retort.toml` lets the rerun wait for the lock as long as the killed
/// migrator's server session takes to end.
fn patient_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), "lock_wait_ms = 600000\n").unwrap();
    dir
}

fn spawn_upgrade(url: &str, dir: &Path) -> Child {
    let (mut cmd, _cwd) = Migrate::db(url).in_dir(dir).args(["upgrade", "head"]).command();
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

fn upgrade(url: &str, dir: &Path, target: &str) -> Run {
    let (mut cmd, _cwd) = Migrate::db(url).in_dir(dir).args(["upgrade", target]).command();
    Run::from(cmd.output().unwrap())
}

/// A fresh database at [`BEFORE_BACKFILL`] with [`USERS`] users whose `email_normalized` the
/// backfill still has to fill.
fn prepared(dialect: Dialect, dir: &Path) -> TestDb {
    let db = TestDb::new(dialect).unwrap();
    upgrade(db.url(), dir, BEFORE_BACKFILL).ok();
    let mut conn = AppConnection::connect(db.url()).unwrap();
    let values: Vec<String> = (0..USERS)
        .map(|i| format!("('{i:08x}-0000-4000-8000-000000000000', 'User{i}@Example.com', 'User {i}', '{{}}')"))
        .collect();
    for chunk in values.chunks(500) {
        let sql = format!("INSERT INTO users (id, email, display_name, settings) VALUES {}", chunk.join(", "));
        diesel::sql_query(&sql).execute(&mut conn).unwrap_or_else(|e| panic!("{e}\nin: {sql}"));
    }
    db
}

/// Checks the exactly-once invariants of a database the rerun brought to head.
fn assert_exactly_once(db: &TestDb, revisions: &[String], context: &str) {
    let current = json(db.url(), &["current"]);
    assert_eq!(ids(&current["current"]), [head()], "{context}: not at head");

    let mut conn = AppConnection::connect(db.url()).unwrap();
    let rows = lines(
        &mut conn,
        "SELECT CONCAT(revision, '|', direction, '|', COALESCE(CAST(success AS CHAR(5)), 'null')) AS line \
         FROM retort_history",
    );
    let mut succeeded: BTreeMap<String, usize> = revisions.iter().map(|r| (r.clone(), 0)).collect();
    for row in &rows {
        let parts: Vec<&str> = row.split('|').collect();
        assert_eq!(parts.get(1), Some(&"up"), "{context}: a step other than an upgrade ran: {rows:#?}");
        // 1 on MariaDB and SQLite, true on PostgreSQL.
        if matches!(parts.get(2).map(|s| s.trim()), Some("1") | Some("true")) {
            *succeeded.entry(parts[0].to_string()).or_default() += 1;
        }
    }
    let wrong: Vec<_> = succeeded.iter().filter(|(_, n)| **n != 1).collect();
    assert!(
        wrong.is_empty(),
        "{context}: revisions not applied exactly once (successful up rows): {wrong:?}\n{rows:#?}"
    );

    assert_eq!(count(&mut conn, "SELECT CAST(COUNT(*) AS CHAR(20)) AS line FROM roles"), SEEDED_ROLES, "{context}");
    assert_eq!(
        count(&mut conn, "SELECT CAST(COUNT(*) AS CHAR(20)) AS line FROM users"),
        USERS as i64,
        "{context}: users"
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT CAST(COUNT(*) AS CHAR(20)) AS line FROM users \
             WHERE email_normalized IS NULL OR email_normalized <> LOWER(email)"
        ),
        0,
        "{context}: rows the backfill missed"
    );
    if db.dialect() == Dialect::Postgres {
        let invalid = lines(
            &mut conn,
            "SELECT CAST(indexrelid::regclass AS TEXT) AS line FROM pg_index WHERE NOT indisvalid OR NOT indisready",
        );
        assert!(invalid.is_empty(), "{context}: INVALID indexes left: {invalid:?}");
    }
}

/// How long an uninterrupted `upgrade head` from [`BEFORE_BACKFILL`] takes: the kills land
/// uniformly over it.
fn full_run(dialect: Dialect, dir: &Path) -> Duration {
    let db = prepared(dialect, dir);
    let started = Instant::now();
    upgrade(db.url(), dir, "head").ok();
    started.elapsed()
}

fn sigkill_and_rerun(dialect: Dialect) {
    let kills: usize = std::env::var("RETORT_FAULT_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(50);
    let seed: u64 = std::env::var("RETORT_FAULT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = patient_dir();
    let revisions = history();
    // The shortest of three runs: one slowed by a busy machine would place most kills after the
    // end. A kill that still comes too late shortens the span further.
    let mut span = (0..3).map(|_| full_run(dialect, dir.path())).min().unwrap_or_default();

    let (mut landed, mut attempts) = (0, 0);
    while landed < kills {
        attempts += 1;
        assert!(
            attempts <= kills * 3,
            "only {landed} of {attempts} kills landed mid-run (full run {span:?}, seed {seed})"
        );
        let db = prepared(dialect, dir.path());
        let delay = span.mul_f64(rng.f64());
        let mut child = spawn_upgrade(db.url(), dir.path());
        thread::sleep(delay);
        // Not yet reaped, a process that finished meanwhile is a zombie that takes the signal harmlessly.
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
        } else {
            span = span.mul_f64(0.9);
        }
        let status = child.wait_with_output().unwrap().status;
        if status.signal() == Some(9) {
            landed += 1;
        }
        // At once, as a crash-looping pod does: no pause for the server to notice the kill.
        let context = format!("{dialect:?}, kill {attempts} after {delay:?} (seed {seed})");
        let rerun = upgrade(db.url(), dir.path(), "head");
        assert_eq!(rerun.code, 0, "{context}: the rerun failed\n{}\n{}", rerun.stdout, rerun.stderr);
        assert_exactly_once(&db, &revisions, &context);
    }
}

#[test]
fn sigkilled_postgres_migrator_reruns_apply_each_revision_exactly_once() {
    sigkill_and_rerun(Dialect::Postgres);
}

#[test]
fn sigkilled_mariadb_migrator_reruns_apply_each_revision_exactly_once() {
    sigkill_and_rerun(Dialect::Mysql);
}

#[test]
fn sigkilled_sqlite_migrator_reruns_apply_each_revision_exactly_once() {
    sigkill_and_rerun(Dialect::Sqlite);
}

/// The migrating session ended by the server mid-run (what `pg_terminate_backend`, an
/// `idle_session_timeout`, a pooler or a failover does): its advisory lock goes with it, the
/// migrator stops with an error that says so, nothing is applied twice, and a rerun converges.
#[test]
fn migrator_whose_session_the_server_ends_stops_and_applies_nothing_twice() {
    let dir = patient_dir();
    let revisions = history();
    let admin = TestDb::postgres().unwrap();
    let mut watcher = AppConnection::connect(admin.url()).unwrap();
    for attempt in 0..5 {
        let db = prepared(Dialect::Postgres, dir.path());
        let name = db.name().to_string();
        let mut child = spawn_upgrade(db.url(), dir.path());
        // The migrator's session is the one holding the advisory lock in its database.
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut ended = false;
        while !ended && Instant::now() < deadline && child.try_wait().unwrap().is_none() {
            let pids = lines(
                &mut watcher,
                &format!(
                    "SELECT CAST(l.pid AS TEXT) AS line FROM pg_locks l JOIN pg_database d ON d.oid = l.database \
                     WHERE l.locktype = 'advisory' AND l.granted AND d.datname = '{name}'"
                ),
            );
            if let Some(pid) = pids.first() {
                // Let it get a few revisions in first.
                thread::sleep(Duration::from_millis(50 + 20 * attempt));
                ended = lines(&mut watcher, &format!("SELECT CAST(pg_terminate_backend({pid}) AS TEXT) AS line"))
                    == ["true"];
            }
            thread::sleep(Duration::from_millis(2));
        }
        let run = Run::from(child.wait_with_output().unwrap());
        if !ended || run.code == 0 {
            continue; // the run beat the watcher: try again on a fresh database
        }
        assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("the server ended the migration session"),
            "the error names the lost session:\n{}",
            run.stderr
        );
        let rerun = upgrade(db.url(), dir.path(), "head");
        assert_eq!(rerun.code, 0, "the rerun failed\n{}\n{}", rerun.stdout, rerun.stderr);
        assert_exactly_once(&db, &revisions, "after the session was ended");
        return;
    }
    panic!("the migrator finished before its session could be ended, 5 times in a row");
}
