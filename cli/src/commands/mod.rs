//! One function per command, over a shared context (app, options, printer, lazily resolved
//! configuration and revisions).

mod check;
mod completions;
mod diesel_schema;
pub mod folder;
pub mod init;
mod inspect;
mod log;
mod migrate;
mod online;
pub mod scaffold;
mod schema;
mod show_sql;

use retort::config::{Config, Sources};
use retort::graph::RevisionGraph;
use retort::{Registry, RegistryError};

use crate::app::App;
use crate::args::{Command, Format, GlobalArgs, HistoryArgs};
use crate::error::CliError;
use crate::output::Output;

/// What every command works with.
pub struct Ctx<'a> {
    /// The app.
    pub app: &'a App,
    /// The global options.
    pub global: &'a GlobalArgs,
    /// The printer.
    pub out: &'a mut Output,
    /// The name the binary was called by (its file name), for `completions`.
    pub bin_name: String,
    config: Option<Config>,
}

impl<'a> Ctx<'a> {
    /// A context; nothing is resolved until a command asks.
    pub fn new(app: &'a App, global: &'a GlobalArgs, out: &'a mut Output) -> Self {
        Self { app, global, out, bin_name: "migrate".to_string(), config: None }
    }

    /// Sets the name the binary was called by.
    pub fn bin_name(mut self, name: String) -> Self {
        self.bin_name = name;
        self
    }

    /// Says which database the command works on, first (see [`Output::database`]); stops with
    /// exit code 2, naming the ways to give one, when there is no URL.
    pub fn announce_database(&mut self) -> Result<(), CliError> {
        let config = self.config()?;
        let location = config.location()?;
        let (url, source) = (config.display_url(), config.database_url_source.clone());
        self.out.database(url, &location, source.as_ref());
        Ok(())
    }

    /// The configuration, resolved on first use.
    pub fn config(&mut self) -> Result<&Config, CliError> {
        let config = match self.config.take() {
            Some(config) => config,
            None => {
                let sources = Sources::from_process(self.app.name(), self.app.dir())
                    .migrations_dir(self.app.migrations_dir_setting())
                    .default_sqlite(self.app.default_sqlite_setting().map(Into::into))
                    .database_url_flag(self.global.database_url.clone())
                    .config_path(self.global.config.clone());
                let config = Config::resolve(&sources)?;
                tracing::debug!(url = %config.display_url(), source = ?config.database_url_source, "configuration resolved");
                config
            }
        };
        Ok(self.config.insert(config))
    }
}

/// The revisions linked into this binary.
pub fn registry() -> Result<Registry, CliError> {
    Ok(Registry::collect()?)
}

/// The validated graph over the registry's revisions.
pub fn graph(registry: &Registry) -> Result<RevisionGraph<'static>, CliError> {
    Ok(RevisionGraph::build(registry.revisions().iter().copied())?)
}

/// Whether `command` reads or changes a database (and so needs a URL and says which one first).
/// Exhaustive on purpose: a new command must decide.
fn touches_database(command: &Command) -> bool {
    match command {
        Command::Upgrade(args) => !args.sql,
        Command::Downgrade(args) => !args.sql,
        // The graph is drawn without a database too (then nothing is marked applied).
        Command::History(args) => !args.graph,
        Command::Stamp(args) => !args.sql,
        Command::Current(_)
        | Command::Log(_)
        | Command::Check(_)
        | Command::Plan(_)
        | Command::Locks(_)
        | Command::Partitions(_) => true,
        Command::Heads
        | Command::Branches
        | Command::Show(_)
        | Command::New(_)
        | Command::Merge(_)
        | Command::Lint
        | Command::Schema(_)
        | Command::Init(_)
        | Command::Completions(_) => false,
    }
}

/// Runs one command.
pub fn dispatch(ctx: &mut Ctx<'_>, command: Command) -> Result<(), CliError> {
    // Checked before anything is read, so that the mistake costs no connection.
    if ctx.global.format == Format::Dot && !matches!(command, Command::History(HistoryArgs { graph: true, .. })) {
        return Err(CliError::Usage(
            "`--format dot` writes the revision graph for Graphviz: use it with `history --graph`".into(),
        ));
    }
    if touches_database(&command) {
        ctx.announce_database()?;
    }
    match command {
        Command::Upgrade(args) if args.plan => online::plan(ctx, &args.target),
        Command::Upgrade(args) => migrate::upgrade(ctx, &args),
        Command::Downgrade(args) => migrate::downgrade(ctx, &args),
        Command::Stamp(args) => migrate::stamp(ctx, &args),
        Command::Current(args) => inspect::current(ctx, &args),
        Command::History(args) => inspect::history(ctx, &args),
        Command::Log(args) => log::log(ctx, &args),
        Command::Heads => inspect::heads(ctx),
        Command::Branches => inspect::branches(ctx),
        Command::Show(args) => inspect::show(ctx, &args),
        Command::New(args) => new(ctx, &args),
        Command::Merge(args) => merge(ctx, &args),
        Command::Check(args) => check::check(ctx, args),
        Command::Lint => check::lint(ctx),
        Command::Schema(args) => diesel_schema::diesel(ctx, &args),
        Command::Plan(args) => online::plan(ctx, &args.target),
        Command::Locks(args) => online::locks(ctx, &args),
        Command::Partitions(command) => online::partitions(ctx, &command),
        Command::Init(args) => init::init(ctx, &args),
        Command::Completions(args) => completions::completions(ctx, &args),
    }
}

fn new(ctx: &mut Ctx<'_>, args: &crate::args::NewArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let revisions = chain(&config)?;
    let graph = if revisions.is_empty() { None } else { Some(RevisionGraph::build(&revisions)?) };
    let written = scaffold::plan_new(graph.as_ref(), args)?.write(&config)?;
    ctx.out.emit(&written)
}

fn merge(ctx: &mut Ctx<'_>, args: &crate::args::MergeArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let revisions = chain(&config)?;
    if revisions.is_empty() {
        // The registry's own error says how to link the migrations crate.
        return Err(RegistryError::Empty.into());
    }
    let graph = RevisionGraph::build(&revisions)?;
    let written = scaffold::plan_merge(&graph, args)?.write(&config)?;
    ctx.out.emit(&written)
}

/// The revisions `new` and `merge` chain onto: the ones linked into this binary and the ones the
/// migrations folder holds, written since the build or never linked.
fn chain(config: &Config) -> Result<Vec<retort::Revision>, CliError> {
    let registry = match Registry::collect() {
        Ok(registry) => Some(registry),
        // Nothing linked: the folder's files may still hold revisions written since the build.
        Err(RegistryError::Empty) => None,
        Err(e) => return Err(e.into()),
    };
    let linked = registry.as_ref().map(Registry::revisions).unwrap_or_default();
    Ok(folder::with_files(&config.migrations_dir, linked).map_err(scaffold::ScaffoldError::from)?)
}
