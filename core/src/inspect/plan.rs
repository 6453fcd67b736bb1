//! `plan`: what `upgrade TARGET` would do, op by op, and what it would wait for now.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{count, flag, query, render_context, seconds_as_ms, text, InspectError};
use crate::backend::{self, inspect as queries, Dialect, LockInfo, RenderContext, RenderError, TableLock, Work};
use crate::ops::{Op, TransactionMode};
use crate::runner::{Database, Migrator};

/// Assumed rates behind the duration estimates: a plain server under no other load, with the
/// table mostly in cache. Real durations vary several-fold either way; the estimates rank the
/// ops and flag the long ones, they do not schedule a maintenance window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assumptions {
    /// Reading a table to validate it (`SET NOT NULL`, a validated CHECK or foreign key), in MB/s.
    pub scan_mb_per_s: f64,
    /// Building an index, in MB of table per second (`CONCURRENTLY` reads the table twice).
    pub index_build_mb_per_s: f64,
    /// Rewriting or copying a table with its indexes, in MB/s.
    pub rewrite_mb_per_s: f64,
    /// A batched backfill, in rows per second.
    pub backfill_rows_per_s: f64,
}

/// The rates the estimates assume; SAFETY.md's measurements on 1 M rows (a rewrite in 1.6 s, an
/// index in 0.5 s, a one-statement backfill in 5 s) are in this range.
pub const ASSUMPTIONS: Assumptions = Assumptions {
    scan_mb_per_s: 200.0,
    index_build_mb_per_s: 100.0,
    rewrite_mb_per_s: 40.0,
    backfill_rows_per_s: 50_000.0,
};

/// What `upgrade TARGET` would do now.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    /// The database URL, password obfuscated.
    pub database: String,
    /// `postgres`, `mysql` or `sqlite`.
    pub dialect: Dialect,
    /// The target as given.
    pub target: String,
    /// The version rows now.
    pub current: Vec<String>,
    /// The pending revisions, in the order `upgrade` would apply them.
    pub steps: Vec<PlanStep>,
    /// Sum of the ops' estimates that could be made, in milliseconds.
    pub estimate_ms: f64,
    /// Ops that some session would block now.
    pub blocked_ops: usize,
    /// The runner's `lock_timeout`: how long a blocked lock-taking step waits before failing.
    pub lock_timeout_ms: u64,
    /// The rates behind the estimates.
    pub assumptions: Assumptions,
    /// What the database cannot tell.
    pub notes: Vec<String>,
}

impl PlanReport {
    /// Whether some session would block some pending op now.
    pub fn is_blocked(&self) -> bool {
        self.blocked_ops > 0
    }
}

/// One pending revision.
#[derive(Debug, Clone, Serialize)]
pub struct PlanStep {
    /// Revision id.
    pub revision: String,
    /// The message's first line.
    pub message: String,
    /// `per_migration` or `none`.
    pub transaction: &'static str,
    /// Sum of its ops' estimates that could be made, in milliseconds.
    pub estimate_ms: f64,
    /// Its ops, in order.
    pub ops: Vec<PlanOp>,
}

/// One op of a pending revision.
#[derive(Debug, Clone, Serialize)]
pub struct PlanOp {
    /// 0-based index into the revision's up ops.
    pub op_index: usize,
    /// The op's DSL name (`add_column`).
    pub op: &'static str,
    /// The op itself (for summaries; serialized as in `retort::ops::Op` under `detail`).
    pub detail: Op,
    /// Why the op does not run here (`.only([..])` another dialect); `None` when it runs.
    pub skipped: Option<String>,
    /// Its statements; empty when skipped or rendered only when it runs.
    pub statements: Vec<String>,
    /// What it does to the rows.
    pub work: Work,
    /// Estimated time holding its locks, in milliseconds; `None` when it cannot be told.
    pub estimate_ms: Option<f64>,
    /// How the estimate was made.
    pub estimate_basis: String,
    /// The locks it takes, one per existing table.
    pub locks: Vec<PlanLock>,
    /// Details: algorithms, waits, skipped scans.
    pub notes: Vec<String>,
}

impl PlanOp {
    /// Whether some session would block it now.
    pub fn is_blocked(&self) -> bool {
        self.locks.iter().any(|l| !l.blockers.is_empty())
    }
}

