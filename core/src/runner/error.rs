//! `RunError`: everything that can stop a run, with the context needed to act on it.

use std::fmt;
use std::time::Duration;

use crate::backend::{Dialect, RenderError};
use crate::graph::GraphError;
use crate::human::duration;
use crate::schema::chain::ChainError;
use crate::RevisionError;

/// Why a run (or a read of the database's migration state) failed.
///
/// Messages are lowercase, carry the revision, statement and obfuscated URL where they apply, and
/// end with the fix. [`RunError::is_usage_error`] tells the CLI which exit code to use.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// The URL's scheme is not one retort connects to.
    #[error(
        "unsupported database URL {url}; use postgres://user@host/db, mysql://user@host/db (or mariadb://), \
         sqlite://path/to/file.db or sqlite::memory:"
    )]
    UnsupportedUrl {
        /// The URL, password obfuscated.
        url: String,
    },
    /// The URL names a database whose backend this binary was built without.
    #[error(
        "{url}: this binary was built without the {feature} backend; enable the `{feature}` feature of retort \
         (or retort-cli) in your Cargo.toml, e.g. retort-cli = {{ version = \"…\", features = [\"{feature}\"] }}"
    )]
    BackendNotCompiled {
        /// The URL, password obfuscated.
        url: String,
        /// The cargo feature to enable.
        feature: &'static str,
    },
    /// The server could not be reached or refused the connection.
    #[error("could not connect to {url}: {reason}; check that the server is running and that --database-url (or DATABASE_URL) is right")]
    Connect {
        /// The URL, password obfuscated.
        url: String,
        /// The driver's message, on one line.
        reason: String,
    },
    /// A setting is invalid or two settings contradict each other.
    #[error("{message}")]
    Config {
        /// What is wrong, ending with the fix.
        message: String,
    },
    /// The revision graph is broken, or a target does not resolve.
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// A revision's ops cannot be decoded or it cannot be downgraded.
    #[error(transparent)]
    Revision(#[from] RevisionError),
    /// The chain does not fold: an op cannot apply to the schema the revisions before it
    /// build (exit code 2, like a broken graph).
    #[error("the chain does not fold: {0}")]
    Chain(Box<ChainError>),
    /// An op cannot be rendered for the dialect.
    #[error("revision {revision}: {source}")]
    Render {
        /// Revision id.
        revision: String,
        /// The dialect.
        dialect: Dialect,
        /// What the backend said (it names the op and the fix).
        source: RenderError,
    },
    /// Another migrator held the lock for longer than the configured wait.
    #[error(
        "another migrator holds the migration lock on {url} (waited {}s); let it finish, or raise the wait \
         (lock_wait_ms in retort.toml)",
        waited.as_secs_f32()
    )]
    LockTimeout {
        /// The URL, password obfuscated.
        url: String,
        /// How long this migrator waited.
        waited: Duration,
    },
    /// Applied revisions were edited after they ran.
    #[error("{}", checksum_message(mismatches))]
    ChecksumMismatch {
        /// Each edited revision with its stored and current checksum.
        mismatches: Vec<ChecksumMismatch>,
    },
    /// A non-transactional revision stopped midway and its already-run statements changed since.
    #[error(
        "revision {revision} stopped after {done} of its statements in an earlier run, and those statements \
         have changed since; restore the revision as it was so the run can resume, or finish the revision by \
         hand and `stamp` it"
    )]
    EditedPartialRevision {
        /// Revision id.
        revision: String,
        /// How many statements ran in the earlier run.
        done: u32,
    },
    /// A statement of a revision failed.
    #[error("{}", migration_message(revision, direction, statement_index, statement.as_deref(), message, *partial, dialect))]
    Migration {
        /// Revision id.
        revision: String,
        /// `upgrade` or `downgrade`.
        direction: &'static str,
        /// Zero-based index of the failed statement, when known.
        statement_index: Option<usize>,
        /// The failed statement, when known.
        statement: Option<String>,
        /// The database's message.
        message: String,
        /// The dialect.
        dialect: Dialect,
        /// Whether earlier statements of the revision stay committed (`transaction: none`, MySQL):
        /// the next run resumes at the failed statement.
        partial: bool,
    },
    /// The server ended the migrating session mid-run (`pg_terminate_backend`,
    /// `idle_session_timeout`, a pooler, a failover, a restart), or the connection broke. The
    /// migration lock lived on that session and ended with it, so the run stopped at once: the
    /// server rolled back what the revision had not committed, and nothing more was sent.
    #[error(
        "the server ended the migration session on {url} during {during} ({}); \
         the migration lock ended with it, so the run stopped: the server rolled back what the revision had not \
         committed and nothing more was sent; find out why the session ended (pg_terminate_backend, \
         idle_session_timeout, a pooler, a failover), then run again: the run resumes from what committed",
        one_line(message, 300)
    )]
    SessionLost {
        /// What was running: `the upgrade of revision 3f2a..`, `recording the revision in the
        /// version and history tables`.
        during: String,
        /// The URL, password obfuscated.
        url: String,
        /// The driver's message.
        message: String,
    },
    /// A lock-taking statement hit its `lock_timeout` on every attempt of the retry schedule
    /// (`Settings::lock_retries`): another session held a conflicting lock all along. The
    /// revision's transaction was rolled back (where statements commit one by one, the statements
    /// before it stay applied and the next run resumes at it); the version table is unchanged.
    #[error("{0}")]
    StatementLockTimeout(Box<LockTimedOut>),
    /// SQLite: after a run that rebuilt tables with foreign keys off, rows break a foreign key.
    #[error(
        "the run left rows in {} that break their foreign keys (SQLite rebuilds tables with foreign keys off and \
         checks them before committing); the whole run was rolled back; fix the data or the revisions and run again",
        tables.join(", ")
    )]
    ForeignKeyViolation {
        /// The tables with violating rows.
        tables: Vec<String>,
    },
    /// `check` could not create, use or empty the scratch database it builds the chain's schema in.
    #[error("{context} failed on {url}: {reason}; {fix}")]
    Scratch {
        /// What the drift check was doing.
        context: String,
        /// The server or scratch database URL, password obfuscated.
        url: String,
        /// The database's message.
        reason: String,
        /// What to do about it.
        fix: String,
    },
    /// The applied revisions did not build in the scratch database, so the chain's schema is unknown.
    #[error(
        "the drift check replays the applied revisions into the scratch database {scratch} to build the chain's \
         schema, and that failed (the database itself was not touched): {source}"
    )]
    Replay {
        /// The scratch database's URL, password obfuscated.
        scratch: String,
        /// Why the replay failed.
        source: Box<RunError>,
    },
    /// The catalog (pg_catalog, information_schema, sqlite_master) could not be read.
    #[error(
        "reading the schema from the catalog of {url} failed: {message}; check that the database user may read \
         the catalog (pg_catalog, information_schema, sqlite_master)"
    )]
    Catalog {
        /// The URL, password obfuscated.
        url: String,
        /// The database's message.
        message: String,
    },
    /// A table an op would rebuild or restate from the chain's model differs from the live
    /// one: the rendered SQL would change it wrongly, so nothing ran.
    #[error(
        "{url} differs from the schema the applied revisions build, in tables this run would rebuild or restate from it:\n  {}\nnothing ran; bring the database back to the chain (`check` shows all drift), or run with --render-from-catalog to take those tables' definitions from the database instead",
        drift.join("\n  ")
    )]
    ModelDrift {
        /// The URL, password obfuscated.
        url: String,
        /// One line per difference.
        drift: Vec<String>,
    },
    /// Reading or writing retort's own tables failed.
    #[error("{context} failed on {url}: {message}; check that the database user may create and write the tables in the configured schema")]
    Database {
        /// What retort was doing.
        context: String,
        /// The URL, password obfuscated.
        url: String,
        /// The database's message.
        message: String,
    },
}

