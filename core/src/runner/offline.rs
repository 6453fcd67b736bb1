//! Offline SQL (`--sql`): a plan rendered as a script a DBA can read and run, without a
//! connection. Each revision is framed as its transaction mode says and carries its version-table
//! change and history row, so a database migrated by the script looks like one migrated by
//! retort.

use crate::backend::{self, Dialect, RenderContext, RenderError};
use crate::graph::{split_range, Direction, Plan, RevisionGraph};
use crate::ops::{Op, TransactionMode};
use crate::schema::{chain, Schema};
use crate::{Revision, RevisionError};

use super::execute::mode_name;
use super::history::{self, HistoryKind, NewRow, RunMeta, Timing};
use super::prepare::{self, Definitions, OpContexts, Stmt};
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
    // The schema the script starts from, so that SQLite rebuilds and MySQL column changes render
    // from the chain's model exactly as a live run renders them.
    let mut definitions = match start_schema(graph, range, dialect) {
        Some(schema) => Definitions::model(schema, false),
        None => Definitions::none(),
    }
    .with_before(|revision| prepare::schema_before(graph, revision, dialect));
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
        let step = prepare::prepare(step, dialect, &ctx, &mut definitions)?;
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

/// One op of a revision rendered offline for a dialect (`show REV --sql`).
#[derive(Debug)]
#[non_exhaustive]
pub struct OpSql {
    /// The op as the revision holds it (with its `.only(..)`).
    pub op: Op,
    /// What rendering it gave.
    pub outcome: OpSqlOutcome,
}

/// What rendering one op offline gave.
#[derive(Debug)]
#[non_exhaustive]
pub enum OpSqlOutcome {
    /// Its statements, in order (none for an op with nothing to do on the dialect).
    Statements(Vec<String>),
    /// It is limited to other dialects (`.only(..)`): the notice a run prints.
    Skipped(String),
    /// It cannot be rendered without a connection (a SQLite rebuild, an emulated `IF EXISTS`), or
    /// not at all on this dialect.
    Unrenderable(RenderError),
}

/// Each op of `revision`'s upgrade or downgrade rendered for `dialect` without a connection, as
/// `upgrade --sql` renders them; an op that cannot be rendered is reported in its place, so the
/// others still show.
pub fn revision_sql(revision: &Revision, direction: Direction, dialect: Dialect) -> Result<Vec<OpSql>, RevisionError> {
    let ops = match direction {
        Direction::Upgrade => revision.up()?,
        Direction::Downgrade => revision.down()?,
    };
    let ctx = RenderContext::default();
    let mut contexts = OpContexts::new(revision, &ctx);
    Ok(ops
        .into_iter()
        .enumerate()
        .map(|(index, op)| {
            let outcome = match &op {
                Op::Only(only) if !only.applies_to(dialect.name()) => {
                    OpSqlOutcome::Skipped(prepare::skipped_notice(revision, index, only, dialect))
                }
                Op::Only(only) => render(&only.op, dialect, &mut contexts),
                op => render(op, dialect, &mut contexts),
            };
            OpSql { op, outcome }
        })
        .collect())
}

fn render(op: &Op, dialect: Dialect, contexts: &mut OpContexts<'_>) -> OpSqlOutcome {
    match backend::render(op, dialect, contexts.for_op(op)) {
        Ok(statements) => OpSqlOutcome::Statements(statements),
        Err(e) => OpSqlOutcome::Unrenderable(e),
    }
}

/// The chain's model where a script over `range` starts: at `FROM` (`base`, `heads`, a revision),
/// or empty for an upgrade from base. `None` when it cannot be folded.
fn start_schema(graph: &RevisionGraph<'_>, range: &str, dialect: Dialect) -> Option<Schema> {
    let Some((from, _)) = split_range(range) else { return Some(Schema::default()) };
    let folded = if from.trim() == "heads" {
        let heads: Vec<&str> = graph.heads().iter().map(|r| r.id.as_ref()).collect();
        chain::schema_of(graph, &heads, dialect.name())
    } else {
        chain::schema_at(graph, from, dialect.name())
    };
    folded.ok().map(|(schema, _)| schema)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{AddColumn, AlterColumn, Column, ColumnType, CreateExtension, OnlyOn};

    #[test]
    fn each_op_renders_on_its_own_and_one_that_cannot_says_why() {
        let ops = [
            Op::Only(OnlyOn {
                dialects: vec!["postgres".into()],
                op: Box::new(Op::CreateExtension(CreateExtension::new("pg_trgm"))),
            }),
            Op::AddColumn(AddColumn::new("users", Column::new("age", ColumnType::Integer))),
            Op::AlterColumn(AlterColumn::new("users", "age").set_not_null()),
        ];
        let rev = Revision::from_ops("a1b2c3d4e5f6", &[], TransactionMode::PerMigration, &ops, None);
        // Named by URL scheme: only the backend spells dialects out.
        let dialect = |scheme: &str| scheme.parse::<Dialect>().unwrap();

        let sqlite = revision_sql(&rev, Direction::Upgrade, dialect("sqlite")).unwrap();
        assert!(
            matches!(&sqlite[0].outcome, OpSqlOutcome::Skipped(n) if n.contains("op 1: `create_extension` skipped on sqlite"))
        );
        assert!(matches!(&sqlite[1].outcome, OpSqlOutcome::Statements(s) if s[0].contains("ADD COLUMN")));
        // A SQLite rebuild needs the live table: reported for this op, the others still render.
        assert!(matches!(&sqlite[2].outcome, OpSqlOutcome::Unrenderable(RenderError::NeedsConnection { .. })));

        let postgres = revision_sql(&rev, Direction::Upgrade, dialect("postgres")).unwrap();
        assert!(matches!(&postgres[0].outcome, OpSqlOutcome::Statements(s) if s[0].contains("CREATE EXTENSION")));
        assert!(
            matches!(&postgres[2].outcome, OpSqlOutcome::Statements(s) if s.iter().any(|s| s.contains("SET NOT NULL")))
        );

        let down = revision_sql(&rev, Direction::Downgrade, dialect("postgres")).unwrap();
        assert_eq!(down.len(), 3, "the derived downgrade, last op first");
        assert!(
            matches!(&down[0].outcome, OpSqlOutcome::Statements(s) if s.iter().any(|s| s.contains("DROP NOT NULL")))
        );
    }
}
