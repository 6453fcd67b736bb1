//! One test per exit code and per way of reaching it: 0 success, 1 failed migration or check,
//! 2 usage, configuration or connection. Errors print a cause and a fix, never a panic.

use std::io::Read;
use std::process::Stdio;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use retort_tests::TestDb;

use crate::support::{history, json, Migrate};

#[track_caller]
fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn help_and_version_exit_0() {
    let run = Migrate::new().args(["--help"]).run().code(0);
    assert!(run.stdout.contains("upgrade"));
    Migrate::new().args(["upgrade", "--help"]).run().code(0);
    // `help` as a command, as git and cargo take it.
    let run = Migrate::new().args(["help", "upgrade"]).run().code(0);
    assert!(run.stdout.contains("Apply revisions up to TARGET"), "{}", run.stdout);
    for flag in ["--version", "-V"] {
        let run = Migrate::new().args([flag]).run().code(0);
        assert_eq!(run.stdout.trim(), format!("migrate {}", env!("CARGO_PKG_VERSION")), "{flag}");
    }
}

/// As alembic, sqlx and diesel: a bare `migrate` (a deploy script missing its verb) prints the
/// help and touches nothing, instead of upgrading whatever database it finds.
#[test]
fn no_command_prints_help_exits_2_and_touches_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bare.sqlite3");
    let url = format!("sqlite://{}", file.display());
    let run = Migrate::db(&url).in_dir(dir.path()).run().code(2);
    assert!(run.stderr.contains("Usage: migrate"), "{}", run.stderr);
    assert!(run.stderr.contains("upgrade"), "the help lists the commands:\n{}", run.stderr);
    assert!(!file.exists(), "no database file was created");
    assert_no_panic(&run.stderr);
}

#[test]
fn unknown_command_exits_2_with_usage() {
    let run = Migrate::new().args(["frobnicate"]).run().code(2);
    assert!(run.stderr.contains("Usage"), "{}", run.stderr);
}

#[test]
fn missing_required_argument_exits_2() {
    Migrate::new().args(["downgrade"]).run().code(2);
    Migrate::new().args(["new"]).run().code(2);
}

#[test]
fn unknown_target_exits_2_and_says_what_to_do() {
    let db = TestDb::sqlite().unwrap();
    let run = Migrate::db(db.url()).args(["upgrade", "ffffffffffff"]).run().code(2);
    assert!(run.stderr.contains("error:") && run.stderr.contains("history"), "{}", run.stderr);
    assert_no_panic(&run.stderr);
}

#[test]
fn unreachable_server_exits_2_without_printing_the_password() {
    let run = Migrate::db("postgres://app:hunter2@127.0.0.1:1/nope").args(["upgrade"]).run().code(2);
    assert!(run.stderr.contains("could not connect"), "{}", run.stderr);
    assert!(!run.stderr.contains("hunter2") && !run.stdout.contains("hunter2"), "{}", run.stderr);
    assert!(run.stderr.contains("***"), "{}", run.stderr);
    assert_no_panic(&run.stderr);
}

#[test]
fn unsupported_url_scheme_exits_2() {
    let run = Migrate::db("oracle://db/x").args(["upgrade"]).run().code(2);
    assert_no_panic(&run.stderr);
    Migrate::db("oracle://db/x").args(["upgrade", "--sql"]).run().code(2);
}

#[test]
fn bad_configuration_file_exits_2_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), "databse_url = \"sqlite://x.db\"\n").unwrap();
    let run = Migrate::new().in_dir(dir.path()).args(["current"]).run().code(2);
    assert!(run.stderr.contains("retort.toml") && run.stderr.contains("databse_url"), "{}", run.stderr);
}

#[test]
fn failing_migration_exits_1_and_names_the_revision() {
    let db = TestDb::sqlite().unwrap();
    // Take the oldest revision that creates a table, and create that table first, so that the
    // revision's CREATE TABLE fails.
    let (first, table) = history()
        .iter()
        .rev()
        .find_map(|id| {
            let show = json(db.url(), &["show", id]);
            let table =
                show["up"].as_array()?.iter().find(|op| op["op"] == "create_table")?["name"].as_str()?.to_string();
            Some((id.clone(), table))
        })
        .expect("the chain creates a table");
    let mut conn = diesel::SqliteConnection::establish(db.path().unwrap().to_str().unwrap()).unwrap();
    conn.batch_execute(&format!("CREATE TABLE \"{table}\" (x integer)")).unwrap();
    drop(conn);

    let run = Migrate::db(db.url()).args(["upgrade"]).run().code(1);
    assert!(run.stderr.contains(&first), "{}", run.stderr);
    assert_no_panic(&run.stderr);
}

#[test]
fn check_heads_exits_1_when_behind() {
    let db = TestDb::sqlite().unwrap();
    Migrate::db(db.url()).args(["current", "--check-heads"]).run().code(1);
}

#[test]
fn closed_stdout_exits_0() {
    let (mut cmd, _cwd) = Migrate::db("sqlite::memory:").args(["history", "--verbose"]).command();
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // Close the read end before the child writes: its first write gets EPIPE.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_no_panic(&stderr);
}
