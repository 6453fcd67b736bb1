//! Every command that reads or changes a database says which one first: on stderr as its first
//! line (a SQLite file's path, else the URL with its password obfuscated, and where the URL came
//! from), and as `"database"` in its JSON document. Commands that need no database say nothing.

use retort_tests::TestDb;

use crate::support::{app_dir, second, Migrate};

/// The first line of stderr, which must be the database line.
#[track_caller]
fn first_line(stderr: &str) -> &str {
    stderr.lines().next().unwrap_or_else(|| panic!("nothing on stderr"))
}

#[test]
fn each_database_command_names_the_sqlite_file_first_in_text_and_json() {
    let db = TestDb::sqlite().unwrap();
    let path = db.path().unwrap().display().to_string();
    let expected_line = format!("database: {path} (from --database-url)");
    let second = second();
    let commands: [&[&str]; 8] = [
        &["upgrade", &second],
        &["current"],
        &["history"],
        &["check", "--skip-drift"],
        &["plan", &second],
        &["stamp", &second],
        &["downgrade", "-1"],
        &["upgrade", &second, "--plan"],
    ];
    for args in commands {
        let text = Migrate::db(db.url()).args(args).run();
        assert!(text.code <= 1, "{args:?}: {text:?}");
        assert_eq!(first_line(&text.stderr), expected_line, "{args:?}");
        assert!(!text.stdout.contains("database:"), "the line is on stderr, not among the data: {args:?}");

        let json = Migrate::db(db.url()).args(args).args(["--format", "json"]).run();
        assert_eq!(first_line(&json.stderr), expected_line, "{args:?}");
        assert_eq!(json.json()["database"], db.url(), "{args:?}: {}", json.stdout);
    }
}

#[test]
fn commands_without_a_database_do_not_name_one() {
    for args in [&["heads"][..], &["branches"], &["lint"], &["upgrade", "--sql"], &["completions", "bash"]] {
        // Never connected to: `--sql` only needs the URL's dialect.
        let run = Migrate::db("postgres://db.invalid/x").args(args).run().ok();
        assert!(!run.stderr.contains("database:"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn the_app_default_is_named_as_such() {
    let run = Migrate::new().args(["current"]).run().ok();
    let file = app_dir().join("example-app.sqlite3");
    assert_eq!(first_line(&run.stderr), format!("database: {} (from the app's embedded default)", file.display()));
}

#[test]
fn a_server_url_is_named_with_its_password_obfuscated_and_its_source() {
    let db = TestDb::postgres().unwrap();
    // The server's own user and password when the URL has them; the test server trusts local
    // connections, so any password does otherwise.
    let (scheme, rest) = db.url().split_once("://").unwrap();
    let (userinfo, host) = rest.split_once('@').unwrap_or(("postgres", rest));
    let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, "hunter2"));
    let url = format!("{scheme}://{user}:{password}@{host}");
    let run = Migrate::new().env("DATABASE_URL", &url).args(["current", "--format", "json"]).run().ok();
    let shown = format!("{scheme}://{user}:***@{host}");
    assert_eq!(first_line(&run.stderr), format!("database: {shown} (from the DATABASE_URL environment variable)"));
    assert_eq!(run.json()["database"], shown);
    assert!(!run.stderr.contains(password) && !run.stdout.contains(password), "{run:?}");
}

#[test]
fn quiet_leaves_the_line_out() {
    let db = TestDb::sqlite().unwrap();
    let run = Migrate::db(db.url()).args(["current", "-q"]).run().ok();
    assert!(!run.stderr.contains("database:"), "{}", run.stderr);
}

/// The database files of a folder (SQLite's, with their journals), to see that none was created.
fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".sqlite3") || name.contains(".db"))
        .collect();
    names.sort();
    names
}

/// A production binary whose configuration went missing must not quietly migrate a new SQLite
/// file: without the app's opt-in, no URL is exit 2, naming the ways to give one.
#[test]
fn without_a_url_or_the_apps_opt_in_database_commands_exit_2_and_create_nothing() {
    let app_files = files(&app_dir());
    let cwd = tempfile::tempdir().unwrap();
    let second = second();
    let commands: [&[&str]; 9] = [
        &["upgrade"],
        &["upgrade", "head", "--sql"],
        &["downgrade", "base"],
        &["stamp", &second],
        &["current"],
        &["history"],
        &["check"],
        &["plan"],
        &["partitions", "ensure", "--table", "events"],
    ];
    for args in commands {
        let run = Migrate::without_default().in_dir(cwd.path()).args(args).run().code(2);
        for way in ["--database-url", "DATABASE_URL environment variable", ".env", "retort.toml", "default_sqlite"] {
            assert!(run.stderr.contains(way), "{args:?}: `{way}` is not named:\n{}", run.stderr);
        }
        let run = Migrate::without_default().in_dir(cwd.path()).args(args).args(["--format", "json"]).run().code(2);
        assert_eq!(run.json()["error"]["kind"], "config", "{args:?}");
    }
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0, "a file was created in the working directory");
    assert_eq!(files(&app_dir()), app_files, "a file was created in the app's folder");

    // Commands that need no database still work, and a URL from any source is enough.
    Migrate::without_default().in_dir(cwd.path()).args(["heads"]).run().ok();
    let db = TestDb::sqlite().unwrap();
    Migrate::without_default().in_dir(cwd.path()).env("DATABASE_URL", db.url()).args(["current"]).run().ok();
}
