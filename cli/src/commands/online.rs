//! Operator commands around a migration: `plan` (what `upgrade` would lock, for how long, and
//! who would block it now), `locks` (who waits for whom, while a migration runs) and
//! `partitions ensure` (the future partitions of a date-partitioned table, for cron).

use std::io::{self, Write};
use std::time::Duration;

use retort::inspect::{self, EnsureOptions, EnsureReport, Interval, LocksReport, PlanOp, PlanReport};
use retort::runner::{Database, Migrator};
use serde::Serialize;

use super::inspect::op_summary;
use super::migrate::{connect, connect_existing, settings};
use super::{registry, Ctx};
use crate::args::{EnsureArgs, IntervalArg, LocksArgs, PartitionsCommand};
use crate::error::CliError;
use crate::output::style::{BOLD, DIM, ID, OK, WARN};
use crate::output::table::{self, Row};
use crate::output::{Verbosity, View};
use retort::human::{self, duration};

/// Plans `upgrade target` (also `upgrade --plan`); exits 1 when a pending op would wait for
/// another session now.
pub fn plan(ctx: &mut Ctx<'_>, target: &str) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let migrator = Migrator::new(&registry, settings(&config))?;
    // A SQLite file that does not exist yet has nothing applied and no tables; planning must
    // not create it, so an empty in-memory database stands in for it.
    let mut db = match connect_existing(&config)? {
        Some(db) => db,
        None => Database::connect("sqlite::memory:")?,
    };
    let mut report = inspect::plan(&migrator, &mut db, target)?;
    report.database = config.display_url();
    let blocked = report.blocked_ops;
    ctx.out.emit(&PlanView(report))?;
    match blocked {
        0 => Ok(()),
        ops => Err(CliError::PlanBlocked { ops }),
    }
}

/// Prints the blocked/blocking session pairs, once or every `--watch` seconds.
pub fn locks(ctx: &mut Ctx<'_>, args: &LocksArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let mut db = connect(&config)?;
    loop {
        let report = inspect::locks(&mut db)?;
        ctx.out.emit(&LocksView { report, watching: args.watch.is_some() })?;
        match args.watch {
            Some(seconds) => std::thread::sleep(Duration::from_secs(seconds)),
            None => return Ok(()),
        }
    }
}

/// `partitions ..`.
pub fn partitions(ctx: &mut Ctx<'_>, command: &PartitionsCommand) -> Result<(), CliError> {
    match command {
        PartitionsCommand::Ensure(args) => ensure(ctx, args),
    }
}

fn ensure(ctx: &mut Ctx<'_>, args: &EnsureArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let mut db = connect(&config)?;
    let interval = match args.interval {
        IntervalArg::Day => Interval::Day,
        IntervalArg::Week => Interval::Week,
        IntervalArg::Month => Interval::Month,
        IntervalArg::Year => Interval::Year,
    };
    let mut options = EnsureOptions::new(&args.table, interval, args.ahead).settings(&settings(&config));
    options.name_template = args.name.clone();
    options.dry_run = args.dry_run || args.sql;
    let report = inspect::ensure_partitions(&mut db, &options)?;
    if args.sql {
        let script = if report.created.is_empty() {
            format!("-- nothing to create: {} has partitions through {}\n", report.table, report.through)
        } else {
            report.script.clone()
        };
        return ctx.out.raw(&script);
    }
    ctx.out.emit(&EnsureView(report))
}

// ---- plan ------------------------------------------------------------------------------------

/// `plan` (JSON: the library's report as it is; fields in docs/cli.md).
#[derive(Serialize)]
#[serde(transparent)]
struct PlanView(PlanReport);

