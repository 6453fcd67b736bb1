//! The command line as clap parses it: raw arguments, validated later into a `Config`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "migrate",
    about = "Schema migrations written as typed Rust: upgrade, inspect and write revisions",
    long_about = "Schema migrations written as typed Rust: upgrade, inspect and write revisions.\n\n\
        Without a command, prints this help and exits 2 (as alembic, sqlx and diesel do): a deploy \
        says `upgrade head`.",
    arg_required_else_help = true,
    after_long_help = "Exit status: 0 success, 1 a migration or check failed, 2 bad usage, configuration or revision graph.",
    // `--version`/`-V`: retort's version (the CLI's, which is the runner's).
    version,
    max_term_width = 100
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The help heading of the options every command takes.
const GLOBAL: &str = "Global options";

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Database URL [default: $DATABASE_URL, else .env, else retort.toml, else the app's embedded SQLite file if it opted into one; commands that touch a database print which one first]
    #[arg(long, global = true, value_name = "URL", help_heading = GLOBAL)]
    pub database_url: Option<String>,
    /// Configuration file [default: ./retort.toml, else retort.toml in the app's folder]
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,
    /// Output format: text, json (one document on stdout, fields in docs/cli.md), or dot (Graphviz; `history --graph` only)
    #[arg(long, global = true, value_enum, default_value_t = Format::Text, hide_possible_values = true, help_heading = GLOBAL)]
    pub format: Format,
    /// When to color the output: never, auto (on a terminal, unless NO_COLOR is set) or always
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", hide_possible_values = true, help_heading = GLOBAL)]
    pub color: ColorWhen,
    /// More output: details in current/history/log, each statement in upgrade/downgrade; -vv adds debug logs
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet", help_heading = GLOBAL)]
    pub verbose: u8,
    /// Less output: only errors and the requested data
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// One JSON document on stdout (fields documented in docs/cli.md).
    Json,
    /// A Graphviz graph on stdout (`history --graph` only).
    Dot,
}

/// When to color the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Never.
    Never,
    /// When writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
}

/// The commands, named as in Alembic.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply revisions up to TARGET
    Upgrade(UpgradeArgs),
    /// Revert revisions down to TARGET
    Downgrade(DowngradeArgs),
    /// Show the database's current revision(s) (--verbose: in full)
    Current(CurrentArgs),
    /// List revisions, newest first, marking the applied ones (--verbose: in full; --graph: as a graph)
    History(HistoryArgs),
    /// Show the history table: each step run against the database, oldest first, with its time, duration, user, host and outcome
    Log(LogArgs),
    /// Show the head revisions
    Heads,
    /// Show the branch points and their branches
    Branches,
    /// Show one revision and each of its ops in full (--sql: their SQL for a dialect)
    Show(ShowArgs),
    /// Set the version table to REV without running any op
    Stamp(StampArgs),
    /// Write a new revision file whose parent is the current head
    New(NewArgs),
    /// Write a merge revision joining two or more heads
    Merge(MergeArgs),
    /// Check that the graph is valid, nothing is pending and the database matches the chain
    Check(CheckArgs),
    /// Run the safety rules over every revision
    Lint,
    /// Write diesel's schema.rs from the chain's schema model at a revision (no database); --check: fail when a file is stale
    Schema(SchemaArgs),
    /// Show what `upgrade TARGET` would do: each op's lock, table size, estimated duration and the sessions that would block it now
    Plan(PlanArgs),
    /// Show the sessions waiting for a lock and the sessions they wait for
    Locks(LocksArgs),
    /// Maintain the partitions of a date-partitioned table (PostgreSQL)
    #[command(subcommand)]
    Partitions(PartitionsCommand),
    /// Set up the crate in the current folder: src/migrations/mod.rs, build.rs, src/bin/migrate.rs; prints the Cargo.toml lines
    Init(InitArgs),
    /// Print the shell completion script for SHELL (bash, zsh, fish, elvish, powershell) on stdout
    Completions(CompletionsArgs),
}

/// `init`.
#[derive(Debug, Args)]
#[command(
    long_about = "Set up the crate in the app's folder for retort: writes src/migrations/mod.rs (`retort::migrations!();`), \
        build.rs (which rebuilds the crate when a revision file is added) and src/bin/migrate.rs (the `migrate` binary), \
        and prints the lines to add to Cargo.toml. Refuses, changing nothing, when one of these files exists; an \
        existing build.rs is left alone and the line to add to it is printed."
)]
pub struct InitArgs {}

