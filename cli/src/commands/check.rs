//! `check` (graph, pending revisions, edited revisions, incomplete runs, schema drift) and
//! `lint` (the safety rules over the chain).

use std::io::{self, Write};

use retort::runner::{CheckOptions, Migrator};
use retort::safety::{self, Allow};
use retort::schema::{Change, Drift};
use serde::Serialize;

use super::inspect::op_summary;
use super::migrate::{connect_existing, settings};
use super::{graph, registry, Ctx};
use crate::args::CheckArgs;
use crate::error::CliError;
use crate::output::style::{DIM, ERROR, ID, OK, WARN};
use crate::output::{Verbosity, View};

/// `check`.
#[derive(Serialize)]
struct Check {
    /// Whether every check passed.
    ok: bool,
    /// The database URL, password obfuscated.
    database: String,
    /// Number of revisions in the graph (the graph is valid, or `check` exits 2 before printing).
    revisions: usize,
    /// The heads.
    heads: Vec<String>,
    /// The version rows.
    current: Vec<String>,
    /// Revisions `upgrade heads` would run, in order.
    pending: Vec<String>,
    /// Applied revisions edited since they ran.
    mismatched: Vec<Mismatch>,
    /// Revisions whose statements stopped midway.
    incomplete: Vec<String>,
    /// Whether the schema was compared with the chain's (`false` with `--skip-drift` or when the
    /// database does not exist yet).
    drift_checked: bool,
    /// Differences between the database's schema and the one its applied revisions build,
    /// sorted by object.
    drift: Vec<DriftItem>,
    /// The scratch database the chain's schema was built in (URL, password obfuscated); gone
    /// (or emptied) by now.
    scratch: Option<String>,
    /// `--skip-drift` was given.
    #[serde(skip)]
    skipped: bool,
}

/// One schema difference.
#[derive(Serialize)]
struct DriftItem {
    /// `missing` (the chain has it, the database does not), `unexpected` (the reverse) or
    /// `changed`.
    change: &'static str,
    /// `table`, `view`, `materialized view`, `sequence`, `enum type`, `extension` or `routine`.
    object_kind: &'static str,
    /// The object's name.
    object: String,
    /// The part that differs: `column`, `primary key`, `unique constraint`, `foreign key`,
    /// `check constraint`, `exclusion constraint`, `index`, `trigger`, `partition`; `null` for
    /// the object itself.
    member_kind: Option<&'static str>,
    /// The part's name.
    member: Option<String>,
    /// For `changed`: the property (`type`, `nullability`, `default`, `definition`, ...).
    what: Option<String>,
    /// For `changed`: its value in the database.
    database: Option<String>,
    /// For `changed`: its value in the chain.
    chain: Option<String>,
    /// The whole difference on one line, as the text output prints it.
    message: String,
}

impl From<&Drift> for DriftItem {
    fn from(d: &Drift) -> Self {
        let (what, database, chain) = match &d.change {
            Change::Changed { what, chain, database } => {
                (Some(what.clone()), Some(database.clone()), Some(chain.clone()))
            }
            Change::Missing | Change::Unexpected => (None, None, None),
        };
        DriftItem {
            change: d.change.name(),
            object_kind: d.object.kind.name(),
            object: d.object.name.clone(),
            member_kind: d.object.member.as_ref().map(|m| m.kind.name()),
            member: d.object.member.as_ref().map(|m| m.name.clone()),
            what,
            database,
            chain,
            message: d.to_string(),
        }
    }
}

#[derive(Serialize)]
struct Mismatch {
    revision: String,
    stored: String,
    current: String,
}

impl Check {
    fn problems(&self) -> usize {
        self.pending.len() + self.mismatched.len() + self.incomplete.len() + self.drift.len()
    }
}

