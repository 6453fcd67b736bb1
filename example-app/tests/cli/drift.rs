//! `check`'s drift detection with the real `migrate` binary: the whole example chain (partitions,
//! views, a materialized view, triggers, extensions, backfills, branches and a merge) matches
//! the schema it builds from scratch; a change made outside the revisions fails `check`.

use retort::runner::Database;
use retort_tests::TestDb;

use crate::support::{ok, Migrate};

/// The JSON report of a `check` expected to exit with `code`.
#[track_caller]
fn check(url: &str, code: i32) -> serde_json::Value {
    Migrate::db(url).args(["check", "--format", "json"]).run().code(code).json()
}

/// Upgrades to head; then `check` passes with nothing drifted.
#[track_caller]
fn applied_chain_has_no_drift(url: &str) {
    ok(url, &["upgrade"]);
    let text = ok(url, &["check"]);
    assert!(text.stdout.contains("✓ schema matches the applied revisions"), "{}", text.stdout);
    let report = check(url, 0);
    assert_eq!(report["ok"], true);
    assert_eq!(report["drift_checked"], true);
    assert_eq!(report["drift"], serde_json::json!([]), "{report:#}");
    assert!(report["scratch"].as_str().unwrap().contains("retort_scratch_"), "{report:#}");
}

#[test]
fn the_whole_example_chain_has_no_drift_on_postgres() {
    let db = TestDb::postgres().unwrap();
    applied_chain_has_no_drift(db.url());
}

#[test]
fn the_whole_example_chain_has_no_drift_on_sqlite() {
    let db = TestDb::sqlite().unwrap();
    applied_chain_has_no_drift(db.url());
}

#[test]
fn the_whole_example_chain_has_no_drift_on_mariadb() {
    let db = TestDb::mysql().unwrap();
    applied_chain_has_no_drift(db.url());
}

/// After an out-of-band `ALTER TABLE`, `check` exits 1 and names the table and the column, in
/// text and in JSON.
#[track_caller]
fn out_of_band_alter_table_fails_check(url: &str, alter: &str, expected: serde_json::Value, line: &str) {
    ok(url, &["upgrade"]);
    Database::connect(url).unwrap().batch_execute(alter).unwrap();

    let text = Migrate::db(url).args(["check"]).run().code(1);
    assert!(text.stdout.contains(line), "{line} not in:\n{}", text.stdout);
    assert!(text.stdout.contains("✗ schema drift: 1 difference"), "{}", text.stdout);
    assert!(text.stderr.contains("check found 1 problem"), "{}", text.stderr);

    let report = check(url, 1);
    assert_eq!(report["ok"], false);
    let drift = report["drift"].as_array().unwrap();
    assert_eq!(drift.len(), 1, "{report:#}");
    let mut item = drift[0].clone();
    assert_eq!(item["message"], line);
    item.as_object_mut().unwrap().remove("message");
    assert_eq!(item, expected);
}

#[test]
fn an_added_column_fails_check_on_postgres() {
    let db = TestDb::postgres().unwrap();
    out_of_band_alter_table_fails_check(
        db.url(),
        "ALTER TABLE users ADD COLUMN nickname text",
        serde_json::json!({
            "change": "unexpected", "object_kind": "table", "object": "users", "member_kind": "column",
            "member": "nickname", "what": null, "database": null, "chain": null
        }),
        r#"table "users": column "nickname": in the database, not in the chain"#,
    );
}

#[test]
fn a_changed_column_type_fails_check_on_mariadb() {
    let db = TestDb::mysql().unwrap();
    out_of_band_alter_table_fails_check(
        db.url(),
        "ALTER TABLE sessions MODIFY user_agent varchar(100)",
        serde_json::json!({
            "change": "changed", "object_kind": "table", "object": "sessions", "member_kind": "column",
            "member": "user_agent", "what": "type", "database": "varchar(100)", "chain": "text"
        }),
        r#"table "sessions": column "user_agent": type is varchar(100) in the database, text in the chain"#,
    );
}

#[test]
fn a_dropped_column_fails_check_on_sqlite() {
    let db = TestDb::sqlite().unwrap();
    out_of_band_alter_table_fails_check(
        db.url(),
        "ALTER TABLE posts DROP COLUMN body",
        serde_json::json!({
            "change": "missing", "object_kind": "table", "object": "posts", "member_kind": "column",
            "member": "body", "what": null, "database": null, "chain": null
        }),
        r#"table "posts": column "body": in the chain, missing from the database"#,
    );
    let skipped = ok(db.url(), &["check", "--skip-drift"]);
    assert!(skipped.stdout.contains("- schema drift not checked (--skip-drift)"), "{}", skipped.stdout);
}

#[test]
fn scratch_url_from_the_flag_or_retort_toml_is_used_and_emptied() {
    let db = TestDb::sqlite().unwrap();
    let scratch = TestDb::sqlite().unwrap();
    ok(db.url(), &["upgrade"]);

    let report =
        Migrate::db(db.url()).args(["check", "--scratch-url", scratch.url(), "--format", "json"]).run().ok().json();
    assert_eq!(report["scratch"], scratch.url());
    assert_eq!(report["drift"], serde_json::json!([]));

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), format!("scratch_url = {:?}\n", scratch.url())).unwrap();
    let report = Migrate::db(db.url()).in_dir(dir.path()).args(["check", "--format", "json"]).run().ok().json();
    assert_eq!(report["scratch"], scratch.url());

    // Emptied after each use: nothing of the chain (or of the runner's tables) is left in it.
    let mut conn = Database::connect(scratch.url()).unwrap();
    let empty = retort::runner::read_schema(&mut conn, &retort::runner::Settings::default()).unwrap();
    assert!(empty.is_empty(), "{empty:?}");
}
