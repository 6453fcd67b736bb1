//! The history table's account of runs that did not end well: a failure the history cannot
//! record is reported on every path, and targets that would be misreported are refused.

use retort::ops::{Execute, Op, TransactionMode};
use retort::runner::{Database, Migrator, NoopObserver, Observer, Settings};
use retort::{Registry, Revision};
use retort_tests::TestDb;

fn rev(id: &str, parents: &[&str], up: &str, transaction: TransactionMode) -> &'static Revision {
    let up = [Op::Execute(Execute::new(up))];
    Box::leak(Box::new(Revision::from_ops(id, parents, transaction, &up, Some(&[]))))
}

#[derive(Default)]
struct Notices(Vec<String>);

impl Observer for Notices {
    fn notice(&mut self, message: &str) {
        self.0.push(message.to_string());
    }
}

#[test]
fn a_failed_row_the_journaled_path_cannot_write_is_reported() {
    let cases = [
        (TestDb::postgres().unwrap(), "ALTER TABLE retort_history RENAME TO retort_history_gone"),
        (TestDb::mysql().unwrap(), "RENAME TABLE retort_history TO retort_history_gone"),
    ];
    for (db, hide_history) in cases {
        let revs = vec![
            rev("a1", &[], "CREATE TABLE t_a (id INTEGER)", TransactionMode::PerMigration),
            // Its statement succeeds, but takes the history table away: the journal entry after
            // it fails, and so does the failed row.
            rev("b2", &["a1"], hide_history, TransactionMode::None),
        ];
        let m = Migrator::new(&Registry::from_revisions(revs).unwrap(), Settings::default()).unwrap();
        let mut conn = Database::connect(db.url()).unwrap();
        let mut notices = Notices::default();
        let err = m.upgrade(&mut conn, "head", &mut notices).unwrap_err();
        assert!(err.to_string().contains("b2"), "{err}");
        assert!(
            notices
                .0
                .iter()
                .any(|n| n.starts_with("could not record the failure of revision b2 in the history table: ")),
            "{:?}: {:?}",
            db.dialect(),
            notices.0
        );
    }
}

#[test]
fn upgrade_base_is_refused_before_anything_is_written() {
    let db = TestDb::postgres().unwrap();
    let revs = vec![rev("a1", &[], "CREATE TABLE t_a (id INTEGER)", TransactionMode::PerMigration)];
    let m = Migrator::new(&Registry::from_revisions(revs).unwrap(), Settings::default()).unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    let err = m.upgrade(&mut conn, "base", &mut NoopObserver).unwrap_err();
    assert!(err.is_usage_error(), "{err:?}");
    assert!(err.to_string().contains("downgrade base"), "{err}");
    assert!(conn.batch_execute("SELECT 1 FROM retort_version").is_err(), "no table was created");

    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
    let err = m.upgrade(&mut conn, "BASE", &mut NoopObserver).unwrap_err();
    assert!(err.is_usage_error(), "{err:?}");
    assert_eq!(m.current(&mut conn).unwrap(), ["a1"]);
}
