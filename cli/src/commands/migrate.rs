//! Commands that change the database: `upgrade`, `downgrade`, `stamp`; and the plumbing they
//! share with the read-only commands (settings, connection, offline dialect).

use std::time::Duration;

use retort::config::Config;
use retort::graph::Direction;
use retort::runner::{Database, Migrator, Report, Settings, StallHooks, Timeouts};
use retort::{Dialect, Registry};
use serde::Serialize;

use super::{registry, Ctx};
use crate::args::{DowngradeArgs, StampArgs, TransactionScope, UpgradeArgs};
use crate::error::CliError;
use crate::output::progress::StepDone;
use crate::output::style::{DIM, ID, OK};
use crate::output::{Progress, Verbosity, View};
use retort::human::duration;

/// The runner's settings: its defaults, overridden by what the configuration sets.
pub fn settings(config: &Config) -> Settings {
    let defaults = Settings::default();
    Settings {
        version_table: config.version_table.clone(),
        history_table: config.history_table.clone(),
        schema: config.schema.clone(),
        create_schema: config.create_schema,
        lock_timeout: config.lock_timeout.unwrap_or(defaults.lock_timeout),
        statement_timeout: config.statement_timeout.or(defaults.statement_timeout),
        lock_wait: config.lock_wait.unwrap_or(defaults.lock_wait),
        lock_retries: config.lock_retries.clone().unwrap_or_else(|| defaults.lock_retries.clone()),
        // A bad [timeouts] table fails `connect` (exit 2) before anything is written; commands
        // that do not connect have no use for it.
        timeouts: Timeouts::from_config_file(config.config_file.as_deref()).unwrap_or_default(),
        ..defaults
    }
}

/// Connects to the configured database.
pub fn connect(config: &Config) -> Result<Database, CliError> {
    tracing::debug!(url = %config.display_url(), "connecting");
    let timeouts = Timeouts::from_config_file(config.config_file.as_deref())?;
    let mut db = Database::connect_with(config.url()?, &timeouts)?;
    db.set_stall_hooks(StallHooks { report: stall_report, fatal: stall_fatal });
    Ok(db)
}

/// The watchdog's report on a long call: a note on stderr.
fn stall_report(message: &str) {
    eprintln!("  note: {message}");
}

/// The watchdog's verdict: the stuck call may never return (its read cannot be interrupted), so
/// the run ends here, with exit 1 as for any failed run.
fn stall_fatal(message: &str) {
    eprintln!("error: {message}");
    std::process::exit(1);
}

/// Connects for a read-only command, or returns `None` when the database is a SQLite file that
/// does not exist yet: it has nothing applied, and reading it must not create it.
pub fn connect_existing(config: &Config) -> Result<Option<Database>, CliError> {
    if let Some(path) = sqlite_path(config.url()?) {
        if path != ":memory:" && !std::path::Path::new(path).exists() {
            return Ok(None);
        }
    }
    connect(config).map(Some)
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite:")?;
    Some(rest.strip_prefix("//").unwrap_or(rest))
}

/// The dialect a URL names, without connecting (`--sql`).
pub fn dialect_of(config: &Config) -> Result<Dialect, CliError> {
    let url = config.url()?;
    let scheme = url.split(':').next().unwrap_or_default().to_ascii_lowercase();
    match scheme.as_str() {
        "postgres" | "postgresql" => Ok(Dialect::Postgres),
        "mysql" | "mariadb" => Ok(Dialect::Mysql),
        "sqlite" | "file" => Ok(Dialect::Sqlite),
        _ => Err(CliError::UnknownDialect { url: config.display_url() }),
    }
}

/// What `upgrade` and `downgrade` print.
#[derive(Serialize)]
struct RunSummary {
    /// `upgrade` or `downgrade`.
    direction: &'static str,
    /// The target as given.
    target: String,
    /// The steps run, in order.
    steps: Vec<StepDone>,
    /// Nothing was pending.
    already_at_target: bool,
    /// The version rows afterwards.
    current: Vec<String>,
    /// Total wall time of the steps in milliseconds.
    duration_ms: f64,
}

impl View for RunSummary {
    fn text(&self, w: &mut dyn std::io::Write, verbosity: Verbosity) -> std::io::Result<()> {
        if verbosity == Verbosity::Quiet {
            return Ok(());
        }
        // The steps are already printed as they finish; this is the last line.
        if self.already_at_target {
            let at = if self.current.is_empty() { "base".to_string() } else { self.current.join(", ") };
            return writeln!(w, "{OK}already at {}{OK:#} {DIM}({at}){DIM:#}", self.target);
        }
        let n = self.steps.len();
        let verb = if self.direction == "upgrade" { "applied" } else { "reverted" };
        let total = duration(Duration::from_secs_f64(self.duration_ms / 1000.0));
        let now = if self.current.is_empty() {
            "base".to_string()
        } else {
            self.current.iter().map(|c| format!("{ID}{c}{ID:#}")).collect::<Vec<_>>().join(", ")
        };
        writeln!(w, "{OK}{verb} {n} revision{}{OK:#} in {total}; now at {now}", if n == 1 { "" } else { "s" })
    }
}

fn summary(direction: Direction, target: &str, report: Report, steps: Vec<StepDone>) -> RunSummary {
    let total: Duration = report.applied.iter().map(|(_, d)| *d).sum();
    RunSummary {
        direction: if direction == Direction::Upgrade { "upgrade" } else { "downgrade" },
        target: target.to_string(),
        steps,
        already_at_target: report.already_at_target,
        current: report.current,
        duration_ms: total.as_secs_f64() * 1000.0,
    }
}

