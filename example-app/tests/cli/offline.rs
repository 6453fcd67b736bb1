//! `--sql` renders the plan without connecting: a URL to a server that does not exist works.

use crate::support::{head, history, Migrate};

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

#[test]
fn upgrade_sql_renders_for_each_dialect_from_the_url() {
    for url in ["mysql://root@db.invalid/x", "sqlite:///nonexistent/dir/x.db"] {
        let run = Migrate::db(url).args(["upgrade", "--sql"]).run();
        // A chain may use ops a dialect cannot render offline (SQLite's table rebuilds need the
        // live schema): that is a clear exit 2, never a connection attempt or a panic.
        assert!(run.code == 0 || (run.code == 2 && run.stderr.contains("error:")), "{url}: {run:?}");
        assert!(!run.stderr.contains("could not connect"), "{url}: {}", run.stderr);
    }
}
