//! The everyday cycle on real databases: upgrade, current, check, downgrade, stamp.

use retort_tests::TestDb;

use crate::support::{head, history, ids, is_duration, json, ok, trailing_duration, Migrate};

/// upgrade → current → check → upgrade again → downgrade base → check fails → stamp.
fn full_cycle(url: &str) {
    let head = head();
    let all = history();

    // Nothing applied yet: `current` is empty and `check` fails with exit code 1.
    assert!(json(url, &["current"])["current"].as_array().unwrap().is_empty());
    Migrate::db(url).args(["current", "--check-heads"]).run().code(1);
    Migrate::db(url).args(["check"]).run().code(1);

    // Each revision is printed with its duration.
    let run = ok(url, &["upgrade", "head"]);
    for id in &all {
        let line = run
            .stdout
            .lines()
            .find(|l| l.contains(id.as_str()))
            .unwrap_or_else(|| panic!("{id} not printed:\n{}", run.stdout));
        assert!(is_duration(trailing_duration(line)), "{line}");
    }

    let current = json(url, &["current"]);
    assert_eq!(ids(&current["current"]), [head.as_str()]);
    assert_eq!(current["at_heads"], true);
    ok(url, &["current", "--check-heads"]);
    let check = json(url, &["check"]);
    assert_eq!(check["ok"], true);
    assert!(check["pending"].as_array().unwrap().is_empty());

    // A second upgrade has nothing to do.
    let again = json(url, &["upgrade"]);
    assert_eq!(again["already_at_target"], true);
    assert!(again["steps"].as_array().unwrap().is_empty());

    // Every revision is marked applied in history.
    let hist = json(url, &["history"]);
    assert_eq!(hist["database_read"], true);
    assert!(hist["revisions"].as_array().unwrap().iter().all(|r| r["applied"] == true));

    // Back to base: everything reverted, newest first.
    let down = json(url, &["downgrade", "base"]);
    let reverted: Vec<_> =
        down["steps"].as_array().unwrap().iter().map(|s| s["revision"].as_str().unwrap().to_string()).collect();
    assert_eq!(reverted.len(), all.len());
    assert_eq!(reverted.first(), Some(&head));
    assert!(down["current"].as_array().unwrap().is_empty());
    let check = Migrate::db(url).args(["check", "--format", "json"]).run().code(1).json();
    assert_eq!(check["pending"].as_array().unwrap().len(), all.len());

    // stamp writes the version table without running anything, and --purge empties it first.
    ok(url, &["stamp", "head"]);
    assert_eq!(ids(&json(url, &["current"])["current"]), [head.as_str()]);
    ok(url, &["stamp", "base", "--purge"]);
    assert!(json(url, &["current"])["current"].as_array().unwrap().is_empty());
}

#[test]
fn upgrade_downgrade_and_stamp_on_sqlite() {
    let db = TestDb::sqlite().unwrap();
    full_cycle(db.url());
}

#[test]
fn upgrade_downgrade_and_stamp_on_postgres() {
    let db = TestDb::postgres().unwrap();
    full_cycle(db.url());
}

#[test]
fn upgrade_to_a_relative_target_and_back_one_step() {
    let db = TestDb::sqlite().unwrap();
    let all = history();
    let oldest = all.last().unwrap().clone();
    let up = json(db.url(), &["upgrade", "+1"]);
    assert_eq!(ids(&up["steps"]), [oldest.as_str()]);
    assert_eq!(ids(&json(db.url(), &["current"])["current"]), [oldest.as_str()]);
    let down = json(db.url(), &["downgrade", "-1"]);
    assert_eq!(ids(&down["steps"]), [oldest]);
}