/// A lock-taking statement that hit its `lock_timeout` on every attempt of the retry schedule
/// (`Settings::lock_retries`), in [`RunError::StatementLockTimeout`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LockTimedOut {
    /// Revision id.
    pub revision: String,
    /// `upgrade` or `downgrade`.
    pub direction: &'static str,
    /// Zero-based index of the blocked statement, when known.
    pub statement_index: Option<usize>,
    /// The blocked statement, when known.
    pub statement: Option<String>,
    /// The tables the blocked statement (or revision) locks, as the ops name them.
    pub tables: Vec<String>,
    /// How many attempts timed out.
    pub attempts: u32,
    /// The `lock_timeout` of the last attempt.
    pub lock_timeout: Duration,
    /// Whether the schedule was the revision's own (`lock_timeout:`/`lock_retries:` in
    /// `migration!`) rather than the configured one, which the fix names.
    pub own_schedule: bool,
    /// Time from the first attempt to the failure of the last, pauses included.
    pub waited: Duration,
    /// The sessions found holding a lock on those tables after the last attempt.
    pub blockers: Vec<Blocker>,
    /// The dialect.
    pub dialect: Dialect,
    /// Whether earlier statements of the revision stay committed (`transaction: none`, MySQL):
    /// the next run resumes at the blocked statement.
    pub partial: bool,
}