/// A lock an op takes on a table, with the table's size and who holds it now.
#[derive(Debug, Clone, Serialize)]
pub struct PlanLock {
    /// The table.
    pub table: String,
    /// The lock mode.
    pub mode: String,
    /// What it keeps others from doing while held.
    pub blocks: String,
    /// The table is created earlier in this plan: empty, and no one else uses it.
    pub new_in_plan: bool,
    /// The table exists now.
    pub exists: bool,
    /// Its size with indexes (and partitions), in bytes.
    pub size_bytes: Option<u64>,
    /// Its row estimate.
    pub rows_estimate: Option<u64>,
    /// Where the row estimate comes from (`pg_class.reltuples`, `count`, ...).
    pub rows_source: Option<String>,
    /// Sessions that would make the op wait now, longest-open transaction first.
    pub blockers: Vec<Blocker>,
}

/// A session that holds (or waits for) a conflicting lock.
#[derive(Debug, Clone, Serialize)]
pub struct Blocker {
    /// Backend pid (PostgreSQL) or connection id (MySQL).
    pub pid: u64,
    /// What it holds (`AccessShareLock`, `open transaction`).
    pub holds: String,
    /// Its state (`idle in transaction`, `active`, MySQL's `Sleep`).
    pub state: String,
    /// How long its transaction has been open, in milliseconds.
    pub transaction_ms: Option<f64>,
    /// Its current (or last) query.
    pub query: String,
}

/// A table's size and row estimate.
#[derive(Debug, Clone, Default)]
struct Stats {
    exists: bool,
    size_bytes: Option<u64>,
    rows: Option<u64>,
    rows_source: Option<String>,
}

/// Plans `upgrade target` on `db` without running anything: reads the version table, renders
/// each pending op, and asks the catalog for each table's size and the sessions holding
/// conflicting locks.
pub fn plan(migrator: &Migrator, db: &mut Database, target: &str) -> Result<PlanReport, InspectError> {
    let dialect = db.dialect();
    let current = migrator.current(db)?;
    let current_refs: Vec<&str> = current.iter().map(String::as_str).collect();
    let graph_plan = migrator.graph().plan_upgrade(&current_refs, target)?;
    let ctx = render_context(db)?;
    let mut planner = Planner { db, dialect, ctx, created: HashSet::new(), stats: HashMap::new() };
    let mut steps = Vec::with_capacity(graph_plan.steps.len());
    for step in &graph_plan.steps {
        let revision = step.revision;
        let mut ops = Vec::new();
        for (index, op) in revision.up()?.into_iter().enumerate() {
            ops.push(planner.op(&revision.id, index, op)?);
        }
        steps.push(PlanStep {
            revision: revision.id.to_string(),
            message: revision.message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string(),
            transaction: match revision.transaction {
                TransactionMode::PerMigration => "per_migration",
                TransactionMode::None => "none",
            },
            estimate_ms: ops.iter().filter_map(|o| o.estimate_ms).sum(),
            ops,
        });
    }
    let mut notes = Vec::new();
    if let Some(caveat) = queries::blockers_caveat(dialect) {
        notes.push(caveat.to_string());
    }
    Ok(PlanReport {
        database: planner.db.display_url().to_string(),
        dialect,
        target: target.to_string(),
        current,
        estimate_ms: steps.iter().map(|s| s.estimate_ms).sum(),
        blocked_ops: steps.iter().flat_map(|s| &s.ops).filter(|o| o.is_blocked()).count(),
        steps,
        lock_timeout_ms: u64::try_from(migrator.settings().lock_timeout.as_millis()).unwrap_or(u64::MAX),
        assumptions: ASSUMPTIONS,
        notes,
    })
}

struct Planner<'db> {
    db: &'db mut Database,
    dialect: Dialect,
    ctx: RenderContext,
    /// Tables created by earlier ops of the plan.
    created: HashSet<String>,
    stats: HashMap<String, Stats>,
}

