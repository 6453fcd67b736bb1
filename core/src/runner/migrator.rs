//! `Migrator`: the library calls behind the CLI's verbs (upgrade, downgrade, stamp, current,
//! history, check, offline SQL), over a validated revision graph.

use std::collections::HashMap;

use chrono::Utc;

use crate::backend::{Dialect, RenderContext};
use crate::graph::{Direction, Plan, RevisionGraph};
use crate::schema::chain::{self, ChainWarning};
use crate::schema::{self, Schema};
use crate::{Registry, Revision};

use super::connection::Database;
use super::drift::{self, CheckOptions};
use super::execute::{join, mode_name, Executor};
use super::history::{self, HistoryKind, HistoryRow, NewRow, RunMeta, State, Timing};
use super::lock::{self, LockGuard};
use super::prepare::{self, Definitions, PreparedStep};
use super::sql::{self, Strategy, Tables};
use super::{checksum, offline, version, CheckReport, Observer, Report, RunError, Settings};

/// Applies the registered revisions to databases.
#[derive(Debug)]
pub struct Migrator {
    graph: RevisionGraph<'static>,
    settings: Settings,
    meta: RunMeta,
}

const MYSQL_NOTICE: &str = "MySQL/MariaDB commit DDL implicitly, so a revision cannot be rolled back as a whole: \
                            retort journals each statement, marks a revision applied only once all of its statements \
                            ran, and resumes a failed revision at the failed statement";

impl Migrator {
    /// Builds and validates the revision graph; a broken graph is [`RunError::Graph`], bad
    /// settings are [`RunError::Config`].
    pub fn new(registry: &Registry, settings: Settings) -> Result<Migrator, RunError> {
        settings.validate()?;
        let graph = RevisionGraph::build(registry.revisions().iter().copied())?;
        // Checked here, before any connection: a typo must not create the tables first.
        for accepted in &settings.accept_checksum {
            graph.resolve(accepted)?;
        }
        Ok(Migrator { graph, settings, meta: RunMeta::current() })
    }

    /// Checks a target of `upgrade` or `downgrade` against the graph without the database: its
    /// syntax, the revisions and labels it names, its direction. `upgrade` and `downgrade` check
    /// it themselves before writing anything; call it before connecting, so that a typo does not
    /// even create a SQLite file.
    pub fn check_target(&self, target: &str, direction: Direction) -> Result<(), RunError> {
        Ok(self.graph.check_target(target, direction)?)
    }

    /// Checks a target of `stamp` (either direction) against the graph without the database.
    pub fn check_stamp_target(&self, target: &str) -> Result<(), RunError> {
        match self.graph.check_target(target, Direction::Upgrade) {
            Ok(()) => Ok(()),
            Err(upgrade) => self.graph.check_target(target, Direction::Downgrade).map_err(|_| upgrade.into()),
        }
    }

    /// The revision graph: `heads`, `branches` (`branch_points`), `show` (`resolve`) and
    /// `history` read it directly.
    pub fn graph(&self) -> &RevisionGraph<'static> {
        &self.graph
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Folds every revision's ops into the chain's schema model for `dialect`: a chain with an
    /// op that cannot apply where it stands (a column dropped twice, an index on a missing
    /// column, parents of a merge that define a table differently) is [`RunError::Chain`].
    pub fn check_chain(&self, dialect: Dialect) -> Result<Vec<ChainWarning>, RunError> {
        Ok(chain::fold_graph(&self.graph, dialect.name())?.warnings)
    }

