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
fn upgrade_sql_renders_for_each_dialect_from_the_url_or_names_the_op_that_needs_the_database() {
    // Today the example chain has ops that MySQL (emulated IF NOT EXISTS) and SQLite (table
    // rebuilds) can only render from the live table: the first such revision is named, with the
    // fix. When offline rendering learns them, this becomes a success and the test must change.
    let cases = [
        (
            "mysql://root@db.invalid/x",
            "error: revision 21d3c93edc7e: `create_index` needs the current definition of table `users` on this \
             database (to rebuild it, or to emulate IF [NOT] EXISTS); run it against the database instead of \
             rendering offline with `--sql`\n",
        ),
        (
            "sqlite:///nonexistent/dir/x.db",
            "error: revision c0f87afdf354: `add_constraint` needs the current definition of table `posts` on this \
             database (to rebuild it, or to emulate IF [NOT] EXISTS); run it against the database instead of \
             rendering offline with `--sql`\n",
        ),
    ];
    for (url, error) in cases {
        let run = Migrate::db(url).args(["upgrade", "--sql"]).run().code(2);
        assert_eq!(run.stderr, error, "{url}");
        assert_eq!(run.stdout, "", "{url}: nothing is printed before the error");
    }
}
