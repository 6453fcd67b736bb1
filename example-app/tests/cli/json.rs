//! `--format json`: every reporting command prints one valid JSON document with its documented
//! fields (docs/cli.md), and nothing else on stdout.

use retort_tests::TestDb;

use crate::support::{head, json, ok, second, Migrate};

#[track_caller]
fn has_fields(value: &serde_json::Value, fields: &[&str]) {
    for field in fields {
        assert!(value.get(field).is_some(), "missing `{field}` in {value:#}");
    }
}

const REVISION_FIELDS: &[&str] = &[
    "revision",
    "parents",
    "branch_labels",
    "depends_on",
    "message",
    "is_head",
    "is_merge",
    "is_branch_point",
    "source",
];

#[test]
fn reporting_commands_print_documented_json() {
    let db = TestDb::sqlite().unwrap();
    let url = db.url();
    // A few revisions are enough to have something in every report; the whole chain is the
    // lifecycle tests' business.
    ok(url, &["upgrade", &second()]);

    let heads = json(url, &["heads"]);
    has_fields(&heads["heads"][0], REVISION_FIELDS);

    let current = json(url, &["current"]);
    has_fields(&current, &["database", "current", "heads", "at_heads"]);
    has_fields(&current["current"][0], &["known"]);
    has_fields(&current["current"][0], REVISION_FIELDS);

    let history = json(url, &["history"]);
    has_fields(&history, &["database_read", "revisions"]);
    has_fields(&history["revisions"][0], REVISION_FIELDS);
    has_fields(&history["revisions"][0], &["applied", "current"]);

    let branches = json(url, &["branches"]);
    for point in branches["branch_points"].as_array().unwrap() {
        has_fields(point, REVISION_FIELDS);
        assert!(point["children"].as_array().unwrap().len() >= 2);
    }

    let show = json(url, &["show", &head()]);
    has_fields(&show, REVISION_FIELDS);
    has_fields(
        &show,
        &[
            "full_message",
            "children",
            "transaction",
            "irreversible",
            "checksum",
            "allowed",
            "up",
            "down",
            "down_derived",
        ],
    );

    // Revisions are pending, so `check` fails (exit 1) but still reports.
    let check = Migrate::db(url).args(["check", "--format", "json"]).run().code(1).json();
    assert_eq!(check["ok"], false);
    has_fields(
        &check,
        &["ok", "database", "revisions", "heads", "current", "pending", "mismatched", "incomplete", "drift_checked"],
    );

    // The example chain allows each finding it keeps, with a reason: lint passes.
    let lint = Migrate::db(url).args(["lint", "--format", "json"]).run().code(0).json();
    has_fields(&lint, &["findings", "errors", "warnings", "allowed"]);
    assert_eq!(lint["errors"], 0, "{lint:#}");
}

#[test]
fn json_upgrade_reports_steps_with_durations() {
    let db = TestDb::sqlite().unwrap();
    let up = json(db.url(), &["upgrade", &second()]);
    assert_eq!(up["steps"].as_array().unwrap().len(), 2);
    has_fields(&up, &["direction", "target", "steps", "already_at_target", "current", "duration_ms"]);
    for step in up["steps"].as_array().unwrap() {
        has_fields(step, &["revision", "direction", "message", "duration_ms"]);
        assert!(step["duration_ms"].as_f64().unwrap() >= 0.0);
    }
}