/// `completions`.
#[derive(Debug, Args)]
#[command(
    after_help = "e.g. bash: migrate completions bash > ~/.local/share/bash-completion/completions/migrate\n     \
    zsh: migrate completions zsh > \"${fpath[1]}/_migrate\"\n     fish: migrate completions fish > ~/.config/fish/completions/migrate.fish"
)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_enum, value_name = "SHELL", hide_possible_values = true)]
    pub shell: clap_complete::Shell,
}

/// `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// head, heads, +N, REV (id or unique prefix), LABEL@head
    #[arg(default_value = "heads")]
    pub target: String,
}

/// `locks`.
#[derive(Debug, Args)]
pub struct LocksArgs {
    /// Print a snapshot every SECONDS until interrupted (Ctrl-C)
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub watch: Option<u64>,
}

/// `partitions`.
#[derive(Debug, Subcommand)]
pub enum PartitionsCommand {
    /// Create the missing partitions from the last one (or now) to --ahead periods ahead, each with the safe recipe; idempotent, meant for cron
    Ensure(EnsureArgs),
}

/// `partitions ensure`.
#[derive(Debug, Args)]
pub struct EnsureArgs {
    /// The range-partitioned table, partitioned on a date or timestamp column
    #[arg(long, value_name = "TABLE")]
    pub table: String,
    /// Each partition's range: day, week (Monday to Monday), month or year
    #[arg(long, value_enum, default_value_t = IntervalArg::Month, hide_possible_values = true)]
    pub interval: IntervalArg,
    /// How many periods after the current one must have a partition
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub ahead: u32,
    /// Partition names: {table}, {year}, {month}, {day} (the period's first day), {week}, {isoyear} [default: {table}_{year}_{month} for months, {table}_{year}_{month}_{day} for days and weeks, {table}_{year} for years]
    #[arg(long = "name", value_name = "TEMPLATE")]
    pub name: Option<String>,
    /// Say which partitions are missing without creating them
    #[arg(long)]
    pub dry_run: bool,
    /// Print the SQL that would create the missing partitions instead of running it
    #[arg(long, conflicts_with = "dry_run")]
    pub sql: bool,
}

/// A partition interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    /// One day.
    Day,
    /// One week, Monday to Monday.
    Week,
    /// One calendar month.
    Month,
    /// One calendar year.
    Year,
}

/// `upgrade`.
#[derive(Debug, Args, Default)]
pub struct UpgradeArgs {
    /// head, heads, +N, REV (id or unique prefix), LABEL@head; FROM:TO with --sql
    #[arg(default_value = "head")]
    pub target: String,
    /// Print the SQL instead of running it; needs no database connection
    #[arg(long)]
    pub sql: bool,
    /// per-migration (each revision as it declares, the default), or all: one transaction around
    /// the whole run (PostgreSQL, SQLite), so that it commits entirely or not at all
    #[arg(long, value_enum, value_name = "SCOPE", hide_possible_values = true)]
    pub transaction: Option<TransactionScope>,
    /// Accept the edited ops of this applied revision and record its new checksum (repeatable)
    #[arg(long, value_name = "REV")]
    pub accept_checksum: Vec<String>,
    /// Take the definitions of tables SQLite rebuilds and MySQL restates from the database
    /// instead of the chain's schema model (for tables that predate the chain)
    #[arg(long)]
    pub render_from_catalog: bool,
    /// Show the plan instead of running it (as `plan TARGET`): locks, sizes, estimates, current blockers
    #[arg(long, conflicts_with = "sql")]
    pub plan: bool,
    /// Create the `schema` of retort.toml when it does not exist (PostgreSQL), as `create_schema = true`
    #[arg(long)]
    pub create_schema: bool,
}

/// Run-level transaction scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TransactionScope {
    /// Each revision in its own transaction, as the revision declares (the default).
    PerMigration,
    /// One transaction around the whole run (PostgreSQL only).
    All,
}

/// `downgrade`.
#[derive(Debug, Args)]
pub struct DowngradeArgs {
    /// -N, base, REV (id or unique prefix), LABEL@base; FROM:TO with --sql
    #[arg(allow_hyphen_values = true)]
    pub target: String,
    /// Print the SQL instead of running it; needs no database connection
    #[arg(long)]
    pub sql: bool,
    /// Accept the edited ops of this applied revision and record its new checksum (repeatable)
    #[arg(long, value_name = "REV")]
    pub accept_checksum: Vec<String>,
    /// Take the definitions of tables SQLite rebuilds and MySQL restates from the database
    /// instead of the chain's schema model (for tables that predate the chain)
    #[arg(long)]
    pub render_from_catalog: bool,
}

