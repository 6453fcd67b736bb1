//! The runner against real databases: plans, version rows, history, locks, failures.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use pretty_assertions::assert_eq;
use retort::graph::{Direction, Step};
use retort::ops::{
    AddColumn, AlterColumn, Column, ColumnType, CreateIndex, CreateTable, Execute, OnlyOn, Op, TransactionMode,
};
use retort::runner::{
    CheckOptions, Database, HistoryKind, Migrator, NoopObserver, Observer, RunError, RunErrorKind, Settings,
};
use retort::{Dialect, Registry, Revision};
use retort_tests::TestDb;

// ---------------------------------------------------------------------------------------------
// helpers

pub(crate) fn sql(s: &str) -> Op {
    Op::Execute(Execute::new(s))
}

/// A revision built at run time, leaked to get the `&'static` the registry wants.
pub(crate) fn rev(id: &str, parents: &[&str], up: Vec<Op>, down: Vec<Op>) -> &'static Revision {
    rev_with(id, parents, up, down, TransactionMode::PerMigration)
}

fn rev_with(id: &str, parents: &[&str], up: Vec<Op>, down: Vec<Op>, transaction: TransactionMode) -> &'static Revision {
    Box::leak(Box::new(Revision::from_ops(id, parents, transaction, &up, Some(&down))))
}

/// A revision creating table `t_<id>` and dropping it on the way down.
fn table_rev(id: &str, parents: &[&str]) -> &'static Revision {
    rev(id, parents, vec![sql(&format!("CREATE TABLE t_{id} (id INTEGER)"))], vec![sql(&format!("DROP TABLE t_{id}"))])
}

pub(crate) fn migrator(revs: Vec<&'static Revision>) -> Migrator {
    migrator_with(revs, Settings::default())
}

pub(crate) fn migrator_with(revs: Vec<&'static Revision>, settings: Settings) -> Migrator {
    Migrator::new(&Registry::from_revisions(revs).unwrap(), settings).unwrap()
}

pub(crate) fn connect(db: &TestDb) -> Database {
    Database::connect(db.url()).unwrap()
}

pub(crate) fn databases() -> Vec<TestDb> {
    vec![TestDb::postgres().unwrap(), TestDb::sqlite().unwrap(), TestDb::mysql().unwrap()]
}

fn table_exists(conn: &mut Database, table: &str) -> bool {
    conn.batch_execute(&format!("SELECT * FROM t_{table} WHERE 1 = 0")).is_ok()
}

pub(crate) fn up(m: &Migrator, conn: &mut Database, target: &str) -> Vec<String> {
    m.upgrade(conn, target, &mut NoopObserver).unwrap();
    m.current(conn).unwrap()
}

pub(crate) fn down(m: &Migrator, conn: &mut Database, target: &str) -> Vec<String> {
    m.downgrade(conn, target, &mut NoopObserver).unwrap();
    m.current(conn).unwrap()
}

pub(crate) fn rows(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Records what the runner reports.
#[derive(Default)]
struct Recorder {
    started: Vec<String>,
    statements: Vec<String>,
    notices: Vec<String>,
}

impl Observer for Recorder {
    fn step_started(&mut self, step: &Step<'_>) {
        self.started.push(step.revision.id.to_string());
    }
    fn statement(&mut self, sql: &str) {
        self.statements.push(sql.to_string());
    }
    fn notice(&mut self, message: &str) {
        self.notices.push(message.to_string());
    }
}

fn successes(m: &Migrator, conn: &mut Database, revision: &str, kind: HistoryKind) -> usize {
    m.history(conn)
        .unwrap()
        .iter()
        .filter(|r| r.revision == revision && r.kind == kind && r.success == Some(true))
        .count()
}

// ---------------------------------------------------------------------------------------------
// plans and version rows

#[test]
fn upgrade_head_then_downgrade_base_creates_and_removes_everything() {
    for db in databases() {
        let m = migrator(vec![table_rev("a1", &[]), table_rev("b2", &["a1"]), table_rev("c3", &["b2"])]);
        let mut conn = connect(&db);
        assert_eq!(m.current(&mut conn).unwrap(), Vec::<String>::new(), "{db:?}");
        let report = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
        assert_eq!(report.applied.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>(), ["a1", "b2", "c3"]);
        assert!(!report.already_at_target);
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["c3"]), "{db:?}");
        assert!(table_exists(&mut conn, "a1") && table_exists(&mut conn, "c3"), "{db:?}");

        assert_eq!(down(&m, &mut conn, "base"), Vec::<String>::new(), "{db:?}");
        assert!(!table_exists(&mut conn, "a1") && !table_exists(&mut conn, "c3"), "{db:?}");
        let history = m.history(&mut conn).unwrap();
        let kinds: Vec<(&str, HistoryKind)> = history.iter().map(|r| (r.revision.as_str(), r.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("a1", HistoryKind::Upgrade),
                ("b2", HistoryKind::Upgrade),
                ("c3", HistoryKind::Upgrade),
                ("c3", HistoryKind::Downgrade),
                ("b2", HistoryKind::Downgrade),
                ("a1", HistoryKind::Downgrade),
            ],
            "{db:?}"
        );
        let row = &history[0];
        assert_eq!(row.success, Some(true));
        assert_eq!(row.checksum.as_deref(), Some(m.graph().get("a1").unwrap().checksum.as_ref()));
        assert!(row.started_at.ends_with('Z') && row.finished_at.is_some() && row.duration_ms.is_some(), "{row:?}");
        assert_eq!((row.statements_done, row.statements_total), (1, Some(1)));
        assert_eq!(row.tool_version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
        assert!(row.host.is_some() && row.executed_by.is_some());
    }
}