/// Applies revisions up to the target (or prints their SQL with `--sql`).
pub fn upgrade(ctx: &mut Ctx<'_>, args: &UpgradeArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let mut settings = settings(&config);
    settings.transaction_all = args.transaction == Some(TransactionScope::All);
    settings.accept_checksum = args.accept_checksum.clone();
    settings.render_from_catalog = args.render_from_catalog;
    settings.create_schema |= args.create_schema;
    if args.sql {
        return offline(ctx, &config, &registry, settings, &args.target, Direction::Upgrade);
    }
    let migrator = Migrator::new(&registry, settings)?;
    // Before connecting, which creates a SQLite file: bad input changes nothing.
    migrator.check_target(&args.target, Direction::Upgrade)?;
    let mut db = connect(&config)?;
    ctx.out.detail(format_args!("{DIM}upgrading {} to {}{DIM:#}", config.display_url(), args.target));
    let mut progress = Progress::new(ctx.out);
    let report = migrator.upgrade(&mut db, &args.target, &mut progress);
    progress.finish();
    let steps = std::mem::take(&mut progress.done);
    drop(progress);
    let view = summary(Direction::Upgrade, &args.target, report?, steps);
    ctx.out.emit(&view)
}

/// Reverts revisions down to the target (or prints their SQL with `--sql`).
pub fn downgrade(ctx: &mut Ctx<'_>, args: &DowngradeArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let mut settings = settings(&config);
    settings.accept_checksum = args.accept_checksum.clone();
    settings.render_from_catalog = args.render_from_catalog;
    if args.sql {
        return offline(ctx, &config, &registry, settings, &args.target, Direction::Downgrade);
    }
    let migrator = Migrator::new(&registry, settings)?;
    migrator.check_target(&args.target, Direction::Downgrade)?;
    // A downgrade never needs to create the database: a SQLite file that does not exist is at base.
    let Some(mut db) = connect_existing(&config)? else {
        migrator.graph().plan_downgrade(&[], &args.target)?;
        let mut empty = Report::default();
        empty.already_at_target = true;
        return ctx.out.emit(&summary(Direction::Downgrade, &args.target, empty, Vec::new()));
    };
    ctx.out.detail(format_args!("{DIM}downgrading {} to {}{DIM:#}", config.display_url(), args.target));
    let mut progress = Progress::new(ctx.out);
    let report = migrator.downgrade(&mut db, &args.target, &mut progress);
    progress.finish();
    let steps = std::mem::take(&mut progress.done);
    drop(progress);
    let view = summary(Direction::Downgrade, &args.target, report?, steps);
    ctx.out.emit(&view)
}

/// `--sql`: the plan as a SQL script, for the URL's dialect, without connecting.
fn offline(
    ctx: &mut Ctx<'_>,
    config: &Config,
    registry: &Registry,
    settings: Settings,
    target: &str,
    direction: Direction,
) -> Result<(), CliError> {
    let dialect = dialect_of(config)?;
    let migrator = Migrator::new(registry, settings)?;
    let sql = migrator.offline_sql(dialect, target, direction)?;
    ctx.out.raw(&sql)
}

/// What `stamp` prints.
#[derive(Serialize)]
struct Stamped {
    /// The target as given.
    target: String,
    /// Whether the table was emptied first.
    purge: bool,
    /// The version rows before.
    before: Vec<String>,
    /// The version rows after.
    current: Vec<String>,
}

impl View for Stamped {
    fn text(&self, w: &mut dyn std::io::Write, verbosity: Verbosity) -> std::io::Result<()> {
        if verbosity == Verbosity::Quiet {
            return Ok(());
        }
        let list = |v: &[String]| if v.is_empty() { "base".to_string() } else { v.join(", ") };
        writeln!(w, "{OK}stamped{OK:#} {} -> {ID}{}{ID:#}", list(&self.before), list(&self.current))
    }
}

/// Sets the version table without running ops.
pub fn stamp(ctx: &mut Ctx<'_>, args: &StampArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let mut settings = settings(&config);
    settings.create_schema |= args.create_schema;
    let migrator = Migrator::new(&registry, settings)?;
    if args.sql {
        let sql = migrator.stamp_sql(dialect_of(&config)?, &args.rev)?;
        return ctx.out.raw(&sql);
    }
    migrator.check_stamp_target(&args.rev)?;
    let mut db = connect(&config)?;
    let before = migrator.current(&mut db)?;
    migrator.stamp(&mut db, &args.rev, args.purge)?;
    let current = migrator.current(&mut db)?;
    ctx.out.emit(&Stamped { target: args.rev.clone(), purge: args.purge, before, current })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_defaults_match_the_runner_defaults() {
        let defaults = Settings::default();
        assert_eq!(defaults.version_table, retort::config::DEFAULT_VERSION_TABLE);
        assert_eq!(defaults.history_table, retort::config::DEFAULT_HISTORY_TABLE);
    }

    #[test]
    fn sqlite_paths_are_read_from_both_url_forms() {
        assert_eq!(sqlite_path("sqlite:///tmp/a.db"), Some("/tmp/a.db"));
        assert_eq!(sqlite_path("sqlite://a.db"), Some("a.db"));
        assert_eq!(sqlite_path("sqlite:a.db"), Some("a.db"));
        assert_eq!(sqlite_path("postgres://x/y"), None);
    }
}