    /// Where the plan's ops take table definitions from: the chain's model at the revisions
    /// `current` (the version table's rows), or, with `render_from_catalog`, the live catalog,
    /// each folded op by op through the plan.
    fn definitions(&self, db: &mut Database, current: &[String]) -> Result<Definitions<'_>, RunError> {
        let dialect = db.dialect();
        let before = move |revision: &Revision| prepare::schema_before(&self.graph, revision, dialect);
        if self.settings.render_from_catalog && dialect.capabilities().table_definitions {
            let live = super::read_schema(db, &self.settings)?;
            return Ok(Definitions::catalog(live).with_before(before));
        }
        let heads: Vec<&str> = current.iter().map(String::as_str).collect();
        // PostgreSQL alters in place and needs no table's definition, but the model still tells
        // what a type change must carry along (the column's collation).
        let definitions = match chain::schema_of(&self.graph, &heads, dialect.name()) {
            Ok((schema, _)) => Definitions::model(schema, true),
            // Revisions this binary does not know: the live tables are all there is.
            Err(_) => Definitions::live(),
        };
        Ok(definitions.with_before(before))
    }

    /// Before anything runs, the tables whose definitions came from the model must be what the
    /// live database has: otherwise the rendered SQL would rebuild or restate them wrongly.
    ///
    /// A journaled revision a killed run left midway (MySQL) has changed the database beyond the
    /// version table: its finished ops count as applied, and the op it stopped in either way.
    fn cross_check(
        &self,
        db: &mut Database,
        definitions: &Definitions<'_>,
        partial: &HashMap<String, history::Partial>,
    ) -> Result<(), RunError> {
        if definitions.used.is_empty() {
            return Ok(());
        }
        let dialect = db.dialect();
        let live = super::read_schema(db, &self.settings)?;
        let mut before = definitions.start.clone();
        let mut after = definitions.start.clone();
        for (id, p) in partial {
            let Some(rev) = self.graph.get(id) else { continue };
            let ops = match p.kind {
                HistoryKind::Downgrade => rev.down(),
                _ => rev.up(),
            };
            let Ok(ops) = ops else { continue };
            let done = usize::try_from(p.op).unwrap_or(usize::MAX);
            for (i, op) in ops.iter().enumerate().take(done.saturating_add(1)) {
                if i < done {
                    let _ = schema::fold::apply(&mut before, op, dialect.name());
                }
                let _ = schema::fold::apply(&mut after, op, dialect.name());
            }
        }
        let mut drift = Vec::new();
        for table in &definitions.used {
            let one = std::collections::BTreeSet::from([table.clone()]);
            let only = |schema: &Schema| schema.only_tables(&one);
            let found = schema::diff(&only(&before), &only(&live));
            if !found.is_empty() && !schema::diff(&only(&after), &only(&live)).is_empty() {
                drift.extend(found.iter().map(|d| d.to_string()));
            }
        }
        if drift.is_empty() {
            return Ok(());
        }
        Err(RunError::ModelDrift { url: db.display_url().to_string(), drift })
    }

    /// The chain's schema model after `target` (`head`, an id, a label, `base`) for `dialect`
    /// (`show REV --schema`), with what could not be checked.
    pub fn schema_at(&self, target: &str, dialect: Dialect) -> Result<(Schema, Vec<ChainWarning>), RunError> {
        Ok(chain::schema_at(&self.graph, target, dialect.name())?)
    }

    /// The revision a target names (`show REV`): id, unique prefix, label, `head`.
    pub fn show(&self, target: &str) -> Result<&'static Revision, RunError> {
        Ok(self.graph.resolve(target)?)
    }

    /// Upgrades to `target` (`head`, `heads`, `+N`, an id or prefix, `label@head`, ...).
    ///
    /// Takes the migration lock, then reads the version table and plans: a migrator that finds
    /// the work done by another one returns a report with `already_at_target`. Before anything
    /// runs, the checksums of the applied revisions are compared with this binary's.
    ///
    /// `base` is refused ([`RunError::Config`], exit 2, before anything is read or written):
    /// base is below every revision, so an upgrade to it never moves, and "already at base"
    /// would be false for any database that has a revision applied.
    pub fn upgrade(&self, db: &mut Database, target: &str, observer: &mut dyn Observer) -> Result<Report, RunError> {
        if target.trim().eq_ignore_ascii_case("base") {
            return Err(RunError::config(
                "`upgrade base` does nothing: base is below every revision; to revert every revision run `downgrade base`",
            ));
        }
        self.run(db, target, Direction::Upgrade, observer)
    }

    /// Downgrades to `target` (`-N`, `base`, an id or prefix, `label@base`, ...).
    pub fn downgrade(&self, db: &mut Database, target: &str, observer: &mut dyn Observer) -> Result<Report, RunError> {
        self.run(db, target, Direction::Downgrade, observer)
    }

    fn plan(&self, direction: Direction, current: &[String], target: &str) -> Result<Plan<'static>, RunError> {
        let current: Vec<&str> = current.iter().map(String::as_str).collect();
        Ok(match direction {
            Direction::Upgrade => self.graph.plan_upgrade(&current, target)?,
            Direction::Downgrade => self.graph.plan_downgrade(&current, target)?,
        })
    }

    fn run(
        &self,
        db: &mut Database,
        target: &str,
        direction: Direction,
        observer: &mut dyn Observer,
    ) -> Result<Report, RunError> {
        self.check_target(target, direction)?;
        let dialect = db.dialect();
        let t = Tables::new(&self.settings, dialect);
        let strategy = sql::strategy(dialect);
        if self.settings.transaction_all && strategy == Strategy::Journaled {
            return Err(RunError::config(
                "a run-level transaction is impossible on MySQL/MariaDB, which commit DDL implicitly; run without --transaction all",
            ));
        }

        // Fast path, without the lock: what every deploy runs when nothing is pending. Reading
        // committed rows is safe without it: if nothing is pending now, nothing will be.
        let fast = history::read_state(db, &t);
        let tables_exist = fast.is_ok();
        let unlocked_plan = match &fast {
            Ok(state) => {
                let plan = self.plan(direction, &state.current, target)?;
                if plan.is_empty() && self.settings.accept_checksum.is_empty() {
                    let mismatches = checksum::mismatches(&self.graph, state);
                    if !mismatches.is_empty() {
                        return Err(RunError::ChecksumMismatch { mismatches });
                    }
                    return Ok(at_target(&state.current));
                }
                Some(plan)
            }
            // No tables yet (or unreadable ones): bad input must change nothing, so everything
            // that can be checked without the tables is, before the lock creates them.
            Err(_) => match version::existing_tables(db, &t)? {
                (false, false) => {
                    let plan = self.plan(direction, &[], target)?;
                    if plan.is_empty() {
                        return Ok(at_target(&[]));
                    }
                    self.check_schema(db)?;
                    Some(plan)
                }
                _ => self.plan(direction, &[], target).ok(),
            },
        };
        // SQLite can only turn foreign keys off outside a transaction, so whether the run rebuilds
        // tables is judged from the plan made before the lock. The plan made under the lock can
        // only be smaller (another migrator did some of the work), or the renderer refuses the
        // rebuild with enforcement on.
        let sqlite_rebuilds = strategy == Strategy::Savepoint
            && unlocked_plan.is_some_and(|plan| prepare::rebuilds_tables(&plan.steps, dialect));

        // Work is pending: before anything is written, the chain must fold for this dialect
        // (warnings on objects raw SQL may have changed never refuse). The no-op path above
        // does not pay for it.
        self.check_chain(dialect)?;
        let mut guard = lock::acquire(db, &t, self.settings.lock_wait, sqlite_rebuilds)?;
        let result = self.run_locked(&mut guard, &t, tables_exist, target, direction, observer);
        // Release whatever happened: on SQLite this commits the revisions that finished and the
        // failure row of the one that did not.
        let released = guard.release(true);
        let report = result?;
        released?;
        Ok(report)
    }

    fn run_locked(
        &self,
        guard: &mut LockGuard<'_>,
        t: &Tables,
        tables_exist: bool,
        target: &str,
        direction: Direction,
        observer: &mut dyn Observer,
    ) -> Result<Report, RunError> {
        let dialect = guard.dialect();
        let strategy = sql::strategy(dialect);
        let db: &mut Database = guard;
        if !tables_exist {
            create_tables(db, t)?;
        }
        let state = history::read_state(db, t).map_err(|e| db.error("reading the version and history tables", &e))?;
        if !state.unfinished.is_empty() {
            // Under the lock no other run is writing them: whoever started them is gone.
            db.batch_execute(&history::mark_interrupted(t, &state.unfinished))
                .map_err(|e| db.error("marking the steps of an interrupted run", &e))?;
            observer.notice(&format!(
                "{} step(s) of an earlier run never finished (killed, crashed or disconnected); marked as interrupted in the history",
                state.unfinished.len()
            ));
        }
        let accepted = checksum::verify(&self.graph, &state, &self.settings.accept_checksum)?;
        if !accepted.is_empty() {
            let rows: Vec<String> = accepted
                .iter()
                .filter_map(|m| self.graph.get(&m.revision))
                .map(|rev| self.bookkeeping_row(t, rev, HistoryKind::AcceptChecksum))
                .collect();
            db.batch_execute(&join(&rows)).map_err(|e| db.error("recording the accepted checksums", &e))?;
            for m in &accepted {
                observer.notice(&format!("revision {}: accepted its new checksum {}", m.revision, m.current));
            }
        }
        for (revision, partial) in &state.partial {
            let other_way = match direction {
                Direction::Upgrade => partial.kind == HistoryKind::Downgrade,
                Direction::Downgrade => partial.kind == HistoryKind::Upgrade,
            };
            if other_way {
                observer.notice(&format!(
                    "revision {revision}: its {} stopped after {} statements in an earlier run; check the database",
                    if partial.kind == HistoryKind::Downgrade { "downgrade" } else { "upgrade" },
                    partial.done
                ));
            }
        }

        let plan = self.plan(direction, &state.current, target)?;
        if plan.is_empty() {
            return Ok(at_target(&state.current));
        }
        if self.settings.transaction_all {
            if let Some(step) = plan.steps.iter().find(|s| s.revision.transaction == crate::ops::TransactionMode::None)
            {
                return Err(RunError::config(format!(
                    "revision {} has `transaction: none` and cannot run inside a run-level transaction; run without --transaction all",
                    step.revision.id
                )));
            }
        }

        let ctx = render_context(db)?;
        let rows_after = plan.rows_after.clone();
        let mut definitions = self.definitions(db, &state.current)?;
        let prepared = plan
            .steps
            .into_iter()
            .map(|step| prepare::prepare(step, dialect, &ctx, &mut definitions))
            .collect::<Result<Vec<PreparedStep<'_>>, _>>()?;
        self.cross_check(db, &definitions, &state.partial)?;
        if strategy == Strategy::Journaled {
            observer.notice(MYSQL_NOTICE);
        }
        let tm = &self.settings.timeouts;
        let keepalive = (tm.keepalive_idle, tm.keepalive_interval, tm.keepalive_count);
        let setup = sql::session_setup(dialect, &ctx, self.settings.lock_timeout, keepalive);
        if !setup.is_empty() {
            db.batch_execute(&join(&setup)).map_err(|e| db.error("setting up the session", &e))?;
        }
        let applied = Executor {
            db,
            t,
            settings: &self.settings,
            run_settings: &self.settings,
            meta: &self.meta,
            observer,
            ctx: &ctx,
            partial: &state.partial,
            strategy,
        }
        .run(&prepared)?;
        Ok(Report { applied, already_at_target: false, current: rows_after })
    }

    /// Sets the version table to `target` without running any op. With `purge`, the version
    /// table is emptied first, whatever it held (also revisions this binary does not know).
    pub fn stamp(&self, db: &mut Database, target: &str, purge: bool) -> Result<(), RunError> {
        self.check_stamp_target(target)?;
        let t = Tables::new(&self.settings, db.dialect());
        if version::existing_tables(db, &t)? == (false, false) {
            self.check_schema(db)?;
        }
        let mut guard = lock::acquire(db, &t, self.settings.lock_wait, false)?;
        let result = self.stamp_locked(&mut guard, &t, target, purge);
        let released = guard.release(result.is_ok());
        result?;
        released
    }

    fn stamp_locked(&self, db: &mut Database, t: &Tables, target: &str, purge: bool) -> Result<(), RunError> {
        create_tables(db, t)?;
        let state = history::read_state(db, t).map_err(|e| db.error("reading the version and history tables", &e))?;
        let current = if purge { Vec::new() } else { state.current };
        let batch = self.stamp_statements(t, &current, target)?;
        let sql = if sql::strategy(t.dialect) == Strategy::Savepoint {
            join(&batch) // inside the lock's transaction already
        } else {
            let mut framed = vec!["BEGIN".to_string()];
            framed.extend(batch);
            framed.push("COMMIT".into());
            join(&framed)
        };
        if let Err(e) = db.batch_execute(&sql) {
            if sql::strategy(t.dialect) != Strategy::Savepoint {
                let _ = db.batch_execute("ROLLBACK");
            }
            return Err(db.error("writing the version table", &e));
        }
        Ok(())
    }

    /// What a stamp from the version rows `current` to `target` writes: the version table's new
    /// rows and a history row per stamped revision. The target is either above the current rows
    /// (an upgrade plan) or below them.
    fn stamp_statements(&self, t: &Tables, current: &[String], target: &str) -> Result<Vec<String>, RunError> {
        let plan = match self.plan(Direction::Upgrade, current, target) {
            Ok(plan) if !plan.is_empty() => plan,
            upgrade => match (self.plan(Direction::Downgrade, current, target), upgrade) {
                (Ok(plan), _) | (Err(_), Ok(plan)) => plan,
                (Err(_), Err(upgrade)) => return Err(upgrade),
            },
        };
        let mut batch = version::replace_all(t, &plan.rows_after);
        for step in &plan.steps {
            let kind = match step.direction {
                Direction::Upgrade => HistoryKind::Stamp,
                Direction::Downgrade => HistoryKind::Unstamp,
            };
            batch.push(self.bookkeeping_row(t, step.revision, kind));
        }
        Ok(batch)
    }

    /// The `schema` setting names a schema that exists, unless retort may create it
    /// (`create_schema`) or the chain does (an `execute` op with `CREATE SCHEMA` and its name):
    /// a typo there would otherwise apply the whole chain again into a new, empty schema.
    fn check_schema(&self, db: &mut Database) -> Result<(), RunError> {
        let Some(schema) = &self.settings.schema else { return Ok(()) };
        if self.settings.create_schema || self.chain_creates_schema(schema) {
            return Ok(());
        }
        let Some(query) = sql::schema_exists_query(db.dialect(), schema) else { return Ok(()) };
        let rows = db.query::<1>(&query).map_err(|e| db.error("looking up the schema", &e))?;
        if !rows.is_empty() {
            return Ok(());
        }
        Err(RunError::config(format!(
            "the schema {schema:?} (the `schema` setting) does not exist in {}; fix the name in retort.toml, \
             create the schema first, or let retort create it with `create_schema = true` (or --create-schema)",
            db.display_url()
        )))
    }

    fn chain_creates_schema(&self, schema: &str) -> bool {
        fn creates(op: &crate::ops::Op, schema: &str) -> bool {
            match op {
                crate::ops::Op::Execute(e) => {
                    let sql = e.sql.to_ascii_lowercase();
                    sql.contains("create schema") && sql.contains(&schema.to_ascii_lowercase())
                }
                crate::ops::Op::Only(only) => creates(&only.op, schema),
                _ => false,
            }
        }
        self.graph.revisions().iter().any(|rev| rev.up().is_ok_and(|ops| ops.iter().any(|op| creates(op, schema))))
    }

    fn bookkeeping_row(&self, t: &Tables, rev: &Revision, kind: HistoryKind) -> String {
        let now = Utc::now();
        history::insert(
            t,
            &self.meta,
            &NewRow {
                revision: &rev.id,
                kind,
                checksum: Some(&rev.checksum),
                transaction_mode: mode_name(rev.transaction),
                timing: Timing::Client { started: now, finished: Some(now) },
                success: Some(true),
                error: None,
                statements_done: 0,
                statements_total: None,
                journal: None,
                retries: 0,
            },
        )
    }

    /// The version rows (the current heads of the database), sorted; empty for a database
    /// retort never touched. Reads only: creates nothing.
    pub fn current(&self, db: &mut Database) -> Result<Vec<String>, RunError> {
        let t = Tables::new(&self.settings, db.dialect());
        version::read(db, &t)
    }

    /// Every row of the history table, oldest first; empty when there is none yet.
    pub fn history(&self, db: &mut Database) -> Result<Vec<HistoryRow>, RunError> {
        let t = Tables::new(&self.settings, db.dialect());
        if !version::existing_tables(db, &t)?.1 {
            return Ok(Vec::new());
        }
        history::read_all(db, &t)
    }

    /// `check`: the graph is valid (it was built), nothing is pending for `heads`, no applied
    /// revision changed, none stopped midway, and the schema has not drifted from the one the
    /// applied revisions produce ([`CheckReport::drift`]; built in a scratch database created on
    /// the same server and dropped afterwards, see [`Migrator::check_with`]). Reads only: the
    /// checked database is never written.
    pub fn check(&self, db: &mut Database) -> Result<CheckReport, RunError> {
        self.check_with(db, &CheckOptions::default())
    }

    /// [`Migrator::check`] with options: `scratch_url` names an empty database to build the
    /// chain's schema in, for servers where the user may not create one (without it, a missing
    /// privilege is [`RunError::Scratch`], which names both fixes).
    pub fn check_with(&self, db: &mut Database, options: &CheckOptions) -> Result<CheckReport, RunError> {
        let t = Tables::new(&self.settings, db.dialect());
        let state = match version::existing_tables(db, &t)? {
            (true, true) => {
                history::read_state(db, &t).map_err(|e| db.error("reading the version and history tables", &e))?
            }
            (true, false) => State {
                current: version::read(db, &t)?,
                checksums: HashMap::new(),
                partial: HashMap::new(),
                unfinished: Vec::new(),
            },
            _ => State::default(),
        };
        let pending = self.plan(Direction::Upgrade, &state.current, "heads")?;
        let mut incomplete: Vec<String> = state.partial.keys().cloned().collect();
        incomplete.sort();
        let (drift, scratch) = if options.skip_drift {
            (None, None)
        } else {
            let (drift, scratch) = drift::compare(self, db, &state.current, options)?;
            (Some(drift), Some(scratch))
        };
        Ok(CheckReport {
            pending: pending.steps.iter().map(|s| s.revision.id.to_string()).collect(),
            mismatched: checksum::mismatches(&self.graph, &state),
            incomplete,
            current: state.current,
            drift,
            scratch,
        })
    }

    /// The same graph with other settings: the drift check replays the chain with tables of
    /// its own.
    pub(super) fn with_settings(&self, settings: Settings) -> Migrator {
        Migrator { graph: self.graph.clone(), settings, meta: self.meta.clone() }
    }

    /// The SQL of `stamp` without a connection (`stamp RANGE --sql`), as Alembic's offline
    /// stamp: `TO` sets the version table to `TO` whatever it holds; `FROM:TO` moves it from
    /// `FROM` (`base`, a revision) to `TO`. Either records the stamped revisions in the history
    /// table. No op runs.
    pub fn stamp_sql(&self, dialect: Dialect, range: &str) -> Result<String, RunError> {
        let (from, to) = crate::graph::split_range(range).unwrap_or(("base", range));
        self.check_stamp_target(to)?;
        let current: Vec<String> =
            if from.trim() == "base" { Vec::new() } else { vec![self.graph.resolve(from)?.id.to_string()] };
        let t = Tables::new(&self.settings, dialect);
        let mut out = format!("-- retort stamp {range} for {dialect}, generated offline: no op runs\n\n");
        let mut statements = t.create_statements();
        statements.push("BEGIN".into());
        statements.extend(self.stamp_statements(&t, &current, to)?);
        statements.push("COMMIT".into());
        for statement in statements {
            out.push_str(statement.trim_end());
            out.push_str(";\n");
        }
        Ok(out)
    }

    /// The SQL script of `range` (`TO` from base, or `FROM:TO`) for `dialect`, without a
    /// connection. SQLite rebuilds and MySQL column changes render from the chain's model.
    pub fn offline_sql(&self, dialect: Dialect, range: &str, direction: Direction) -> Result<String, RunError> {
        self.check_chain(dialect)?;
        offline::script(&self.graph, &self.settings, dialect, range, direction)
    }
}

fn at_target(current: &[String]) -> Report {
    Report { applied: Vec::new(), already_at_target: true, current: current.to_vec() }
}

fn create_tables(db: &mut Database, t: &Tables) -> Result<(), RunError> {
    db.batch_execute(&join(&t.create_statements())).map_err(|e| db.error("creating the version and history tables", &e))
}

fn render_context(db: &mut Database) -> Result<RenderContext, RunError> {
    let mut ctx = RenderContext::default();
    let dialect = db.dialect();
    if let Some(query) = sql::server_info_query(dialect) {
        let rows = db.query::<1>(query).map_err(|e| db.error("reading the server version", &e))?;
        if let Some(value) = rows.first().and_then(|[v]| v.as_deref()) {
            sql::apply_server_info(dialect, value, &mut ctx);
        }
    }
    Ok(ctx)
}