#[test]
fn upgrade_plus_two_then_downgrade_minus_one_moves_by_steps() {
    for db in databases() {
        let m = migrator(vec![
            table_rev("a1", &[]),
            table_rev("b2", &["a1"]),
            table_rev("c3", &["b2"]),
            table_rev("d4", &["c3"]),
        ]);
        let mut conn = connect(&db);
        assert_eq!(up(&m, &mut conn, "+2"), rows(&["b2"]), "{db:?}");
        assert_eq!(up(&m, &mut conn, "+1"), rows(&["c3"]), "{db:?}");
        assert_eq!(down(&m, &mut conn, "-1"), rows(&["b2"]), "{db:?}");
        assert!(!table_exists(&mut conn, "c3") && table_exists(&mut conn, "b2"), "{db:?}");
        assert_eq!(up(&m, &mut conn, "head"), rows(&["d4"]), "{db:?}");
        assert_eq!(down(&m, &mut conn, "-2"), rows(&["b2"]), "{db:?}");
    }
}

#[test]
fn branch_and_merge_keep_one_version_row_per_head() {
    for db in databases() {
        let m = migrator(vec![
            table_rev("a1", &[]),
            table_rev("b1", &["a1"]),
            table_rev("c1", &["a1"]),
            table_rev("d1", &["b1", "c1"]),
        ]);
        let mut conn = connect(&db);
        assert_eq!(up(&m, &mut conn, "b1"), rows(&["b1"]), "{db:?}");
        // the second branch grows from the branch point: a second row
        assert_eq!(up(&m, &mut conn, "c1"), rows(&["b1", "c1"]), "{db:?}");
        // the merge deletes the extra row
        assert_eq!(up(&m, &mut conn, "heads"), rows(&["d1"]), "{db:?}");
        // downgrading below the merge (to b1: only what builds on it goes) restores both rows
        assert_eq!(down(&m, &mut conn, "b1"), rows(&["b1", "c1"]), "{db:?}");
        assert!(!table_exists(&mut conn, "d1") && table_exists(&mut conn, "c1"), "{db:?}");
        assert_eq!(down(&m, &mut conn, "a1"), rows(&["a1"]), "{db:?}");
        assert_eq!(down(&m, &mut conn, "base"), Vec::<String>::new(), "{db:?}");
        assert!(!table_exists(&mut conn, "b1") && !table_exists(&mut conn, "a1"), "{db:?}");
    }
}

#[test]
fn upgrade_head_with_nothing_pending_writes_nothing() {
    for db in databases() {
        let m = migrator(vec![table_rev("a1", &[]), table_rev("b2", &["a1"])]);
        let mut conn = connect(&db);
        up(&m, &mut conn, "head");
        let before = m.history(&mut conn).unwrap().len();
        let mut recorder = Recorder::default();
        let report = m.upgrade(&mut conn, "head", &mut recorder).unwrap();
        assert!(report.already_at_target && report.applied.is_empty(), "{db:?}");
        assert_eq!(report.current, rows(&["b2"]));
        assert!(recorder.statements.is_empty(), "{db:?}");
        assert_eq!(m.history(&mut conn).unwrap().len(), before, "{db:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// failures and transaction modes

fn failing_third_statement(mode: TransactionMode) -> Vec<&'static Revision> {
    vec![
        table_rev("a1", &[]),
        rev_with(
            "b2",
            &["a1"],
            vec![
                sql("CREATE TABLE t_first (id INTEGER)"),
                sql("CREATE TABLE t_second (id INTEGER)"),
                sql("INSERT INTO t_missing (id) VALUES (1)"),
            ],
            vec![sql("DROP TABLE t_missing"), sql("DROP TABLE t_second"), sql("DROP TABLE t_first")],
            mode,
        ),
    ]
}

#[test]
fn per_migration_failure_at_third_statement_leaves_database_and_version_as_before() {
    // MySQL commits DDL implicitly: it is covered by the journal test below.
    for db in [TestDb::postgres().unwrap(), TestDb::sqlite().unwrap()] {
        let m = migrator(failing_third_statement(TransactionMode::PerMigration));
        let mut conn = connect(&db);
        up(&m, &mut conn, "a1");
        let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
        match &err {
            RunError::Migration { revision, statement_index, statement, partial, .. } => {
                assert_eq!(revision, "b2");
                assert_eq!(*statement_index, Some(2), "{err}");
                assert!(statement.as_deref().is_some_and(|s| s.contains("t_missing")), "{err}");
                assert!(!partial);
            }
            other => panic!("expected a migration error, got {other:?}"),
        }
        assert_eq!(err.kind(), RunErrorKind::Migration);
        assert!(!err.is_usage_error());
        assert!(err.to_string().contains("nothing of this revision was applied"), "{err}");
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["a1"]), "{db:?}");
        assert!(!table_exists(&mut conn, "first") && !table_exists(&mut conn, "second"), "{db:?}");
        let history = m.history(&mut conn).unwrap();
        let last = history.last().unwrap();
        assert_eq!((last.revision.as_str(), last.success, last.statements_done), ("b2", Some(false), 0));
        assert!(last.error.as_deref().is_some_and(|e| e.contains("t_missing")), "{last:?}");

        // fixed by creating the missing table: the whole revision runs again, from its start
        conn.batch_execute("CREATE TABLE t_missing (id INTEGER)").unwrap();
        assert_eq!(up(&m, &mut conn, "head"), rows(&["b2"]), "{db:?}");
        assert_eq!(successes(&m, &mut conn, "b2", HistoryKind::Upgrade), 1);
    }
}

