//! The watchdog: a thread beside each server connection that notices a call which no longer
//! gets an answer, and samples who blocks a statement waiting for a lock.
//!
//! A blocking libpq or libmysqlclient read cannot be interrupted from another thread without
//! `unsafe` (the socket is the driver's), and TCP keepalives do not help when the peer (a proxy,
//! a stopped process) still acknowledges packets. So the watchdog asks the server instead: when
//! a call has run for [`Timeouts::stall`], it opens a second, short-lived connection (bounded by
//! [`Timeouts::connect`]) and reads what our session (its id read at connect) is doing:
//!
//! - working or waiting on the server: the run goes on; the watchdog reports what the session
//!   waits for and who blocks it (`pg_blocking_pids`), and checks again after each `stall`;
//! - idle for a while although we are waiting for its answer (the answer was lost on the way, a
//!   proxy stopped forwarding), or gone: the watchdog ends our session on the server (which
//!   rolls back its open transaction and, with the lock on that session, releases the migration
//!   lock) and gives its verdict;
//! - no answer within `connect`: the server (or the network to it) is stalled: verdict.
//!
//! A verdict is logged, handed to [`StallHooks::fatal`] (the CLI prints it and exits 1, since the
//! stuck call may never return) and returned by every later call of the connection; when the
//! stuck call does return (the OS gave up on the socket: keepalives, `tcp_user_timeout`), its
//! error is replaced by the verdict.
//!
//! Lock waits: a statement that may wait for a lock up to `t` is marked by the runner; when it
//! has run for `t / 4` the watchdog reads its blockers (from a second connection, as above)
//! until it finds some or `t` is over, so that a lock-timeout notice names the sessions that
//! really blocked it, never one queued behind it.

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::connection::Database;
use super::error::{one_line, Blocker};
use super::retry::blocker_from_row;
use super::sql;
use super::timeouts::Timeouts;
use crate::backend::Dialect;
use crate::human::duration;

/// What the watchdog tells the embedding program, from its own thread.
#[derive(Debug, Clone, Copy)]
pub struct StallHooks {
    /// A call has run for a while and our session is alive: what it waits for.
    pub report: fn(&str),
    /// The run cannot go on: the server does not answer, or our session is gone. The stuck call
    /// may never return; a program that can should exit (the CLI prints the message and exits 1).
    pub fatal: fn(&str),
}

/// The default hooks: log only (`tracing`). The watchdog itself does not log, so that a program
/// printing the hooks' messages does not show each twice beside its logs.
impl Default for StallHooks {
    fn default() -> Self {
        StallHooks { report: |message| tracing::warn!("{message}"), fatal: |message| tracing::error!("{message}") }
    }
}

/// Where the watchdog reaches the server from: the connection's URL and its session id.
pub(crate) struct Probe {
    pub url: String,
    pub display_url: String,
    pub dialect: Dialect,
    pub session: i64,
    pub timeouts: Timeouts,
}

/// The watchdog of one connection; stops its thread when dropped.
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

#[derive(Default)]
struct State {
    /// The call in progress.
    call: Option<Call>,
    next_call: u64,
    stop: bool,
    hooks: StallHooks,
    /// Why the connection is unusable, once it is.
    verdict: Option<String>,
    /// The last call marked as a lock wait.
    marked: u64,
    /// A sample of its blockers is being taken.
    sampling: bool,
    /// Its blockers, sampled while it waited (`None`: no sample taken).
    blockers: Option<Vec<Blocker>>,
}

struct Call {
    id: u64,
    started: Instant,
    /// Sample the blockers after this long (a statement that may wait for a lock).
    sample_after: Option<Duration>,
    /// How long the marked statement may wait for its lock.
    lock_wait: Option<Duration>,
    sampled: bool,
    /// Stall checks done so far.
    checks: u32,
}

impl Watchdog {
    /// Starts the watchdog thread for a connection.
    pub fn start(probe: Probe) -> Watchdog {
        let shared = Arc::new(Shared { state: Mutex::new(State::default()), wake: Condvar::new() });
        let thread = {
            let shared = Arc::clone(&shared);
            thread::Builder::new().name("retort-watchdog".into()).spawn(move || watch(&shared, &probe)).ok()
        };
        Watchdog { shared, thread }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.shared)
    }

    /// Sets the hooks.
    pub fn set_hooks(&self, hooks: StallHooks) {
        self.lock().hooks = hooks;
    }

    /// The verdict, once the connection is unusable.
    pub fn verdict(&self) -> Option<String> {
        self.lock().verdict.clone()
    }

    /// A call starts; `lock_wait` marks a statement that may wait for a lock that long.
    pub fn begin(&self, lock_wait: Option<Duration>) {
        let mut state = self.lock();
        state.next_call += 1;
        if lock_wait.is_some() {
            state.marked = state.next_call;
            state.sampling = false;
            state.blockers = None;
        }
        state.call = Some(Call {
            id: state.next_call,
            started: Instant::now(),
            sample_after: lock_wait.map(|t| t / 4),
            lock_wait,
            sampled: false,
            checks: 0,
        });
        drop(state);
        self.shared.wake.notify_all();
    }

    /// The call ended.
    pub fn end(&self) {
        self.lock().call = None;
    }

    /// The blockers sampled during the last marked lock wait, if a sample was taken; waits up
    /// to `max` for a sample still being taken.
    pub fn take_blockers(&self, max: Duration) -> Option<Vec<Blocker>> {
        let deadline = Instant::now() + max;
        let mut state = self.lock();
        while state.sampling {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            state = self.shared.wake.wait_timeout(state, deadline - now).unwrap_or_else(PoisonError::into_inner).0;
        }
        state.blockers.take()
    }
}