impl View for Check {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        let heads = self.heads.len();
        writeln!(
            w,
            "{OK}✓{OK:#} revision graph: {} revisions, {heads} head{}",
            self.revisions,
            if heads == 1 { "" } else { "s" }
        )?;
        if self.pending.is_empty() {
            writeln!(w, "{OK}✓{OK:#} nothing pending")?;
        } else {
            writeln!(
                w,
                "{ERROR}✗{ERROR:#} {} pending: {}; run `upgrade heads`",
                self.pending.len(),
                ids(&self.pending)
            )?;
        }
        if self.mismatched.is_empty() {
            writeln!(w, "{OK}✓{OK:#} applied revisions unchanged")?;
        } else {
            for m in &self.mismatched {
                writeln!(
                    w,
                    "{ERROR}✗{ERROR:#} {ID}{}{ID:#} was edited after being applied (checksum {} now {})",
                    m.revision,
                    short(&m.stored),
                    short(&m.current)
                )?;
            }
        }
        if self.incomplete.is_empty() {
            writeln!(w, "{OK}✓{OK:#} no incomplete revision")?;
        } else {
            writeln!(w, "{ERROR}✗{ERROR:#} stopped midway: {}; run `upgrade` to resume", ids(&self.incomplete))?;
        }
        if !self.drift_checked {
            let why = if self.skipped { "--skip-drift" } else { "the database does not exist yet" };
            writeln!(w, "{DIM}- schema drift not checked ({why}){DIM:#}")?;
        } else if self.drift.is_empty() {
            writeln!(w, "{OK}✓{OK:#} schema matches the applied revisions")?;
        } else {
            let n = self.drift.len();
            writeln!(
                w,
                "{ERROR}✗{ERROR:#} schema drift: {n} difference{} from the schema the applied revisions build:",
                if n == 1 { "" } else { "s" }
            )?;
            for d in &self.drift {
                writeln!(w, "  {}", d.message)?;
            }
            writeln!(
                w,
                "  undo the changes made outside the revisions, or write a revision that makes them and `stamp` it \
                 here"
            )?;
        }
        if let (Some(scratch), true) = (&self.scratch, verbosity >= Verbosity::Verbose) {
            writeln!(w, "{DIM}  (the chain's schema was built in {scratch}, dropped since){DIM:#}")?;
        }
        Ok(())
    }
}

fn ids(ids: &[String]) -> String {
    ids.iter().map(|i| format!("{ID}{i}{ID:#}")).collect::<Vec<_>>().join(", ")
}

fn short(checksum: &str) -> &str {
    checksum.get(..12).unwrap_or(checksum)
}

/// Checks the graph (exit 2 when broken), then pending, edited and incomplete revisions and
/// schema drift (exit 1).
pub fn check(ctx: &mut Ctx<'_>, args: CheckArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let graph = graph(&registry)?;
    let migrator = Migrator::new(&registry, settings(&config))?;
    let options = CheckOptions::default()
        .scratch_url(args.scratch_url.or_else(|| config.scratch_url.clone()))
        .skip_drift(args.skip_drift);
    let view = match connect_existing(&config)? {
        Some(mut db) => {
            let report = migrator.check_with(&mut db, &options)?;
            Check {
                ok: report.is_clean(),
                database: config.display_url(),
                revisions: graph.len(),
                heads: graph.heads().iter().map(|h| h.id.to_string()).collect(),
                current: report.current,
                pending: report.pending,
                mismatched: report
                    .mismatched
                    .into_iter()
                    .map(|m| Mismatch { revision: m.revision, stored: m.stored, current: m.current })
                    .collect(),
                incomplete: report.incomplete,
                drift_checked: report.drift.is_some(),
                drift: report.drift.iter().flatten().map(DriftItem::from).collect(),
                scratch: report.scratch,
                skipped: args.skip_drift,
            }
        }
        // A SQLite file that does not exist yet: everything is pending.
        None => {
            let plan = graph.plan_upgrade(&[], "heads")?;
            Check {
                ok: plan.is_empty(),
                database: config.display_url(),
                revisions: graph.len(),
                heads: graph.heads().iter().map(|h| h.id.to_string()).collect(),
                current: Vec::new(),
                pending: plan.steps.iter().map(|s| s.revision.id.to_string()).collect(),
                mismatched: Vec::new(),
                incomplete: Vec::new(),
                drift_checked: false,
                drift: Vec::new(),
                scratch: None,
                skipped: args.skip_drift,
            }
        }
    };
    ctx.out.emit(&view)?;
    match view.problems() {
        0 => Ok(()),
        problems => Err(CliError::CheckFailed { problems }),
    }
}