#[test]
fn journaled_failure_at_third_statement_shows_progress_and_rerun_finishes() {
    let cases = [
        (TestDb::postgres().unwrap(), TransactionMode::None),
        (TestDb::mysql().unwrap(), TransactionMode::None),
        (TestDb::mysql().unwrap(), TransactionMode::PerMigration),
    ];
    for (db, mode) in cases {
        let m = migrator(failing_third_statement(mode));
        let mut conn = connect(&db);
        up(&m, &mut conn, "a1");
        let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
        assert!(matches!(&err, RunError::Migration { statement_index: Some(2), partial: true, .. }), "{err:?}");
        assert!(err.to_string().contains("resumes at this statement"), "{err}");
        // the revision is not marked applied, but its first two statements committed
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["a1"]), "{db:?}");
        assert!(table_exists(&mut conn, "first") && table_exists(&mut conn, "second"), "{db:?}");
        let last = m.history(&mut conn).unwrap().pop().unwrap();
        assert_eq!((last.success, last.statements_done, last.statements_total), (Some(false), 2, Some(3)), "{db:?}");
        assert!(last.is_incomplete());
        let check = m.check(&mut conn).unwrap();
        assert_eq!(check.incomplete, rows(&["b2"]));

        // the rerun resumes at the third statement: the CREATE TABLEs would fail if repeated
        conn.batch_execute("CREATE TABLE t_missing (id INTEGER)").unwrap();
        let mut recorder = Recorder::default();
        m.upgrade(&mut conn, "head", &mut recorder).unwrap();
        assert!(recorder.notices.iter().any(|n| n.contains("resuming at statement 3")), "{:?}", recorder.notices);
        assert_eq!(recorder.statements, ["INSERT INTO t_missing (id) VALUES (1)"], "{db:?}");
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["b2"]), "{db:?}");
        // b2 writes into a table made by hand above, so the chain does not build from scratch:
        // the bookkeeping is checked, not drift
        let skip_drift = CheckOptions::default().skip_drift(true);
        assert!(m.check_with(&mut conn, &skip_drift).unwrap().is_clean());
    }
}

#[test]
fn edited_statements_of_a_half_applied_revision_stop_the_resume() {
    let db = TestDb::postgres().unwrap();
    let mut conn = connect(&db);
    let m = migrator(failing_third_statement(TransactionMode::None));
    up(&m, &mut conn, "a1");
    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    // b2's first statement changed: resuming after it would skip what the new one does
    let edited = migrator(vec![
        table_rev("a1", &[]),
        rev_with(
            "b2",
            &["a1"],
            vec![
                sql("CREATE TABLE t_first (id BIGINT)"),
                sql("CREATE TABLE t_second (id INTEGER)"),
                sql("INSERT INTO t_missing (id) VALUES (1)"),
            ],
            vec![],
            TransactionMode::None,
        ),
    ]);
    let err = edited.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(matches!(&err, RunError::EditedPartialRevision { done: 2, .. }), "{err:?}");
}