impl Drop for Watchdog {
    /// Tells the thread to stop, without waiting for it: joining would wait for it to be
    /// scheduled (a millisecond on a busy machine, per connection), or for a check in flight.
    fn drop(&mut self) {
        self.lock().stop = true;
        self.shared.wake.notify_all();
        drop(self.thread.take());
    }
}

fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    // A panic elsewhere while holding the lock leaves plain data behind: keep using it.
    shared.state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the watchdog does next for the call in progress.
enum Due {
    Sample,
    Check,
}

fn watch(shared: &Shared, probe: &Probe) {
    let mut state = lock(shared);
    loop {
        if state.stop || state.verdict.is_some() {
            return;
        }
        let Some(call) = &state.call else {
            state = shared.wake.wait(state).unwrap_or_else(PoisonError::into_inner);
            continue;
        };
        let stall_at = call.started + probe.timeouts.stall * (call.checks + 1);
        let (at, due) = match call.sample_after {
            Some(after) if !call.sampled && call.started + after < stall_at => (call.started + after, Due::Sample),
            _ => (stall_at, Due::Check),
        };
        let now = Instant::now();
        if at > now {
            state = shared.wake.wait_timeout(state, at - now).unwrap_or_else(PoisonError::into_inner).0;
            continue;
        }
        let (id, started, lock_wait) = (call.id, call.started, call.lock_wait);
        if let (Due::Sample, Some(call)) = (&due, state.call.as_mut()) {
            call.sampled = true;
            state.sampling = true;
        }
        drop(state);
        let outcome = match due {
            Due::Sample => Outcome::Sampled(sample_blockers(probe, started + lock_wait.unwrap_or_default())),
            Due::Check => check(probe, started.elapsed()),
        };
        state = lock(shared);
        let same = state.call.as_ref().is_some_and(|c| c.id == id);
        match outcome {
            Outcome::Sampled(blockers) => {
                // Kept even when the call has ended meanwhile (it timed out): the runner asks.
                if state.marked == id {
                    state.blockers = blockers;
                    state.sampling = false;
                    shared.wake.notify_all();
                }
            }
            Outcome::Alive { report, blockers } => {
                if let Some(call) = state.call.as_mut().filter(|c| c.id == id) {
                    call.checks += 1;
                }
                if same {
                    (state.hooks.report)(&report);
                    if blockers.is_some() && state.marked == id {
                        state.blockers = blockers;
                    }
                }
            }
            Outcome::Fatal(verdict, session_gone) => {
                // The call may have ended while we looked: then the connection answered after
                // all, unless our session is gone (ended by us or by the server) either way.
                if same || session_gone {
                    let hook = state.hooks.fatal;
                    state.verdict = Some(verdict.clone());
                    drop(state);
                    hook(&verdict);
                    return;
                }
            }
        }
    }
}

enum Outcome {
    Sampled(Option<Vec<Blocker>>),
    Alive {
        report: String,
        blockers: Option<Vec<Blocker>>,
    },
    /// The verdict, and whether our session is gone for sure (not merely unreachable).
    Fatal(String, bool),
}

/// Runs `f` on a second connection to the server, within the connect timeout (connect and
/// queries together); `None` when the server does not answer in time or refuses.
fn on_second_connection<T: Send + 'static>(
    probe: &Probe,
    f: impl FnOnce(&mut Database) -> T + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    let url = probe.url.clone();
    let timeouts = probe.timeouts;
    // The thread is left behind if the server never answers (its read cannot be interrupted);
    // it ends with the process, or when the OS gives up on the socket.
    let spawned = thread::Builder::new().name("retort-probe".into()).spawn(move || {
        let result = Database::connect_unwatched(&url, &timeouts).map(|mut db| f(&mut db));
        let _ = tx.send(result.map_err(|e| e.to_string()));
    });
    if let Err(e) = spawned {
        return Err(format!("could not start a thread to reach the server: {e}"));
    }
    match rx.recv_timeout(probe.timeouts.connect) {
        Ok(result) => result,
        Err(_) => Err(format!("no answer within {}", duration(probe.timeouts.connect))),
    }
}