/// `check`.
#[derive(Debug, Args, Default)]
pub struct CheckArgs {
    /// An empty database to build the chain's schema in for the drift check, instead of creating (and dropping) a scratch database on the server [default: scratch_url in retort.toml]
    #[arg(long, value_name = "URL", conflicts_with = "skip_drift")]
    pub scratch_url: Option<String>,
    /// Do not compare the schema with the chain's (for chains that do not build from an empty database)
    #[arg(long)]
    pub skip_drift: bool,
}

/// `current`.
#[derive(Debug, Args)]
pub struct CurrentArgs {
    /// Exit with 1 unless the database is at the head(s)
    #[arg(long)]
    pub check_heads: bool,
}

/// `history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only revisions between A and B (either may be omitted: `-r A:`, `-r :B`)
    #[arg(short = 'r', long = "rev-range", value_name = "A:B")]
    pub rev_range: Option<String>,
    /// Draw the revision graph, branches and merges as lines (as `git log --graph`); `--format dot` writes it for Graphviz
    #[arg(long)]
    pub graph: bool,
}

/// `log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only the last N steps
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
}

/// `show`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("rendering").args(["schema", "sql"]))]
pub struct ShowArgs {
    /// Revision id, unique prefix, head or LABEL@head
    pub rev: String,
    /// Print the chain's schema model after the revision (folded from the ops, no database)
    #[arg(long)]
    pub schema: bool,
    /// Print each op's SQL for the dialect, upgrade and downgrade (rendered offline, no database)
    #[arg(long)]
    pub sql: bool,
    /// The dialect of --schema or --sql (postgres, sqlite, mysql); default: the database URL's
    #[arg(long, value_name = "DIALECT", requires = "rendering")]
    pub dialect: Option<retort::Dialect>,
}

/// `schema`.
#[derive(Debug, Args)]
#[command(
    long_about = "Write the schema that an ORM's code generator would read from the database the chain builds, from the \
        chain's schema model at a revision: no database is needed. --diesel writes diesel's schema.rs as `diesel \
        print-schema` would (table!, joinable!, allow_tables_to_appear_in_same_query!, and `mod sql_types` for \
        PostgreSQL enums). Without -o the schema goes to stdout; with -o PATH it is written there (left untouched when \
        already up to date); with --check nothing is written, and a stale file exits 1 with a unified diff.",
    after_help = "e.g. migrate schema --diesel -o src/schema.rs\n     migrate schema --diesel --dialect postgres -o src/schema.rs --check"
)]
pub struct SchemaArgs {
    /// diesel's schema.rs (the one generator so far; required)
    #[arg(long, required = true)]
    pub diesel: bool,
    /// Revision id, unique prefix, head or LABEL@head [default: head]
    #[arg(long, value_name = "REV", default_value = "head")]
    pub at: String,
    /// The dialect (postgres, sqlite, mysql); default: the database URL's
    #[arg(long, value_name = "DIALECT")]
    pub dialect: Option<retort::Dialect>,
    /// Write the schema to PATH instead of stdout
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Write nothing: exit 1 with a unified diff when PATH differs from the schema
    #[arg(long, requires = "output")]
    pub check: bool,
    /// SQLite: a table's INTEGER PRIMARY KEY (its 64-bit rowid) as BigInt, as diesel's option of that name, so that BigInt foreign keys join with it
    #[arg(long)]
    pub sqlite_integer_primary_key_is_bigint: bool,
}

/// `stamp`.
#[derive(Debug, Args)]
pub struct StampArgs {
    /// Revision id, unique prefix, head, heads or base; FROM:TO with --sql
    pub rev: String,
    /// Print the SQL instead of running it; needs no database connection
    #[arg(long, conflicts_with = "purge")]
    pub sql: bool,
    /// Empty the version table first, whatever it holds
    #[arg(long)]
    pub purge: bool,
    /// Create the `schema` of retort.toml when it does not exist (PostgreSQL), as `create_schema = true`
    #[arg(long)]
    pub create_schema: bool,
}