#[test]
fn resume_skips_finished_ops_rendered_from_the_live_table_and_accepts_a_fixed_failing_op() {
    // MySQL renders `add_column(..).if_not_exists()` from the table, so once it ran it renders
    // differently: the journal compares finished ops by definition, not by statement.
    let db = TestDb::mysql().unwrap();
    let mut conn = connect(&db);
    let b2 = |third: &str| {
        rev(
            "b2",
            &["a1"],
            vec![
                Op::AddColumn(AddColumn::new("t_a1", Column::new("c", ColumnType::Integer)).if_not_exists()),
                sql("CREATE TABLE t_second (id INTEGER)"),
                sql(third),
            ],
            vec![],
        )
    };
    let m = migrator(vec![table_rev("a1", &[]), b2("INSERT INTO t_missing (id) VALUES (1)")]);
    up(&m, &mut conn, "a1");
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(matches!(&err, RunError::Migration { statement_index: Some(2), partial: true, .. }), "{err:?}");

    // the failing statement is fixed in the revision: the run resumes with the new one
    let fixed = migrator(vec![table_rev("a1", &[]), b2("INSERT INTO t_second (id) VALUES (1)")]);
    let mut recorder = Recorder::default();
    fixed.upgrade(&mut conn, "head", &mut recorder).unwrap();
    assert_eq!(recorder.statements, ["INSERT INTO t_second (id) VALUES (1)"]);
    assert_eq!(fixed.current(&mut conn).unwrap(), rows(&["b2"]));
    let last = fixed.history(&mut conn).unwrap().pop().unwrap();
    assert_eq!((last.success, last.statements_done, last.statements_total), (Some(true), 3, Some(3)));
}

#[test]
fn transaction_all_failure_rolls_back_every_revision_of_the_run() {
    for db in [TestDb::postgres().unwrap(), TestDb::sqlite().unwrap()] {
        let settings = Settings { transaction_all: true, ..Settings::default() };
        let m = migrator_with(failing_third_statement(TransactionMode::PerMigration), settings.clone());
        let mut conn = connect(&db);
        let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
        assert!(matches!(&err, RunError::Migration { revision, .. } if revision == "b2"), "{err:?}");
        assert_eq!(m.current(&mut conn).unwrap(), Vec::<String>::new(), "{db:?}");
        assert!(!table_exists(&mut conn, "a1"), "{db:?}");
        let history = m.history(&mut conn).unwrap();
        assert_eq!(history.len(), 1, "{history:?}");
        assert_eq!((history[0].revision.as_str(), history[0].success), ("b2", Some(false)));

        conn.batch_execute("CREATE TABLE t_missing (id INTEGER)").unwrap();
        assert_eq!(up(&m, &mut conn, "head"), rows(&["b2"]), "{db:?}");
        assert_eq!(m.history(&mut conn).unwrap().last().unwrap().transaction_mode.as_deref(), Some("all"));
    }
}

#[test]
fn transaction_all_is_refused_on_mysql_and_with_non_transactional_revisions() {
    let db = TestDb::mysql().unwrap();
    let settings = Settings { transaction_all: true, ..Settings::default() };
    let m = migrator_with(vec![table_rev("a1", &[])], settings.clone());
    let err = m.upgrade(&mut connect(&db), "head", &mut NoopObserver).unwrap_err();
    assert!(err.is_usage_error() && err.to_string().contains("MySQL"), "{err}");

    let db = TestDb::postgres().unwrap();
    let m = migrator_with(failing_third_statement(TransactionMode::None), settings);
    let mut conn = connect(&db);
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(err.is_usage_error() && err.to_string().contains("transaction: none"), "{err}");
    assert!(!table_exists(&mut conn, "a1"));
}

#[test]
fn invalid_index_left_by_failed_concurrent_build_is_dropped_and_rebuilt() {
    let db = TestDb::postgres().unwrap();
    let mut conn = connect(&db);
    let m = migrator(vec![
        rev(
            "a1",
            &[],
            vec![sql("CREATE TABLE t_users (email TEXT)"), sql("INSERT INTO t_users VALUES ('x'), ('x')")],
            vec![],
        ),
        rev_with(
            "b2",
            &["a1"],
            vec![Op::CreateIndex(CreateIndex::new("ix_users_email").on("t_users", ["email"]).unique().concurrently())],
            vec![],
            TransactionMode::None,
        ),
    ]);
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(matches!(&err, RunError::Migration { revision, .. } if revision == "b2"), "{err:?}");
    let invalid = "SELECT 1 FROM pg_index WHERE indexrelid = 'ix_users_email'::regclass AND NOT indisvalid";
    conn.batch_execute(invalid).unwrap(); // the INVALID index exists

    conn.batch_execute("DELETE FROM t_users").unwrap();
    let mut recorder = Recorder::default();
    m.upgrade(&mut conn, "head", &mut recorder).unwrap();
    assert!(recorder.notices.iter().any(|n| n.contains("INVALID")), "{:?}", recorder.notices);
    assert_eq!(m.current(&mut conn).unwrap(), rows(&["b2"]));
    conn.batch_execute("INSERT INTO t_users VALUES ('y')").unwrap();
    assert!(conn.batch_execute("INSERT INTO t_users VALUES ('y')").is_err(), "the rebuilt index is valid and unique");
}

