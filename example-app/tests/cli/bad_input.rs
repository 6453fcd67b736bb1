//! Bad input changes nothing: on a fresh database, every usage error exits 2 before a table (or
//! a SQLite file, or a schema) exists. And no URL, however malformed, is printed with its password.

use diesel::mysql::MysqlConnection;
use diesel::pg::PgConnection;
use diesel::sql_types::Text;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use retort_tests::{Dialect, TestDb};

use crate::support::{head, Migrate, Run};

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

/// The tables of the test database (PostgreSQL: in any schema but the system ones), or `None`
/// for a SQLite file that does not exist.
fn tables(db: &TestDb) -> Option<Vec<String>> {
    let names: Vec<Name> = match db.dialect() {
        Dialect::Postgres => diesel::sql_query(
            "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables \
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
        )
        .load(&mut PgConnection::establish(db.url()).unwrap())
        .unwrap(),
        Dialect::Mysql => diesel::sql_query(
            "SELECT CAST(table_name AS CHAR) AS name FROM information_schema.tables WHERE table_schema = DATABASE()",
        )
        .load(&mut MysqlConnection::establish(db.url()).unwrap())
        .unwrap(),
        Dialect::Sqlite => {
            let path = db.path().unwrap();
            return if path.exists() { Some(vec![format!("a file exists at {}", path.display())]) } else { None };
        }
    };
    Some(names.into_iter().map(|n| n.name).collect())
}

/// Runs `args` against a fresh database of each dialect: it must exit 2 with `message` in its
/// error, and leave no table (PostgreSQL, MySQL) and no file (SQLite).
#[track_caller]
fn exits_2_and_writes_nothing(args: &[&str], toml: Option<&str>, message: &str) {
    for db in [TestDb::postgres().unwrap(), TestDb::mysql().unwrap(), TestDb::sqlite().unwrap()] {
        let dir = tempfile::tempdir().unwrap();
        if let Some(toml) = toml {
            std::fs::write(dir.path().join("retort.toml"), toml).unwrap();
        }
        if let Some(path) = db.path() {
            // The harness creates an empty file; a fresh database here is one with no file yet.
            std::fs::remove_file(path).unwrap();
        }
        let run = Migrate::db(db.url()).in_dir(dir.path()).args(args).run();
        let what = format!("{:?} {args:?}", db.dialect());
        assert_eq!(run.code, 2, "{what}: {run:?}");
        assert!(run.stderr.contains(message), "{what}: {}", run.stderr);
        let left = tables(&db);
        let nothing = match db.dialect() {
            Dialect::Sqlite => left.is_none(),
            _ => left.as_ref().is_some_and(Vec::is_empty),
        };
        assert!(nothing, "{what} wrote {left:?}");
    }
}

#[test]
fn an_unknown_target_creates_nothing() {
    exits_2_and_writes_nothing(&["upgrade", "ffffffffffff"], None, "ffffffffffff");
    exits_2_and_writes_nothing(&["downgrade", "ffffffffffff"], None, "ffffffffffff");
}

#[test]
fn a_malformed_relative_target_creates_nothing() {
    exits_2_and_writes_nothing(&["upgrade", "+abc"], None, "+abc");
    exits_2_and_writes_nothing(&["downgrade", "+1"], None, "error:");
}

#[test]
fn a_bad_stamp_target_creates_nothing() {
    exits_2_and_writes_nothing(&["stamp", "nope-not-a-revision"], None, "nope-not-a-revision");
}

#[test]
fn a_bad_accept_checksum_creates_nothing() {
    exits_2_and_writes_nothing(&["upgrade", "--accept-checksum", "zzzzzzzz"], None, "zzzzzzzz");
}

#[test]
fn an_absurd_setting_creates_nothing() {
    exits_2_and_writes_nothing(
        &["upgrade"],
        Some("lock_timeout_ms = 99999999999\n"),
        "lock_timeout_ms = 99999999999 is out of range",
    );
    exits_2_and_writes_nothing(
        &["upgrade"],
        Some("lock_retries = [{ lock_timeout_ms = 0 }]\n"),
        "lock_retries[0].lock_timeout_ms = 0",
    );
    exits_2_and_writes_nothing(&["stamp", "head"], Some("statement_timeout_ms = 9999999999\n"), "statement_timeout_ms");
}