/// A session holding a lock that a migration statement waited for, as the server's activity
/// views describe it (PostgreSQL `pg_locks` + `pg_stat_activity`; MySQL `performance_schema` or
/// `information_schema.innodb_trx` + `processlist`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocker {
    /// Backend pid (PostgreSQL) or connection id (MySQL): what `pg_terminate_backend` / `KILL` take.
    pub pid: i64,
    /// Database user.
    pub user: Option<String>,
    /// `application_name` (PostgreSQL) or client host (MySQL).
    pub application_name: Option<String>,
    /// Session state: `idle in transaction`, `active`, ...
    pub state: Option<String>,
    /// How long its transaction has been open.
    pub xact_age: Option<Duration>,
    /// Its current (or, when idle, last) query.
    pub query: Option<String>,
    /// The lock modes it holds on the tables, when known (`AccessShareLock`, ...).
    pub lock_mode: Option<String>,
    /// The tables it holds them on, when known.
    pub relation: Option<String>,
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pid {}", self.pid)?;
        let mut parts = Vec::new();
        if let Some(state) = self.state.as_deref().filter(|s| !s.is_empty()) {
            parts.push(state.to_string());
        }
        if let Some(q) = self.query.as_deref().filter(|q| !q.trim().is_empty()) {
            parts.push(one_line(q, 80));
        }
        if let Some(age) = self.xact_age {
            parts.push(format!("transaction open {}", duration(age)));
        }
        if let Some(user) = self.user.as_deref().filter(|s| !s.is_empty()) {
            parts.push(format!("user {user}"));
        }
        if let Some(app) = self.application_name.as_deref().filter(|s| !s.is_empty()) {
            parts.push(format!("from {app}"));
        }
        match (&self.lock_mode, &self.relation) {
            (Some(mode), Some(rel)) => parts.push(format!("holds {mode} on {rel}")),
            (None, Some(rel)) => parts.push(format!("holds a lock on {rel}")),
            _ => {}
        }
        if !parts.is_empty() {
            write!(f, " ({})", parts.join(", "))?;
        }
        Ok(())
    }
}

/// One applied revision whose ops changed after it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumMismatch {
    /// Revision id.
    pub revision: String,
    /// The checksum recorded when it was applied.
    pub stored: String,
    /// The checksum of the revision in this binary.
    pub current: String,
}

impl fmt::Display for ChecksumMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: applied {}, now {}", self.revision, short(&self.stored), short(&self.current))
    }
}

fn short(checksum: &str) -> &str {
    checksum.get(..12).unwrap_or(checksum)
}

fn checksum_message(mismatches: &[ChecksumMismatch]) -> String {
    let ids: Vec<&str> = mismatches.iter().map(|m| m.revision.as_str()).collect();
    let details: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
    let (what, were) = match ids.as_slice() {
        [one] => (format!("revision {one}"), "was"),
        _ => (format!("revisions {}", ids.join(", ")), "were"),
    };
    format!(
        "{what} {were} edited after being applied ({}); restore the applied ops, or accept the new checksum \
         with `--accept-checksum {}` (Settings::accept_checksum), which records it in the history table",
        details.join("; "),
        ids.join(" --accept-checksum ")
    )
}

fn migration_message(
    revision: &str,
    direction: &str,
    index: &Option<usize>,
    statement: Option<&str>,
    message: &str,
    partial: bool,
    dialect: &Dialect,
) -> String {
    let mut out = format!("{direction} of revision {revision} failed");
    if let Some(i) = index {
        out.push_str(&format!(" at statement {}", i + 1));
    }
    out.push_str(&format!(" on {dialect}: {}", message.trim()));
    if let Some(sql) = statement {
        out.push_str(&format!("\n  statement: {}", one_line(sql, 400)));
    }
    if partial {
        out.push_str(
            "\n  the statements before it stay applied (they commit one by one) and the revision is not \
             marked applied; fix the cause and run again: the run resumes at this statement",
        );
    } else {
        out.push_str("\n  nothing of this revision was applied; fix the revision or the data and run again");
    }
    out
}

impl fmt::Display for LockTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&lock_timeout_message(self))
    }
}