/// `lint`.
#[derive(Serialize)]
struct Lint {
    /// Every finding, allowed ones included, bases first and by op within a revision.
    findings: Vec<LintFinding>,
    /// Unallowed findings of severity error (they fail the lint).
    errors: usize,
    /// Unallowed warnings.
    warnings: usize,
    /// Findings the revisions allow, with a reason.
    allowed: usize,
}

#[derive(Serialize)]
struct LintFinding {
    revision: String,
    source: String,
    /// 0-based index into the revision's up ops.
    op_index: usize,
    /// The op, summarized (`add_column users.email`).
    op: String,
    rule: &'static str,
    /// `error` or `warning`.
    severity: String,
    message: String,
    /// The safe recipe.
    hint: String,
    allowed: bool,
    /// The author's reason, when allowed.
    reason: Option<String>,
}

impl View for Lint {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        for f in &self.findings {
            if f.allowed && verbosity < Verbosity::Verbose {
                continue;
            }
            let label = match (f.allowed, f.severity.as_str()) {
                (true, _) => format!("{DIM}allowed{DIM:#}"),
                (false, "error") => format!("{ERROR}error{ERROR:#}"),
                (false, _) => format!("{WARN}warning{WARN:#}"),
            };
            writeln!(
                w,
                "{label}[{}]: {ID}{}{ID:#} op {} `{}`: {}",
                f.rule,
                f.revision,
                f.op_index + 1,
                f.op,
                f.message
            )?;
            writeln!(w, "  {DIM}--> {}{DIM:#}", f.source)?;
            match &f.reason {
                Some(reason) => writeln!(w, "  = reason: {reason}")?,
                None => writeln!(w, "  = instead: {}", f.hint)?,
            }
        }
        let verdict =
            if self.errors == 0 { format!("{OK}lint passed{OK:#}") } else { format!("{ERROR}lint failed{ERROR:#}") };
        writeln!(
            w,
            "{verdict}: {} error(s), {} warning(s), {} allowed finding(s)",
            self.errors, self.warnings, self.allowed
        )
    }
}

/// Runs the safety rules over every revision's upgrade ops; fails (exit 1) on an error that the
/// revision does not allow.
pub fn lint(ctx: &mut Ctx<'_>) -> Result<(), CliError> {
    let registry = registry()?;
    let graph = graph(&registry)?;
    // What the compiler checked: `[package.metadata.retort]`, as `migrations!()` registered it.
    let project = retort::ProjectSettings::registered();
    let mut adopted = std::collections::HashSet::new();
    if let Some(start) = project.and_then(|p| p.start_after).and_then(|id| graph.resolve(id).ok()) {
        adopted.insert(start.id.to_string());
        adopted.extend(graph.ancestors(&start.id)?.iter().map(|r| r.id.to_string()));
    }
    let mut findings = Vec::new();
    for rev in graph.topological().into_iter().filter(|r| !adopted.contains(r.id.as_ref())) {
        let ops = rev.up()?;
        let allows: Vec<Allow> = rev.allowed.iter().filter_map(|a| Allow::parse(a)).collect();
        let checked =
            safety::check(&ops, rev.transaction).into_iter().filter(|f| project.is_none_or(|p| p.checks(f.rule)));
        for finding in checked {
            let allow = allows.iter().find(|a| a.covers(&finding));
            findings.push(LintFinding {
                revision: rev.id.to_string(),
                source: rev.source.to_string(),
                op_index: finding.op_index,
                op: ops.get(finding.op_index).map(op_summary).unwrap_or_default(),
                rule: finding.rule,
                severity: format!("{:?}", finding.severity).to_lowercase(),
                message: finding.message,
                hint: finding.recipe,
                allowed: allow.is_some(),
                reason: allow.map(|a| a.reason.clone()),
            });
        }
    }
    let count = |allowed: bool, severity: Option<&str>| {
        findings.iter().filter(|f| f.allowed == allowed && severity.is_none_or(|s| f.severity == s)).count()
    };
    let view = Lint {
        errors: count(false, Some("error")),
        warnings: count(false, Some("warning")),
        allowed: count(true, None),
        findings,
    };
    ctx.out.emit(&view)?;
    match view.errors {
        0 => Ok(()),
        findings => Err(CliError::LintFailed { findings }),
    }
}
