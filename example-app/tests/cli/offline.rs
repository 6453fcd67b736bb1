//! `--sql` renders the plan without connecting: a URL to a server that does not exist works, and
//! the script, run by the database's own client, builds what a live run builds.

use std::io::Write;
use std::process::{Command, Stdio};

use retort_tests::{Dialect, TestDb};

use crate::support::{head, history, ids, ok, Migrate};

const NOWHERE: &str = "postgres://app:hunter2@db.invalid:5432/nowhere";

#[test]
fn upgrade_sql_needs_no_connection() {
    let run = Migrate::db(NOWHERE).args(["upgrade", "--sql"]).run().ok();
    assert!(run.stdout.to_uppercase().contains("CREATE TABLE"), "{}", run.stdout);
    assert!(run.stdout.contains(&head()), "the script records the head in the version table");
    assert!(!run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"));
}

#[test]
fn downgrade_sql_of_a_range_needs_no_connection() {
    let all = history();
    let range = format!("{}:base", all[0]);
    let run = Migrate::db(NOWHERE).args(["downgrade", "--sql", &range]).run().ok();
    assert!(run.stdout.to_uppercase().contains("DROP TABLE"), "{}", run.stdout);
}

/// Feeds `script` to the database's own command-line client, stopping at the first error.
#[track_caller]
fn run_client(db: &TestDb, script: &str) {
    let (program, args): (&str, Vec<String>) = match db.dialect() {
        Dialect::Postgres => ("psql", vec!["-q".into(), "-v".into(), "ON_ERROR_STOP=1".into(), db.url().into()]),
        Dialect::Sqlite => ("sqlite3", vec!["-bail".into(), db.path().expect("a file").to_string_lossy().into_owned()]),
        Dialect::Mysql => {
            let url = url::Url::parse(db.url()).expect("the test URL parses");
            let mut args = vec![
                format!("--host={}", url.host_str().unwrap_or("127.0.0.1")),
                format!("--port={}", url.port().unwrap_or(3306)),
                format!("--user={}", url.username()),
            ];
            if let Some(password) = url.password() {
                args.push(format!("--password={password}"));
            }
            args.push(url.path().trim_start_matches('/').to_string());
            ("mariadb", args)
        }
    };
    let mut child = Command::new(program)
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("the script is written");
    let out = child.wait_with_output().expect("the client finishes");
    assert!(out.status.success(), "{program} failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

/// The `--sql` script of the whole example chain, applied by the database's own client, builds
/// the schema a live run builds (`check` replays the chain live in a scratch database and compares
/// the catalogs); the downgrade script of the same range takes it all back down.
#[track_caller]
fn offline_scripts_build_what_a_live_run_builds(db: &TestDb) {
    let up = Migrate::db(db.url()).args(["upgrade", "--sql"]).run().ok().stdout;
    run_client(db, &up);
    let check = ok(db.url(), &["check"]);
    assert!(check.stdout.contains("✓ nothing pending"), "{}", check.stdout);
    assert!(check.stdout.contains("✓ schema matches the applied revisions"), "{}", check.stdout);

    let down = Migrate::db(db.url()).args(["downgrade", "--sql", "heads:base"]).run().ok().stdout;
    run_client(db, &down);
    let current = Migrate::db(db.url()).args(["current", "--format", "json"]).run().ok().json();
    assert_eq!(current["current"], serde_json::json!([]), "{current:#}");
    // Everything is pending again (exit 1), and nothing of the chain is left.
    let check = Migrate::db(db.url()).args(["check"]).run().code(1);
    assert!(check.stdout.contains("✓ schema matches the applied revisions"), "{}", check.stdout);
}

#[test]
fn offline_scripts_build_what_a_live_run_builds_on_sqlite() {
    offline_scripts_build_what_a_live_run_builds(&TestDb::sqlite().unwrap());
}

#[test]
fn offline_scripts_build_what_a_live_run_builds_on_mariadb() {
    offline_scripts_build_what_a_live_run_builds(&TestDb::mysql().unwrap());
}

#[test]
fn offline_scripts_build_what_a_live_run_builds_on_postgres() {
    offline_scripts_build_what_a_live_run_builds(&TestDb::postgres().unwrap());
}

/// `stamp --sql` prints what `stamp` writes, without a connection: applied by the database's own
/// client, the version table says what a live stamp says, and no op ran.
#[test]
fn stamp_sql_run_by_the_client_stamps_without_running_anything() {
    let db = TestDb::sqlite().unwrap();
    let script = Migrate::db(db.url()).args(["stamp", "head", "--sql"]).run().ok().stdout;
    assert!(script.contains("no op runs"), "{script}");
    run_client(&db, &script);
    let current = Migrate::db(db.url()).args(["current", "--format", "json"]).run().ok().json();
    assert_eq!(ids(&current["current"]), [head()], "{current:#}");
    let tables = retort::runner::read_schema(
        &mut retort::runner::Database::connect(db.url()).unwrap(),
        &retort::runner::Settings::default(),
    )
    .unwrap();
    assert!(
        tables.tables.is_empty(),
        "a stamp creates no table of the chain: {:?}",
        tables.tables.keys().collect::<Vec<_>>()
    );

    let back = Migrate::db(db.url()).args(["stamp", &format!("{}:base", head()), "--sql"]).run().ok().stdout;
    run_client(&db, &back);
    let current = Migrate::db(db.url()).args(["current", "--format", "json"]).run().ok().json();
    assert_eq!(current["current"], serde_json::json!([]), "{current:#}");
}
