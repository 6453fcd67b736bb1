//! The views of issue 16: `log` (the history table), `history --graph` (and `--format dot`),
//! `show` in full and with `--sql`, statements printed once at `-vv`, one style for durations.

use retort::runner::Database;
use retort_tests::TestDb;

use crate::support::{is_duration, json, ok, trailing_duration, Migrate};

/// The id of the example app's revision whose message is `message`.
fn by_message(message: &str) -> String {
    let history = json("sqlite::memory:", &["history"]);
    let revisions = history["revisions"].as_array().unwrap();
    let found = revisions.iter().find(|r| r["message"] == message);
    found.unwrap_or_else(|| panic!("no revision says {message:?}"))["revision"].as_str().unwrap().to_string()
}

#[test]
fn log_lists_each_step_with_its_duration_user_host_and_outcome() {
    let db = TestDb::sqlite().unwrap();
    let url = db.url();
    ok(url, &["upgrade", &by_message("Add users.locale with a server default")]);
    // The next revision creates `posts`: a table in its way makes it fail, and the log says so.
    Database::connect(url).unwrap().batch_execute("CREATE TABLE posts (id integer)").unwrap();
    Migrate::db(url).args(["upgrade", &by_message("Create posts")]).run().code(1);

    let run = ok(url, &["log"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    for column in ["when (UTC)", "revision", "direction", "duration", "by", "host", "result"] {
        assert!(lines[0].contains(column), "{}", run.stdout);
    }
    let applied: Vec<&&str> = lines.iter().filter(|l| l.contains(" up ") && l.trim_end().ends_with(" ok")).collect();
    assert_eq!(applied.len(), 3, "{}", run.stdout);
    let failed = lines.iter().position(|l| l.trim_end().ends_with(" failed")).expect("the failed step");
    assert!(lines[failed + 1].contains("error: table \"posts\" already exists"), "{}", run.stdout);
    assert!(run.stdout.contains("4 step(s): 1 failed"), "{}", run.stdout);

    let log = json(url, &["log"]);
    let steps = log["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 4);
    for field in [
        "id",
        "revision",
        "message",
        "direction",
        "started_at",
        "finished_at",
        "duration_ms",
        "success",
        "error",
        "executed_by",
        "host",
        "statements_done",
        "statements_total",
        "retries",
        "transaction_mode",
        "checksum",
        "tool_version",
    ] {
        assert!(steps[0].get(field).is_some(), "missing `{field}` in {:#}", steps[0]);
    }
    assert_eq!((steps[0]["direction"].as_str(), steps[0]["success"].as_bool()), (Some("up"), Some(true)));
    assert_eq!(steps[3]["success"], false);
    assert!(steps[3]["error"].as_str().unwrap().contains("already exists"), "{:#}", steps[3]);
    assert_eq!(steps[3]["message"], "Create posts");

    let last = json(url, &["log", "-n", "1"]);
    assert_eq!(last["steps"].as_array().unwrap().len(), 1);
    assert_eq!(last["steps"][0]["id"], steps[3]["id"]);
}

#[test]
fn log_of_a_database_nothing_ran_against_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("never.db");
    let run = ok(&format!("sqlite://{}", path.display()), &["log"]);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no migration has run against"), "{}", run.stderr);
    assert!(!path.exists(), "`log` created the database");
}

#[test]
fn history_graph_draws_the_branch_and_the_merge_and_marks_the_applied_part() {
    let db = TestDb::sqlite().unwrap();
    let url = db.url();
    let history = json(url, &["history"]);
    let revisions = history["revisions"].as_array().unwrap();
    let id_of = |flag: &str| {
        revisions.iter().find(|r| r[flag] == true).unwrap_or_else(|| panic!("no {flag}"))["revision"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (merge, branch_point) = (id_of("is_merge"), id_of("is_branch_point"));
    ok(url, &["upgrade", &revisions.last().unwrap()["revision"].as_str().unwrap()[..8]]);

    let run = ok(url, &["history", "--graph"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.iter().filter(|l| l.contains('*')).count(), revisions.len(), "one line per revision");
    let at = |id: &str| lines.iter().position(|l| l.contains(id)).unwrap();
    // The merge opens a second column, and the two lines join at the branch point.
    assert!(lines[at(&merge)].starts_with("  * ") && lines[at(&merge) + 1] == "  |\\", "{}", run.stdout);
    assert_eq!(lines[at(&branch_point) - 1], "  |/", "{}", run.stdout);
    assert!(lines[at(&branch_point) + 1..].is_empty(), "the base is last");
    // Only the base is applied: ✓ and (current) on its line alone.
    assert!(lines[at(&branch_point)].starts_with("✓ * ") && lines[at(&branch_point)].contains("(current)"));
    assert_eq!(lines.iter().filter(|l| l.starts_with('✓')).count(), 1, "{}", run.stdout);
    assert!(lines.iter().any(|l| l.starts_with("  | * ")), "the branch runs in the second column: {}", run.stdout);

    // Without a database the same graph, unmarked.
    let offline = Migrate::db("postgres://127.0.0.1:1/nowhere").args(["history", "--graph"]).run().ok();
    assert!(offline.stderr.contains("applied revisions are not marked"), "{}", offline.stderr);
    let unmarked: Vec<&str> = offline.stdout.lines().collect();
    assert_eq!(unmarked.len(), lines.len());
    assert!(unmarked.iter().all(|l| !l.contains('✓') && !l.starts_with(' ')), "{}", offline.stdout);
    assert!(unmarked.contains(&"|\\") && unmarked.contains(&"|/"), "{}", offline.stdout);
}

#[test]
fn history_graph_as_dot_is_a_graphviz_digraph_with_the_applied_part_filled() {
    let db = TestDb::sqlite().unwrap();
    let url = db.url();
    let history = json(url, &["history"]);
    let revisions = history["revisions"].as_array().unwrap();
    let base = revisions.last().unwrap()["revision"].as_str().unwrap().to_string();
    let merge = revisions.iter().find(|r| r["is_merge"] == true).unwrap();
    ok(url, &["upgrade", &base]);

    let run = ok(url, &["history", "--graph", "--format", "dot"]);
    let dot = run.stdout.trim_end();
    assert!(dot.starts_with("digraph revisions {") && dot.ends_with('}'), "{dot}");
    for parent in merge["parents"].as_array().unwrap() {
        let edge = format!("\"{}\" -> \"{}\";", parent.as_str().unwrap(), merge["revision"].as_str().unwrap());
        assert!(dot.contains(&edge), "missing {edge}:\n{dot}");
    }
    let base_node = dot.lines().find(|l| l.trim_start().starts_with(&format!("\"{base}\" ["))).unwrap();
    assert!(base_node.contains("style=filled") && base_node.contains("penwidth"), "{base_node}");
    assert_eq!(dot.matches("style=filled").count(), 1, "only the base is applied:\n{dot}");

    // Only the graph has a Graphviz form; the mistake costs no connection.
    let wrong = Migrate::db("postgres://127.0.0.1:1/nowhere").args(["history", "--format", "dot"]).run().code(2);
    assert!(wrong.stderr.contains("history --graph"), "{}", wrong.stderr);
    Migrate::db(url).args(["heads", "--format", "dot"]).run().code(2);
}

#[test]
fn show_prints_every_field_of_each_op() {
    let oldest = json("sqlite::memory:", &["history"])["revisions"].as_array().unwrap().last().unwrap()["revision"]
        .as_str()
        .unwrap()
        .to_string();
    let run = ok("sqlite::memory:", &["show", &oldest]);
    let out = &run.stdout;
    for expected in [
        "  3. create_table users\n     name: users\n     columns:\n",
        "       - {name: id, ty: uuid, nullable: false, primary_key: true}",
        "         comment: as typed at sign-up; login compares email_normalized",
        "references: {ref_table: users, ref_column: id, on_delete: cascade}",
        "     comment: people who can sign in",
        "  1. create_extension pgcrypto (only on postgres)\n     name: pgcrypto\n     if_not_exists: true",
        "default: {from: none, to: {expr: {sql: gen_random_uuid(), volatile: true}}}",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    // The derived downgrade carries what it needs to re-create what it drops.
    let down = &out[out.find("\ndown (derived)\n").unwrap()..];
    assert!(down.contains("drop_table users\n") && down.contains("definition:"), "{down}");
}

#[test]
fn show_sql_renders_each_op_for_the_dialect_and_names_the_op_it_cannot_render() {
    let rev = by_message("Make users.email_normalized NOT NULL");

    // SQLite rebuilds the table for SET NOT NULL: that needs the live table, and says so in its place.
    let sqlite = ok("sqlite::memory:", &["show", &rev, "--sql"]);
    assert!(sqlite.stdout.contains("-- upgrade on sqlite, rendered offline"), "{}", sqlite.stdout);
    let line = sqlite.stdout.lines().find(|l| l.contains("NOT RENDERED")).expect("the op that needs the database");
    assert!(
        line.starts_with("-- 1. alter_column users.email_normalized") && line.contains("needs the current definition"),
        "{line}"
    );
    assert!(sqlite.stdout.contains("-- 2. alter_column users.email_normalized (only on mysql): skipped on sqlite"));
    assert!(sqlite.stderr.contains("2 op(s) cannot be rendered offline on sqlite"), "{}", sqlite.stderr);

    // The dialect from --dialect, else from the URL; no connection either way.
    let postgres = ok("mysql://nobody@db.invalid/x", &["show", &rev, "--sql", "--dialect", "postgres"]);
    assert!(!postgres.stdout.contains("NOT RENDERED"), "{}", postgres.stdout);
    assert!(postgres.stdout.contains("SET NOT NULL;"), "{}", postgres.stdout);
    let mysql = ok("mysql://nobody@db.invalid/x", &["show", &rev, "--sql"]);
    assert!(mysql.stdout.contains("-- upgrade on mysql") && mysql.stdout.contains("MODIFY COLUMN"), "{}", mysql.stdout);

    let doc = json("sqlite::memory:", &["show", &rev, "--sql"]);
    assert_eq!(doc["dialect"], "sqlite");
    let up = doc["up"].as_array().unwrap();
    assert!(up[0]["statements"].is_null() && up[0]["error"].as_str().unwrap().contains("current definition"));
    assert!(up[1]["skipped"].is_string() && up[1]["error"].is_null());
    assert!(doc["down"].as_array().unwrap().iter().any(|op| op["error"].is_string()));
}

#[test]
fn very_verbose_upgrade_prints_each_statement_once() {
    let db = TestDb::sqlite().unwrap();
    let base = json(db.url(), &["history"])["revisions"].as_array().unwrap().last().unwrap()["revision"]
        .as_str()
        .unwrap()
        .to_string();
    let run = ok(db.url(), &["upgrade", &base, "-vv"]);
    assert!(run.stderr.contains("DEBUG"), "-vv shows the debug logs: {}", run.stderr);
    for statement in ["CREATE TABLE \"users\"", "CREATE INDEX \"ix_sessions_user_id\""] {
        assert_eq!(run.stderr.matches(statement).count(), 1, "{statement} in\n{}", run.stderr);
    }
}

#[test]
fn durations_read_the_same_in_every_line() {
    let db = TestDb::sqlite().unwrap();
    let run = ok(db.url(), &["upgrade", &by_message("Add users.locale with a server default")]);
    let steps: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with('↑')).collect();
    assert_eq!(steps.len(), 3, "{}", run.stdout);
    for line in steps {
        assert!(is_duration(trailing_duration(line)), "{line}");
    }
    let summary = run.stdout.lines().last().unwrap();
    let total = summary.split(" in ").nth(1).and_then(|rest| rest.split(';').next()).unwrap();
    assert!(is_duration(total), "{summary}");
    let log = ok(db.url(), &["log"]);
    for row in log.stdout.lines().skip(1).filter(|l| l.contains(" up ")) {
        let duration = row.split_whitespace().nth(4).unwrap();
        assert!(is_duration(duration), "{row}");
    }
}
