//! The operator commands: `plan` (and `upgrade --plan`), `locks` and `partitions ensure`, their
//! exit codes and JSON, on PostgreSQL, and their refusal on SQLite.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use retort_tests::TestDb;

use crate::support::{json, ok, second, Migrate};

/// Every op of a `plan` document, across its steps.
fn plan_ops(plan: &serde_json::Value) -> Vec<serde_json::Value> {
    plan["steps"].as_array().unwrap().iter().flat_map(|s| s["ops"].as_array().unwrap().clone()).collect()
}

#[test]
fn plan_prints_each_pending_op_with_its_lock_and_exits_0() {
    let db = TestDb::postgres().unwrap();
    ok(db.url(), &["upgrade", &second()]);
    let plan = json(db.url(), &["plan"]);
    for field in ["database", "dialect", "target", "current", "steps", "estimate_ms", "blocked_ops", "lock_timeout_ms"]
    {
        assert!(plan.get(field).is_some(), "missing `{field}` in plan");
    }
    assert_eq!(plan["dialect"], "postgres");
    assert_eq!(plan["blocked_ops"], 0);
    let ops = plan_ops(&plan);
    let add_column = ops
        .iter()
        .find(|op| op["op"] == "add_column" && op["locks"][0]["table"] == "users")
        .expect("the chain adds a column to users");
    assert_eq!(add_column["locks"][0]["mode"], "ACCESS EXCLUSIVE");
    assert_eq!(add_column["locks"][0]["exists"], true);
    assert!(add_column["locks"][0]["size_bytes"].as_u64().is_some_and(|b| b > 0), "{add_column:#}");
    assert!(add_column["statements"][0].as_str().unwrap().starts_with("ALTER TABLE \"users\" ADD COLUMN"));
    let concurrent = ops.iter().find(|op| op["op"] == "create_index" && op["detail"]["concurrently"] == true);
    assert_eq!(
        concurrent.expect("the chain builds an index concurrently")["locks"][0]["mode"],
        "SHARE UPDATE EXCLUSIVE"
    );

    // `upgrade --plan` prints the same plan and runs nothing.
    let upgrade_plan = json(db.url(), &["upgrade", "--plan"]);
    assert_eq!(upgrade_plan["steps"], plan["steps"]);
    assert_eq!(json(db.url(), &["current"])["current"][0]["revision"], second());

    let text = ok(db.url(), &["plan"]).stdout;
    assert!(text.contains("ACCESS EXCLUSIVE") && text.contains("no session would block"), "{text}");
}

#[test]
fn plan_exits_1_naming_the_session_that_would_block_it() {
    let db = TestDb::postgres().unwrap();
    ok(db.url(), &["upgrade", &second()]);
    let mut reader = PgConnection::establish(db.url()).unwrap();
    reader.batch_execute("BEGIN; SELECT count(*) FROM users").unwrap();

    let run = Migrate::db(db.url()).args(["plan", "--format", "json"]).run().code(1);
    let plan = run.json();
    assert!(plan["blocked_ops"].as_u64().is_some_and(|n| n >= 1), "{plan:#}");
    let blocked = plan_ops(&plan).into_iter().find(|op| !op["locks"][0]["blockers"].as_array().unwrap().is_empty());
    let blocker = &blocked.expect("a blocked op")["locks"][0]["blockers"][0];
    assert_eq!(blocker["state"], "idle in transaction");
    assert!(run.stderr.contains("would wait for other sessions"), "{}", run.stderr);

    let text = Migrate::db(db.url()).args(["plan"]).run().code(1).stdout;
    assert!(text.contains("waits for pid"), "{text}");
    reader.batch_execute("ROLLBACK").unwrap();
    Migrate::db(db.url()).args(["plan"]).run().code(0);
}

#[test]
fn plan_at_the_heads_has_nothing_to_do() {
    let db = TestDb::sqlite().unwrap();
    ok(db.url(), &["upgrade", "heads"]);
    let plan = json(db.url(), &["plan"]);
    assert_eq!(plan["steps"], serde_json::json!([]));
    assert!(ok(db.url(), &["plan"]).stdout.contains("nothing to upgrade"));
}

