//! Concurrent and interrupted migrators on real PostgreSQL: many `migrate` processes racing on one
//! fresh database, and a migrator killed with SIGKILL midway, then run again.

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use retort_tests::TestDb;

use crate::support::{head, history, ids, json, ok, Migrate, Run};

/// One row of `retort_history`, as far as these tests care.
#[derive(QueryableByName, Debug)]
struct HistoryRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    revision: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    direction: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Bool>)]
    success: Option<bool>,
}

/// Every row of the history table, in the order the steps ran; empty while the table does not
/// exist yet (the first migrator creates it).
fn history_rows(conn: &mut PgConnection) -> Vec<HistoryRow> {
    diesel::sql_query("SELECT revision, direction, success FROM retort_history ORDER BY id")
        .load(conn)
        .unwrap_or_default()
}

/// A working directory whose `retort.toml` lets a migrator wait for the lock far longer than the
/// default 60 s: on a loaded machine the lock holder's whole run can take longer than that.
fn patient_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("retort.toml"), "lock_wait_ms = 600000\n").unwrap();
    dir
}

/// `migrate --database-url URL upgrade head ARGS..`, started in `dir`, output captured.
fn spawn_upgrade(url: &str, dir: &Path, args: &[&str]) -> Child {
    let (mut cmd, _cwd) = Migrate::db(url).in_dir(dir).args(["upgrade", "head"]).args(args).command();
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

#[test]
fn sixteen_processes_upgrading_one_database_each_apply_every_revision_once() {
    let db = TestDb::postgres().unwrap();
    let url = db.url();
    let all = history();
    let dir = patient_dir();

    let children: Vec<Child> = (0..16).map(|_| spawn_upgrade(url, dir.path(), &["--format", "json"])).collect();
    let runs: Vec<Run> = children.into_iter().map(|c| Run::from(c.wait_with_output().unwrap())).collect();

    // Every process exits 0, and between them they applied each revision exactly once.
    let mut applied: BTreeMap<String, usize> = BTreeMap::new();
    for run in runs {
        let report = run.ok().json();
        for id in ids(&report["steps"]) {
            *applied.entry(id).or_default() += 1;
        }
    }
    let expected: BTreeMap<String, usize> = all.iter().map(|id| (id.clone(), 1)).collect();
    assert_eq!(applied, expected, "revisions applied by the 16 processes together");

    // The history table agrees: one successful `up` row per revision, nothing else.
    let mut conn = PgConnection::establish(url).unwrap();
    let rows = history_rows(&mut conn);
    assert_eq!(rows.len(), all.len(), "{rows:#?}");
    for row in &rows {
        assert_eq!((row.direction.as_str(), row.success), ("up", Some(true)), "{row:?}");
    }
    let recorded: BTreeMap<String, usize> = rows.iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(r.revision.clone()).or_default() += 1;
        m
    });
    assert_eq!(recorded, expected, "successful `up` rows per revision");
    drop(conn);

    let current = json(url, &["current"]);
    assert_eq!(ids(&current["current"]), [head()]);
    assert_eq!(current["at_heads"], true);
}

/// Starts `upgrade head` and SIGKILLs it once the history table shows it a few revisions in.
/// `true` when the kill landed mid-run: the process died of the signal with revisions pending.
fn kill_midway(url: &str, dir: &Path, total: usize) -> bool {
    let mut conn = PgConnection::establish(url).unwrap();
    let mut child = spawn_upgrade(url, dir, &[]);
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            break;
        }
        // A few revisions in, or inside a `transaction: none` revision (its row is written, unfinished,
        // before its first statement): either leaves work for the rerun.
        let rows = history_rows(&mut conn);
        if rows.iter().filter(|r| r.success == Some(true)).count() >= 3 || rows.iter().any(|r| r.success.is_none()) {
            break;
        }
        thread::sleep(Duration::from_millis(2));
    }
    // Not yet reaped, it can be signalled even if it exited meanwhile: a zombie takes it harmlessly.
    if child.try_wait().unwrap().is_none() {
        child.kill().unwrap();
    }
    let status = child.wait_with_output().unwrap().status;
    let applied = history_rows(&mut conn).iter().filter(|r| r.direction == "up" && r.success == Some(true)).count();
    status.signal() == Some(9) && applied < total
}

#[test]
fn killed_migrator_converges_to_head_on_rerun() {
    let total = history().len();
    let dir = patient_dir();
    // The kill races the migrator: on the rare attempt where the whole run beats the poll, start
    // over on a fresh database.
    for _ in 0..5 {
        let db = TestDb::postgres().unwrap();
        let url = db.url();
        if !kill_midway(url, dir.path(), total) {
            continue;
        }
        // The killed session's advisory lock goes with it; the rerun waits for the server to
        // notice, resumes or restarts what was interrupted, and finishes.
        let (mut cmd, _cwd) = Migrate::db(url).in_dir(dir.path()).args(["upgrade", "head"]).command();
        Run::from(cmd.output().unwrap()).ok();
        let current = json(url, &["current"]);
        assert_eq!(ids(&current["current"]), [head()]);
        assert_eq!(current["at_heads"], true);
        ok(url, &["check"]);
        return;
    }
    panic!("the migrator finished before it could be killed, 5 times in a row");
}
