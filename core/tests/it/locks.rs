//! Lock timeouts against real servers: a second session holds a lock the migration needs; the
//! runner retries on its schedule, counts the retries, and when the schedule runs out fails
//! cleanly naming the session (its real pid). Also the online SET NOT NULL recipe of
//! `transaction: none` revisions, run, resumed and rerun.

use std::thread;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Integer};
use diesel::{Connection, MysqlConnection, PgConnection, QueryableByName, RunQueryDsl};
use pretty_assertions::assert_eq;
use retort::graph::Direction;
use retort::ops::{self, AddColumn, AlterColumn, Column, ColumnType, CreateTable, Op, TransactionMode};
use retort::runner::{
    Database, LockAttempt, Migrator, NoopObserver, Observer, RunError, Settings, StallHooks, Timeouts,
    DEFAULT_LOCK_RETRIES,
};
use retort::{Dialect, Registry, Revision};
use retort_tests::TestDb;

fn rev(id: &str, parents: &[&str], up: Vec<Op>, down: Vec<Op>, transaction: TransactionMode) -> &'static Revision {
    Box::leak(Box::new(Revision::from_ops(id, parents, transaction, &up, Some(&down))))
}

/// `a1` creates `items (id, email)`; `b2` runs `up` on it, in `transaction` mode.
fn chain(up: Vec<Op>, down: Vec<Op>, transaction: TransactionMode) -> Vec<&'static Revision> {
    let items = CreateTable::new(
        "items",
        [Column::new("id", ColumnType::BigInt).primary_key(), Column::new("email", ColumnType::Text)],
    );
    vec![
        rev("a1", &[], vec![Op::CreateTable(items)], vec![], TransactionMode::PerMigration),
        rev("b2", &["a1"], up, down, transaction),
    ]
}

fn add_note() -> (Vec<Op>, Vec<Op>) {
    (
        vec![Op::AddColumn(AddColumn::new("items", Column::new("note", ColumnType::Text)))],
        vec![Op::DropColumn(ops::DropColumn::new("items", "note"))],
    )
}

fn migrator(revs: Vec<&'static Revision>, schedule: Vec<LockAttempt>) -> Migrator {
    let settings = Settings { lock_retries: schedule, ..Settings::default() };
    Migrator::new(&Registry::from_revisions(revs).unwrap(), settings).unwrap()
}

#[derive(QueryableByName)]
struct Pid {
    #[diesel(sql_type = Integer)]
    pid: i32,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// A session that read `items` in a transaction it keeps open: it holds ACCESS SHARE (a
/// metadata lock on MySQL), which every ALTER TABLE of `items` waits for. Returns its pid.
fn pg_blocker(db: &TestDb) -> (PgConnection, i64) {
    let mut conn = PgConnection::establish(db.url()).unwrap();
    let pid = diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Pid>(&mut conn).unwrap().pid;
    conn.batch_execute("BEGIN; SELECT count(*) FROM items").unwrap();
    (conn, i64::from(pid))
}

fn count(conn: &mut PgConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

#[derive(Default)]
struct Notices(Vec<String>);

impl Observer for Notices {
    fn notice(&mut self, message: &str) {
        self.0.push(message.to_string());
    }
}

/// Commits the blocker's transaction after `after`, from another thread.
fn release_after(mut blocker: impl SimpleConnection + Send + 'static, after: Duration) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        thread::sleep(after);
        blocker.batch_execute("COMMIT").unwrap();
    })
}

#[test]
fn a_blocked_revision_is_retried_until_the_blocker_commits_and_the_history_counts_the_retries() {
    for mode in [TransactionMode::PerMigration, TransactionMode::None] {
        let db = TestDb::postgres().unwrap();
        let mut conn = Database::connect(db.url()).unwrap();
        let (up, down) = add_note();
        let m = migrator(chain(up, down, mode), vec![LockAttempt::ms(100, 150); 30]);
        m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
        let (blocker, pid) = pg_blocker(&db);
        let releaser = release_after(blocker, Duration::from_millis(1500));

        let mut notices = Notices::default();
        m.upgrade(&mut conn, "head", &mut notices).unwrap();
        releaser.join().unwrap();
        assert_eq!(m.current(&mut conn).unwrap(), ["b2"], "{mode:?}");
        let last = m.history(&mut conn).unwrap().pop().unwrap();
        assert_eq!((last.revision.as_str(), last.success), ("b2", Some(true)), "{mode:?}");
        assert!(last.retries >= 3, "{mode:?}: {last:?}");
        let first = "lock_timeout (100ms) on items in b2, retry 1/29 in 150ms: ";
        assert!(notices.0.iter().any(|n| n.starts_with(first)), "{mode:?}: {:?}", notices.0);
        let by = format!("blocked by pid {pid} (");
        assert!(notices.0.iter().any(|n| n.contains(&by)), "{mode:?}: {:?}", notices.0);
        assert!(notices.0.iter().any(|n| n.contains("idle in transaction")), "{:?}", notices.0);
    }
}