#[test]
fn lock_timeout_stops_a_blocked_revision_and_retries_outlast_the_blocker() {
    let db = TestDb::postgres().unwrap();
    let mut conn = connect(&db);
    let revs = || {
        vec![
            table_rev("a1", &[]),
            rev(
                "b2",
                &["a1"],
                vec![sql("ALTER TABLE t_a1 ADD COLUMN c INTEGER")],
                vec![sql("ALTER TABLE t_a1 DROP COLUMN c")],
            ),
        ]
    };
    let settings =
        Settings { lock_timeout: Duration::from_millis(100), lock_retries: Vec::new(), ..Settings::default() };
    up(&migrator_with(revs(), settings.clone()), &mut conn, "a1");
    let mut blocker = connect(&db);
    blocker.batch_execute("BEGIN; LOCK TABLE t_a1 IN ACCESS SHARE MODE").unwrap();

    let started = Instant::now();
    let err = migrator_with(revs(), settings.clone()).upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(err.to_string().contains("lock timeout"), "{err}");
    assert_eq!(migrator(revs()).current(&mut conn).unwrap(), rows(&["a1"]));

    // with retries, the revision gets through once the blocking transaction ends
    let m = migrator_with(
        revs(),
        Settings { lock_retries: vec![retort::runner::LockAttempt::ms(100, 100); 30], ..settings },
    );
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        blocker.batch_execute("COMMIT").unwrap();
    });
    let mut recorder = Recorder::default();
    m.upgrade(&mut conn, "head", &mut recorder).unwrap();
    releaser.join().unwrap();
    assert_eq!(m.current(&mut conn).unwrap(), rows(&["b2"]));
    let last = m.history(&mut conn).unwrap().pop().unwrap();
    assert!(last.success == Some(true) && last.retries >= 1, "{last:?}");
    assert!(recorder.notices.iter().any(|n| n.contains("lock_timeout (100ms)")), "{:?}", recorder.notices);
}

#[test]
fn statement_timeout_stops_a_long_statement() {
    let db = TestDb::postgres().unwrap();
    let mut conn = connect(&db);
    let settings = Settings { statement_timeout: Some(Duration::from_millis(200)), ..Settings::default() };
    let m = migrator_with(vec![rev("a1", &[], vec![sql("SELECT pg_sleep(3)")], vec![])], settings);
    let started = Instant::now();
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert!(err.to_string().contains("statement timeout"), "{err}");
}

/// MariaDB: `statement_timeout` is the server's `max_statement_time`, for DDL too; a statement
/// within it runs, one past it is stopped by the server, and the session is unbounded again after
/// the revision (the next statement of the connection runs long).
#[test]
fn statement_timeout_stops_a_long_statement_on_mariadb() {
    let db = TestDb::mysql().unwrap();
    let mut conn = connect(&db);
    let settings = Settings { statement_timeout: Some(Duration::from_millis(300)), ..Settings::default() };
    let m = migrator_with(
        vec![
            rev("a1", &[], vec![sql("CREATE TABLE t_a1 (id INTEGER)")], vec![]),
            rev(
                "b2",
                &["a1"],
                vec![sql(
                    "SELECT SUM(a.seq * b.seq) FROM seq_1_to_100000 a JOIN seq_1_to_100000 b ON a.seq % 7 = b.seq % 11",
                )],
                vec![],
            ),
        ],
        settings,
    );
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let started = Instant::now();
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(err.to_string().contains("max_statement_time"), "{err}");
    assert_eq!(m.current(&mut conn).unwrap(), ["a1"]);
    // The failed revision lifted the bound again: this takes longer than 300 ms.
    conn.batch_execute("SELECT SUM(a.seq * b.seq) FROM seq_1_to_4000 a JOIN seq_1_to_4000 b ON a.seq % 7 = b.seq % 11")
        .unwrap();
}