impl Planner<'_> {
    fn op(&mut self, revision: &str, index: usize, op: Op) -> Result<PlanOp, InspectError> {
        let kind = op.kind();
        if let Op::Only(only) = &op {
            if !only.applies_to(self.dialect.name()) {
                let skipped = format!("runs only on {}", only.dialects.join(", "));
                return Ok(PlanOp {
                    op_index: index,
                    op: kind,
                    detail: op,
                    skipped: Some(skipped),
                    statements: Vec::new(),
                    work: Work::Metadata,
                    estimate_ms: Some(0.0),
                    estimate_basis: "skipped on this database".into(),
                    locks: Vec::new(),
                    notes: Vec::new(),
                });
            }
        }
        let inner = match &op {
            Op::Only(only) => (*only.op).clone(),
            op => op.clone(),
        };
        let mut notes = Vec::new();
        let statements = self.render(revision, &inner, &mut notes)?;
        let info = backend::lock_taken(&inner, self.dialect, &self.ctx);
        let mut locks = Vec::with_capacity(info.locks.len());
        for lock in &info.locks {
            locks.push(self.lock(lock, info.waits_for_open_transactions)?);
        }
        let (estimate_ms, estimate_basis) = self.estimate(&info);
        notes.extend(info.notes.iter().cloned());
        self.note_created(&inner);
        Ok(PlanOp {
            op_index: index,
            op: kind,
            detail: op,
            skipped: None,
            statements,
            work: info.work,
            estimate_ms,
            estimate_basis,
            locks,
            notes,
        })
    }

    /// The op's statements; an op whose rendering needs a table that an earlier op of the plan
    /// creates is rendered only when it runs.
    fn render(&mut self, revision: &str, op: &Op, notes: &mut Vec<String>) -> Result<Vec<String>, InspectError> {
        let render_error = |source| InspectError::Render { revision: revision.to_string(), source };
        let mut ctx = self.ctx.clone();
        if let Some(table) = backend::needs_table_definition(op, self.dialect) {
            if self.created.contains(table) {
                notes.push(format!("rendered when it runs, from the definition of {table} an earlier op creates"));
                return Ok(Vec::new());
            }
            let definition = self.db.introspect(op, table).map_err(render_error)?;
            ctx.tables.insert(table.to_string(), definition);
        }
        match backend::render(op, self.dialect, &ctx) {
            Err(RenderError::NeedsConnection { table, .. }) => {
                notes.push(format!("rendered when it runs, from the definition of {table}"));
                Ok(Vec::new())
            }
            other => other.map_err(render_error),
        }
    }

    fn lock(&mut self, lock: &TableLock, open_transactions: bool) -> Result<PlanLock, InspectError> {
        let new_in_plan = self.created.contains(&lock.table);
        let stats = if new_in_plan { Stats::default() } else { self.stats(&lock.table)? };
        let blockers = match queries::blockers_query(self.dialect, lock, open_transactions) {
            Some(sql) if stats.exists => {
                let rows = query::<5>(self.db, &sql, format!("reading the sessions that lock {}", lock.table))?;
                rows.iter()
                    .filter_map(|r| {
                        Some(Blocker {
                            pid: count(&r[0])?,
                            holds: text(&r[1]).unwrap_or_default(),
                            state: text(&r[2]).unwrap_or_default(),
                            transaction_ms: seconds_as_ms(&r[3]),
                            query: text(&r[4]).unwrap_or_default(),
                        })
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        Ok(PlanLock {
            table: lock.table.clone(),
            mode: lock.mode.clone(),
            blocks: lock.blocks.clone(),
            new_in_plan,
            exists: stats.exists,
            size_bytes: stats.size_bytes,
            rows_estimate: stats.rows,
            rows_source: stats.rows_source,
            blockers,
        })
    }

    fn stats(&mut self, table: &str) -> Result<Stats, InspectError> {
        if let Some(stats) = self.stats.get(table) {
            return Ok(stats.clone());
        }
        let context = format!("reading the size of {table}");
        let exists = match queries::table_exists_query(self.dialect, table) {
            Some(sql) => !query::<1>(self.db, &sql, context.clone())?.is_empty(),
            None => true,
        };
        let stats = if exists {
            let rows = query::<4>(self.db, &queries::table_stats_query(self.dialect, table), context)?;
            match rows.first() {
                Some(r) if flag(&r[0]) => Stats {
                    exists: true,
                    size_bytes: count(&r[1]),
                    rows: count(&r[2]),
                    rows_source: count(&r[2]).and(text(&r[3])),
                },
                _ => Stats::default(),
            }
        } else {
            Stats::default()
        };
        self.stats.insert(table.to_string(), stats.clone());
        Ok(stats)
    }

    /// Later ops of the plan see the tables this one creates (new, empty, used by no one).
    fn note_created(&mut self, op: &Op) {
        let name = match op {
            Op::CreateTable(o) => Some(&o.name),
            Op::CreatePartition(o) => Some(&o.name),
            Op::CreateView(o) if o.materialized => Some(&o.name),
            _ => None,
        };
        if let Some(name) = name {
            self.created.insert(name.clone());
            self.stats.remove(name);
        }
        let renamed = match op {
            Op::RenameTable(o) => Some((&o.from, &o.to)),
            Op::RenameView(o) => Some((&o.from, &o.to)),
            _ => None,
        };
        if let Some((from, to)) = renamed {
            if self.created.remove(from) {
                self.created.insert(to.clone());
            }
            // The name's stats are the old object's no longer.
            self.stats.remove(from);
            self.stats.remove(to);
        }
    }

    fn estimate(&self, info: &LockInfo) -> (Option<f64>, String) {
        let table = info.work_table.as_deref();
        let stats = table.and_then(|t| self.stats.get(t));
        let new = table.is_some_and(|t| self.created.contains(t));
        estimate(info.work, table, stats.map(|s| (s.size_bytes, s.rows)), new)
    }
}

const MB: f64 = 1_000_000.0;

/// The estimated duration of `work` over a table of `size` (bytes, rows), and how it was made.
fn estimate(
    work: Work,
    table: Option<&str>,
    size: Option<(Option<u64>, Option<u64>)>,
    new: bool,
) -> (Option<f64>, String) {
    let a = ASSUMPTIONS;
    let (verb, rate) = match work {
        Work::Create => return (Some(0.0), "new object: nothing existing is read or rewritten".into()),
        Work::Metadata => return (Some(0.0), "catalog change only: instant once the lock is granted".into()),
        Work::Unknown => return (None, "raw SQL: cannot be estimated".into()),
        Work::Scan => ("scan of", a.scan_mb_per_s),
        Work::IndexBuild => ("index build over", a.index_build_mb_per_s),
        Work::Rewrite => ("rewrite of", a.rewrite_mb_per_s),
        Work::Backfill => ("backfill of", a.rewrite_mb_per_s),
    };
    let table = table.unwrap_or("the table");
    if new {
        return (Some(0.0), format!("{table} is created earlier in this plan: empty"));
    }
    match (work, size) {
        (Work::Backfill, Some((_, Some(rows)))) => (
            Some(rows as f64 / a.backfill_rows_per_s * 1000.0),
            format!(
                "backfill of {} rows of {table} at an assumed {} rows/s",
                crate::human::count(rows),
                crate::human::count(a.backfill_rows_per_s as u64)
            ),
        ),
        (_, Some((Some(bytes), _))) => (
            Some(bytes as f64 / (rate * MB) * 1000.0),
            format!("{verb} {} of {table} at an assumed {rate} MB/s", crate::human::bytes(bytes)),
        ),
        _ => (None, format!("the size of {table} is unknown (it does not exist yet)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_state_their_basis() {
        let (ms, basis) = estimate(Work::Rewrite, Some("users"), Some((Some(80_000_000), Some(1_000_000))), false);
        assert_eq!(ms, Some(2000.0));
        assert!(basis.contains("80.0 MB") && basis.contains("40 MB/s"), "{basis}");
        let (ms, basis) = estimate(Work::Backfill, Some("users"), Some((Some(1), Some(100_000))), false);
        assert_eq!(ms, Some(2000.0));
        assert!(basis.contains("100,000 rows"), "{basis}");
        let (ms, basis) = estimate(Work::Metadata, Some("users"), None, false);
        assert_eq!(ms, Some(0.0));
        assert!(basis.contains("instant"), "{basis}");
        assert_eq!(estimate(Work::Unknown, None, None, false).0, None);
        assert_eq!(estimate(Work::Scan, Some("t"), None, false).0, None);
        assert_eq!(estimate(Work::Scan, Some("t"), None, true).0, Some(0.0));
    }
}