/// Sets the test database's `lc_messages` to German, and checks that a new session reports in
/// German: fails loudly when the server lacks the locale (CI generates it, see `.ci/run`).
fn speak_german(db: &TestDb) {
    let mut admin = PgConnection::establish(db.url()).unwrap();
    let set = format!("ALTER DATABASE \"{}\" SET lc_messages = 'de_DE.UTF-8'", db.name());
    if let Err(e) = admin.batch_execute(&set) {
        panic!(
            "the PostgreSQL server cannot use the de_DE.UTF-8 locale ({e}); generate it on the server's \
             machine with `localedef --no-archive -i de_DE -f UTF-8 de_DE.UTF-8` (.ci/run does)"
        );
    }
    let mut fresh = PgConnection::establish(db.url()).unwrap();
    let err = fresh.batch_execute("SELECT 1/0").unwrap_err().to_string();
    assert!(err.contains("Division durch Null"), "the server does not speak German: {err}");
}

#[test]
fn lock_retries_happen_when_the_server_speaks_german() {
    let db = TestDb::postgres().unwrap();
    speak_german(&db);
    let mut conn = Database::connect(db.url()).unwrap();
    let (up, down) = add_note();
    let m = migrator(chain(up, down, TransactionMode::PerMigration), vec![LockAttempt::ms(100, 150); 30]);
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let (blocker, pid) = pg_blocker(&db);
    let releaser = release_after(blocker, Duration::from_millis(1200));

    let mut notices = Notices::default();
    m.upgrade(&mut conn, "head", &mut notices).unwrap();
    releaser.join().unwrap();
    assert_eq!(m.current(&mut conn).unwrap(), ["b2"]);
    let last = m.history(&mut conn).unwrap().pop().unwrap();
    assert_eq!((last.revision.as_str(), last.success), ("b2", Some(true)));
    assert!(last.retries >= 3, "{last:?}");
    assert!(notices.0.iter().any(|n| n.contains(&format!("blocked by pid {pid} ("))), "{:?}", notices.0);
}

#[test]
fn exhausting_the_schedule_fails_cleanly_naming_the_blocking_pid() {
    for mode in [TransactionMode::PerMigration, TransactionMode::None] {
        let db = TestDb::postgres().unwrap();
        let mut conn = Database::connect(db.url()).unwrap();
        let (up, down) = add_note();
        let m = migrator(chain(up, down, mode), vec![LockAttempt::ms(100, 100); 3]);
        m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
        let (mut blocker, pid) = pg_blocker(&db);

        let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
        let RunError::StatementLockTimeout(timed_out) = &err else { panic!("{mode:?}: {err:?}") };
        assert_eq!((timed_out.revision.as_str(), timed_out.attempts, timed_out.partial), ("b2", 3, false), "{mode:?}");
        assert_eq!(timed_out.tables, ["items"]);
        let blockers = &timed_out.blockers;
        assert_eq!(blockers.iter().map(|b| b.pid).collect::<Vec<_>>(), [pid], "{mode:?}");
        assert_eq!(blockers[0].state.as_deref(), Some("idle in transaction"));
        assert!(blockers[0].lock_mode.as_deref().is_some_and(|m| m.contains("AccessShareLock")), "{blockers:?}");
        let message = err.to_string();
        assert!(message.contains(&format!("pid {pid}")), "{message}");
        assert!(message.contains(&format!("SELECT pg_terminate_backend({pid})")), "{message}");
        assert!(message.contains("lock timeout on items"), "{message}");
        assert_eq!(err.kind(), retort::runner::RunErrorKind::Migration);

        // Nothing changed: the version row, the table; the failure is in the history.
        assert_eq!(m.current(&mut conn).unwrap(), ["a1"], "{mode:?}");
        let last = m.history(&mut conn).unwrap().pop().unwrap();
        assert_eq!((last.revision.as_str(), last.success, last.retries), ("b2", Some(false), 2), "{mode:?}");
        assert!(last.error.as_deref().is_some_and(|e| e.contains(&format!("pid {pid}"))), "{last:?}");
        blocker.batch_execute("COMMIT").unwrap();
        let mut check = PgConnection::establish(db.url()).unwrap();
        let note =
            "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'note'";
        assert_eq!(count(&mut check, note), 0, "{mode:?}");

        // Once the blocker is gone, the same run goes through.
        m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
        assert_eq!(count(&mut check, note), 1);
    }
}