#[test]
fn sqlite_table_rebuild_reads_the_table_as_earlier_ops_left_it() {
    let db = TestDb::sqlite().unwrap();
    let mut conn = connect(&db);
    let create = Op::CreateTable(CreateTable::new(
        "t_items",
        [Column::new("id", ColumnType::BigInt).primary_key(), Column::new("name", ColumnType::Text)],
    ));
    let not_null = Op::AlterColumn(AlterColumn::new("t_items", "name").set_not_null());
    let m = migrator(vec![
        rev("a1", &[], vec![create.clone(), not_null.clone()], vec![]),
        rev(
            "b2",
            &["a1"],
            vec![sql("INSERT INTO t_items (id, name) VALUES (1, 'x')")],
            vec![sql("DELETE FROM t_items")],
        ),
    ]);
    assert_eq!(up(&m, &mut conn, "head"), rows(&["b2"]));
    assert!(conn.batch_execute("INSERT INTO t_items (id, name) VALUES (2, NULL)").is_err(), "name is NOT NULL now");
    // The row written after the rebuild is there (a SELECT that merely runs would prove nothing).
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let mut raw =
        <diesel::SqliteConnection as diesel::Connection>::establish(db.path().unwrap().to_str().unwrap()).unwrap();
    let names: Vec<Name> =
        diesel::RunQueryDsl::load(diesel::sql_query("SELECT name FROM t_items ORDER BY id"), &mut raw).unwrap();
    assert_eq!(names.into_iter().map(|n| n.name).collect::<Vec<_>>(), ["x"]);

    // Offline, the rebuild renders from the chain's model as the live run did: the table the
    // revision's first op created, with the column now NOT NULL.
    let script = m.offline_sql(Dialect::Sqlite, "head", Direction::Upgrade).unwrap();
    assert!(
        script.contains(r#"CREATE TABLE "_retort_new_t_items" ("id" bigint NOT NULL, "name" text NOT NULL"#),
        "{script}"
    );
}

#[test]
fn sqlite_rebuild_of_a_referenced_table_keeps_the_rows_referencing_it() {
    let db = TestDb::sqlite().unwrap();
    let mut conn = connect(&db);
    conn.batch_execute("PRAGMA foreign_keys = ON").unwrap();
    let m = migrator(vec![
        rev(
            "a1",
            &[],
            vec![
                sql("CREATE TABLE t_parent (id INTEGER PRIMARY KEY, name TEXT)"),
                sql("CREATE TABLE t_child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES t_parent (id) ON DELETE CASCADE)"),
                sql("INSERT INTO t_parent VALUES (1, 'p')"),
                sql("INSERT INTO t_child VALUES (1, 1)"),
            ],
            vec![],
        ),
        rev("b2", &["a1"], vec![Op::AlterColumn(AlterColumn::new("t_parent", "name").set_not_null())], vec![]),
    ]);
    assert_eq!(up(&m, &mut conn, "head"), rows(&["b2"]));
    // dropping the old t_parent with enforcement on would have cascaded into t_child
    conn.batch_execute(
        "CREATE TABLE t_probe (n INTEGER CHECK (n = 1)); INSERT INTO t_probe SELECT count(*) FROM t_child",
    )
    .unwrap();
    // and enforcement is back on
    assert!(conn.batch_execute("INSERT INTO t_child VALUES (2, 99)").is_err());
}

// ---------------------------------------------------------------------------------------------
// checksums

#[test]
fn edited_applied_revision_is_refused_before_anything_runs() {
    for db in databases() {
        let mut conn = connect(&db);
        up(&migrator(vec![table_rev("a1", &[])]), &mut conn, "head");

        let edited = || {
            vec![
                rev("a1", &[], vec![sql("CREATE TABLE t_a1 (id BIGINT)")], vec![sql("DROP TABLE t_a1")]),
                table_rev("b2", &["a1"]),
            ]
        };
        let m = migrator(edited());
        let mut recorder = Recorder::default();
        let err = m.upgrade(&mut conn, "head", &mut recorder).unwrap_err();
        assert!(matches!(&err, RunError::ChecksumMismatch { mismatches } if mismatches[0].revision == "a1"), "{err:?}");
        assert!(err.to_string().contains("--accept-checksum a1"), "{err}");
        assert!(recorder.statements.is_empty(), "{db:?}");
        assert!(!table_exists(&mut conn, "b2"), "{db:?}");
        assert_eq!(m.check(&mut conn).unwrap().mismatched.len(), 1);

        // accepting records the new checksum; later runs pass without the flag
        let accepting = migrator_with(edited(), Settings { accept_checksum: vec!["a1".into()], ..Settings::default() });
        assert_eq!(up(&accepting, &mut conn, "head"), rows(&["b2"]), "{db:?}");
        assert_eq!(successes(&m, &mut conn, "a1", HistoryKind::AcceptChecksum), 1);
        assert!(m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap().already_at_target);
    }
}

// ---------------------------------------------------------------------------------------------
// connections

#[test]
fn bad_url_or_unreachable_server_is_a_usage_error_without_the_password() {
    let err = Database::connect("oracle://scott:tiger@db/x").unwrap_err();
    assert!(matches!(err, RunError::UnsupportedUrl { .. }) && err.is_usage_error(), "{err}");
    assert!(!err.to_string().contains("tiger"), "{err}");

    let err = Database::connect("postgres://app:s3cret@127.0.0.1:1/app").unwrap_err();
    assert!(matches!(err, RunError::Connect { .. }) && err.is_usage_error(), "{err}");
    let text = err.to_string();
    assert!(text.contains("postgres://app:***@127.0.0.1:1/app") && !text.contains("s3cret"), "{text}");

    let err = Database::connect("mysql://root:pw@127.0.0.1:1/x").unwrap_err();
    assert_eq!(err.kind(), RunErrorKind::Connect, "{err}");

    let err = Database::connect("sqlite:///no/such/directory/x.db").unwrap_err();
    assert_eq!(err.kind(), RunErrorKind::Connect, "{err}");
}

#[test]
fn read_only_verbs_on_a_fresh_database_create_nothing() {
    for db in databases() {
        let m = migrator(vec![table_rev("a1", &[])]);
        let mut conn = connect(&db);
        assert!(m.current(&mut conn).unwrap().is_empty());
        assert!(m.history(&mut conn).unwrap().is_empty());
        let check = m.check(&mut conn).unwrap();
        assert_eq!(check.pending, rows(&["a1"]));
        // Nothing applied and nothing there: pending, but no drift.
        assert!(!check.is_clean() && check.drift == Some(Vec::new()), "{check:?}");
        assert!(conn.batch_execute("SELECT * FROM retort_version").is_err(), "{db:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// concurrency

#[test]
fn sixteen_concurrent_migrators_apply_each_revision_exactly_once() {
    let db = TestDb::postgres().unwrap();
    let revs: Vec<&'static Revision> = (0..6)
        .map(|i| {
            let id = format!("r{i}");
            let parent = format!("r{}", i.max(1) - 1);
            let parents: Vec<&str> = if i == 0 { vec![] } else { vec![parent.as_str()] };
            rev(
                &id,
                &parents,
                vec![sql(&format!("CREATE TABLE t_{id} (id INTEGER)")), sql("SELECT pg_sleep(0.02)")],
                vec![sql(&format!("DROP TABLE t_{id}"))],
            )
        })
        .collect();
    let registry = Registry::from_revisions(revs).unwrap();
    let barrier = Arc::new(Barrier::new(16));
    let url = db.url().to_string();
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let (registry, barrier, url) = (registry.clone(), barrier.clone(), url.clone());
            std::thread::spawn(move || {
                let m = Migrator::new(&registry, Settings::default())?;
                let mut conn = Database::connect(&url)?;
                barrier.wait();
                m.upgrade(&mut conn, "head", &mut NoopObserver)
            })
        })
        .collect();
    let reports: Vec<_> = handles.into_iter().map(|h| h.join().unwrap().unwrap()).collect();
    assert_eq!(reports.iter().filter(|r| !r.applied.is_empty()).count(), 1);
    assert_eq!(reports.iter().filter(|r| r.already_at_target).count(), 15);
    let m = Migrator::new(&registry, Settings::default()).unwrap();
    let mut conn = Database::connect(&url).unwrap();
    for i in 0..6 {
        assert_eq!(successes(&m, &mut conn, &format!("r{i}"), HistoryKind::Upgrade), 1);
    }
    assert_eq!(m.current(&mut conn).unwrap(), rows(&["r5"]));
}

#[test]
fn a_second_migrator_gives_up_after_the_lock_wait() {
    let db = TestDb::postgres().unwrap();
    let slow = || vec![rev("a1", &[], vec![sql("SELECT pg_sleep(1.5)")], vec![])];
    let url = db.url().to_string();
    let first = {
        let url = url.clone();
        let registry = Registry::from_revisions(slow()).unwrap();
        std::thread::spawn(move || {
            let m = Migrator::new(&registry, Settings::default()).unwrap();
            m.upgrade(&mut Database::connect(&url).unwrap(), "head", &mut NoopObserver).map(|r| r.applied.len())
        })
    };
    std::thread::sleep(Duration::from_millis(400));
    let m = migrator_with(slow(), Settings { lock_wait: Duration::from_millis(300), ..Settings::default() });
    let err = m.upgrade(&mut connect(&db), "head", &mut NoopObserver).unwrap_err();
    assert!(matches!(err, RunError::LockTimeout { .. }), "{err:?}");
    assert_eq!(err.kind(), RunErrorKind::Lock);
    assert_eq!(first.join().unwrap().unwrap(), 1);
}

// ---------------------------------------------------------------------------------------------
// stamp, only, offline

#[test]
fn stamp_moves_the_version_table_without_running_ops() {
    for db in databases() {
        let m = migrator(vec![table_rev("a1", &[]), table_rev("b2", &["a1"]), table_rev("c3", &["b2"])]);
        let mut conn = connect(&db);
        m.stamp(&mut conn, "b2", false).unwrap();
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["b2"]), "{db:?}");
        assert!(!table_exists(&mut conn, "a1"), "{db:?}");
        // upgrading from the stamp runs only what is above it
        assert_eq!(up(&m, &mut conn, "head"), rows(&["c3"]), "{db:?}");
        assert!(table_exists(&mut conn, "c3") && !table_exists(&mut conn, "b2"), "{db:?}");
        m.stamp(&mut conn, "a1", false).unwrap();
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["a1"]), "{db:?}");
        m.stamp(&mut conn, "base", false).unwrap();
        assert!(m.current(&mut conn).unwrap().is_empty(), "{db:?}");

        // a row this binary does not know: only --purge gets past it
        conn.batch_execute("INSERT INTO retort_version (version_num) VALUES ('ffff0000')").unwrap();
        assert_eq!(m.stamp(&mut conn, "head", false).unwrap_err().kind(), RunErrorKind::Graph, "{db:?}");
        m.stamp(&mut conn, "head", true).unwrap();
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["c3"]), "{db:?}");
        assert_eq!(successes(&m, &mut conn, "c3", HistoryKind::Stamp), 1);
    }
}