#[test]
fn plan_of_a_sqlite_file_that_does_not_exist_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = crate::support::sqlite_url(dir.path(), "fresh.db");
    let plan = json(&url, &["plan"]);
    assert!(!plan["steps"].as_array().unwrap().is_empty());
    assert!(!dir.path().join("fresh.db").exists(), "plan created the database file");
}

#[test]
fn locks_prints_a_snapshot_and_exits_0_on_postgres() {
    let db = TestDb::postgres().unwrap();
    let locks = json(db.url(), &["locks"]);
    assert_eq!(locks["dialect"], "postgres");
    assert_eq!(locks["waits"], serde_json::json!([]));
    assert!(ok(db.url(), &["locks"]).stdout.contains("no session is waiting"));
}

#[test]
fn locks_on_sqlite_exits_2_with_the_reason() {
    let db = TestDb::sqlite().unwrap();
    let run = Migrate::db(db.url()).args(["locks"]).run().code(2);
    assert!(
        run.stderr.contains("not available on sqlite") && run.stderr.contains("database is locked"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn partitions_ensure_creates_future_months_once() {
    let db = TestDb::postgres().unwrap();
    ok(db.url(), &["upgrade", "heads"]);
    // The chain's partitions cover three months of 2026: seven months from now cannot all be
    // covered, whatever the date.
    let args = ["partitions", "ensure", "--table", "events", "--interval", "month", "--ahead", "6"];

    let dry = json(db.url(), &[&args[..], &["--dry-run"]].concat());
    assert_eq!(dry["dry_run"], true);
    let would = dry["created"].as_array().unwrap().clone();
    assert!(!would.is_empty(), "{dry:#}");
    let sql = ok(db.url(), &[&args[..], &["--sql"]].concat()).stdout;
    assert!(sql.contains("SET LOCAL lock_timeout") && sql.contains("ATTACH PARTITION"), "{sql}");

    let first = json(db.url(), &args);
    assert_eq!(first["created"], serde_json::Value::Array(would), "the dry run and the run disagree");
    for p in first["created"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        let (year, month) = (&p["from"].as_str().unwrap()[..4], &p["from"].as_str().unwrap()[5..7]);
        assert_eq!(name, format!("events_{year}_{month}"));
    }
    let second_run = json(db.url(), &args);
    assert_eq!(second_run["created"], serde_json::json!([]), "{second_run:#}");
    assert!(ok(db.url(), &args).stdout.contains("nothing to create"));
}

#[test]
fn partitions_ensure_refuses_a_table_that_is_not_partitioned_with_exit_2() {
    let db = TestDb::postgres().unwrap();
    ok(db.url(), &["upgrade", &second()]);
    let run = Migrate::db(db.url()).args(["partitions", "ensure", "--table", "users"]).run().code(2);
    assert!(run.stderr.contains("users is not a partitioned table"), "{}", run.stderr);
    Migrate::db(db.url()).args(["partitions", "ensure"]).run().code(2);
    Migrate::db(db.url()).args(["partitions", "ensure", "--table", "events", "--interval", "fortnight"]).run().code(2);
}

#[test]
fn partitions_ensure_on_sqlite_exits_2() {
    let db = TestDb::sqlite().unwrap();
    ok(db.url(), &["upgrade", "heads"]);
    let run = Migrate::db(db.url()).args(["partitions", "ensure", "--table", "events"]).run().code(2);
    assert!(run.stderr.contains("PostgreSQL only"), "{}", run.stderr);
}

#[test]
fn locks_watch_repeats_until_interrupted() {
    use std::io::{BufRead, BufReader};
    let db = TestDb::postgres().unwrap();
    let (mut cmd, _cwd) = Migrate::db(db.url()).args(["locks", "--watch", "1", "--format", "json"]).command();
    let mut child = cmd.stdout(std::process::Stdio::piped()).spawn().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    // Pretty-printed documents, one after the other: each ends with a `}` alone on its line.
    let mut documents = Vec::new();
    let mut current = String::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        current.push_str(&line);
        current.push('\n');
        if line == "}" {
            documents.push(serde_json::from_str::<serde_json::Value>(&current).unwrap());
            current.clear();
            if documents.len() == 2 {
                break;
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(documents.len(), 2);
    assert!(documents.iter().all(|d| d["waits"].is_array()), "{documents:#?}");
}