#[test]
fn without_a_schedule_one_lock_timeout_fails_and_still_names_the_blocker() {
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let (up, down) = add_note();
    let revs = chain(up, down, TransactionMode::PerMigration);
    let settings =
        Settings { lock_timeout: Duration::from_millis(100), lock_retries: Vec::new(), ..Settings::default() };
    let m = Migrator::new(&Registry::from_revisions(revs).unwrap(), settings).unwrap();
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let (_blocker, pid) = pg_blocker(&db);
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(matches!(&err, RunError::StatementLockTimeout(t) if t.attempts == 1), "{err:?}");
    assert!(err.to_string().contains(&format!("blocked by pid {pid}")), "{err}");
}

/// `chain`, with `b2` carrying its own lock settings, as `migration!`'s header keys set them.
fn chain_with_own_settings(
    up: Vec<Op>,
    down: Vec<Op>,
    transaction: TransactionMode,
    own: impl FnOnce(Revision) -> Revision,
) -> Vec<&'static Revision> {
    let mut revs = chain(up, down, transaction);
    revs[1] = Box::leak(Box::new(own(revs[1].clone())));
    revs
}

#[test]
fn a_revision_lock_timeout_without_retries_fails_after_one_attempt_of_its_own_timeout() {
    for mode in [TransactionMode::PerMigration, TransactionMode::None] {
        let db = TestDb::postgres().unwrap();
        let mut conn = Database::connect(db.url()).unwrap();
        let (up, down) = add_note();
        let own = |r: Revision| Revision { lock_timeout_ms: Some(300), lock_retries: Some(0), ..r };
        // The configured schedule is the default one, which would retry for about 12 minutes.
        let m = migrator(chain_with_own_settings(up, down, mode, own), DEFAULT_LOCK_RETRIES.to_vec());
        m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
        let (_blocker, pid) = pg_blocker(&db);

        let mut notices = Notices::default();
        let err = m.upgrade(&mut conn, "head", &mut notices).unwrap_err();
        let RunError::StatementLockTimeout(timed_out) = &err else { panic!("{mode:?}: {err:?}") };
        assert_eq!((timed_out.attempts, timed_out.lock_timeout), (1, Duration::from_millis(300)), "{mode:?}");
        assert!(timed_out.own_schedule, "{mode:?}");
        let message = err.to_string();
        assert!(message.contains("hit its lock_timeout (300ms) once"), "{mode:?}: {message}");
        assert!(message.contains(&format!("blocked by pid {pid}")), "{mode:?}: {message}");
        assert!(message.contains("the revision's own `lock_timeout:`/`lock_retries:`"), "{mode:?}: {message}");
        assert!(!notices.0.iter().any(|n| n.contains("retry")), "{mode:?}: {:?}", notices.0);
        let last = m.history(&mut conn).unwrap().pop().unwrap();
        assert_eq!((last.revision.as_str(), last.success, last.retries), ("b2", Some(false), 0), "{mode:?}");
    }
}

