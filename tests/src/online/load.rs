//! The client load: threads that each run small statements on their own session at a steady
//! rate (a `SELECT` and an `UPDATE` by random id, alternately) and record how long each one took.
//! The longest of those is the longest stall a migration caused the application.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{OnlineError, Session};

/// `application_name` of the client sessions.
pub const CLIENT_APP: &str = "online_client";

/// What the load runs.
#[derive(Debug, Clone)]
pub struct LoadConfig {
    /// The table made by [`super::fill`].
    pub table: String,
    /// Its row count: ids are drawn from `1..=rows`.
    pub rows: i64,
    /// Concurrent client sessions.
    pub clients: usize,
    /// Statements per second per client. A stalled client does not catch up with a burst
    /// afterwards: it carries on at the same rate, as a request-driven application would.
    pub rate: u32,
    /// `lock_timeout` of the client sessions: a statement that waits longer than this for a lock
    /// fails and is counted as [`Outcome::LockTimeout`]. The server measures the wait, so this
    /// tells lock waits from a client that was merely not scheduled on a busy machine.
    pub lock_timeout: Option<Duration>,
}

impl LoadConfig {
    /// Two clients at 100 statements per second each, no client lock timeout.
    pub fn new(table: impl Into<String>, rows: i64) -> Self {
        Self { table: table.into(), rows, clients: 2, rate: 100, lock_timeout: None }
    }
}

/// How a client statement ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It ran.
    Ok,
    /// It waited longer than the client's `lock_timeout` for a lock.
    LockTimeout,
    /// Any other error.
    Failed,
}

/// One client statement.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// When it was sent, from the start of the load.
    pub started: Duration,
    /// How long it took, round trip.
    pub latency: Duration,
    /// How it ended.
    pub outcome: Outcome,
    /// An `UPDATE` (else a `SELECT`, which no migration here blocks but an `ACCESS EXCLUSIVE`
    /// lock: its stalls are the machine's own noise, CPU and I/O, otherwise).
    pub write: bool,
}

/// The running load; [`Load::stop`] ends it and returns what it measured. Dropping it without
/// stopping tells the clients to stop and does not wait for them.
pub struct Load {
    started: Instant,
    stop: Arc<AtomicBool>,
    clients: Vec<JoinHandle<Client>>,
    pids: Vec<i32>,
}

#[derive(Default)]
struct Client {
    samples: Vec<Sample>,
    errors: Vec<String>,
}

impl Load {
    /// Connects every client (so a connection error surfaces here), then starts them.
    pub fn start(url: &str, config: &LoadConfig) -> Result<Load, OnlineError> {
        let mut sessions = Vec::new();
        for _ in 0..config.clients.max(1) {
            let mut s = Session::connect(url, CLIENT_APP)?;
            if let Some(t) = config.lock_timeout {
                s.execute(&format!("SET lock_timeout = '{}ms'", t.as_millis().max(1)))?;
            }
            sessions.push(s);
        }
        let pids = sessions.iter().map(Session::pid).collect();
        let stop = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let clients = sessions
            .into_iter()
            .enumerate()
            .map(|(i, session)| {
                let (config, stop) = (config.clone(), Arc::clone(&stop));
                thread::spawn(move || run_client(session, i, &config, started, &stop))
            })
            .collect();
        Ok(Load { started, stop, clients, pids })
    }

    /// When the load started: [`Samples::at`] measures from here.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// The backend pids of the client sessions.
    pub fn pids(&self) -> &[i32] {
        &self.pids
    }

