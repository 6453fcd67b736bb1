//! Offline SQL (`--sql`): a plan rendered as a script a DBA can read and run, without a
//! connection. Each revision is framed as its transaction mode says and carries its version-table
//! change and history row, so a database migrated by the script looks like one migrated by
//! retort.

use crate::backend::{Dialect, RenderContext};
use crate::graph::{split_range, Direction, Plan, RevisionGraph};
use crate::ops::TransactionMode;

use super::execute::mode_name;
use super::history::{self, HistoryKind, NewRow, RunMeta, Timing};
use super::prepare::{self, Stmt};
use super::sql::{self, Strategy, Tables};
use super::{version, RunError, Settings};

/// Renders the plan for `range` (`TO` from base, or `FROM:TO`) as a script for `dialect`.
pub(crate) fn script(
    graph: &RevisionGraph<'_>,
    settings: &Settings,
    dialect: Dialect,
    range: &str,
    direction: Direction,
) -> Result<String, RunError> {
    let plan = plan(graph, range, direction)?;
    let t = Tables::new(settings, dialect);
    let meta = RunMeta::current();
    let ctx = RenderContext::default();
    let strategy = sql::strategy(dialect);
    let mut out = String::new();
    out.push_str(&format!("-- retort {direction} {range} for {dialect}, generated offline\n"));
    if strategy == Strategy::Journaled {
        out.push_str("-- MySQL commits DDL implicitly: a failing statement leaves the statements before it applied\n");
    }
    out.push('\n');
    for statement in t.create_statements() {
        push(&mut out, &statement);
    }
    for step in plan.steps {
        let step = prepare::prepare(step, dialect, &ctx, true)?;
        let rev = step.step.revision;
        out.push_str(&format!("\n-- {} {}: {}\n", step.direction_word(), rev.id, first_line(&rev.message)));
        for notice in &step.skipped {
            out.push_str(&format!("-- {notice}\n"));
        }
        let stmts: Vec<Stmt> = step.ready_statements();
        let bookkeeping = {
            let mut b = version::change(&t, &step.step.version_delete, &step.step.version_insert);
            let n = u32::try_from(stmts.len()).unwrap_or(u32::MAX);
            b.push(history::insert(
                &t,
                &meta,
                &NewRow {
                    revision: &rev.id,
                    kind: match step.step.direction {
                        Direction::Upgrade => HistoryKind::Upgrade,
                        Direction::Downgrade => HistoryKind::Downgrade,
                    },
                    checksum: Some(&rev.checksum),
                    transaction_mode: mode_name(rev.transaction),
                    timing: Timing::Script,
                    success: Some(true),
                    error: None,
                    statements_done: n,
                    statements_total: Some(n),
                    journal: None,
                    retries: 0,
                },
            ));
            b
        };
        let settings = settings.for_revision(rev);
        let transactional = strategy != Strategy::Journaled && rev.transaction == TransactionMode::PerMigration;
        if transactional {
            push(&mut out, "BEGIN");
            if strategy == Strategy::Batched {
                push(&mut out, &format!("SET LOCAL lock_timeout = {}", sql::pg_duration(settings.lock_timeout)));
                if let Some(st) = settings.statement_timeout {
                    push(&mut out, &format!("SET LOCAL statement_timeout = {}", sql::pg_duration(st)));
                }
            }
            for s in &stmts {
                push(&mut out, &s.sql);
            }
            for b in &bookkeeping {
                push(&mut out, b);
            }
            push(&mut out, "COMMIT");
        } else {
            if strategy == Strategy::Batched {
                push(&mut out, &format!("SET lock_timeout = {}", sql::pg_duration(settings.lock_timeout)));
            }
            for s in &stmts {
                push(&mut out, &s.sql);
            }
            push(&mut out, "BEGIN");
            for b in &bookkeeping {
                push(&mut out, b);
            }
            push(&mut out, "COMMIT");
        }
    }
    Ok(out)
}

fn plan<'a>(graph: &RevisionGraph<'a>, range: &str, direction: Direction) -> Result<Plan<'a>, RunError> {
    match (split_range(range), direction) {
        (Some((from, to)), _) => {
            let plan = graph.plan_range(from, to)?;
            if plan.direction != direction && !plan.is_empty() {
                return Err(RunError::config(format!(
                    "{range} goes the other way: it is a {}; run `{} {range} --sql` instead",
                    plan.direction, plan.direction
                )));
            }
            Ok(plan)
        }
        (None, Direction::Upgrade) => Ok(graph.plan_upgrade(&[], range)?),
        (None, Direction::Downgrade) => Err(RunError::config(format!(
            "an offline downgrade needs to know where it starts; write FROM:TO, e.g. `downgrade heads:{range} --sql`"
        ))),
    }
}

/// Appends a statement and its terminator (on its own line after a trailing `--` comment).
fn push(out: &mut String, statement: &str) {
    let statement = statement.trim_end();
    out.push_str(statement);
    let last_line = statement.rsplit('\n').next().unwrap_or(statement);
    if last_line.contains("--") {
        out.push('\n');
    }
    out.push_str(";\n");
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or("").trim()
}
