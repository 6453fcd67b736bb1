//! The read-only commands in text form: no database needed for `heads`, `branches`, `show`.

use retort_tests::TestDb;

use crate::support::{head, history, json, ok, Migrate};

#[test]
fn heads_prints_the_head_without_a_database() {
    // A URL to nowhere: `heads` never connects.
    let run = Migrate::db("postgres://db.invalid/x").args(["heads"]).run().ok();
    let head = head();
    assert!(run.stdout.contains(&head) && run.stdout.contains("(head)"), "{}", run.stdout);
}

#[test]
fn history_lists_every_revision_newest_first_and_marks_applied() {
    let db = TestDb::sqlite().unwrap();
    let all = history();
    assert_eq!(all.first(), Some(&head()));
    ok(db.url(), &["upgrade", "+1"]);
    let run = ok(db.url(), &["history"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let oldest = all.last().unwrap();
    // `PARENTS -> ID ...`: find each revision's own line, not the lines naming it as a parent.
    let line = lines.iter().find(|l| l.contains(&format!("-> {oldest}"))).unwrap();
    assert!(line.starts_with('✓') && line.contains("(current)"), "{line}");
    let newest = lines.iter().find(|l| l.contains(&format!("-> {}", all[0]))).unwrap();
    assert!(!newest.starts_with('✓'), "{newest}");
}

#[test]
fn history_range_limits_the_listing() {
    let all = history();
    if all.len() < 3 {
        return;
    }
    let range = format!("{}:{}", all[2], all[1]);
    let listed: Vec<_> = json("sqlite::memory:", &["history", "-r", &range])["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_str().unwrap().to_string())
        .collect();
    assert!(listed.contains(&all[1]) && listed.contains(&all[2]) && !listed.contains(&all[0]), "{listed:?}");
}

#[test]
fn branches_lists_branch_points_with_their_children() {
    let branches = json("sqlite::memory:", &["branches"]);
    let run = ok("sqlite::memory:", &["branches"]);
    for point in branches["branch_points"].as_array().unwrap() {
        assert!(run.stdout.contains(point["revision"].as_str().unwrap()));
        assert!(run.stdout.contains("->"));
    }
}

#[test]
fn show_prints_ops_and_the_downgrade() {
    let oldest = history().last().unwrap().clone();
    let run = ok("sqlite::memory:", &["show", &oldest[..8]]);
    assert!(
        run.stdout.contains(&oldest) && run.stdout.contains("\nup\n") && run.stdout.contains("down"),
        "{}",
        run.stdout
    );
}

#[test]
fn verbose_current_shows_parents_and_source() {
    let db = TestDb::sqlite().unwrap();
    ok(db.url(), &["upgrade", "+1"]);
    let run = ok(db.url(), &["current", "--verbose"]);
    assert!(run.stdout.contains("parents:") && run.stdout.contains("source:"), "{}", run.stdout);
}

#[test]
fn history_without_a_reachable_database_warns_and_lists_unmarked() {
    let run = Migrate::db("postgres://app:hunter2@127.0.0.1:1/nope").args(["history", "--format", "json"]).run().ok();
    let history = run.json();
    assert_eq!(history["database_read"], false);
    assert!(history["revisions"].as_array().unwrap().iter().all(|r| r["applied"].is_null()));
    assert!(run.stderr.contains("warning:") && !run.stderr.contains("hunter2"), "{}", run.stderr);
}
