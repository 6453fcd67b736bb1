//! Shared helpers: fresh databases, the app's migrator, raw SQL in and text out.

use diesel::prelude::*;
use diesel::sql_types::Text;
use example_app::AppConnection;
use retort::runner::{Database, Migrator, NoopObserver, Settings};
use retort::Registry;
use retort_tests::TestDb;

/// What every test returns: any error fails it with its message.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// A test failure whose `Debug` (what the test harness prints) is its text as written, so that
/// multi-line reports stay readable.
pub struct Failure(pub String);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

/// The database families the chain runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Postgres,
    Sqlite,
    Mariadb,
}

impl Family {
    /// A fresh, empty database of this family.
    pub fn fresh(self) -> TestResult<TestDb> {
        Ok(match self {
            Family::Postgres => TestDb::postgres()?,
            Family::Sqlite => TestDb::sqlite()?,
            Family::Mariadb => TestDb::mysql()?,
        })
    }
}

/// The migrator over every revision linked into this test binary: the app's chain.
pub fn migrator() -> TestResult<Migrator> {
    // Naming a function of the app keeps the crate (and its registered revisions) linked.
    let _ = example_app::users::normalize_email;
    let registry = Registry::collect()?;
    Ok(Migrator::new(&registry, Settings::default())?)
}

/// The runner's connection to `db`.
pub fn runner_db(db: &TestDb) -> TestResult<Database> {
    Ok(Database::connect(db.url())?)
}

/// The app's connection to `db`, which the tests also use for raw SQL.
pub fn app_db(db: &TestDb) -> TestResult<AppConnection> {
    Ok(AppConnection::connect(db.url())?)
}

/// Upgrades `db` to `target` with the app's chain.
pub fn upgrade(migrator: &Migrator, db: &mut Database, target: &str) -> TestResult {
    migrator.upgrade(db, target, &mut NoopObserver).map_err(|e| Failure(format!("upgrade to {target}: {e}")))?;
    Ok(())
}

/// Downgrades `db` to `target`.
pub fn downgrade(migrator: &Migrator, db: &mut Database, target: &str) -> TestResult {
    migrator.downgrade(db, target, &mut NoopObserver).map_err(|e| Failure(format!("downgrade to {target}: {e}")))?;
    Ok(())
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Runs a query whose single text column is named `line`; returns the lines in order.
pub fn lines(conn: &mut AppConnection, sql: &str) -> TestResult<Vec<String>> {
    let rows: Vec<Line> = diesel::sql_query(sql).load(conn).map_err(|e| Failure(format!("{e}\nin: {sql}")))?;
    Ok(rows.into_iter().map(|r| r.line).collect())
}

/// Runs statements for their effect.
pub fn exec(conn: &mut AppConnection, sql: &str) -> TestResult {
    diesel::sql_query(sql).execute(conn).map_err(|e| Failure(format!("{e}\nin: {sql}")))?;
    Ok(())
}
