//! Sessions that hold a lock on the table for a while, as a long transaction of the application
//! would: what a migration has to get past without stalling everyone else.

use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{OnlineError, Session};

/// `application_name` of blocking sessions.
pub const BLOCKER_APP: &str = "online_blocker";

/// A session with an open transaction that holds a lock on a table. It ends the transaction
/// when its time is up, when released, or when dropped.
pub struct Blocker {
    pid: i32,
    release: Option<Sender<()>>,
    thread: Option<JoinHandle<Result<Instant, OnlineError>>>,
}

impl Blocker {
    /// A transaction that read `table` and stays open for `hold`: it holds ACCESS SHARE, which
    /// lets every other client read and write but makes `ALTER TABLE` (ACCESS EXCLUSIVE) wait,
    /// and every statement queued behind that `ALTER` wait too. Returns once the lock is held.
    pub fn reader(url: &str, table: &str, hold: Duration) -> Result<Blocker, OnlineError> {
        Blocker::start(url, &format!("BEGIN; SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT 1) AS t"), hold)
    }

    /// A transaction that updated one row of `table` and stays open for `hold`: an older writer,
    /// which `CREATE INDEX CONCURRENTLY` waits for before it builds (phase "waiting for writers
    /// before build"), after it has already created the index as INVALID.
    pub fn writer(url: &str, table: &str, hold: Duration) -> Result<Blocker, OnlineError> {
        Blocker::start(url, &format!("BEGIN; UPDATE {table} SET hits = hits + 1 WHERE id = 1"), hold)
    }

    fn start(url: &str, begin: &str, hold: Duration) -> Result<Blocker, OnlineError> {
        let mut session = Session::connect(url, BLOCKER_APP)?;
        session.execute(begin)?;
        let pid = session.pid();
        let (tx, rx) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            // The time running out, a message and a dropped sender all mean "end it now".
            let _ = rx.recv_timeout(hold);
            session.execute("COMMIT")?;
            Ok(Instant::now())
        });
        Ok(Blocker { pid, release: Some(tx), thread: Some(thread) })
    }

    /// The blocking session's backend pid: what a lock-timeout message should name.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Ends the transaction now (if its time is not up already); returns when it ended.
    pub fn release(mut self) -> Result<Instant, OnlineError> {
        if let Some(tx) = self.release.take() {
            // The thread may have ended on its own: then there is no one to tell.
            let _ = tx.send(());
        }
        self.join()
    }

    /// Waits until the hold runs out; returns when the transaction ended.
    pub fn wait(mut self) -> Result<Instant, OnlineError> {
        self.join()
    }

    fn join(&mut self) -> Result<Instant, OnlineError> {
        match self.thread.take() {
            Some(handle) => handle.join().map_err(|_| OnlineError::ThreadPanicked)?,
            None => Ok(Instant::now()),
        }
    }
}

impl Drop for Blocker {
    fn drop(&mut self) {
        self.release.take();
        let _ = self.join();
    }
}
