//! Batched backfills against real databases: every row exactly once, progress, resume by key.

use retort::ops::{Backfill, Op, TransactionMode};
use retort::runner::{CheckOptions, Database, LockAttempt, Migrator, NoopObserver, Observer, RunError, Settings};
use retort::{Registry, Revision};
use retort_tests::TestDb;

/// A `transaction: none` revision holding `up`, leaked for the registry's `&'static`.
fn rev(id: &str, up: Vec<Op>) -> &'static Revision {
    Box::leak(Box::new(Revision::from_ops(id, &[], TransactionMode::None, &up, Some(&[]))))
}

/// `check` without the schema comparison: `items` is made by hand, so the chain does not build
/// from an empty database.
fn bookkeeping_only() -> CheckOptions {
    CheckOptions::default().skip_drift(true)
}

fn migrator(up: Vec<Op>) -> Migrator {
    Migrator::new(&Registry::from_revisions(vec![rev("bf1", up)]).unwrap(), Settings::default()).unwrap()
}

/// `items(id, v, updated_times)` with ids 1..=n; `extra` is appended to the table's elements.
fn items(conn: &mut Database, n: u32, extra: &str) {
    conn.batch_execute(&format!(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER, updated_times INTEGER NOT NULL DEFAULT 0{extra})"
    ))
    .unwrap();
    let ids: Vec<u32> = (1..=n).collect();
    for chunk in ids.chunks(500) {
        let values: Vec<String> = chunk.iter().map(|i| format!("({i})")).collect();
        conn.batch_execute(&format!("INSERT INTO items (id) VALUES {}", values.join(", "))).unwrap();
    }
}

/// Whether `condition` (SQL) holds: inserting NULL into a NOT NULL column fails when it does not.
fn holds(conn: &mut Database, condition: &str) -> bool {
    conn.batch_execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER NOT NULL)").unwrap();
    conn.batch_execute(&format!("INSERT INTO probe (n) SELECT CASE WHEN {condition} THEN 1 END")).is_ok()
}

fn backfill_op(batch_size: u32, target_ms: u32) -> Op {
    Op::Backfill(
        Backfill::new("items")
            .set("v", "id")
            .set("updated_times", "updated_times + 1")
            .batch_size(batch_size)
            .target_batch_ms(target_ms),
    )
}

/// Records progress and notices.
#[derive(Default)]
struct Progress {
    reports: Vec<(u64, Option<u64>)>,
    notices: Vec<String>,
}

impl Observer for Progress {
    fn progress(&mut self, done: u64, total: Option<u64>) {
        self.reports.push((done, total));
    }
    fn notice(&mut self, message: &str) {
        self.notices.push(message.to_string());
    }
}

#[test]
fn backfill_in_small_batches_updates_every_row_exactly_once_and_reports_progress() {
    for db in [TestDb::postgres().unwrap(), TestDb::sqlite().unwrap(), TestDb::mysql().unwrap()] {
        let mut conn = Database::connect(db.url()).unwrap();
        items(&mut conn, 3000, "");
        assert!(!holds(&mut conn, "1 = 0"), "{db:?}: the probe must tell a false condition");
        let m = migrator(vec![backfill_op(50, 200)]);
        let mut progress = Progress::default();
        m.upgrade(&mut conn, "head", &mut progress).unwrap();
        assert!(holds(&mut conn, "NOT EXISTS (SELECT 1 FROM items WHERE updated_times <> 1 OR v <> id OR v IS NULL)"));
        assert!(progress.reports.len() > 1, "{db:?}: {:?}", progress.reports);
        assert_eq!(progress.reports.last(), Some(&(3000, Some(3000))), "{db:?}");
        assert!(progress.reports.windows(2).all(|w| w[0].0 <= w[1].0), "{:?}", progress.reports);
        assert!(m.check_with(&mut conn, &bookkeeping_only()).unwrap().is_clean(), "{db:?}");
    }
}

#[test]
fn backfill_failing_midway_resumes_after_the_last_committed_key() {
    for db in [TestDb::postgres().unwrap(), TestDb::mysql().unwrap()] {
        let mut conn = Database::connect(db.url()).unwrap();
        // The batch holding id 1550 fails; the batches up to key 1500 committed.
        items(&mut conn, 2000, ", CONSTRAINT ck_v CHECK (v IS NULL OR v <> 1550)");
        // A constant batch size (no target) makes the batch boundaries known.
        let m = migrator(vec![backfill_op(100, 0)]);
        let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
        assert!(matches!(err, RunError::Migration { .. }), "{db:?}: {err:?}");
        assert!(holds(&mut conn, "(SELECT COUNT(*) FROM items WHERE updated_times = 1) = 1500"), "{db:?}");
        assert!(holds(&mut conn, "(SELECT MAX(id) FROM items WHERE updated_times = 1) = 1500"), "{db:?}");
        assert_eq!(m.check_with(&mut conn, &bookkeeping_only()).unwrap().incomplete, ["bf1"], "{db:?}");

        conn.batch_execute("ALTER TABLE items DROP CONSTRAINT ck_v").unwrap();
        let mut progress = Progress::default();
        m.upgrade(&mut conn, "head", &mut progress).unwrap();
        assert!(
            progress.notices.iter().any(|n| n.contains("resuming the backfill of items after key 1500")),
            "{db:?}: {:?}",
            progress.notices
        );
        // Rows before the key were not updated a second time.
        assert!(holds(&mut conn, "NOT EXISTS (SELECT 1 FROM items WHERE updated_times <> 1 OR v <> id)"), "{db:?}");
        assert_eq!(m.current(&mut conn).unwrap(), ["bf1"], "{db:?}");
        assert!(m.check_with(&mut conn, &bookkeeping_only()).unwrap().is_clean(), "{db:?}");
    }
}

#[test]
fn a_batch_blocked_by_a_row_lock_is_retried_smaller_and_the_history_counts_the_retries() {
    let db = TestDb::postgres().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    items(&mut conn, 2000, "");
    // Another session updates row 1234 and keeps its transaction open for a while: the batch
    // holding that row waits for it, times out, and is tried again until the session commits.
    let mut holder = Database::connect(db.url()).unwrap();
    holder.batch_execute("BEGIN; UPDATE items SET v = -1 WHERE id = 1234").unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1200));
        holder.batch_execute("COMMIT").unwrap();
    });
    let settings = Settings { lock_retries: vec![LockAttempt::ms(100, 100); 40], ..Settings::default() };
    let revisions = Registry::from_revisions(vec![rev("bf1", vec![backfill_op(500, 0)])]).unwrap();
    let m = Migrator::new(&revisions, settings).unwrap();
    let mut progress = Progress::default();
    m.upgrade(&mut conn, "head", &mut progress).unwrap();
    releaser.join().unwrap();

    // Every row once, the held row included (its v is overwritten by the backfill after the commit).
    assert!(holds(&mut conn, "NOT EXISTS (SELECT 1 FROM items WHERE updated_times <> 1 OR v <> id)"));
    let last = m.history(&mut conn).unwrap().pop().unwrap();
    assert_eq!(last.success, Some(true), "{last:?}");
    assert!(last.retries >= 3, "{last:?}");
    assert!(
        progress.notices.iter().any(|n| n.starts_with("lock_timeout (100ms) on items in bf1, retry 1/")),
        "{:?}",
        progress.notices
    );
}