fn lock_timeout_message(e: &LockTimedOut) -> String {
    let LockTimedOut {
        revision,
        direction,
        statement_index,
        statement,
        tables,
        attempts,
        lock_timeout,
        own_schedule,
        waited,
        blockers,
        dialect,
        partial,
    } = e;
    let mut out = format!("{direction} of revision {revision} failed");
    if let Some(i) = statement_index {
        out.push_str(&format!(" at statement {}", i + 1));
    }
    let on = if tables.is_empty() { String::new() } else { format!(" on {}", tables.join(", ")) };
    let times = if *attempts == 1 { "once".to_string() } else { format!("on all {attempts} attempts") };
    out.push_str(&format!(
        " on {dialect}: lock timeout{on}: the statement waited for a lock and hit its lock_timeout ({}) {times} \
         ({} in all, pauses included)",
        duration(*lock_timeout),
        duration(*waited)
    ));
    if let Some(sql) = statement {
        out.push_str(&format!("\n  statement: {}", one_line(sql, 400)));
    }
    for b in blockers {
        out.push_str(&format!("\n  blocked by {b}"));
    }
    if *partial {
        out.push_str(
            "\n  the statements before it stay applied (they commit one by one) and the revision is not marked \
             applied; the run resumes at this statement",
        );
    } else {
        out.push_str("\n  nothing of this revision was applied");
    }
    let pids: Vec<String> = blockers.iter().map(|b| b.pid.to_string()).collect();
    match pids.as_slice() {
        [] => out.push_str(
            "\n  no session holding a lock on those tables was found (it may have ended just now); look for long \
             transactions on the database, then run again",
        ),
        _ => {
            let kills: Vec<String> =
                blockers.iter().map(|b| crate::backend::bookkeeping::terminate_session(*dialect, b.pid)).collect();
            let schedule = if *own_schedule {
                "the revision's own `lock_timeout:`/`lock_retries:` in its `migration!`"
            } else {
                "lock_retries in retort.toml"
            };
            out.push_str(&format!(
                "\n  wait for {} to finish, or end {} with `{}`, then run again (or raise the retry schedule: \
                 {schedule})",
                if pids.len() == 1 { format!("pid {}", pids[0]) } else { format!("pids {}", pids.join(", ")) },
                if pids.len() == 1 { "it" } else { "them" },
                kills.join("; ")
            ));
        }
    }
    out
}

/// A statement on one line, cut to `max` characters, for messages.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > max {
        let cut: String = joined.chars().take(max).collect();
        format!("{cut}…")
    } else {
        joined
    }
}

/// The family of a [`RunError`], for callers that map errors to exit codes or retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RunErrorKind {
    /// The URL or the connection (exit code 2).
    Connect,
    /// Settings or their combination (exit code 2).
    Config,
    /// The revision graph or a target (exit code 2).
    Graph,
    /// A revision cannot be used as asked: undecodable ops, no downgrade, unrenderable op (exit code 2).
    Revision,
    /// Another migrator holds the lock (exit code 1).
    Lock,
    /// Applied revisions changed (exit code 1).
    Checksum,
    /// A migration statement failed, or stayed blocked by another session's lock (exit code 1).
    Migration,
    /// `check`'s scratch database could not be created, used or emptied (exit code 2: grant the
    /// privilege or set `scratch_url`).
    Scratch,
    /// retort's own tables (or the catalog) could not be read or written (exit code 1).
    Database,
    /// The live tables differ from the chain's model where a run renders from it (exit code 1).
    Drift,
}

impl From<ChainError> for RunError {
    fn from(e: ChainError) -> Self {
        RunError::Chain(Box::new(e))
    }
}

impl RunError {
    /// The error's family.
    pub fn kind(&self) -> RunErrorKind {
        match self {
            RunError::UnsupportedUrl { .. } | RunError::Connect { .. } | RunError::BackendNotCompiled { .. } => {
                RunErrorKind::Connect
            }
            RunError::Config { .. } => RunErrorKind::Config,
            RunError::Graph(_) | RunError::Chain(_) => RunErrorKind::Graph,
            RunError::Revision(_) | RunError::Render { .. } => RunErrorKind::Revision,
            RunError::LockTimeout { .. } => RunErrorKind::Lock,
            RunError::ChecksumMismatch { .. } | RunError::EditedPartialRevision { .. } => RunErrorKind::Checksum,
            RunError::ModelDrift { .. } => RunErrorKind::Drift,
            RunError::Migration { .. }
            | RunError::SessionLost { .. }
            | RunError::StatementLockTimeout(_)
            | RunError::ForeignKeyViolation { .. } => RunErrorKind::Migration,
            RunError::Database { .. } | RunError::Catalog { .. } => RunErrorKind::Database,
            RunError::Scratch { .. } => RunErrorKind::Scratch,
            RunError::Replay { .. } => RunErrorKind::Migration,
        }
    }

    /// Whether the error is bad usage, configuration, connection or graph (exit code 2) rather
    /// than a migration or check that failed (exit code 1).
    pub fn is_usage_error(&self) -> bool {
        matches!(
            self.kind(),
            RunErrorKind::Connect
                | RunErrorKind::Config
                | RunErrorKind::Graph
                | RunErrorKind::Revision
                | RunErrorKind::Scratch
        )
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        RunError::Config { message: message.into() }
    }
}