impl View for PlanView {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        let r = &self.0;
        let verbose = verbosity >= Verbosity::Verbose;
        if r.steps.is_empty() {
            let at = if r.current.is_empty() { "base".to_string() } else { r.current.join(", ") };
            return writeln!(w, "{OK}nothing to upgrade{OK:#}: {} is at {}", r.target, at);
        }
        for step in &r.steps {
            writeln!(
                w,
                "{BOLD}revision{BOLD:#} {ID}{}{ID:#} {} {DIM}({}, estimated {}){DIM:#}",
                step.revision,
                step.message,
                step.transaction,
                estimate(Some(step.estimate_ms))
            )?;
            if step.ops.is_empty() {
                writeln!(w, "  {DIM}no ops{DIM:#}")?;
                continue;
            }
            let mut rows = Vec::new();
            for op in &step.ops {
                rows.extend(op_rows(op, verbose));
            }
            table::write(w, "  ", &["#", "op", "lock", "table", "size", "rows", "estimate"], &rows)?;
        }
        let ops: usize = r.steps.iter().map(|s| s.ops.len()).sum();
        writeln!(
            w,
            "{} revision(s), {ops} op(s), estimated {} under locks {DIM}(rates assumed: scan {} MB/s, index build {} MB/s, \
             rewrite {} MB/s, backfill {} rows/s){DIM:#}",
            r.steps.len(),
            estimate(Some(r.estimate_ms)),
            r.assumptions.scan_mb_per_s,
            r.assumptions.index_build_mb_per_s,
            r.assumptions.rewrite_mb_per_s,
            r.assumptions.backfill_rows_per_s
        )?;
        for note in &r.notes {
            writeln!(w, "{DIM}note: {note}{DIM:#}")?;
        }
        if r.blocked_ops > 0 {
            writeln!(
                w,
                "{WARN}{} op(s) would wait now{WARN:#}: a lock-taking statement waits lock_timeout ({}) per attempt, \
                 then is retried or fails",
                r.blocked_ops,
                duration(Duration::from_millis(r.lock_timeout_ms))
            )?;
        } else {
            writeln!(w, "{OK}no session would block the plan now{OK:#}")?;
        }
        Ok(())
    }
}

/// A table row per lock of the op (the first carries the op), then its blockers and details.
fn op_rows(op: &PlanOp, verbose: bool) -> Vec<Row> {
    let n = (op.op_index + 1).to_string();
    let summary = op_summary(&op.detail);
    if let Some(why) = &op.skipped {
        return vec![Row::cells([n, summary, format!("skipped: {why}"), "".into(), "".into(), "".into(), "".into()])];
    }
    let mut rows = Vec::new();
    if op.locks.is_empty() {
        rows.push(Row::cells([
            n.clone(),
            summary.clone(),
            "-".into(),
            "-".into(),
            "".into(),
            "".into(),
            estimate(op.estimate_ms),
        ]));
    }
    for (i, lock) in op.locks.iter().enumerate() {
        let (size, count) = if lock.new_in_plan {
            ("new".to_string(), "".to_string())
        } else if !lock.exists {
            ("absent".to_string(), "".to_string())
        } else {
            (
                lock.size_bytes.map_or_else(|| "?".into(), human::bytes),
                lock.rows_estimate.map_or_else(|| "?".into(), |n| indicatif::HumanCount(n).to_string()),
            )
        };
        let (n, summary, est) =
            if i == 0 { (n.clone(), summary.clone(), estimate(op.estimate_ms)) } else { Default::default() };
        rows.push(Row::cells([n, summary, lock.mode.clone(), lock.table.clone(), size, count, est]));
    }
    let Some(last) = rows.last_mut() else { return rows };
    for lock in &op.locks {
        for b in &lock.blockers {
            let open = b.transaction_ms.map_or_else(String::new, |ms| {
                format!(", transaction open {}", duration(Duration::from_millis(ms as u64)))
            });
            last.after.push(format!(
                "{WARN}waits for pid {}{WARN:#} ({}; {}{open}): {}",
                b.pid,
                b.holds,
                b.state,
                cut(&b.query, if verbose { 400 } else { 80 })
            ));
        }
    }
    if verbose {
        last.after.push(format!("{DIM}estimate: {}{DIM:#}", op.estimate_basis));
        for note in &op.notes {
            last.after.push(format!("{DIM}note: {note}{DIM:#}"));
        }
        for sql in &op.statements {
            last.after.push(format!("{DIM}sql: {}{DIM:#}", cut(sql, 400)));
        }
    }
    rows
}

// ---- locks -----------------------------------------------------------------------------------

/// `locks` (JSON: the library's report; with `--watch`, one document per snapshot).
#[derive(Serialize)]
struct LocksView {
    #[serde(flatten)]
    report: LocksReport,
    #[serde(skip)]
    watching: bool,
}