#[test]
fn op_for_another_dialect_is_skipped_with_a_notice() {
    let db = TestDb::sqlite().unwrap();
    let only_pg = Op::Only(OnlyOn { dialects: vec!["postgres".into()], op: Box::new(sql("CREATE EXTENSION pg_trgm")) });
    let m = migrator(vec![rev("a1", &[], vec![only_pg, sql("CREATE TABLE t_a1 (id INTEGER)")], vec![])]);
    let mut conn = connect(&db);
    let mut recorder = Recorder::default();
    m.upgrade(&mut conn, "head", &mut recorder).unwrap();
    assert!(recorder.notices.iter().any(|n| n.contains("skipped on sqlite")), "{:?}", recorder.notices);
    assert_eq!(recorder.statements, ["CREATE TABLE t_a1 (id INTEGER)"]);
}

#[test]
fn offline_script_migrates_a_database_like_the_runner() {
    for db in databases() {
        let dialect = match db.dialect() {
            retort_tests::Dialect::Postgres => Dialect::Postgres,
            retort_tests::Dialect::Mysql => Dialect::Mysql,
            retort_tests::Dialect::Sqlite => Dialect::Sqlite,
        };
        let m = migrator(vec![table_rev("a1", &[]), table_rev("b2", &["a1"])]);
        let script = m.offline_sql(dialect, "head", Direction::Upgrade).unwrap();
        if dialect != Dialect::Mysql {
            assert!(script.contains("BEGIN;") && script.contains("COMMIT;"), "{script}");
        }
        let mut conn = connect(&db);
        conn.batch_execute(&script).unwrap_or_else(|e| panic!("{db:?}: {e}\n{script}"));
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["b2"]), "{db:?}");
        assert!(m.check(&mut conn).unwrap().is_clean(), "{db:?}");

        let back = m.offline_sql(dialect, "b2:base", Direction::Downgrade).unwrap();
        conn.batch_execute(&back).unwrap_or_else(|e| panic!("{db:?}: {e}\n{back}"));
        assert!(m.current(&mut conn).unwrap().is_empty(), "{db:?}");
        assert!(!table_exists(&mut conn, "a1"), "{db:?}");
    }
}