/// `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Message: the revision's doc comment and its file name's slug
    #[arg(short, long)]
    pub message: String,
    /// Parent revision [default: the head; required when there are several]; `base` starts a new root
    #[arg(long, value_name = "REV")]
    pub head: Option<String>,
    /// Branch label of the new revision
    #[arg(long, value_name = "LABEL")]
    pub branch_label: Vec<String>,
    /// Revision that must be applied first, without being a parent (repeatable)
    #[arg(long, value_name = "REV")]
    pub depends_on: Vec<String>,
    /// The new revision's id instead of a random one: letters, digits and `_`, not head, heads, base or current, not an existing id or label
    #[arg(long, value_name = "ID")]
    pub rev_id: Option<String>,
}

/// `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Revisions to join (ids, prefixes or labels), or `heads` for every head
    #[arg(required = true, num_args = 1.., value_name = "REV")]
    pub revs: Vec<String>,
    /// Message: the revision's doc comment and its file name's slug
    #[arg(short, long)]
    pub message: String,
    /// Branch label of the merge revision
    #[arg(long, value_name = "LABEL")]
    pub branch_label: Vec<String>,
}

impl Cli {
    /// The command to run: `upgrade head` when none is given.
    pub fn into_parts(self) -> (GlobalArgs, Command) {
        (self.global, self.command)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_command_prints_help_and_is_a_usage_error() {
        let err = Cli::try_parse_from(["migrate"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand);
        assert!(err.use_stderr(), "help on stderr, exit 2");
        assert!(err.to_string().contains("Usage: migrate"), "{err}");
    }

    #[test]
    fn downgrade_accepts_negative_relative_target() {
        let cli = Cli::try_parse_from(["migrate", "downgrade", "-1"]).unwrap();
        assert!(matches!(cli.command, Command::Downgrade(DowngradeArgs { ref target, .. }) if target == "-1"));
    }

    #[test]
    fn partitions_ensure_takes_its_table_interval_and_horizon() {
        let cli = Cli::try_parse_from(["migrate", "partitions", "ensure", "--table", "events", "--interval", "week"])
            .unwrap();
        let Command::Partitions(PartitionsCommand::Ensure(args)) = cli.command else { panic!("not ensure") };
        assert_eq!((args.table.as_str(), args.interval, args.ahead), ("events", IntervalArg::Week, 3));
        assert!(Cli::try_parse_from(["migrate", "partitions", "ensure"]).is_err(), "--table is required");
        assert!(Cli::try_parse_from(["migrate", "partitions", "ensure", "--table", "t", "--sql", "--dry-run"]).is_err());
    }

    #[test]
    fn upgrade_plan_cannot_be_combined_with_sql() {
        assert!(Cli::try_parse_from(["migrate", "upgrade", "--plan", "--sql"]).is_err());
        let cli = Cli::try_parse_from(["migrate", "upgrade", "+2", "--plan"]).unwrap();
        assert!(matches!(cli.command, Command::Upgrade(UpgradeArgs { plan: true, ref target, .. }) if target == "+2"));
        assert!(Cli::try_parse_from(["migrate", "locks", "--watch", "0"]).is_err(), "a zero interval would spin");
    }

    #[test]
    fn show_renders_either_the_schema_or_the_sql_for_a_dialect() {
        let cli = Cli::try_parse_from(["migrate", "show", "head", "--sql", "--dialect", "mysql"]).unwrap();
        assert!(matches!(cli.command, Command::Show(ShowArgs { sql: true, schema: false, .. })));
        assert!(Cli::try_parse_from(["migrate", "show", "head", "--sql", "--schema"]).is_err());
        assert!(Cli::try_parse_from(["migrate", "show", "head", "--dialect", "mysql"]).is_err(), "nothing to render");
    }

    #[test]
    fn completions_take_a_known_shell() {
        let cli = Cli::try_parse_from(["migrate", "completions", "zsh"]).unwrap();
        assert!(matches!(cli.command, Command::Completions(CompletionsArgs { shell: clap_complete::Shell::Zsh })));
        assert!(Cli::try_parse_from(["migrate", "completions", "tcsh"]).is_err());
        assert!(Cli::try_parse_from(["migrate", "completions"]).is_err());
    }

    #[test]
    fn global_flags_are_accepted_after_the_command() {
        let cli = Cli::try_parse_from(["migrate", "heads", "--format", "json", "-q"]).unwrap();
        assert_eq!(cli.global.format, Format::Json);
        assert!(cli.global.quiet);
    }
}