impl View for LocksView {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        let r = &self.report;
        if self.watching {
            writeln!(w, "{DIM}--- {}{DIM:#}", chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC"))?;
        }
        if r.waits.is_empty() {
            return writeln!(w, "{OK}no session is waiting for a lock{OK:#}");
        }
        let width = if verbosity >= Verbosity::Verbose { 400 } else { 60 };
        let rows: Vec<Row> = r
            .waits
            .iter()
            .map(|l| {
                let mut row = Row::cells([
                    l.pid.to_string(),
                    l.blocked_by.map_or_else(|| "?".into(), |p| p.to_string()),
                    estimate(l.wait_ms).trim_start_matches('~').to_string(),
                    format!("{} {}", l.lock_type, l.mode).trim().to_string(),
                    l.relation.clone().unwrap_or_else(|| "-".into()),
                    cut(&l.query, width),
                ]);
                if let (Some(pid), Some(query)) = (l.blocked_by, &l.blocking_query) {
                    let open = l.blocking_transaction_ms.map_or_else(String::new, |ms| {
                        format!(", transaction open {}", duration(Duration::from_millis(ms as u64)))
                    });
                    let state = l.blocking_state.as_deref().unwrap_or("?");
                    row.after.push(format!("{DIM}pid {pid} ({state}{open}): {}{DIM:#}", cut(query, width)));
                }
                row
            })
            .collect();
        table::write(w, "", &["pid", "blocked by", "waited", "lock", "relation", "query"], &rows)?;
        writeln!(w, "{WARN}{} waiting session(s){WARN:#}", r.waits.len())
    }
}

// ---- partitions ------------------------------------------------------------------------------

/// `partitions ensure` (JSON: the library's report).
#[derive(Serialize)]
#[serde(transparent)]
struct EnsureView(EnsureReport);

impl View for EnsureView {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        let r = &self.0;
        if verbosity >= Verbosity::Normal {
            writeln!(
                w,
                "{BOLD}{}{BOLD:#}: range-partitioned by {} ({}); {} partitions through {} {DIM}(today {}, {} ahead){DIM:#}",
                r.table, r.key, r.key_type, r.interval, r.through, r.today, r.ahead
            )?;
        }
        let verb = if r.dry_run { "would create" } else { "created" };
        let mut rows = Vec::new();
        for p in &r.created {
            let mut row =
                Row::cells([verb.to_string(), p.name.clone(), format!("[{}, {})", p.from, p.to), String::new()]);
            if verbosity >= Verbosity::Verbose {
                row.after.extend(p.statements.iter().map(|s| format!("{DIM}sql: {s}{DIM:#}")));
            }
            rows.push(row);
        }
        for s in &r.skipped {
            rows.push(Row::cells([
                "skipped".into(),
                s.name.clone(),
                format!("[{}, {})", s.from, s.to),
                s.reason.clone(),
            ]));
        }
        table::write(w, "  ", &[], &rows)?;
        for note in &r.notes {
            writeln!(w, "{WARN}note:{WARN:#} {note}")?;
        }
        if r.created.is_empty() {
            writeln!(w, "{OK}nothing to create{OK:#}: {} has partitions through {}", r.table, r.through)
        } else {
            writeln!(w, "{OK}{verb} {} partition(s){OK:#} ({} existed)", r.created.len(), r.existing.len())
        }
    }
}

// ---- text helpers ----------------------------------------------------------------------------

/// `instant`, `~1s 200ms`, `?`.
fn estimate(ms: Option<f64>) -> String {
    match ms {
        None => "?".into(),
        Some(ms) if ms < 1.0 => "instant".into(),
        Some(ms) => format!("~{}", human::millis(ms)),
    }
}

/// A query on one line, cut to `max` characters.
fn cut(text: &str, max: usize) -> String {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > max {
        format!("{}…", one.chars().take(max).collect::<String>())
    } else {
        one
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_read_as_durations_do_everywhere() {
        assert_eq!(estimate(Some(0.0)), "instant");
        assert_eq!(estimate(Some(2500.0)), "~2s 500ms");
        assert_eq!(estimate(None), "?");
    }
}