#[test]
fn offline_downgrade_without_a_start_is_refused() {
    let m = migrator(vec![table_rev("a1", &[])]);
    let err = m.offline_sql(Dialect::Postgres, "base", Direction::Downgrade).unwrap_err();
    assert!(err.is_usage_error() && err.to_string().contains("FROM:TO"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// the chain's schema model

#[test]
fn a_chain_that_does_not_fold_is_refused_before_anything_is_written() {
    let users = Op::CreateTable(CreateTable::new(
        "users",
        [Column::new("id", ColumnType::BigInt).primary_key(), Column::new("email", ColumnType::Text)],
    ));
    let drop_email = Op::DropColumn(retort::ops::DropColumn::new("users", "email"));
    let index_email = Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"]));
    for db in databases() {
        let m = migrator(vec![
            rev("a1", &[], vec![users.clone()], Vec::new()),
            rev("b1", &["a1"], vec![drop_email.clone()], Vec::new()),
            rev("c1", &["b1"], vec![index_email.clone()], Vec::new()),
        ]);
        let mut conn = connect(&db);
        let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
        assert_eq!(err.kind(), RunErrorKind::Graph, "{err}");
        assert!(err.is_usage_error(), "exit code 2: {err}");
        let text = err.to_string();
        assert!(
            text.contains("revision c1")
                && text.contains("has no column \"email\"")
                && text.contains("removed in revision b1"),
            "{text}"
        );
        // Nothing was written: not even the version table.
        assert!(conn.batch_execute("SELECT * FROM retort_version").is_err(), "{db:?}: the version table was created");
        assert!(conn.batch_execute("SELECT * FROM users").is_err(), "{db:?}: users was created");
        // The offline script is refused alike.
        assert!(matches!(m.offline_sql(conn.dialect(), "base:head", Direction::Upgrade), Err(RunError::Chain(_))));
    }
}

#[test]
fn raw_sql_a_chain_cannot_see_into_gives_warnings_never_a_refusal() {
    for db in databases() {
        let m = migrator(vec![
            rev("a1", &[], vec![sql("CREATE TABLE legacy (id INTEGER)")], vec![sql("DROP TABLE legacy")]),
            rev(
                "b1",
                &["a1"],
                vec![Op::AddColumn(AddColumn::new("legacy", Column::new("note", ColumnType::Text)))],
                Vec::new(),
            ),
        ]);
        let mut conn = connect(&db);
        assert_eq!(m.check_chain(conn.dialect()).unwrap().len(), 1, "{db:?}");
        assert_eq!(up(&m, &mut conn, "head"), rows(&["b1"]));
    }
}
