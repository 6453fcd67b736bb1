//! The command-line conventions of issue #16 on the example app's binary: JSON errors,
//! `completions`, `new --rev-id`, and `executed_by` from the OS when `$USER` is unset.

use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use retort_tests::TestDb;

use crate::support::{head, history, json, Migrate};

/// `--format json` on a failing command: exactly one JSON document on stdout, the error's.
#[track_caller]
fn json_error(run: &crate::support::Run, kind: &str, code: i32) -> serde_json::Value {
    assert_eq!(run.code, code, "{run:?}");
    let doc = run.json();
    assert_eq!(doc["error"]["kind"], kind, "{doc:#}");
    assert_eq!(doc["error"]["exit_code"], code, "{doc:#}");
    let message = doc["error"]["message"].as_str().unwrap();
    assert!(!message.is_empty() && run.stderr.contains(message), "the message is the one on stderr: {run:?}");
    doc
}

#[test]
fn errors_are_one_json_document_on_stdout_with_their_kind_and_exit_code() {
    let db = TestDb::sqlite().unwrap();
    // A target that does not resolve: the runner refuses it (exit 2), naming the database.
    let run = Migrate::db(db.url()).args(["upgrade", "ffffffffffff", "--format", "json"]).run();
    let doc = json_error(&run, "run", 2);
    assert_eq!(doc["database"], db.url());

    // A usage error that clap reports, before anything else is known.
    let run = Migrate::new().args(["--format", "json", "upgrade", "--frobnicate"]).run();
    json_error(&run, "usage", 2);
    let run = Migrate::new().args(["--format=json", "frobnicate"]).run();
    json_error(&run, "usage", 2);

    // A configuration error.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), "databse_url = \"sqlite://x.db\"\n").unwrap();
    let run = Migrate::new().in_dir(dir.path()).args(["current", "--format", "json"]).run();
    let doc = json_error(&run, "config", 2);
    assert!(!doc["error"]["causes"].as_array().unwrap().is_empty(), "the TOML error is a cause: {doc:#}");
}

#[test]
fn a_failed_migration_is_a_json_error_with_exit_1() {
    let db = TestDb::sqlite().unwrap();
    let oldest = history().last().unwrap().clone();
    let table = json(db.url(), &["show", &oldest])["up"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|op| (op["op"] == "create_table").then(|| op["name"].as_str().unwrap().to_string()))
        .expect("the first revision creates a table");
    let mut conn = SqliteConnection::establish(db.path().unwrap().to_str().unwrap()).unwrap();
    diesel::sql_query(format!("CREATE TABLE \"{table}\" (x integer)")).execute(&mut conn).unwrap();
    drop(conn);
    let run = Migrate::db(db.url()).args(["upgrade", "--format", "json"]).run();
    let doc = json_error(&run, "run", 1);
    assert!(doc["error"]["message"].as_str().unwrap().contains(&oldest), "{doc:#}");
}

#[test]
fn a_command_that_reports_then_fails_prints_only_its_report() {
    // `check` with pending revisions: its document says what is wrong; no second document.
    let db = TestDb::sqlite().unwrap();
    let run = Migrate::db(db.url()).args(["check", "--format", "json"]).run().code(1);
    let doc = run.json();
    assert_eq!(doc["ok"], false);
    assert!(doc.get("error").is_none(), "{doc:#}");
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_migrate()"),
        ("zsh", "#compdef migrate"),
        ("fish", "complete -c migrate"),
        ("elvish", "edit:completion:arg-completer[migrate]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = Migrate::new().args(["completions", shell]).run().ok();
        assert!(run.stdout.contains(marker), "{shell}: {}", &run.stdout[..run.stdout.len().min(400)]);
        assert!(run.stdout.contains("upgrade") && run.stdout.contains("downgrade"), "{shell}");
    }
    let run = Migrate::new().args(["completions", "tcsh"]).run().code(2);
    assert!(run.stderr.contains("tcsh"), "{}", run.stderr);
}

/// A migrations folder with an empty `mod.rs`, and a `retort.toml` pointing at it.
fn migrations_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("revs")).unwrap();
    std::fs::write(dir.path().join("revs/mod.rs"), "//! Revisions.\n").unwrap();
    std::fs::write(dir.path().join("retort.toml"), "migrations_dir = \"revs\"\n").unwrap();
    dir
}

#[test]
fn new_takes_the_revision_id_from_rev_id() {
    let dir = migrations_dir();
    let run = Migrate::new().in_dir(dir.path()).args(["new", "-m", "Add nicknames", "--rev-id", "Add_nicknames_1"]);
    let written = run.args(["--format", "json"]).run().ok().json();
    assert_eq!(written["revision"], "Add_nicknames_1");
    assert_eq!(written["parents"], serde_json::json!([head()]));
    let source = std::fs::read_to_string(written["path"].as_str().unwrap()).unwrap();
    assert!(source.contains("    revision: \"Add_nicknames_1\",\n"), "{source}");
    // The file stem is a module name: lower case.
    assert!(written["module"].as_str().unwrap().contains("_add_nicknames_1_"), "{written:#}");
}

#[test]
fn new_refuses_a_bad_or_taken_rev_id_and_writes_nothing() {
    let dir = migrations_dir();
    let existing = head();
    for (id, why) in [
        ("head", "reserved word"),
        ("heads", "reserved word"),
        ("base", "reserved word"),
        ("a-b", "`-`"),
        ("a.b", "other than a letter, a digit or `_`"),
        (existing.as_str(), "already the id of the revision in"),
    ] {
        let run = Migrate::new().in_dir(dir.path()).args(["new", "-m", "x", "--rev-id", id]).run().code(2);
        assert!(run.stderr.contains("--rev-id") && run.stderr.contains(why), "{id}: {}", run.stderr);
        assert_eq!(std::fs::read_dir(dir.path().join("revs")).unwrap().count(), 1, "{id}: a file was written");
    }
}

#[derive(QueryableByName)]
struct ExecutedBy {
    #[diesel(sql_type = diesel::sql_types::Text)]
    executed_by: String,
}

/// cron and systemd often run without `$USER`: the OS still knows who runs the migration.
#[test]
fn executed_by_comes_from_the_os_when_user_is_unset() {
    let db = TestDb::sqlite().unwrap();
    Migrate::db(db.url())
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .args(["upgrade", "+1"])
        .run()
        .ok();
    let id = std::process::Command::new("id").arg("-un").output().unwrap();
    let expected = String::from_utf8(id.stdout).unwrap().trim().to_string();
    assert!(!expected.is_empty());
    let mut conn = SqliteConnection::establish(db.path().unwrap().to_str().unwrap()).unwrap();
    let rows: Vec<ExecutedBy> = diesel::sql_query("SELECT executed_by FROM retort_history").load(&mut conn).unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row.executed_by, expected);
    }
}
