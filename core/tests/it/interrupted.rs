//! A journaled (`transaction: none`) revision whose migrator died with a statement in flight: the
//! server may have committed it without its journal entry. Statements that can share a
//! transaction commit with their entry; `CONCURRENTLY` steps cannot, so the rerun finds out what
//! the earlier run left. The SIGKILL fault-injection test (example-app/tests/cli/faults.rs) hits
//! these windows at random; these tests set each state up exactly.

use std::thread;
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};
use retort::ops::{DetachPartition, Execute, Op, TransactionMode};
use retort::runner::{Database, Migrator, Observer, Settings};
use retort::{Registry, Revision};
use retort_tests::TestDb;

fn rev(id: &str, parents: &[&str], up: Vec<Op>, transaction: TransactionMode) -> &'static Revision {
    Box::leak(Box::new(Revision::from_ops(id, parents, transaction, &up, Some(&[]))))
}

#[derive(Default)]
struct Notices(Vec<String>);

impl Observer for Notices {
    fn notice(&mut self, message: &str) {
        self.0.push(message.to_string());
    }
}

/// `events` partitioned by month, two partitions; revision `d1` detaches the first concurrently,
/// `d2` the second.
fn chain() -> Migrator {
    let setup = rev(
        "a1",
        &[],
        vec![Op::Execute(Execute::new(
            "CREATE TABLE events (id INTEGER NOT NULL, at DATE NOT NULL) PARTITION BY RANGE (at); \
             CREATE TABLE events_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01'); \
             CREATE TABLE events_02 PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
        ))],
        TransactionMode::PerMigration,
    );
    let detach = |id: &str, parent: &str, partition: &str| {
        rev(
            id,
            &[parent],
            vec![Op::DetachPartition(DetachPartition::new("events", partition).concurrently())],
            TransactionMode::None,
        )
    };
    let revs = vec![setup, detach("d1", "a1", "events_01"), detach("d2", "d1", "events_02")];
    Migrator::new(&Registry::from_revisions(revs).unwrap(), Settings::default()).unwrap()
}

/// What a migrator killed inside `revision`'s first statement leaves in the history table: the
/// row it writes before the statement, with no outcome; `marked`: as a later run that was killed
/// too left it, having marked it interrupted.
fn interrupted_row(conn: &mut Database, revision: &str, marked: bool) {
    let (success, error) = if marked { ("FALSE", "'interrupted: the run stopped'") } else { ("NULL", "NULL") };
    conn.batch_execute(&format!(
        "INSERT INTO retort_history (revision, direction, transaction_mode, started_at, success, error) \
         VALUES ('{revision}', 'up', 'none', now(), {success}, {error})"
    ))
    .unwrap();
}

#[derive(diesel::QueryableByName)]
struct Label {
    #[diesel(sql_type = diesel::sql_types::Text)]
    label: String,
}

/// Where the partition stands: `pending`, `attached`, or `detached`.
fn state(url: &str, partition: &str) -> String {
    let mut pg = PgConnection::establish(url).unwrap();
    let rows: Vec<Label> = diesel::sql_query(format!(
        "SELECT CASE WHEN inhdetachpending THEN 'pending' ELSE 'attached' END AS label \
         FROM pg_inherits WHERE inhrelid = '{partition}'::regclass"
    ))
    .load(&mut pg)
    .unwrap();
    rows.into_iter().next().map_or_else(|| "detached".to_string(), |r| r.label)
}

#[test]
fn a_detach_the_killed_run_completed_is_recorded_not_run_again() {
    let db = TestDb::postgres().unwrap();
    let m = chain();
    let mut conn = Database::connect(db.url()).unwrap();
    m.upgrade(&mut conn, "a1", &mut Notices::default()).unwrap();

    // The killed migrator's DETACH committed; its journal entry never did.
    conn.batch_execute("ALTER TABLE events DETACH PARTITION events_01 CONCURRENTLY").unwrap();
    interrupted_row(&mut conn, "d1", true);

    let mut notices = Notices::default();
    m.upgrade(&mut conn, "d1", &mut notices).unwrap();
    assert_eq!(m.current(&mut conn).unwrap(), ["d1"]);
    assert!(notices.0.iter().any(|n| n.contains("events_01 was detached by the earlier run")), "{:?}", notices.0);
    assert_eq!(state(db.url(), "events_01"), "detached");
}

#[test]
fn a_detach_the_killed_run_left_pending_is_finalized() {
    let db = TestDb::postgres().unwrap();
    let m = chain();
    let mut conn = Database::connect(db.url()).unwrap();
    m.upgrade(&mut conn, "d1", &mut Notices::default()).unwrap();

    // DETACH .. CONCURRENTLY commits its first transaction, then waits for older snapshots; the
    // session ended there leaves the partition pending detach.
    let mut old = Database::connect(db.url()).unwrap();
    old.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM events").unwrap();
    let url = db.url().to_string();
    let detacher = thread::spawn(move || {
        let mut conn = Database::connect(&url).unwrap();
        conn.batch_execute("SET application_name = 'killed_detach'").unwrap();
        conn.batch_execute("ALTER TABLE events DETACH PARTITION events_02 CONCURRENTLY")
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut admin = Database::connect(db.url()).unwrap();
    loop {
        assert!(Instant::now() < deadline, "the detach never started waiting");
        if state(db.url(), "events_02") == "pending" {
            break;
        }
        thread::sleep(Duration::from_millis(20));
    }
    admin
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'killed_detach'",
        )
        .unwrap();
    assert!(detacher.join().unwrap().is_err(), "the detach was ended");
    old.batch_execute("COMMIT").unwrap();
    assert_eq!(state(db.url(), "events_02"), "pending");
    interrupted_row(&mut conn, "d2", false);

    let mut notices = Notices::default();
    m.upgrade(&mut conn, "d2", &mut notices).unwrap();
    assert_eq!(m.current(&mut conn).unwrap(), ["d2"]);
    assert!(notices.0.iter().any(|n| n.contains("pending detach")), "{:?}", notices.0);
    assert_eq!(state(db.url(), "events_02"), "detached");
}

#[test]
fn a_partition_detached_behind_the_chain_s_back_is_still_an_error() {
    // No interrupted run: the chain and the database disagree, and the rerun must not hide it.
    let db = TestDb::postgres().unwrap();
    let m = chain();
    let mut conn = Database::connect(db.url()).unwrap();
    m.upgrade(&mut conn, "a1", &mut Notices::default()).unwrap();
    conn.batch_execute("ALTER TABLE events DETACH PARTITION events_01").unwrap();
    let err = m.upgrade(&mut conn, "d1", &mut Notices::default()).unwrap_err();
    assert!(err.to_string().contains("is not a partition"), "{err}");
    assert_eq!(m.current(&mut conn).unwrap(), ["a1"]);
}
