//! `plan`, `locks` and `partitions ensure` against real databases: lock modes, row estimates,
//! blockers seen from another session, and partitions created once with the safe recipe.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Integer, Text};
use diesel::{Connection, MysqlConnection, PgConnection, RunQueryDsl};
use retort::inspect::{self, EnsureOptions, InspectError, Interval, LocksReport, PlanReport, Work};
use retort::ops::{AddColumn, Column, ColumnType, CreateIndex, Op, TransactionMode};
use retort::runner::{Database, Migrator, Settings};
use retort::{Registry, Revision};
use retort_tests::TestDb;

// ---------------------------------------------------------------------------------------------
// helpers

fn rev(id: &str, parents: &[&str], up: Vec<Op>, transaction: TransactionMode) -> &'static Revision {
    let revision = Revision { irreversible: true, ..Revision::from_ops(id, parents, transaction, &up, None) };
    Box::leak(Box::new(revision))
}

/// Two pending revisions on table `t`: a plain `add_column`, then a concurrent index.
fn migrator() -> Migrator {
    let add = Op::AddColumn(AddColumn::new("t", Column::new("extra", ColumnType::Text)));
    let index = Op::CreateIndex(CreateIndex::new("ix_t_v").on("t", ["v"]).concurrently());
    let revs = vec![
        rev("a1", &[], vec![add], TransactionMode::PerMigration),
        rev("b2", &["a1"], vec![index], TransactionMode::None),
    ];
    Migrator::new(&Registry::from_revisions(revs).unwrap(), Settings::default()).unwrap()
}

fn plan(db: &TestDb) -> PlanReport {
    let mut conn = Database::connect(db.url()).unwrap();
    inspect::plan(&migrator(), &mut conn, "heads").unwrap()
}

fn pg_pid(conn: &mut PgConnection) -> u64 {
    let pid: i32 = diesel::select(diesel::dsl::sql::<Integer>("pg_backend_pid()")).get_result(conn).unwrap();
    u64::try_from(pid).unwrap()
}

fn mysql_id(conn: &mut MysqlConnection) -> u64 {
    let id: i64 =
        diesel::select(diesel::dsl::sql::<BigInt>("CAST(CONNECTION_ID() AS SIGNED)")).get_result(conn).unwrap();
    u64::try_from(id).unwrap()
}

