//! Self-tests of the test-database harness, against the real servers it discovers.

use std::sync::{Arc, Barrier};
use std::thread;

use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, MysqlConnection, PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};
use retort_tests::{Dialect, TestDb};

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// A connection to any of the three families, so the isolation test is written once.
enum Conn {
    Pg(PgConnection),
    My(MysqlConnection),
    Lite(SqliteConnection),
}

impl Conn {
    fn open(db: &TestDb) -> Conn {
        match db.dialect() {
            Dialect::Postgres => Conn::Pg(PgConnection::establish(db.url()).unwrap()),
            Dialect::Mysql => Conn::My(MysqlConnection::establish(db.url()).unwrap()),
            Dialect::Sqlite => Conn::Lite(SqliteConnection::establish(db.path().unwrap().to_str().unwrap()).unwrap()),
        }
    }

    fn execute(&mut self, sql: &str) -> diesel::QueryResult<()> {
        match self {
            Conn::Pg(c) => c.batch_execute(sql),
            Conn::My(c) => c.batch_execute(sql),
            Conn::Lite(c) => c.batch_execute(sql),
        }
    }
}

/// Two threads each take a database, create a table named after themselves, and wait at a barrier
/// so that both databases exist at once; each must see its own table and not the other's.
/// Returns both names, after both databases have been dropped.
fn two_concurrent_databases_are_isolated(new: fn() -> TestDb) -> (String, String) {
    let barrier = Arc::new(Barrier::new(2));
    let worker = |me: &'static str, other: &'static str| {
        let barrier = Arc::clone(&barrier);
        thread::spawn(move || {
            let db = new();
            let mut conn = Conn::open(&db);
            conn.execute(&format!("CREATE TABLE table_of_{me} (id INTEGER)")).unwrap();
            barrier.wait();
            conn.execute(&format!("SELECT id FROM table_of_{me}")).unwrap();
            assert!(
                conn.execute(&format!("SELECT id FROM table_of_{other}")).is_err(),
                "{me}'s database {} sees {other}'s table",
                db.name()
            );
            barrier.wait();
            drop(conn);
            db.name().to_owned()
        })
    };
    let a = worker("a", "b");
    let b = worker("b", "a");
    let names = (a.join().unwrap(), b.join().unwrap());
    assert_ne!(names.0, names.1);
    names
}

fn postgres_database_exists(server_url: &str, name: &str) -> bool {
    let mut admin = PgConnection::establish(server_url).unwrap();
    let rows: Vec<Count> = diesel::sql_query("SELECT count(*) AS n FROM pg_database WHERE datname = $1")
        .bind::<Text, _>(name)
        .load(&mut admin)
        .unwrap();
    rows[0].n > 0
}

fn mysql_database_exists(server_url: &str, name: &str) -> bool {
    let mut admin = MysqlConnection::establish(server_url).unwrap();
    let rows: Vec<Count> =
        diesel::sql_query("SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = ?")
            .bind::<Text, _>(name)
            .load(&mut admin)
            .unwrap();
    rows[0].n > 0
}

#[test]
fn parallel_postgres_tests_get_their_own_database_which_is_gone_afterwards() {
    let server_url = TestDb::postgres().unwrap().server_url().unwrap().to_owned();
    let (a, b) = two_concurrent_databases_are_isolated(|| TestDb::postgres().unwrap());
    assert!(a.starts_with("retort_t_") && b.starts_with("retort_t_"), "{a} {b}");
    assert!(!postgres_database_exists(&server_url, &a), "{a} still exists after drop");
    assert!(!postgres_database_exists(&server_url, &b), "{b} still exists after drop");
}

#[test]
fn postgres_database_exists_while_its_handle_lives() {
    let db = TestDb::postgres().unwrap();
    let server_url = db.server_url().unwrap().to_owned();
    let name = db.name().to_owned();
    assert!(db.url().ends_with(&format!("/{name}")), "{}", db.url());
    assert!(postgres_database_exists(&server_url, &name));
    drop(db);
    assert!(!postgres_database_exists(&server_url, &name));
}

