//! The CLI's error type, and the one place that decides exit codes.

use retort::config::ConfigError;
use retort::graph::GraphError;
use retort::inspect::InspectError;
use retort::runner::RunError;
use retort::{RegistryError, RevisionError};

use crate::commands::init::InitError;
use crate::commands::scaffold::ScaffoldError;

/// Exit codes: the contract scripts and CI rely on.
pub mod exit {
    /// Success.
    pub const SUCCESS: u8 = 0;
    /// A migration failed, or a check found a problem (`check`, `lint`, `current --check-heads`).
    pub const FAILURE: u8 = 1;
    /// Bad usage, bad configuration or a broken revision graph: fix the input and run again.
    pub const USAGE: u8 = 2;
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    /// The configuration could not be resolved.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The linked revisions could not be collected.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// The revision graph is broken or a target does not resolve.
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// A revision's ops could not be read.
    #[error(transparent)]
    Revision(#[from] RevisionError),
    /// Running against the database failed.
    #[error(transparent)]
    Run(#[from] RunError),
    /// `new` or `merge` could not write the revision.
    #[error(transparent)]
    Scaffold(#[from] ScaffoldError),
    /// `init` could not set the crate up.
    #[error(transparent)]
    Init(#[from] InitError),
    /// The database URL's scheme names no supported database.
    #[error("cannot tell the database from {url}; use a postgres://, mysql://, mariadb:// or sqlite:// URL")]
    UnknownDialect {
        /// The URL, obfuscated.
        url: String,
    },
    /// A flag combination that clap cannot express.
    #[error("{0}")]
    Usage(String),
    /// `current --check-heads`: the database is behind (or beside) the heads.
    #[error("the database is at {} but the heads are {}; run `upgrade heads`", list(current), list(heads))]
    NotAtHeads {
        /// The current revisions.
        current: Vec<String>,
        /// The heads.
        heads: Vec<String>,
    },
    /// `check` found problems; they are already printed.
    #[error("check found {problems} problem(s); see above")]
    CheckFailed {
        /// How many.
        problems: usize,
    },
    /// `lint` found problems; they are already printed.
    #[error("lint found {findings} error(s) that are not allowed; fix them, or allow each in its revision with #[allow(rule_id, reason = \"..\")]")]
    LintFailed {
        /// How many.
        findings: usize,
    },
    /// `schema --check`: the file is not what the chain generates; the diff is already printed.
    #[error("{path} is stale: it differs from the schema the chain generates (diff above); run the command without --check to rewrite it")]
    SchemaStale {
        /// The file.
        path: String,
    },
    /// `plan`, `locks` or `partitions ensure` could not answer.
    #[error(transparent)]
    Inspect(#[from] InspectError),
    /// `plan`: some pending op would wait for other sessions now; the plan is already printed.
    #[error(
        "{ops} op(s) of the plan would wait for other sessions now (see above); let those transactions finish, or \
         end them, before upgrading"
    )]
    PlanBlocked {
        /// How many ops.
        ops: usize,
    },
    /// Writing to stdout failed.
    #[error("could not write the output")]
    Output(#[source] std::io::Error),
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "base (nothing applied)".to_string()
    } else {
        ids.join(", ")
    }
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        use exit::{FAILURE, SUCCESS, USAGE};
        match self {
            CliError::Config(_)
            | CliError::Registry(_)
            | CliError::Graph(_)
            | CliError::Revision(_)
            | CliError::Scaffold(_)
            | CliError::Init(_)
            | CliError::UnknownDialect { .. }
            | CliError::Usage(_) => USAGE,
            CliError::Run(e) => run_error_code(e),
            CliError::Inspect(e) if e.is_usage_error() => USAGE,
            CliError::Inspect(_) | CliError::PlanBlocked { .. } => FAILURE,
            CliError::NotAtHeads { .. } | CliError::CheckFailed { .. } | CliError::LintFailed { .. } => FAILURE,
            CliError::SchemaStale { .. } => FAILURE,
            CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe => SUCCESS,
            CliError::Output(_) => FAILURE,
        }
    }

    /// What kind of error this is, as `--format json` names it (`"kind"`): one stable word per
    /// variant, so that scripts need not read messages.
    pub fn kind(&self) -> &'static str {
        match self {
            CliError::Config(_) => "config",
            CliError::Registry(_) => "registry",
            CliError::Graph(_) => "graph",
            CliError::Revision(_) => "revision",
            CliError::Run(_) => "run",
            CliError::Scaffold(_) => "scaffold",
            CliError::Init(_) => "init",
            CliError::UnknownDialect { .. } => "unknown_dialect",
            CliError::Usage(_) => "usage",
            CliError::NotAtHeads { .. } => "not_at_heads",
            CliError::CheckFailed { .. } => "check_failed",
            CliError::LintFailed { .. } => "lint_failed",
            CliError::SchemaStale { .. } => "schema_stale",
            CliError::Inspect(_) => "inspect",
            CliError::PlanBlocked { .. } => "plan_blocked",
            CliError::Output(_) => "output",
        }
    }

    /// Whether the error is worth printing (a closed stdout pipe is not).
    pub fn is_silent(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Run errors that mean "fix your input" (connection, graph, target) exit 2; the rest exit 1.
fn run_error_code(e: &RunError) -> u8 {
    if e.is_usage_error() {
        exit::USAGE
    } else {
        exit::FAILURE
    }
}
