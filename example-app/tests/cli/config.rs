//! Where the database URL comes from: --database-url, then DATABASE_URL, then .env, then
//! retort.toml, then a SQLite file in the app's folder. Passwords are never printed.

use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use retort_tests::TestDb;

use crate::support::{app_dir, sqlite_url, Migrate};

fn database(m: Migrate) -> String {
    let run = m.args(["current", "--format", "json"]).run().ok();
    run.json()["database"].as_str().unwrap().to_string()
}

#[test]
fn without_configuration_the_database_is_a_sqlite_file_in_the_app_folder() {
    let expected = format!("sqlite://{}", app_dir().join("example-app.sqlite3").display());
    assert_eq!(database(Migrate::new()), expected);
}

#[test]
fn each_source_overrides_the_ones_below_it() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, dotenv, env, flag) = (
        sqlite_url(dir.path(), "toml.db"),
        sqlite_url(dir.path(), "dotenv.db"),
        sqlite_url(dir.path(), "env.db"),
        sqlite_url(dir.path(), "flag.db"),
    );
    std::fs::write(dir.path().join("retort.toml"), format!("database_url = {toml:?}\n")).unwrap();
    assert_eq!(database(Migrate::new().in_dir(dir.path())), toml);

    std::fs::write(dir.path().join(".env"), format!("DATABASE_URL={dotenv}\n")).unwrap();
    assert_eq!(database(Migrate::new().in_dir(dir.path())), dotenv);

    assert_eq!(database(Migrate::new().in_dir(dir.path()).env("DATABASE_URL", &env)), env);

    let m = Migrate::new().in_dir(dir.path()).env("DATABASE_URL", &env).args(["--database-url", &flag]);
    assert_eq!(database(m), flag);
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[test]
fn table_names_from_retort_toml_are_used() {
    let db = TestDb::sqlite().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("retort.toml"),
        "version_table = \"app_version\"\nhistory_table = \"app_history\"\n",
    )
    .unwrap();
    Migrate::db(db.url()).in_dir(dir.path()).args(["upgrade", "+1"]).run().ok();
    let mut conn = SqliteConnection::establish(db.path().unwrap().to_str().unwrap()).unwrap();
    let names: Vec<String> = diesel::sql_query("SELECT name FROM sqlite_master WHERE type = 'table'")
        .load::<Name>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect();
    assert!(names.contains(&"app_version".to_string()) && names.contains(&"app_history".to_string()), "{names:?}");
    assert!(!names.contains(&"retort_version".to_string()), "{names:?}");
}

/// `url` with a password, and the password: the URL's own, else `hunter2` (the test server
/// trusts local connections, so any password is accepted).
fn with_password(url: &str) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap();
    match rest.split_once('@') {
        Some((userinfo, _)) if userinfo.contains(':') => {
            (url.to_string(), userinfo.split_once(':').unwrap().1.to_string())
        }
        Some((user, host)) => (format!("{scheme}://{user}:hunter2@{host}"), "hunter2".into()),
        None => (format!("{scheme}://postgres:hunter2@{rest}"), "hunter2".into()),
    }
}

#[test]
fn password_in_the_url_is_obfuscated_in_output() {
    let db = TestDb::postgres().unwrap();
    let (url, password) = with_password(db.url());
    let run = Migrate::db(&url).args(["current", "--format", "json", "-v"]).run().ok();
    assert!(!run.stdout.contains(&password) && !run.stderr.contains(&password), "{run:?}");
    assert!(run.json()["database"].as_str().unwrap().contains(":***@"), "{}", run.stdout);
}
