//! `Timeouts`: how long the runner waits for the network and the server before it gives up, so
//! that a stalled server ends a run with a clear error instead of hanging it.
//!
//! Connecting is bounded by `connect` (libpq's `connect_timeout`, and a deadline around the
//! whole connect for both servers, since diesel's MySQL connection takes no timeout). An idle or
//! unanswered connection is bounded by TCP keepalives and `tcp_user_timeout` (PostgreSQL; libpq
//! URL parameters). A call that runs longer than `stall` is checked from a second, short-lived
//! connection by the watchdog (`watchdog.rs`), which keeps waiting while the server says our
//! session works and ends the run when it does not answer or our session is gone. A
//! `CONCURRENTLY` step waits at most `concurrent_wait` for older transactions.
//!
//! `retort.toml` sets them in a `[timeouts]` table (`connect_ms`, ..), read by
//! [`Timeouts::from_config_file`].

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use super::RunError;

/// Network and server timeouts. Build with struct update syntax over [`Timeouts::default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Connecting, including the server's greeting and the login. Default 10 s.
    pub connect: Duration,
    /// Idle time before the first TCP keepalive probe (PostgreSQL `keepalives_idle`). Default 30 s.
    pub keepalive_idle: Duration,
    /// Time between keepalive probes (`keepalives_interval`). Default 10 s.
    pub keepalive_interval: Duration,
    /// Unanswered probes before the connection counts as dead (`keepalives_count`). Default 3.
    pub keepalive_count: u32,
    /// How long sent data may stay unacknowledged before the connection counts as dead
    /// (PostgreSQL `tcp_user_timeout`). Default 60 s.
    pub tcp_user_timeout: Duration,
    /// A database call running longer than this is checked from a second connection, and then
    /// again after each further `stall`: a server that does not answer within `connect`, or a
    /// session of ours that is gone or idle while we wait for it, ends the run. Default 30 s.
    pub stall: Duration,
    /// The longest a `CONCURRENTLY` statement waits for a lock (older transactions, on
    /// PostgreSQL) before it is cancelled. Default 10 minutes.
    pub concurrent_wait: Duration,
}

/// Defaults of [`Timeouts`].
impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            keepalive_idle: Duration::from_secs(30),
            keepalive_interval: Duration::from_secs(10),
            keepalive_count: 3,
            tcp_user_timeout: Duration::from_secs(60),
            stall: Duration::from_secs(30),
            concurrent_wait: Duration::from_secs(600),
        }
    }
}

/// A day: longer than this is a configuration mistake, not a timeout.
const MAX_TIMEOUT: Duration = Duration::from_secs(86_400);

impl Timeouts {
    /// Checks the ranges: every duration between 1 s (`stall`, `connect`, keepalives: libpq
    /// counts whole seconds) or 1 ms and a day, and a keepalive count between 1 and 100.
    pub fn validate(&self) -> Result<(), RunError> {
        let secs = [
            ("connect_ms", self.connect),
            ("keepalive_idle_ms", self.keepalive_idle),
            ("keepalive_interval_ms", self.keepalive_interval),
        ];
        for (key, value) in secs {
            if value < Duration::from_secs(1) || value > MAX_TIMEOUT {
                return Err(range(key, value, "1000 ms and a day (86400000)"));
            }
        }
        let ms = [
            ("tcp_user_timeout_ms", self.tcp_user_timeout),
            ("stall_ms", self.stall),
            ("concurrent_wait_ms", self.concurrent_wait),
        ];
        for (key, value) in ms {
            if value < Duration::from_millis(100) || value > MAX_TIMEOUT {
                return Err(range(key, value, "100 ms and a day (86400000)"));
            }
        }
        if !(1..=100).contains(&self.keepalive_count) {
            return Err(RunError::config(format!(
                "timeouts.keepalive_count = {} is out of range; give a count between 1 and 100",
                self.keepalive_count
            )));
        }
        Ok(())
    }

    /// The `[timeouts]` table of a `retort.toml` (the defaults for the keys it does not set, and
    /// when there is no file or no table). Unknown keys and out-of-range values are
    /// [`RunError::Config`] (exit 2).
    ///
    /// Read here rather than by `crate::config` so that the timeouts keep to their module; the
    /// configuration accepts the table and leaves it to this function.
    pub fn from_config_file(path: Option<&Path>) -> Result<Timeouts, RunError> {
        let Some(path) = path else { return Ok(Timeouts::default()) };
        let text = std::fs::read_to_string(path).map_err(|e| {
            RunError::config(format!("could not read {}: {e}; check that it is readable", path.display()))
        })?;
        Timeouts::from_toml(&text).map_err(|message| RunError::config(format!("{}: {message}", path.display())))
    }