    /// Stops the clients after their current statement and collects their samples.
    pub fn stop(mut self) -> Result<Samples, OnlineError> {
        self.stop.store(true, Ordering::Relaxed);
        let window = self.started.elapsed();
        let mut all = Client::default();
        for handle in std::mem::take(&mut self.clients) {
            let client = handle.join().map_err(|_| OnlineError::ThreadPanicked)?;
            all.samples.extend(client.samples);
            all.errors.extend(client.errors);
        }
        all.samples.sort_by_key(|s| s.started);
        Ok(Samples { started: self.started, window, samples: all.samples, errors: all.errors })
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn run_client(mut session: Session, index: usize, config: &LoadConfig, started: Instant, stop: &AtomicBool) -> Client {
    let interval = Duration::from_secs_f64(1.0 / f64::from(config.rate.max(1)));
    let mut rng = Rng::seeded(index as u64);
    let rows = config.rows.max(1) as u64;
    let table = &config.table;
    let mut out = Client::default();
    let mut next = Instant::now();
    let mut n = 0u64;
    while !stop.load(Ordering::Relaxed) {
        let id = 1 + rng.next() % rows;
        let write = !n.is_multiple_of(2);
        let sql = if !write {
            format!("SELECT hits FROM {table} WHERE id = {id}")
        } else {
            format!("UPDATE {table} SET hits = hits + 1 WHERE id = {id}")
        };
        let sent = Instant::now();
        let result = session.try_execute(&sql);
        let latency = sent.elapsed();
        let outcome = match result {
            Ok(()) => Outcome::Ok,
            Err(e) => {
                let message = e.to_string();
                if out.errors.len() < 5 {
                    out.errors.push(message.clone());
                }
                if message.contains("lock timeout") {
                    Outcome::LockTimeout
                } else {
                    Outcome::Failed
                }
            }
        };
        out.samples.push(Sample { started: sent - started, latency, outcome, write });
        n += 1;
        next += interval;
        let now = Instant::now();
        if next > now {
            thread::sleep(next - now);
        } else {
            next = now;
        }
    }
    out
}

/// What the load measured.
#[derive(Debug, Clone)]
pub struct Samples {
    started: Instant,
    window: Duration,
    samples: Vec<Sample>,
    errors: Vec<String>,
}

/// Latency and throughput of the client statements over a time window.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    /// Statements that ran during the window (sent before its end, finished after its start).
    pub statements: usize,
    /// Of those, the ones that hit the clients' `lock_timeout`.
    pub lock_timeouts: usize,
    /// Of those, the ones that failed otherwise.
    pub failed: usize,
    /// The longest round trip: the longest stall.
    pub max: Duration,
    /// The longest round trip of a `SELECT`.
    pub max_read: Duration,
    /// 99th percentile of the round trips.
    pub p99: Duration,
    /// Median round trip.
    pub p50: Duration,
    /// Statements finished within the window, per second of it.
    pub per_second: f64,
}

impl Samples {
    /// From the start of the load to its stop.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// `instant` on the load's timeline (zero for an instant before the load started).
    pub fn at(&self, instant: Instant) -> Duration {
        instant.saturating_duration_since(self.started)
    }

    /// Every statement, in the order they were sent.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// The first few error messages of the clients.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// The statistics of the statements that ran between `from` and `to` on the load's timeline.
    pub fn stats(&self, from: Duration, to: Duration) -> Stats {
        let during: Vec<&Sample> =
            self.samples.iter().filter(|s| s.started <= to && s.started + s.latency >= from).collect();
        let mut latencies: Vec<Duration> = during.iter().map(|s| s.latency).collect();
        latencies.sort();
        let finished = during.iter().filter(|s| s.started + s.latency <= to).count();
        let seconds = to.saturating_sub(from).as_secs_f64();
        Stats {
            statements: during.len(),
            lock_timeouts: during.iter().filter(|s| s.outcome == Outcome::LockTimeout).count(),
            failed: during.iter().filter(|s| s.outcome == Outcome::Failed).count(),
            max: latencies.last().copied().unwrap_or_default(),
            max_read: during.iter().filter(|s| !s.write).map(|s| s.latency).max().unwrap_or_default(),
            p99: percentile(&latencies, 0.99),
            p50: percentile(&latencies, 0.50),
            per_second: if seconds > 0.0 { finished as f64 / seconds } else { 0.0 },
        }
    }
}

/// The `q` quantile of sorted `values` (nearest rank).
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// splitmix64: random ids without a dependency; the seed only has to differ between clients.
struct Rng(u64);

impl Rng {
    fn seeded(client: u64) -> Self {
        let seed = getrandom::u64().unwrap_or(0x9E37_79B9_7F4A_7C15);
        Rng(seed ^ client.wrapping_mul(0xBF58_476D_1CE4_E5B9))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(started_ms: u64, latency_ms: u64, outcome: Outcome) -> Sample {
        let (started, latency) = (Duration::from_millis(started_ms), Duration::from_millis(latency_ms));
        Sample { started, latency, outcome, write: latency_ms > 100 }
    }

    #[test]
    fn stats_count_the_statements_that_overlap_the_window() {
        let samples = Samples {
            started: Instant::now(),
            window: Duration::from_secs(3),
            samples: vec![
                sample(0, 1, Outcome::Ok),
                // sent before the window, stalled into it: it counts, with its whole stall
                sample(900, 600, Outcome::Ok),
                sample(1200, 2, Outcome::LockTimeout),
                sample(1999, 5, Outcome::Failed),
                sample(2500, 1, Outcome::Ok),
            ],
            errors: Vec::new(),
        };
        let s = samples.stats(Duration::from_secs(1), Duration::from_secs(2));
        assert_eq!((s.statements, s.lock_timeouts, s.failed), (3, 1, 1));
        assert_eq!(s.max, Duration::from_millis(600));
        assert_eq!(s.max_read, Duration::from_millis(5));
        assert_eq!(s.p50, Duration::from_millis(5));
        // two finished inside the one-second window
        assert!((s.per_second - 2.0).abs() < 1e-9, "{}", s.per_second);
    }

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&v, 0.99), Duration::from_millis(99));
        assert_eq!(percentile(&v, 0.5), Duration::from_millis(50));
        assert_eq!(percentile(&[], 0.5), Duration::ZERO);
    }
}
