//! `show REV --sql [--dialect D]`: each op of a revision with the SQL it renders to, offline, as
//! `upgrade --sql` renders it; an op that cannot be rendered without a connection says so in its
//! place.

use std::io::{self, Write};

use retort::graph::Direction;
use retort::runner::{revision_sql, OpSql, OpSqlOutcome};
use retort::Dialect;
use serde::Serialize;

use super::inspect::op_summary;
use super::migrate::dialect_of;
use super::{graph, registry, Ctx};
use crate::args::ShowArgs;
use crate::error::CliError;
use crate::output::style::{BOLD, DIM, WARN};
use crate::output::{Verbosity, View};

/// What `show REV --sql` prints (JSON fields in docs/cli.md).
#[derive(Serialize)]
struct SqlView {
    revision: String,
    dialect: String,
    message: String,
    up: Vec<OpView>,
    /// `null` when the revision cannot be downgraded.
    down: Option<Vec<OpView>>,
    /// Why there is no downgrade, when there is none.
    down_error: Option<String>,
}

/// One op and its SQL.
#[derive(Serialize)]
struct OpView {
    /// 0-based position in `up` or `down`.
    op_index: usize,
    /// The op's DSL name.
    op: &'static str,
    /// The op's kind and the names it touches.
    summary: String,
    /// Its statements, or `null` when it is skipped or cannot be rendered.
    statements: Option<Vec<String>>,
    /// Why it does not run on this dialect (`.only(..)`): the notice a run prints.
    skipped: Option<String>,
    /// Why it cannot be rendered offline on this dialect.
    error: Option<String>,
}

impl OpView {
    fn new(op_index: usize, rendered: OpSql) -> Self {
        let (statements, skipped, error) = match rendered.outcome {
            OpSqlOutcome::Statements(statements) => (Some(statements), None, None),
            OpSqlOutcome::Skipped(why) => (None, Some(why), None),
            OpSqlOutcome::Unrenderable(e) => (None, None, Some(e.to_string())),
            // A kind added later: shown as not rendered rather than hidden.
            _ => (None, None, Some("this op's rendering is not known to this version of the CLI".into())),
        };
        Self { op_index, op: rendered.op.kind(), summary: op_summary(&rendered.op), statements, skipped, error }
    }
}

impl SqlView {
    fn unrenderable(&self) -> usize {
        self.up.iter().chain(self.down.iter().flatten()).filter(|op| op.error.is_some()).count()
    }
}

impl View for SqlView {
    fn text(&self, w: &mut dyn Write, _: Verbosity) -> io::Result<()> {
        writeln!(w, "{DIM}-- {} {}{DIM:#}", self.revision, self.message)?;
        section(w, &format!("upgrade on {}, rendered offline", self.dialect), &self.up, &self.dialect)?;
        match (&self.down, &self.down_error) {
            (Some(down), _) => {
                section(w, &format!("downgrade on {}, rendered offline", self.dialect), down, &self.dialect)
            }
            (None, why) => {
                writeln!(w, "\n{BOLD}-- downgrade: none{BOLD:#}")?;
                match why {
                    Some(why) => writeln!(w, "{DIM}-- {why}{DIM:#}"),
                    None => Ok(()),
                }
            }
        }
    }
}

fn section(w: &mut dyn Write, title: &str, ops: &[OpView], dialect: &str) -> io::Result<()> {
    writeln!(w, "\n{BOLD}-- {title}{BOLD:#}")?;
    if ops.is_empty() {
        writeln!(w, "{DIM}-- no ops{DIM:#}")?;
    }
    for op in ops {
        let n = op.op_index + 1;
        match (&op.statements, &op.skipped, &op.error) {
            (Some(statements), _, _) => {
                writeln!(w, "{DIM}-- {n}. {}{DIM:#}", op.summary)?;
                if statements.is_empty() {
                    writeln!(w, "{DIM}-- (nothing to run on {dialect}){DIM:#}")?;
                }
                for statement in statements {
                    terminated(w, statement)?;
                }
            }
            // The summary names the dialects it runs on; the notice would repeat the revision.
            (None, Some(_), _) => writeln!(w, "{DIM}-- {n}. {}: skipped on {dialect}{DIM:#}", op.summary)?,
            (None, None, why) => writeln!(
                w,
                "{WARN}-- {n}. {}: NOT RENDERED on {dialect}:{WARN:#} {}",
                op.summary,
                why.as_deref().unwrap_or("unknown reason").replace('\n', "\n-- ")
            )?,
        }
    }
    Ok(())
}

/// A statement and its `;`, on a line of its own after a trailing `--` comment.
fn terminated(w: &mut dyn Write, statement: &str) -> io::Result<()> {
    let statement = statement.trim_end();
    let last_line = statement.rsplit('\n').next().unwrap_or(statement);
    if last_line.contains("--") {
        writeln!(w, "{statement}\n;")
    } else {
        writeln!(w, "{statement};")
    }
}

/// Prints each op of `args.rev` with its SQL for `--dialect` or the database URL's dialect.
pub fn show(ctx: &mut Ctx<'_>, args: &ShowArgs) -> Result<(), CliError> {
    let dialect: Dialect = match args.dialect {
        Some(d) => d,
        None => dialect_of(ctx.config()?)?,
    };
    let registry = registry()?;
    let graph = graph(&registry)?;
    let rev = graph.resolve(&args.rev)?;
    let ops = |rendered: Vec<OpSql>| rendered.into_iter().enumerate().map(|(i, r)| OpView::new(i, r)).collect();
    let up = ops(revision_sql(rev, Direction::Upgrade, dialect)?);
    let (down, down_error) = match revision_sql(rev, Direction::Downgrade, dialect) {
        Ok(down) => (Some(ops(down)), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let view = SqlView {
        revision: rev.id.to_string(),
        dialect: dialect.name().to_string(),
        message: rev.message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string(),
        up,
        down,
        down_error,
    };
    let unrenderable = view.unrenderable();
    ctx.out.emit(&view)?;
    if unrenderable > 0 {
        ctx.out.warn(format_args!(
            "{unrenderable} op(s) cannot be rendered offline on {dialect}; each says why above (run them against the \
             database instead)"
        ));
    }
    Ok(())
}