#[test]
fn a_schema_that_does_not_exist_is_an_error_unless_creating_it_is_asked_for() {
    for db in [TestDb::postgres().unwrap(), TestDb::mysql().unwrap()] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("retort.toml"), "schema = \"pubic\"\n").unwrap();
        for args in [&["upgrade"][..], &["stamp", "head"]] {
            let run = Migrate::db(db.url()).in_dir(dir.path()).args(args).run();
            assert_eq!(run.code, 2, "{:?} {args:?}: {run:?}", db.dialect());
            assert!(
                run.stderr.contains("the schema \"pubic\" (the `schema` setting) does not exist")
                    && run.stderr.contains("`create_schema = true` (or --create-schema)"),
                "{}",
                run.stderr
            );
            assert_eq!(tables(&db), Some(Vec::new()), "{:?} {args:?}", db.dialect());
        }
    }
    // Asked for, on PostgreSQL: the schema is created and the chain applied.
    let db = TestDb::postgres().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), "schema = \"ops\"\n").unwrap();
    Migrate::db(db.url()).in_dir(dir.path()).args(["upgrade", "--create-schema"]).run().ok();
    let tables = tables(&db).unwrap();
    assert!(tables.contains(&"ops.retort_version".to_string()), "{tables:?}");
    let run = Migrate::db(db.url()).in_dir(dir.path()).args(["current"]).run().ok();
    assert!(run.stdout.contains(&head()), "{}", run.stdout);
}

#[test]
fn a_mysql_url_without_a_database_exits_2() {
    let db = TestDb::mysql().unwrap();
    // The test database's URL without its path: the server only.
    let (server, _) = db.url().rsplit_once('/').unwrap();
    let run = Migrate::db(server).args(["upgrade"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("names no database; add it as the path: mysql://user@host/app_db"), "{}", run.stderr);
}

#[test]
fn a_sqlite_file_that_is_not_a_database_exits_2_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let text = "these are not the tables you are looking for\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let run = Migrate::db(&format!("sqlite://{}", path.display())).args(["upgrade"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("is not a SQLite database (file is not a database)"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_control_character_in_the_url_exits_2() {
    let run = Migrate::db("postgres://app@127.0.0.1:1/db\n").args(["upgrade"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("contains the control character '\\n'; remove it"), "{}", run.stderr);
    assert!(!run.stderr.contains("could not connect"), "{}", run.stderr);
}

/// The malformed URLs of the fault injection: none of them gets its password printed, whatever
/// the command.
#[test]
fn malformed_urls_never_print_their_password() {
    let secret = "Sw0rdf1sh";
    let urls = [
        format!("postgres://app:pa[{secret}@127.0.0.1:1/db"),
        format!("postgres://app:pa {secret}@[127.0.0.1:1/db"),
        format!("postgres://app:pa/{secret}@127.0.0.1:1/db"),
        format!("postgres://app:pa#{secret}@127.0.0.1:1/db"),
        format!("postgres://app:12/{secret}@127.0.0.1:1/db"),
        format!("mysql://app:pa%zz{secret}@127.0.0.1:1/db"),
        format!("mysql://app:{secret}@127.0.0.1:1"),
        format!("postgres://127.0.0.1:1/db?password=a&{secret}=b"),
        format!("host=127.0.0.1 password=a {secret}"),
    ];
    for url in &urls {
        for args in [&["upgrade"][..], &["current"], &["upgrade", "--sql"], &["check"], &["-v", "upgrade"]] {
            let run: Run = Migrate::db(url).args(args).run();
            if !args.contains(&"--sql") {
                assert_ne!(run.code, 0, "{url} {args:?}");
            }
            assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret), "{url} {args:?}: {run:?}");
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        }
    }
}