#[test]
fn a_revision_lock_retries_keeps_the_first_retries_of_the_schedule_with_its_own_timeout() {
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let (up, down) = add_note();
    let own = |r: Revision| Revision { lock_timeout_ms: Some(200), lock_retries: Some(2), ..r };
    let schedule =
        vec![LockAttempt::ms(100, 50), LockAttempt::ms(100, 80), LockAttempt::ms(100, 0), LockAttempt::ms(100, 0)];
    let m = migrator(chain_with_own_settings(up, down, TransactionMode::PerMigration, own), schedule);
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let (_blocker, pid) = pg_blocker(&db);

    let mut notices = Notices::default();
    let err = m.upgrade(&mut conn, "head", &mut notices).unwrap_err();
    let RunError::StatementLockTimeout(timed_out) = &err else { panic!("{err:?}") };
    assert_eq!(timed_out.attempts, 3);
    let retries: Vec<&String> = notices.0.iter().filter(|n| n.starts_with("lock_timeout")).collect();
    assert_eq!(retries.len(), 2, "{:?}", notices.0);
    assert!(
        retries[0]
            .starts_with(&format!("lock_timeout (200ms) on items in b2, retry 1/2 in 50ms: blocked by pid {pid}")),
        "{retries:?}"
    );
    assert!(retries[1].starts_with("lock_timeout (200ms) on items in b2, retry 2/2 in 80ms"), "{retries:?}");
}

#[test]
fn offline_sql_shows_a_revision_own_lock_and_statement_timeouts() {
    let (up, down) = add_note();
    let own = |r: Revision| Revision { lock_timeout_ms: Some(2000), statement_timeout_ms: Some(30_000), ..r };
    let revs = chain_with_own_settings(up, down, TransactionMode::PerMigration, own);
    let m = migrator(revs, DEFAULT_LOCK_RETRIES.to_vec());
    let script = m.offline_sql(Dialect::Postgres, "head", Direction::Upgrade).unwrap();
    let (a1, b2) = script.split_once("-- upgrade b2").unwrap();
    assert!(a1.contains("SET LOCAL lock_timeout = '1000ms'"), "{script}");
    assert!(!a1.contains("statement_timeout"), "{script}");
    assert!(
        b2.contains(
            "BEGIN;\nSET LOCAL lock_timeout = '2000ms';\nSET LOCAL statement_timeout = '30000ms';\nALTER TABLE"
        ),
        "{script}"
    );
}

#[test]
fn mysql_lock_wait_timeout_names_the_session_with_the_open_transaction() {
    let db = TestDb::mysql().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let (up, down) = add_note();
    // MySQL's lock_wait_timeout is whole seconds: 100 ms runs as 1 s.
    let m = migrator(chain(up, down, TransactionMode::PerMigration), vec![LockAttempt::ms(100, 100); 2]);
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let mut blocker = MysqlConnection::establish(db.url()).unwrap();
    let pid =
        diesel::sql_query("SELECT CAST(CONNECTION_ID() AS SIGNED) AS n").get_result::<Count>(&mut blocker).unwrap().n;
    blocker.batch_execute("BEGIN").unwrap();
    blocker.batch_execute("SELECT count(*) FROM items").unwrap();

    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    let RunError::StatementLockTimeout(timed_out) = &err else { panic!("{err:?}") };
    assert_eq!(timed_out.attempts, 2);
    assert!(timed_out.blockers.iter().any(|b| b.pid == pid), "{:?}", timed_out.blockers);
    assert!(err.to_string().contains(&format!("KILL {pid}")), "{err}");
    assert_eq!(m.current(&mut conn).unwrap(), ["a1"]);
    let last = m.history(&mut conn).unwrap().pop().unwrap();
    assert_eq!((last.success, last.retries), (Some(false), 1), "{last:?}");
}

// ---------------------------------------------------------------------------------------------
// the SET NOT NULL recipe

fn set_not_null_chain() -> Vec<&'static Revision> {
    chain(
        vec![Op::AlterColumn(AlterColumn::new("items", "email").set_not_null())],
        vec![Op::AlterColumn(AlterColumn::new("items", "email").drop_not_null())],
        TransactionMode::None,
    )
}

const NULLABLE: &str = "SELECT count(*) AS n FROM information_schema.columns \
                        WHERE table_name = 'items' AND column_name = 'email' AND is_nullable = 'YES'";
const CHECKS: &str = "SELECT count(*) AS n FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'c'";

#[derive(Default)]
struct Statements(Vec<String>);

impl Observer for Statements {
    fn statement(&mut self, sql: &str) {
        self.0.push(sql.to_string());
    }
}