    /// The `[timeouts]` table of a `retort.toml`'s text.
    fn from_toml(text: &str) -> Result<Timeouts, String> {
        #[derive(Deserialize)]
        struct File {
            #[serde(default)]
            timeouts: Option<toml::Value>,
        }
        let file: File = toml::from_str::<toml::Table>(text)
            .map_err(|e| e.message().to_string())
            .and_then(|t| toml::Value::Table(t).try_into().map_err(|e: toml::de::Error| e.message().to_string()))?;
        let Some(table) = file.timeouts else { return Ok(Timeouts::default()) };
        let f: TimeoutsFile = table.try_into().map_err(|e: toml::de::Error| {
            format!(
                "[timeouts] {}; known keys: connect_ms, keepalive_idle_ms, keepalive_interval_ms, keepalive_count, \
                 tcp_user_timeout_ms, stall_ms, concurrent_wait_ms",
                e.message()
            )
        })?;
        let d = Timeouts::default();
        let ms = |v: Option<u64>, default: Duration| v.map_or(default, Duration::from_millis);
        let timeouts = Timeouts {
            connect: ms(f.connect_ms, d.connect),
            keepalive_idle: ms(f.keepalive_idle_ms, d.keepalive_idle),
            keepalive_interval: ms(f.keepalive_interval_ms, d.keepalive_interval),
            keepalive_count: match f.keepalive_count {
                Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
                None => d.keepalive_count,
            },
            tcp_user_timeout: ms(f.tcp_user_timeout_ms, d.tcp_user_timeout),
            stall: ms(f.stall_ms, d.stall),
            concurrent_wait: ms(f.concurrent_wait_ms, d.concurrent_wait),
        };
        timeouts.validate().map_err(|e| e.to_string())?;
        Ok(timeouts)
    }

    /// The libpq URL parameters for these timeouts, as `key=value` pairs.
    pub(crate) fn libpq_params(&self) -> [(&'static str, String); 6] {
        // libpq takes whole seconds for all but tcp_user_timeout (milliseconds); round up so
        // that a timeout is never shorter than asked.
        let secs = |d: Duration| d.as_millis().div_ceil(1000).to_string();
        // libpq's own connect timeout is a second longer than the deadline the connection waits
        // for (`open_within`), which thus always answers first, with its clearer message; libpq's
        // then ends the thread left behind.
        let connect = (self.connect.as_millis().div_ceil(1000) + 1).to_string();
        [
            ("connect_timeout", connect),
            ("keepalives", "1".to_string()),
            ("keepalives_idle", secs(self.keepalive_idle)),
            ("keepalives_interval", secs(self.keepalive_interval)),
            ("keepalives_count", self.keepalive_count.to_string()),
            ("tcp_user_timeout", self.tcp_user_timeout.as_millis().to_string()),
        ]
    }
}

fn range(key: &str, value: Duration, bounds: &str) -> RunError {
    RunError::config(format!("timeouts.{key} = {} is out of range; give a value between {bounds}", value.as_millis()))
}

/// `[timeouts]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeoutsFile {
    connect_ms: Option<u64>,
    keepalive_idle_ms: Option<u64>,
    keepalive_interval_ms: Option<u64>,
    keepalive_count: Option<u64>,
    tcp_user_timeout_ms: Option<u64>,
    stall_ms: Option<u64>,
    concurrent_wait_ms: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_map_to_libpq_parameters() {
        let t = Timeouts::default();
        assert!(t.validate().is_ok());
        let params: Vec<String> = t.libpq_params().iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            params,
            [
                "connect_timeout=11",
                "keepalives=1",
                "keepalives_idle=30",
                "keepalives_interval=10",
                "keepalives_count=3",
                "tcp_user_timeout=60000"
            ]
        );
    }

    #[test]
    fn a_timeouts_table_overrides_the_keys_it_sets() {
        let t = Timeouts::from_toml("lock_wait_ms = 5\n[timeouts]\nconnect_ms = 2500\nstall_ms = 1000\n").unwrap();
        assert_eq!(t.connect, Duration::from_millis(2500));
        assert_eq!(t.stall, Duration::from_secs(1));
        assert_eq!(t.keepalive_idle, Timeouts::default().keepalive_idle);
        assert_eq!(t.libpq_params()[0].1, "4", "connect_timeout rounds up to whole seconds, plus one");
        assert_eq!(Timeouts::from_toml("").unwrap(), Timeouts::default());
    }

    #[test]
    fn unknown_keys_and_absurd_values_are_refused() {
        let typo = Timeouts::from_toml("[timeouts]\nconect_ms = 5\n").unwrap_err();
        assert!(typo.contains("conect_ms") && typo.contains("known keys"), "{typo}");
        let zero = Timeouts::from_toml("[timeouts]\nstall_ms = 0\n").unwrap_err();
        assert!(zero.contains("stall_ms = 0 is out of range"), "{zero}");
        let huge = Timeouts::from_toml("[timeouts]\nconnect_ms = 99999999999\n").unwrap_err();
        assert!(huge.contains("connect_ms"), "{huge}");
        let count = Timeouts::from_toml("[timeouts]\nkeepalive_count = 0\n").unwrap_err();
        assert!(count.contains("keepalive_count"), "{count}");
    }
}