fn blockers_on(db: &mut Database, dialect: Dialect, session: i64) -> Option<Vec<Blocker>> {
    let query = sql::blocking_sessions_query(dialect, session)?;
    let rows = db.query::<8>(&query).ok()?;
    Some(rows.into_iter().filter_map(blocker_from_row).collect())
}

/// The blockers of our waiting statement, read from a second connection opened a quarter into
/// its lock wait and polled until it finds some or the wait is over (`until`; at most half the
/// connect timeout). `None` when it found none: the statement was not waiting (yet, or any more),
/// which says nothing about who blocked it.
fn sample_blockers(probe: &Probe, until: Instant) -> Option<Vec<Blocker>> {
    let (dialect, session) = (probe.dialect, probe.session);
    let until = until.min(Instant::now() + probe.timeouts.connect / 2);
    let found = on_second_connection(probe, move |db| loop {
        let blockers = blockers_on(db, dialect, session)?;
        if !blockers.is_empty() {
            return Some(blockers);
        }
        if Instant::now() + SAMPLE_EVERY >= until {
            return None;
        }
        thread::sleep(SAMPLE_EVERY);
    });
    found.ok().flatten()
}

/// How often a lock wait's blockers are read until some are found.
const SAMPLE_EVERY: Duration = Duration::from_millis(10);

/// A stall check: what our session is doing, from a second connection.
fn check(probe: &Probe, waited: Duration) -> Outcome {
    let (dialect, session) = (probe.dialect, probe.session);
    let idle_grace = probe.timeouts.stall / 2;
    let looked = on_second_connection(probe, move |db| {
        let query = sql::session_state_query(dialect, session)?;
        let rows = db.query::<4>(&query).ok()?;
        let Some([state, waits, secs, statement]) = rows.into_iter().next() else {
            return Some(Look::Gone);
        };
        let idle_for = Duration::from_secs(secs.as_deref().and_then(|s| s.trim().parse().ok()).unwrap_or(0));
        if state.as_deref() == Some("idle") && idle_for >= idle_grace {
            // Our answer was lost on the way: end the session so that its transaction rolls
            // back and its locks go now, not when the server notices the dead socket.
            let ended = sql::end_session_sql(dialect, session).is_some_and(|s| db.batch_execute(&s).is_ok());
            return Some(Look::Idle { idle_for, ended });
        }
        let blockers = blockers_on(db, dialect, session);
        Some(Look::Busy { waits: waits.unwrap_or_default(), statement: statement.unwrap_or_default(), blockers })
    });
    let who = format!("session {} on {}", probe.session, probe.display_url);
    match looked {
        Err(reason) => Outcome::Fatal(
            format!(
                "the database server stopped answering: a call has waited {} for its answer, and a second connection \
             got {reason}; the run is stopped (check the server and the network to it, then run again: the \
             revision's transaction rolls back when the server notices the lost session)",
                duration(waited)
            ),
            false,
        ),
        Ok(None) => Outcome::Alive {
            report: format!("a call has waited {} on {who}; what it does could not be read", duration(waited)),
            blockers: None,
        },
        Ok(Some(Look::Gone)) => Outcome::Fatal(
            format!(
                "the connection was lost: {who} no longer exists on the server although a call has waited {} for its \
             answer (ended by the server, an administrator or a failover); the run is stopped, run it again",
                duration(waited)
            ),
            true,
        ),
        Ok(Some(Look::Idle { idle_for, ended })) => Outcome::Fatal(
            format!(
                "the connection stalled: {who} has been idle for {} while this call waited {} for its answer (the \
             network or a proxy lost it); {}; the run is stopped, run it again",
                duration(idle_for),
                duration(waited),
                if ended {
                    "the session was ended on the server, rolling back its open transaction"
                } else {
                    "the session could not be ended from here"
                },
            ),
            ended,
        ),
        Ok(Some(Look::Busy { waits, statement, blockers })) => {
            let mut report = format!("still running after {} on {who}", duration(waited));
            if !statement.trim().is_empty() {
                report.push_str(&format!(": {}", one_line(&statement, 80)));
            }
            if !waits.trim().is_empty() {
                report.push_str(&format!("; waiting for {}", waits.trim()));
            }
            match blockers.as_deref() {
                Some([]) | None => {}
                Some(b) => {
                    let names: Vec<String> = b.iter().map(ToString::to_string).collect();
                    report.push_str(&format!("; blocked by {}", names.join("; ")));
                }
            }
            Outcome::Alive { report, blockers }
        }
    }
}

enum Look {
    Gone,
    Idle { idle_for: Duration, ended: bool },
    Busy { waits: String, statement: String, blockers: Option<Vec<Blocker>> },
}
