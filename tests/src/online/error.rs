//! What can go wrong in a scenario, each message saying where to look.

use crate::HarnessError;

/// Why a scenario could not run or did not do what it should.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OnlineError {
    /// No test database: the harness's own error, with its fix.
    #[error(transparent)]
    Harness(#[from] HarnessError),
    /// A session could not be opened.
    #[error("cannot connect to {url}: {reason}; check that the PostgreSQL server is up and the URL is right")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// The driver's message.
        reason: String,
    },
    /// A statement of the scenario itself (setup, a probe) failed.
    #[error("`{sql}` failed: {reason}")]
    Statement {
        /// The statement.
        sql: String,
        /// The server's message.
        reason: String,
    },
    /// A thread of the scenario (a client of the load, a blocker) panicked.
    #[error("a thread of the scenario panicked; run again with RUST_BACKTRACE=1 to see where")]
    ThreadPanicked,
    /// A condition the scenario waits for did not come.
    #[error("timed out after {waited_ms} ms waiting for {what}; the server may be overloaded, or the migration finished before it could be observed")]
    Timeout {
        /// What was awaited.
        what: String,
        /// How long.
        waited_ms: u128,
    },
    /// A migration of the benchmark failed or left the table in the wrong state.
    #[error("{scenario}: {reason}")]
    Scenario {
        /// `scenario/form`.
        scenario: String,
        /// What went wrong.
        reason: String,
    },
    /// A bad argument to the benchmark binary.
    #[error("{0}; run with --help for the options")]
    Usage(String),
}