#[test]
fn postgres_database_is_dropped_even_with_a_session_left_open() {
    let db = TestDb::postgres().unwrap();
    let server_url = db.server_url().unwrap().to_owned();
    let name = db.name().to_owned();
    let conn = PgConnection::establish(db.url()).unwrap();
    // The session is still open while the database is dropped: WITH (FORCE) must end it.
    drop(db);
    assert!(!postgres_database_exists(&server_url, &name));
    drop(conn);
}

#[test]
fn parallel_mysql_tests_get_their_own_database_which_is_gone_afterwards() {
    let server_url = TestDb::mysql().unwrap().server_url().unwrap().to_owned();
    let (a, b) = two_concurrent_databases_are_isolated(|| TestDb::mysql().unwrap());
    assert!(!mysql_database_exists(&server_url, &a), "{a} still exists after drop");
    assert!(!mysql_database_exists(&server_url, &b), "{b} still exists after drop");
}

#[test]
fn mysql_database_is_dropped_even_with_a_transaction_left_open() {
    let db = TestDb::mysql().unwrap();
    let server_url = db.server_url().unwrap().to_owned();
    let name = db.name().to_owned();
    let mut conn = MysqlConnection::establish(db.url()).unwrap();
    // An open transaction that read a table holds a metadata lock DROP DATABASE would wait for.
    conn.batch_execute("CREATE TABLE t (id INTEGER); START TRANSACTION; SELECT * FROM t").unwrap();
    drop(db);
    assert!(!mysql_database_exists(&server_url, &name));
    drop(conn);
}

#[test]
fn parallel_sqlite_tests_get_their_own_file_which_is_gone_afterwards() {
    let (a, b) = two_concurrent_databases_are_isolated(|| TestDb::sqlite().unwrap());
    for name in [a, b] {
        let path = std::env::temp_dir().join(format!("{name}.sqlite3"));
        assert!(!path.exists(), "{} still exists after drop", path.display());
    }
}

#[test]
fn sqlite_url_names_the_absolute_file() {
    let db = TestDb::sqlite().unwrap();
    let path = db.path().unwrap();
    assert!(path.is_absolute() && path.exists(), "{}", path.display());
    assert_eq!(db.url(), format!("sqlite://{}", path.display()));
    assert_eq!(db.server_url(), None);
}

#[test]
fn unreachable_postgres_url_error_names_the_url_and_the_fix() {
    let url = "postgres://nobody@127.0.0.1:1/x";
    let err = TestDb::postgres_at(url).unwrap_err();
    let message = err.to_string();
    assert!(message.contains(url), "{message}");
    assert!(message.contains("fix: point TEST_DATABASE_URL at"), "{message}");
    assert!(message.contains("pg_ctlcluster"), "{message}");
    // `.unwrap()` in a test prints Debug: it must be the same readable message, not a struct dump
    assert_eq!(format!("{err:?}"), message);
}

#[test]
fn unreachable_mysql_url_error_names_the_url_and_the_fix() {
    let url = "mysql://nobody@127.0.0.1:1/x";
    let message = TestDb::mysql_at(url).unwrap_err().to_string();
    assert!(message.contains(url), "{message}");
    assert!(message.contains("fix: point TEST_MYSQL_URL at"), "{message}");
}

#[test]
fn error_messages_hide_the_password() {
    let message = TestDb::postgres_at("postgres://nobody:hunter2@127.0.0.1:1/x").unwrap_err().to_string();
    assert!(!message.contains("hunter2"), "{message}");
    assert!(message.contains("postgres://nobody:***@127.0.0.1:1/x"), "{message}");
}

#[test]
fn malformed_url_is_reported_with_the_expected_shape() {
    let message = TestDb::postgres_at("not a url").unwrap_err().to_string();
    assert!(message.contains("write it as postgres://"), "{message}");
}

#[test]
fn explicit_server_url_gives_a_database_on_that_server() {
    let server_url = TestDb::postgres().unwrap().server_url().unwrap().to_owned();
    let db = TestDb::postgres_at(&server_url).unwrap();
    assert!(postgres_database_exists(&server_url, db.name()));
}

#[test]
fn new_with_a_dialect_matches_the_named_constructor() {
    for dialect in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        assert_eq!(TestDb::new(dialect).unwrap().dialect(), dialect);
    }
}
