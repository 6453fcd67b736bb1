//! `RunError`: everything that can stop a run, with the context needed to act on it.

use std::fmt;
use std::time::Duration;

use crate::backend::{Dialect, RenderError};
use crate::graph::GraphError;
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
    /// A migration statement failed (exit code 1).
    Migration,
    /// retort's own tables could not be read or written (exit code 1).
    Database,
}

impl RunError {
    /// The error's family.
    pub fn kind(&self) -> RunErrorKind {
        match self {
            RunError::UnsupportedUrl { .. } | RunError::Connect { .. } => RunErrorKind::Connect,
            RunError::Config { .. } => RunErrorKind::Config,
            RunError::Graph(_) => RunErrorKind::Graph,
            RunError::Revision(_) | RunError::Render { .. } => RunErrorKind::Revision,
            RunError::LockTimeout { .. } => RunErrorKind::Lock,
            RunError::ChecksumMismatch { .. } | RunError::EditedPartialRevision { .. } => RunErrorKind::Checksum,
            RunError::Migration { .. } | RunError::ForeignKeyViolation { .. } => RunErrorKind::Migration,
            RunError::Database { .. } => RunErrorKind::Database,
        }
    }

    /// Whether the error is bad usage, configuration, connection or graph (exit code 2) rather
    /// than a migration or check that failed (exit code 1).
    pub fn is_usage_error(&self) -> bool {
        matches!(
            self.kind(),
            RunErrorKind::Connect | RunErrorKind::Config | RunErrorKind::Graph | RunErrorKind::Revision
        )
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        RunError::Config { message: message.into() }
    }
}
