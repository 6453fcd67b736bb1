//! One migrator per database: the lock held around planning and execution.
//!
//! - PostgreSQL: a session-level advisory lock on the session that does the work, taken with the
//!   non-blocking `pg_try_advisory_lock` and polled until the configured wait. It must live on the
//!   working session: the server releases a session's locks only when that backend ends, and a
//!   backend whose client was killed still finishes (and may commit) the batch it was sent. A lock
//!   on a session of its own would be released at the kill while the batch runs on, and an
//!   immediate rerun would plan from the old state and apply the revision again. For the same
//!   reason, a lost lock is a lost session: every later statement of the run fails, so nothing
//!   more can commit. Waiting migrators poll with short autocommit statements: a waiter blocked in
//!   `pg_advisory_lock` inside a transaction would hold a snapshot that the holder's
//!   `CREATE INDEX CONCURRENTLY` waits for (a deadlock), a poll holds one for microseconds.
//! - MySQL/MariaDB: `GET_LOCK` on the migrating session, polled the same way. The lock belongs to
//!   the session, so the implicit commits of DDL do not release it.
//! - SQLite: the database's write lock, `BEGIN IMMEDIATE`, waited for with `busy_timeout`. The run
//!   then happens inside that transaction, each revision in a savepoint. When the run rebuilds
//!   tables, foreign-key enforcement is turned off before the transaction (it cannot change
//!   inside one; dropping a referenced table with it on would delete through `ON DELETE CASCADE`)
//!   and `foreign_key_check` must find nothing before the commit, SQLite's documented procedure.
//!
//! The key is derived from the (schema-qualified) version table name, so two apps sharing a
//! database with different version tables do not serialize each other.

// A build without some backends leaves their arms, and what only they use, out.
#![cfg_attr(not(all(feature = "postgres", feature = "mysql", feature = "sqlite")), allow(dead_code, unused_variables))]

use std::ops::{Deref, DerefMut};
use std::thread;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::connection::{Conn, Database};
use super::sql::Tables;
use super::RunError;

/// The held lock. Released (and on SQLite committed or rolled back) by [`LockGuard::release`],
/// or on drop when a run ends early, by error or panic.
pub(crate) struct LockGuard<'db> {
    db: &'db mut Database,
    held: Held,
}

enum Held {
    /// The session-level advisory lock of the working session.
    Postgres {
        key: i64,
    },
    Mysql {
        name: String,
    },
    /// The run's write transaction is open; `restore_foreign_keys` when enforcement was turned
    /// off for the run and must be checked and turned back on.
    Sqlite {
        restore_foreign_keys: bool,
    },
    Released,
}

/// The 64-bit advisory lock key for a version table.
pub(crate) fn lock_key(lock_name: &str) -> i64 {
    let digest = Sha256::digest(format!("retort:{lock_name}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(bytes)
}

/// Takes the migration lock, waiting at most `wait`. `sqlite_rebuilds`: the run rebuilds SQLite
/// tables, so foreign-key enforcement goes off for it.
pub(crate) fn acquire<'db>(
    db: &'db mut Database,
    t: &Tables,
    wait: Duration,
    sqlite_rebuilds: bool,
) -> Result<LockGuard<'db>, RunError> {
    let started = Instant::now();
    let key = lock_key(&t.lock_name());
    let held = match &db.conn {
        #[cfg(feature = "postgres")]
        Conn::Postgres(_) => {
            let query = format!("SELECT CAST(pg_try_advisory_lock({key}) AS TEXT) AS c0");
            poll(db, &query, "true", wait, started)?;
            Held::Postgres { key }
        }
        #[cfg(feature = "mysql")]
        Conn::Mysql(_) => {
            // GET_LOCK names are at most 64 characters.
            let name = format!("retort_{:016x}", key);
            let query = format!("SELECT CAST(GET_LOCK('{name}', 0) AS CHAR) AS c0");
            poll(db, &query, "1", wait, started)?;
            Held::Mysql { name }
        }
        #[cfg(feature = "sqlite")]
        Conn::Sqlite(_) => {
            let ms = wait.as_millis().min(i32::MAX as u128);
            db.batch_execute(&format!("PRAGMA busy_timeout = {ms}"))
                .map_err(|e| db.error("setting the SQLite busy timeout", &e))?;
            let mut restore_foreign_keys = false;
            if sqlite_rebuilds {
                let on = db
                    .query::<1>("SELECT CAST(foreign_keys AS TEXT) AS c0 FROM pragma_foreign_keys")
                    .map_err(|e| db.error("reading PRAGMA foreign_keys", &e))?;
                if on.first().and_then(|[v]| v.as_deref()) == Some("1") {
                    db.batch_execute("PRAGMA foreign_keys = OFF")
                        .map_err(|e| db.error("turning foreign keys off for the table rebuilds", &e))?;
                    restore_foreign_keys = true;
                }
            }
            match db.batch_execute("BEGIN IMMEDIATE") {
                Ok(()) => Held::Sqlite { restore_foreign_keys },
                Err(e) => {
                    if restore_foreign_keys {
                        let _ = db.batch_execute("PRAGMA foreign_keys = ON");
                    }
                    return Err(if is_busy(&e) {
                        RunError::LockTimeout { url: db.display_url().into(), waited: started.elapsed() }
                    } else {
                        db.error("taking the SQLite write lock", &e)
                    });
                }
            }
        }
    };
    Ok(LockGuard { db, held })
}