#[test]
fn set_not_null_in_a_non_transactional_revision_runs_the_check_recipe_and_leaves_no_check() {
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let m = migrator(set_not_null_chain(), Vec::new());
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    conn.batch_execute("INSERT INTO items (id, email) VALUES (1, 'a@example.com')").unwrap();

    let mut seen = Statements::default();
    m.upgrade(&mut conn, "head", &mut seen).unwrap();
    assert_eq!(seen.0.len(), 4, "{:?}", seen.0);
    assert!(seen.0[0].contains("CHECK (\"email\" IS NOT NULL) NOT VALID"), "{:?}", seen.0);
    let mut check = PgConnection::establish(db.url()).unwrap();
    assert_eq!(count(&mut check, NULLABLE), 0, "the column is NOT NULL");
    assert_eq!(count(&mut check, CHECKS), 0, "no check constraint is left behind");
    assert!(conn.batch_execute("INSERT INTO items (id) VALUES (2)").is_err());
    let last = m.history(&mut conn).unwrap().pop().unwrap();
    assert_eq!((last.success, last.statements_done), (Some(true), 4));

    m.downgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    assert_eq!(count(&mut check, NULLABLE), 1);
}

#[test]
fn a_set_not_null_recipe_stopped_at_validate_resumes_there_and_finishes() {
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let m = migrator(set_not_null_chain(), Vec::new());
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    conn.batch_execute("INSERT INTO items (id, email) VALUES (1, NULL)").unwrap();

    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(
        matches!(&err, RunError::Migration { statement_index: Some(1), partial: true, .. }),
        "VALIDATE fails on the NULL row, after the check was added: {err:?}"
    );
    let mut check = PgConnection::establish(db.url()).unwrap();
    assert_eq!(count(&mut check, CHECKS), 1, "the NOT VALID check stays for the rerun");

    conn.batch_execute("UPDATE items SET email = 'fixed@example.com'").unwrap();
    let mut notices = Notices::default();
    m.upgrade(&mut conn, "head", &mut notices).unwrap();
    assert!(notices.0.iter().any(|n| n.contains("resuming at statement 2")), "{:?}", notices.0);
    assert_eq!(count(&mut check, NULLABLE), 0);
    assert_eq!(count(&mut check, CHECKS), 0);
}

#[test]
fn the_set_not_null_recipe_reruns_its_first_step_over_a_check_left_by_a_crash() {
    // A crash between a statement and its journal entry leaves the statement to run again.
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let m = migrator(set_not_null_chain(), Vec::new());
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    conn.batch_execute(
        "ALTER TABLE items ADD CONSTRAINT email_retort_not_null CHECK (email IS NOT NULL) NOT VALID; \
         ALTER TABLE items VALIDATE CONSTRAINT email_retort_not_null",
    )
    .unwrap();
    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
    let mut check = PgConnection::establish(db.url()).unwrap();
    assert_eq!(count(&mut check, NULLABLE), 0);
    assert_eq!(count(&mut check, CHECKS), 0);
}