/// Polls `locks` until `found` holds, for at most ten seconds.
fn wait_for_locks(url: &str, found: impl Fn(&LocksReport) -> bool) -> LocksReport {
    let mut monitor = Database::connect(url).unwrap();
    let started = Instant::now();
    loop {
        let report = inspect::locks(&mut monitor).unwrap();
        if found(&report) || started.elapsed() > Duration::from_secs(10) {
            return report;
        }
        // Slower than InnoDB's 100 ms: it refreshes its lock views only when last read before that.
        thread::sleep(Duration::from_millis(250));
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[derive(diesel::QueryableByName)]
struct Placed {
    #[diesel(sql_type = Text)]
    partition: String,
}

// ---------------------------------------------------------------------------------------------
// plan

#[test]
fn plan_shows_lock_modes_sizes_and_row_estimates_on_postgres() {
    let db = TestDb::postgres().unwrap();
    let mut setup = PgConnection::establish(db.url()).unwrap();
    setup
        .batch_execute(
            "CREATE TABLE t (id bigint PRIMARY KEY, v text); \
             INSERT INTO t SELECT g, 'value ' || g FROM generate_series(1, 10000) g; ANALYZE t",
        )
        .unwrap();

    let report = plan(&db);
    assert_eq!(report.steps.len(), 2);
    assert_eq!(report.blocked_ops, 0, "{report:#?}");
    let add = &report.steps[0].ops[0];
    assert_eq!(add.op, "add_column");
    assert_eq!(add.work, Work::Metadata);
    assert_eq!(add.statements, [r#"ALTER TABLE "t" ADD COLUMN "extra" text"#]);
    assert_eq!(add.locks[0].mode, "ACCESS EXCLUSIVE");
    assert_eq!(add.locks[0].table, "t");
    assert_eq!(add.locks[0].rows_estimate, Some(10000));
    assert_eq!(add.locks[0].rows_source.as_deref(), Some("pg_class.reltuples"));
    assert!(add.locks[0].size_bytes.is_some_and(|b| b > 100_000), "{:?}", add.locks[0]);
    assert_eq!(add.estimate_ms, Some(0.0));

    let index = &report.steps[1].ops[0];
    assert_eq!(index.locks[0].mode, "SHARE UPDATE EXCLUSIVE");
    assert_eq!(index.work, Work::IndexBuild);
    assert_eq!(report.steps[1].transaction, "none");
    assert!(index.estimate_ms.is_some_and(|ms| ms > 0.0), "{index:?}");
    assert!(index.estimate_basis.contains("MB/s"), "{}", index.estimate_basis);
}

#[test]
fn plan_names_the_pid_of_an_open_transaction_reading_the_table() {
    let db = TestDb::postgres().unwrap();
    let mut reader = PgConnection::establish(db.url()).unwrap();
    reader.batch_execute("CREATE TABLE t (id bigint PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a')").unwrap();
    let reader_pid = pg_pid(&mut reader);
    // An idle transaction that read the table holds ACCESS SHARE until it ends.
    reader.batch_execute("BEGIN; SELECT count(*) FROM t").unwrap();

    let report = plan(&db);
    let add = &report.steps[0].ops[0];
    let blocker = add.locks[0].blockers.iter().find(|b| b.pid == reader_pid);
    let blocker = blocker.unwrap_or_else(|| panic!("pid {reader_pid} not named: {:#?}", add.locks[0].blockers));
    assert_eq!(blocker.holds, "AccessShareLock");
    assert_eq!(blocker.state, "idle in transaction");
    assert!(blocker.query.contains("count(*)"), "{}", blocker.query);
    assert!(report.blocked_ops >= 1);
    // ACCESS SHARE does not conflict with the concurrent index build's lock.
    assert!(report.steps[1].ops[0].locks[0].blockers.iter().all(|b| b.holds != "AccessShareLock"));

    reader.batch_execute("COMMIT").unwrap();
    assert_eq!(plan(&db).blocked_ops, 0);
}

#[test]
fn plan_of_a_database_at_the_target_is_empty() {
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let m = migrator();
    let mut setup = PgConnection::establish(db.url()).unwrap();
    setup.batch_execute("CREATE TABLE t (id bigint PRIMARY KEY, v text)").unwrap();
    m.upgrade(&mut conn, "heads", &mut retort::runner::NoopObserver).unwrap();
    let report = inspect::plan(&m, &mut conn, "heads").unwrap();
    assert!(report.steps.is_empty());
    assert_eq!(report.current, ["b2"]);
}

#[test]
fn plan_on_sqlite_takes_the_database_write_lock_and_counts_rows() {
    let db = TestDb::sqlite().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    conn.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b'), ('c')")
        .unwrap();
    let report = inspect::plan(&migrator(), &mut conn, "heads").unwrap();
    let lock = &report.steps[0].ops[0].locks[0];
    assert_eq!(lock.mode, "database write lock");
    assert_eq!(lock.rows_estimate, Some(3));
    assert_eq!(lock.rows_source.as_deref(), Some("count"));
    assert!(lock.size_bytes.is_some_and(|b| b > 0));
    assert!(report.notes.iter().any(|n| n.contains("database is locked")), "{:?}", report.notes);
}

#[test]
fn plan_on_mysql_lists_open_transactions_as_possible_blockers() {
    let db = TestDb::mysql().unwrap();
    let mut other = MysqlConnection::establish(db.url()).unwrap();
    other
        .batch_execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(50)); INSERT INTO t VALUES (1, 'a')")
        .unwrap();
    let other_id = mysql_id(&mut other);
    let report = plan(&db);
    let add = &report.steps[0].ops[0];
    assert!(add.locks[0].mode.contains("metadata lock"), "{}", add.locks[0].mode);
    assert!(add.notes.iter().any(|n| n.contains("INSTANT")), "{:?}", add.notes);
    assert!(add.locks[0].blockers.is_empty(), "{:?}", add.locks[0].blockers);

    other.batch_execute("BEGIN; UPDATE t SET v = 'b' WHERE id = 1").unwrap();
    // InnoDB refreshes what INNODB_TRX shows only when it was last read over 100 ms ago, and the
    // plan above just read it: poll more slowly than that.
    let started = Instant::now();
    let named = |report: &PlanReport| report.steps[0].ops[0].locks[0].blockers.iter().any(|b| b.pid == other_id);
    let mut report = plan(&db);
    while !named(&report) && started.elapsed() < Duration::from_secs(10) {
        thread::sleep(Duration::from_millis(250));
        report = plan(&db);
    }
    let blockers = &report.steps[0].ops[0].locks[0].blockers;
    assert!(blockers.iter().any(|b| b.pid == other_id), "connection {other_id} not named: {blockers:#?}");
    other.batch_execute("ROLLBACK").unwrap();
}

// ---------------------------------------------------------------------------------------------
// locks

#[test]
fn locks_shows_a_session_blocked_by_another_sessions_open_transaction() {
    let db = TestDb::postgres().unwrap();
    let mut holder = PgConnection::establish(db.url()).unwrap();
    holder.batch_execute("CREATE TABLE t (id bigint PRIMARY KEY)").unwrap();
    let holder_pid = pg_pid(&mut holder);
    holder.batch_execute("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE").unwrap();

    let (tx, rx) = mpsc::channel();
    let url = db.url().to_string();
    let waiter = thread::spawn(move || {
        let mut conn = PgConnection::establish(&url).unwrap();
        tx.send(pg_pid(&mut conn)).unwrap();
        // Its own timeout, so that a failing test cannot hang.
        conn.batch_execute("SET lock_timeout = '20s'; SELECT count(*) FROM t")
    });
    let waiter_pid = rx.recv().unwrap();

    let report = wait_for_locks(db.url(), |r| r.waits.iter().any(|w| w.pid == waiter_pid));
    holder.batch_execute("COMMIT").unwrap();
    waiter.join().unwrap().unwrap();

    let wait = report.waits.iter().find(|w| w.pid == waiter_pid);
    let wait = wait.unwrap_or_else(|| panic!("pid {waiter_pid} not seen waiting: {report:#?}"));
    assert_eq!(wait.blocked_by, Some(holder_pid));
    assert_eq!(wait.lock_type, "relation");
    assert_eq!(wait.mode, "AccessShareLock");
    assert_eq!(wait.relation.as_deref(), Some("t"));
    assert!(wait.query.contains("count(*)"), "{}", wait.query);
    assert_eq!(wait.blocking_state.as_deref(), Some("idle in transaction"));
    assert!(wait.blocking_query.as_deref().is_some_and(|q| q.contains("LOCK TABLE")), "{wait:?}");
}

#[test]
fn locks_shows_an_innodb_row_lock_wait_on_mysql() {
    let db = TestDb::mysql().unwrap();
    let mut holder = MysqlConnection::establish(db.url()).unwrap();
    holder
        .batch_execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(50)); INSERT INTO t VALUES (1, 'a')")
        .unwrap();
    let holder_id = mysql_id(&mut holder);
    holder.batch_execute("BEGIN; UPDATE t SET v = 'b' WHERE id = 1").unwrap();

    let (tx, rx) = mpsc::channel();
    let url = db.url().to_string();
    let waiter = thread::spawn(move || {
        let mut conn = MysqlConnection::establish(&url).unwrap();
        tx.send(mysql_id(&mut conn)).unwrap();
        conn.batch_execute("SET SESSION innodb_lock_wait_timeout = 20; UPDATE t SET v = 'c' WHERE id = 1")
    });
    let waiter_id = rx.recv().unwrap();

    let report = wait_for_locks(db.url(), |r| r.waits.iter().any(|w| w.pid == waiter_id));
    holder.batch_execute("COMMIT").unwrap();
    waiter.join().unwrap().unwrap();

    let wait = report.waits.iter().find(|w| w.pid == waiter_id);
    let wait = wait.unwrap_or_else(|| panic!("connection {waiter_id} not seen waiting: {report:#?}"));
    assert_eq!(wait.blocked_by, Some(holder_id));
    assert!(wait.query.contains("UPDATE t"), "{}", wait.query);
}

#[test]
fn locks_is_unsupported_on_sqlite_with_a_reason() {
    let db = TestDb::sqlite().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let err = inspect::locks(&mut conn).unwrap_err();
    assert!(matches!(err, InspectError::Unsupported { what: "locks", .. }), "{err:?}");
    assert!(err.to_string().contains("database is locked"), "{err}");
    assert!(err.is_usage_error());
}

// ---------------------------------------------------------------------------------------------
// partitions ensure

fn events_table(db: &TestDb) -> PgConnection {
    let mut conn = PgConnection::establish(db.url()).unwrap();
    conn.batch_execute(
        "CREATE TABLE ev (id bigint NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at); \
         CREATE TABLE ev_2026_01 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
    )
    .unwrap();
    conn
}

fn ensure_options(today: &str) -> EnsureOptions {
    let mut options = EnsureOptions::new("ev", Interval::Month, 2);
    options.today = Some(date(today));
    options
}

#[test]
fn partitions_ensure_creates_the_missing_months_once_and_rows_land_in_them() {
    let db = TestDb::postgres().unwrap();
    let mut conn = events_table(&db);
    let mut retort_db = Database::connect(db.url()).unwrap();

    let report = inspect::ensure_partitions(&mut retort_db, &ensure_options("2026-03-15")).unwrap();
    // The gap since January's partition, the current month and two ahead.
    let created: Vec<(&str, &str, &str)> =
        report.created.iter().map(|p| (p.name.as_str(), p.from.as_str(), p.to.as_str())).collect();
    assert_eq!(
        created,
        [
            ("ev_2026_02", "2026-02-01", "2026-03-01"),
            ("ev_2026_03", "2026-03-01", "2026-04-01"),
            ("ev_2026_04", "2026-04-01", "2026-05-01"),
            ("ev_2026_05", "2026-05-01", "2026-06-01"),
        ]
    );
    assert_eq!(report.through, "2026-06-01");
    assert_eq!(report.key, "at");
    assert_eq!(report.existing.len(), 1);
    // The safe recipe: a standalone table, a CHECK matching the bound, then ATTACH.
    let statements = &report.created[0].statements;
    assert!(statements[0].starts_with(r#"CREATE TABLE "ev_2026_02" (LIKE "ev""#), "{statements:?}");
    assert!(statements[1].contains("CHECK"), "{statements:?}");
    assert!(statements[2].contains("ATTACH PARTITION"), "{statements:?}");

    let again = inspect::ensure_partitions(&mut retort_db, &ensure_options("2026-03-15")).unwrap();
    assert!(again.created.is_empty(), "{:?}", again.created);
    assert!(again.skipped.is_empty(), "{:?}", again.skipped);
    assert_eq!(again.existing.len(), 5);

    conn.batch_execute(
        "INSERT INTO ev VALUES (1, '2026-02-10 12:00+00'), (2, '2026-05-31 23:00+00'), (3, '2026-03-01 00:00+00')",
    )
    .unwrap();
    let placed: Vec<Placed> =
        diesel::sql_query("SELECT CAST(tableoid::regclass AS text) AS partition FROM ev ORDER BY id")
            .load(&mut conn)
            .unwrap();
    let placed: Vec<&str> = placed.iter().map(|p| p.partition.as_str()).collect();
    assert_eq!(placed, ["ev_2026_02", "ev_2026_05", "ev_2026_03"]);
}

#[test]
fn partitions_ensure_dry_run_creates_nothing_and_later_days_only_add_the_new_month() {
    let db = TestDb::postgres().unwrap();
    let _conn = events_table(&db);
    let mut retort_db = Database::connect(db.url()).unwrap();
    let mut dry = ensure_options("2026-01-20");
    dry.dry_run = true;
    let report = inspect::ensure_partitions(&mut retort_db, &dry).unwrap();
    assert_eq!(report.created.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["ev_2026_02", "ev_2026_03"]);
    assert!(report.script.contains("SET LOCAL lock_timeout"), "{}", report.script);
    let report = inspect::ensure_partitions(&mut retort_db, &dry).unwrap();
    assert_eq!(report.created.len(), 2, "a dry run created something");

    inspect::ensure_partitions(&mut retort_db, &ensure_options("2026-01-20")).unwrap();
    let next_month = inspect::ensure_partitions(&mut retort_db, &ensure_options("2026-02-03")).unwrap();
    assert_eq!(next_month.created.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["ev_2026_04"]);
}

#[test]
fn partitions_ensure_refuses_tables_it_cannot_extend() {
    let db = TestDb::postgres().unwrap();
    let mut conn = PgConnection::establish(db.url()).unwrap();
    conn.batch_execute(
        "CREATE TABLE plain (id bigint); \
         CREATE TABLE by_region (region text NOT NULL) PARTITION BY LIST (region); \
         CREATE TABLE by_number (n bigint NOT NULL) PARTITION BY RANGE (n)",
    )
    .unwrap();
    let mut retort_db = Database::connect(db.url()).unwrap();
    for (table, expected) in [
        ("plain", "not a partitioned table"),
        ("by_region", "list-partitioned"),
        ("by_number", "not a date or timestamp"),
        ("missing", "does not exist"),
    ] {
        let options = EnsureOptions::new(table, Interval::Month, 1);
        let err = inspect::ensure_partitions(&mut retort_db, &options).unwrap_err();
        assert!(matches!(err, InspectError::Refused { .. }), "{table}: {err:?}");
        assert!(err.to_string().contains(expected), "{table}: {err}");
        assert!(err.is_usage_error());
    }
    let sqlite = TestDb::sqlite().unwrap();
    let err = inspect::ensure_partitions(
        &mut Database::connect(sqlite.url()).unwrap(),
        &EnsureOptions::new("ev", Interval::Month, 1),
    )
    .unwrap_err();
    assert!(matches!(err, InspectError::Unsupported { .. }), "{err:?}");
}