fn is_busy(e: &diesel::result::Error) -> bool {
    let text = super::connection::error_message(e);
    text.contains("database is locked") || text.contains("database table is locked") || text.contains("busy")
}

/// Runs `query` until it returns `expected`, sleeping between tries, for at most `wait`.
fn poll(db: &mut Database, query: &str, expected: &str, wait: Duration, started: Instant) -> Result<(), RunError> {
    let mut pause = Duration::from_millis(10);
    loop {
        let rows = db.query::<1>(query).map_err(|e| db.error("taking the migration lock", &e))?;
        if rows.first().and_then(|[v]| v.as_deref()) == Some(expected) {
            return Ok(());
        }
        let waited = started.elapsed();
        if waited >= wait {
            return Err(RunError::LockTimeout { url: db.display_url().into(), waited });
        }
        thread::sleep(pause.min(wait - waited));
        pause = (pause * 2).min(Duration::from_millis(200));
    }
}

impl LockGuard<'_> {
    /// Releases the lock. On SQLite this ends the run's transaction: `commit` keeps what the
    /// run did (every finished revision and the failure rows), otherwise it is rolled back.
    pub fn release(mut self, commit: bool) -> Result<(), RunError> {
        self.release_inner(commit)
    }

    fn release_inner(&mut self, commit: bool) -> Result<(), RunError> {
        match std::mem::replace(&mut self.held, Held::Released) {
            Held::Postgres { key } => self
                .db
                .batch_execute(&format!("SELECT pg_advisory_unlock({key})"))
                .map_err(|e| self.db.error("releasing the migration lock", &e)),
            Held::Mysql { name } => self
                .db
                .batch_execute(&format!("DO RELEASE_LOCK('{name}')"))
                .map_err(|e| self.db.error("releasing the migration lock", &e)),
            Held::Sqlite { restore_foreign_keys } => {
                let result = self.end_sqlite_run(commit, restore_foreign_keys);
                if restore_foreign_keys {
                    let _ = self.db.batch_execute("PRAGMA foreign_keys = ON");
                }
                result
            }
            Held::Released => Ok(()),
        }
    }
}

impl LockGuard<'_> {
    /// Commits (after the foreign-key check the rebuilds call for) or rolls back the run.
    fn end_sqlite_run(&mut self, commit: bool, check_foreign_keys: bool) -> Result<(), RunError> {
        let db = &mut *self.db;
        if commit && check_foreign_keys {
            let violations = db
                .query::<1>("SELECT DISTINCT \"table\" AS c0 FROM pragma_foreign_key_check ORDER BY 1")
                .map_err(|e| db.error("checking foreign keys", &e))?;
            if !violations.is_empty() {
                let _ = db.batch_execute("ROLLBACK");
                return Err(RunError::ForeignKeyViolation {
                    tables: violations.into_iter().filter_map(|[t]| t).collect(),
                });
            }
        }
        let end = if commit { "COMMIT" } else { "ROLLBACK" };
        db.batch_execute(end).map_err(|e| db.error("ending the migration transaction", &e))
    }
}

impl Deref for LockGuard<'_> {
    type Target = Database;
    fn deref(&self) -> &Database {
        self.db
    }
}

impl DerefMut for LockGuard<'_> {
    fn deref_mut(&mut self) -> &mut Database {
        self.db
    }
}

impl Drop for LockGuard<'_> {
    fn drop(&mut self) {
        // An early exit: roll back SQLite's half-done run, release the others. Errors cannot be
        // reported from here; a lost session releases its locks on the server anyway.
        let _ = self.release_inner(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_key_depends_on_the_qualified_table_name() {
        assert_eq!(lock_key("retort_version"), lock_key("retort_version"));
        assert_ne!(lock_key("retort_version"), lock_key("ops.retort_version"));
    }
}