#[test]
fn set_not_null_on_a_table_the_revision_creates_stays_one_statement() {
    // Nobody else can hold a lock on a table created in the same revision.
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let fresh = CreateTable::new("fresh", [Column::new("email", ColumnType::Text)]);
    let up = vec![Op::CreateTable(fresh), Op::AlterColumn(AlterColumn::new("fresh", "email").set_not_null())];
    let m = migrator(vec![rev("a1", &[], up, vec![], TransactionMode::None)], Vec::new());
    let mut seen = Statements::default();
    m.upgrade(&mut conn, "head", &mut seen).unwrap();
    assert_eq!(seen.0.last().map(String::as_str), Some(r#"ALTER TABLE "fresh" ALTER COLUMN "email" SET NOT NULL"#));
    assert!(!seen.0.iter().any(|s| s.contains("retort_not_null")), "{:?}", seen.0);
}

// ---------------------------------------------------------------------------------------------
// who blocks, and CONCURRENTLY waits

#[test]
fn a_session_queued_behind_the_migrator_is_never_named_as_its_blocker() {
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let (up, down) = add_note();
    let m = migrator(chain(up, down, TransactionMode::PerMigration), vec![LockAttempt::ms(1000, 100); 5]);
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let (blocker, blocker_pid) = pg_blocker(&db);
    // The application's session: its transaction is older than the migrator's wait, and its
    // read of `items` queues behind the migrator's ALTER (ACCESS EXCLUSIVE is requested first).
    let mut queued = PgConnection::establish(db.url()).unwrap();
    let queued_pid =
        i64::from(diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Pid>(&mut queued).unwrap().pid);
    queued.batch_execute("BEGIN; SELECT 1").unwrap();
    let app = thread::spawn(move || {
        thread::sleep(Duration::from_millis(300));
        queued.batch_execute("SELECT count(*) FROM items; COMMIT").unwrap();
    });
    let releaser = release_after(blocker, Duration::from_millis(1500));

    let mut notices = Notices::default();
    m.upgrade(&mut conn, "head", &mut notices).unwrap();
    app.join().unwrap();
    releaser.join().unwrap();
    let first = notices.0.iter().find(|n| n.starts_with("lock_timeout")).expect("one attempt timed out");
    assert!(first.contains(&format!("blocked by pid {blocker_pid} (")), "{first}");
    assert!(!first.contains(&format!("pid {queued_pid}")), "the queued session is named: {first}");
    assert_eq!(m.current(&mut conn).unwrap(), ["b2"]);
}

#[test]
fn create_index_concurrently_behind_an_old_transaction_is_cancelled_after_concurrent_wait_naming_it() {
    let db = TestDb::postgres().unwrap();
    let timeouts =
        Timeouts { concurrent_wait: Duration::from_secs(2), stall: Duration::from_secs(1), ..Timeouts::default() };
    let mut conn = Database::connect_with(db.url(), &timeouts).unwrap();
    static REPORTS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    conn.set_stall_hooks(StallHooks { report: |r| REPORTS.lock().unwrap().push(r.to_string()), fatal: |_| {} });
    let index = Op::CreateIndex(ops::CreateIndex::new("ix_items_email").on("items", ["email"]).concurrently());
    let drop = Op::DropIndex(ops::DropIndex::new("ix_items_email").concurrently());
    let revs = chain(vec![index], vec![drop], TransactionMode::None);
    let settings = Settings { timeouts, ..Settings::default() };
    let m = Migrator::new(&Registry::from_revisions(revs).unwrap(), settings).unwrap();
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    // An old transaction that wrote to the table: the index build waits for it to end.
    let mut old = PgConnection::establish(db.url()).unwrap();
    let pid = diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Pid>(&mut old).unwrap().pid;
    old.batch_execute("BEGIN; INSERT INTO items VALUES (1, 'a@example.com')").unwrap();

    let started = std::time::Instant::now();
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    let took = started.elapsed();
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(6), "{took:?}");
    let message = err.to_string();
    assert!(message.contains("waited 2s for older transactions to end"), "{message}");
    assert!(message.contains(&format!("pid {pid} (idle in transaction")), "{message}");
    assert!(message.contains("concurrent_wait_ms"), "{message}");
    assert_eq!(err.kind(), retort::runner::RunErrorKind::Migration);
    // While it waited, the watchdog said what for (after stall, 1 s).
    let reports = REPORTS.lock().unwrap().clone();
    let report = reports.iter().find(|r| r.contains("CREATE INDEX CONCURRENTLY")).expect("a report while it waited");
    assert!(report.starts_with("still running after 1s on session "), "{report}");
    assert!(report.contains("; waiting for Lock ") && report.contains(&format!("blocked by pid {pid} (")), "{report}");

    // Once the old transaction ends, the rerun builds the index (dropping the INVALID one).
    old.batch_execute("COMMIT").unwrap();
    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
    let mut check = PgConnection::establish(db.url()).unwrap();
    let valid = "SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                 WHERE c.relname = 'ix_items_email' AND i.indisvalid";
    assert_eq!(count(&mut check, valid), 1);
}

#[test]
fn mysql_lock_retry_notices_say_the_whole_second_each_attempt_waited() {
    let db = TestDb::mysql().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let (up, down) = add_note();
    let m = migrator(chain(up, down, TransactionMode::PerMigration), vec![LockAttempt::ms(100, 100); 10]);
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let mut blocker = MysqlConnection::establish(db.url()).unwrap();
    blocker.batch_execute("BEGIN").unwrap();
    blocker.batch_execute("SELECT count(*) FROM items").unwrap();
    let releaser = release_after(blocker, Duration::from_millis(1500));
    let mut notices = Notices::default();
    m.upgrade(&mut conn, "head", &mut notices).unwrap();
    releaser.join().unwrap();
    let first = notices.0.iter().find(|n| n.starts_with("lock_timeout")).expect("one attempt timed out");
    assert!(first.starts_with("lock_timeout (1s) on items in b2, retry 1/9 in 100ms"), "{first}");
}
