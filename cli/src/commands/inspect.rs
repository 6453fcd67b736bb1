//! Read-only commands: `current`, `history`, `heads`, `branches`, `show`.

use std::io::{self, Write};

use retort::graph::RevisionGraph;
use retort::ops::Op;
use retort::Revision;
use serde::Serialize;

use retort::runner::Migrator;

use super::migrate::{connect_existing, settings};
use super::{graph, registry, Ctx};
use crate::args::{CurrentArgs, HistoryArgs, ShowArgs};
use crate::error::CliError;
use crate::output::graph::{self, DotNode, Node};
use crate::output::op_text;
use crate::output::style::{BOLD, DIM, ID, LABEL, OK};
use crate::output::{Verbosity, View};

/// One revision as the listing commands show it (JSON fields documented in docs/cli.md).
#[derive(Debug, Clone, Serialize)]
pub struct RevisionInfo {
    /// Id.
    pub revision: String,
    /// Parent ids.
    pub parents: Vec<String>,
    /// Branch labels.
    pub branch_labels: Vec<String>,
    /// Dependencies that are not parents.
    pub depends_on: Vec<String>,
    /// The message's first line.
    pub message: String,
    /// Whether it is a head.
    pub is_head: bool,
    /// Whether it joins two or more parents.
    pub is_merge: bool,
    /// Whether two or more revisions descend from it.
    pub is_branch_point: bool,
    /// Where it is defined.
    pub source: String,
}

impl RevisionInfo {
    /// The summary of `rev` in `graph`.
    pub fn new(graph: &RevisionGraph<'_>, rev: &Revision) -> Self {
        let strings = |v: &[std::borrow::Cow<'static, str>]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Self {
            revision: rev.id.to_string(),
            parents: strings(&rev.parents),
            branch_labels: strings(&rev.branch_labels),
            depends_on: strings(&rev.depends_on),
            message: first_line(&rev.message).to_string(),
            is_head: graph.children(&rev.id).is_empty(),
            is_merge: rev.parents.len() > 1,
            is_branch_point: graph.children(&rev.id).len() > 1,
            source: rev.source.to_string(),
        }
    }

    /// `9c2b3f1a4e5d (auth) (head) Add user roles`, with `extra` marks after the built-in ones.
    fn line(&self, w: &mut dyn Write, extra: &[&str]) -> io::Result<()> {
        write!(w, "{ID}{}{ID:#}", self.revision)?;
        for label in &self.branch_labels {
            write!(w, " {LABEL}({label}){LABEL:#}")?;
        }
        if self.is_head {
            write!(w, " {OK}(head){OK:#}")?;
        }
        if self.is_merge {
            write!(w, " (mergepoint)")?;
        }
        if self.is_branch_point {
            write!(w, " (branchpoint)")?;
        }
        for mark in extra {
            write!(w, " {mark}")?;
        }
        writeln!(w, " {}", self.message)
    }

    /// The `--verbose` block.
    fn block(&self, w: &mut dyn Write, full_message: &str) -> io::Result<()> {
        self.line(w, &[])?;
        let list = |v: &[String]| if v.is_empty() { "-".to_string() } else { v.join(", ") };
        writeln!(w, "{DIM}  parents:{DIM:#} {}", list(&self.parents))?;
        if !self.branch_labels.is_empty() {
            writeln!(w, "{DIM}  branch labels:{DIM:#} {}", list(&self.branch_labels))?;
        }
        if !self.depends_on.is_empty() {
            writeln!(w, "{DIM}  depends on:{DIM:#} {}", list(&self.depends_on))?;
        }
        writeln!(w, "{DIM}  source:{DIM:#} {}", self.source)?;
        let rest: Vec<&str> = full_message.lines().skip(1).collect();
        for line in rest.iter().skip_while(|l| l.trim().is_empty()) {
            writeln!(w, "  {line}")?;
        }
        Ok(())
    }
}

fn first_line(message: &str) -> &str {
    message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default()
}

/// `heads`.
#[derive(Serialize)]
struct Heads {
    heads: Vec<RevisionInfo>,
}

impl View for Heads {
    fn text(&self, w: &mut dyn Write, _: Verbosity) -> io::Result<()> {
        for head in &self.heads {
            head.line(w, &[])?;
        }
        Ok(())
    }
}

/// Prints the head revisions; needs no database.
pub fn heads(ctx: &mut Ctx<'_>) -> Result<(), CliError> {
    let registry = registry()?;
    let graph = graph(&registry)?;
    let heads = graph.heads().into_iter().map(|r| RevisionInfo::new(&graph, r)).collect();
    ctx.out.emit(&Heads { heads })
}

/// `branches`.
#[derive(Serialize)]
struct Branches {
    branch_points: Vec<BranchPoint>,
}

#[derive(Serialize)]
struct BranchPoint {
    #[serde(flatten)]
    revision: RevisionInfo,
    children: Vec<RevisionInfo>,
}

impl View for Branches {
    fn text(&self, w: &mut dyn Write, _: Verbosity) -> io::Result<()> {
        for point in &self.branch_points {
            point.revision.line(w, &[])?;
            for child in &point.children {
                write!(w, "  -> ")?;
                child.line(w, &[])?;
            }
        }
        Ok(())
    }
}

/// Prints the branch points with their children; needs no database.
pub fn branches(ctx: &mut Ctx<'_>) -> Result<(), CliError> {
    let registry = registry()?;
    let graph = graph(&registry)?;
    let branch_points = graph
        .branch_points()
        .into_iter()
        .map(|r| BranchPoint {
            revision: RevisionInfo::new(&graph, r),
            children: graph.children(&r.id).into_iter().map(|c| RevisionInfo::new(&graph, c)).collect(),
        })
        .collect();
    ctx.out.emit(&Branches { branch_points })
}

/// `show`.
#[derive(Serialize)]
struct Show {
    #[serde(flatten)]
    revision: RevisionInfo,
    /// The whole message.
    full_message: String,
    children: Vec<String>,
    transaction: retort::ops::TransactionMode,
    irreversible: bool,
    checksum: String,
    allowed: Vec<String>,
    /// The revision's own `lock_timeout` in milliseconds (`migration!` header), when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    lock_timeout_ms: Option<u32>,
    /// The revision's own `statement_timeout` in milliseconds, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    statement_timeout_ms: Option<u32>,
    /// The retries of the configured schedule the revision keeps, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    lock_retries: Option<u16>,
    up: Vec<Op>,
    /// `null` when the revision cannot be downgraded.
    down: Option<Vec<Op>>,
    /// Whether `down` is derived from `up` rather than written.
    down_derived: bool,
    /// Why there is no downgrade, when there is none.
    down_error: Option<String>,
}

impl View for Show {
    fn text(&self, w: &mut dyn Write, _: Verbosity) -> io::Result<()> {
        self.revision.block(w, &self.full_message)?;
        if !self.children.is_empty() {
            writeln!(w, "{DIM}  children:{DIM:#} {}", self.children.join(", "))?;
        }
        writeln!(
            w,
            "{DIM}  transaction:{DIM:#} {}",
            serde_json::to_value(self.transaction).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
        )?;
        writeln!(w, "{DIM}  checksum:{DIM:#} {}", self.checksum)?;
        if let Some(ms) = self.lock_timeout_ms {
            writeln!(w, "{DIM}  lock_timeout:{DIM:#} {ms}ms")?;
        }
        if let Some(ms) = self.statement_timeout_ms {
            writeln!(w, "{DIM}  statement_timeout:{DIM:#} {ms}ms")?;
        }
        if let Some(n) = self.lock_retries {
            writeln!(w, "{DIM}  lock_retries:{DIM:#} {n}")?;
        }
        for allowed in &self.allowed {
            writeln!(w, "{DIM}  allowed:{DIM:#} {allowed}")?;
        }
        writeln!(w, "{BOLD}up{BOLD:#}")?;
        ops_in_full(w, &self.up)?;
        match (&self.down, &self.down_error) {
            (Some(down), _) => {
                writeln!(w, "{BOLD}down{BOLD:#}{}", if self.down_derived { " (derived)" } else { "" })?;
                ops_in_full(w, down)?;
            }
            (None, Some(why)) => writeln!(w, "{BOLD}down{BOLD:#} none: {why}")?,
            (None, None) => writeln!(w, "{BOLD}down{BOLD:#} none")?,
        }
        Ok(())
    }
}

/// Each op numbered, with its summary, then every field of its data under it.
fn ops_in_full(w: &mut dyn Write, ops: &[Op]) -> io::Result<()> {
    let digits = ops.len().to_string().len();
    for (i, op) in ops.iter().enumerate() {
        writeln!(w, "  {:>digits$}. {}", i + 1, op_summary(op))?;
        let indent = " ".repeat(digits + 4);
        for line in op_text::fields(op) {
            writeln!(w, "{indent}{line}")?;
        }
    }
    Ok(())
}

/// Prints one revision, its ops and its downgrade; needs no database.
pub fn show(ctx: &mut Ctx<'_>, args: &ShowArgs) -> Result<(), CliError> {
    if args.schema {
        return super::schema::show(ctx, args);
    }
    if args.sql {
        return super::show_sql::show(ctx, args);
    }
    let registry = registry()?;
    let graph = graph(&registry)?;
    let rev = graph.resolve(&args.rev)?;
    let up = rev.up()?;
    let (down, down_error) = match rev.down() {
        Ok(down) => (Some(down), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let down_derived =
        !rev.irreversible && serde_json::from_str::<serde_json::Value>(&rev.ops).is_ok_and(|v| v["down"].is_null());
    let view = Show {
        revision: RevisionInfo::new(&graph, rev),
        full_message: rev.message.trim().to_string(),
        children: graph.children(&rev.id).iter().map(|c| c.id.to_string()).collect(),
        transaction: rev.transaction,
        irreversible: rev.irreversible,
        checksum: rev.checksum.to_string(),
        allowed: rev.allowed.iter().map(|a| a.to_string()).collect(),
        lock_timeout_ms: rev.lock_timeout_ms,
        statement_timeout_ms: rev.statement_timeout_ms,
        lock_retries: rev.lock_retries,
        up,
        down,
        down_derived,
        down_error,
    };
    ctx.out.emit(&view)
}

/// `create_index ix_users_email on users`: an op's kind and the names it touches.
pub fn op_summary(op: &Op) -> String {
    if let Op::Only(only) = op {
        return format!("{} (only on {})", op_summary(&only.op), only.dialects.join(", "));
    }
    let value = serde_json::to_value(op).unwrap_or_default();
    let field = |key: &str| value.get(key).and_then(|v| v.as_str()).map(String::from);
    let nested = |key: &str| {
        value.get(key).and_then(|c| c.get("name").and_then(|n| n.as_str()).or(c.as_str())).map(String::from)
    };
    let name = field("name").or_else(|| nested("constraint"));
    let mut text = op.kind().to_string();
    match (name, field("table"), nested("column"), field("from"), field("to")) {
        (_, _, _, Some(from), Some(to)) => text.push_str(&format!(" {from} -> {to}")),
        (Some(name), Some(table), _, _, _) => text.push_str(&format!(" {name} on {table}")),
        (None, Some(table), Some(column), _, _) => text.push_str(&format!(" {table}.{column}")),
        (Some(name), None, _, _, _) | (None, Some(name), None, _, _) => text.push_str(&format!(" {name}")),
        _ => {}
    }
    if let Some(sql) = field("sql") {
        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut: String = sql.chars().take(60).collect();
        text.push_str(&format!(" \"{cut}{}\"", if cut.len() < sql.len() { "…" } else { "" }));
    }
    text
}

/// `current`.
#[derive(Serialize)]
struct Current {
    /// The database URL, password obfuscated.
    database: String,
    /// The version rows, each with its revision when this binary knows it.
    current: Vec<CurrentRow>,
    /// The graph's heads.
    heads: Vec<String>,
    /// Whether the version rows are exactly the heads.
    at_heads: bool,
}

#[derive(Serialize)]
struct CurrentRow {
    /// Whether this binary contains the revision.
    known: bool,
    #[serde(flatten)]
    info: RowInfo,
    /// The whole message, when known.
    #[serde(skip)]
    full_message: String,
}

/// A version row: the revision when this binary knows it, else just its id.
#[derive(Serialize)]
#[serde(untagged)]
enum RowInfo {
    Known(RevisionInfo),
    Unknown { revision: String },
}

impl View for Current {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        for row in &self.current {
            match &row.info {
                RowInfo::Known(info) if verbosity >= Verbosity::Verbose => info.block(w, &row.full_message)?,
                RowInfo::Known(info) => info.line(w, &[])?,
                RowInfo::Unknown { revision } => writeln!(w, "{ID}{revision}{ID:#} (not in this binary)")?,
            }
        }
        Ok(())
    }
}

/// Prints the database's current revisions; `--check-heads` fails unless they are the heads.
pub fn current(ctx: &mut Ctx<'_>, args: &CurrentArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let graph = graph(&registry)?;
    let rows = match connect_existing(&config)? {
        Some(mut db) => Migrator::new(&registry, settings(&config))?.current(&mut db)?,
        None => Vec::new(),
    };
    let heads: Vec<String> = graph.heads().iter().map(|h| h.id.to_string()).collect();
    let at_heads = {
        let mut sorted = rows.clone();
        sorted.sort();
        let mut sorted_heads = heads.clone();
        sorted_heads.sort();
        sorted == sorted_heads
    };
    let current = rows
        .iter()
        .map(|id| {
            let rev = graph.get(id);
            CurrentRow {
                known: rev.is_some(),
                info: match rev {
                    Some(r) => RowInfo::Known(RevisionInfo::new(&graph, r)),
                    None => RowInfo::Unknown { revision: id.clone() },
                },
                full_message: rev.map(|r| r.message.trim().to_string()).unwrap_or_default(),
            }
        })
        .collect();
    let view = Current { database: config.display_url(), current, heads: heads.clone(), at_heads };
    if rows.is_empty() {
        ctx.out.note(format_args!("{DIM}no revision is applied to {} (base){DIM:#}", config.display_url()));
    }
    ctx.out.emit(&view)?;
    if args.check_heads && !at_heads {
        return Err(CliError::NotAtHeads { current: rows, heads });
    }
    Ok(())
}

/// `history`.
#[derive(Serialize)]
struct HistoryView {
    /// Whether the database was read; when not, `applied` and `current` are `null`.
    database_read: bool,
    /// Newest first.
    revisions: Vec<HistoryItem>,
    /// `--graph`: the text form draws the graph (the JSON form is the same).
    #[serde(skip)]
    graph: bool,
}

#[derive(Serialize)]
struct HistoryItem {
    #[serde(flatten)]
    info: RevisionInfo,
    /// Applied in the database (a version row or below one); `null` when not read.
    applied: Option<bool>,
    /// One of the version rows; `null` when not read.
    current: Option<bool>,
    #[serde(skip)]
    full_message: String,
}

impl HistoryView {
    fn nodes(&self) -> Vec<Node<'_>> {
        self.revisions
            .iter()
            .map(|item| Node {
                id: &item.info.revision,
                parents: item.info.parents.iter().map(String::as_str).collect(),
            })
            .collect()
    }

    /// `--graph`: one line per revision under its place in the graph, marked as in the list.
    fn graph_text(&self, w: &mut dyn Write) -> io::Result<()> {
        for line in graph::draw(&self.nodes()) {
            let item = line.node.map(|i| &self.revisions[i]);
            match item.and_then(|item| item.applied) {
                Some(true) => write!(w, "{OK}✓{OK:#} ")?,
                _ if self.database_read => write!(w, "  ")?,
                _ => {}
            }
            match item {
                Some(item) => {
                    write!(w, "{} ", line.graph)?;
                    let current = if item.current == Some(true) { vec!["(current)"] } else { vec![] };
                    item.info.line(w, &current)?;
                }
                None => writeln!(w, "{DIM}{}{DIM:#}", line.graph)?,
            }
        }
        Ok(())
    }
}

impl View for HistoryView {
    fn dot(&self, w: &mut dyn Write) -> Option<io::Result<()>> {
        let nodes: Vec<DotNode<'_>> = self
            .revisions
            .iter()
            .zip(self.nodes())
            .map(|(item, node)| {
                let mut label = vec![item.info.revision.clone()];
                let mut marks: Vec<String> = item.info.branch_labels.iter().map(|l| format!("({l})")).collect();
                if item.info.is_head {
                    marks.push("(head)".into());
                }
                if item.current == Some(true) {
                    marks.push("(current)".into());
                }
                if !marks.is_empty() {
                    label.push(marks.join(" "));
                }
                label.push(item.info.message.clone());
                DotNode {
                    node,
                    depends_on: item.info.depends_on.iter().map(String::as_str).collect(),
                    label,
                    applied: item.applied,
                    current: item.current == Some(true),
                }
            })
            .collect();
        Some(graph::dot(w, &nodes))
    }

    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        if self.graph {
            return self.graph_text(w);
        }
        for item in &self.revisions {
            match item.applied {
                Some(true) => write!(w, "{OK}✓{OK:#} ")?,
                Some(false) => write!(w, "  ")?,
                None => {}
            }
            let parents =
                if item.info.parents.is_empty() { "<base>".to_string() } else { item.info.parents.join(", ") };
            write!(w, "{DIM}{parents} ->{DIM:#} ")?;
            let current = if item.current == Some(true) { vec!["(current)"] } else { vec![] };
            if verbosity >= Verbosity::Verbose {
                item.info.block(w, &item.full_message)?;
            } else {
                item.info.line(w, &current)?;
            }
        }
        Ok(())
    }
}

/// Prints the revisions newest first, marking the applied ones. The database is read when it
/// can be; when it cannot, a warning says why and the history is printed unmarked.
pub fn history(ctx: &mut Ctx<'_>, args: &HistoryArgs) -> Result<(), CliError> {
    let config = ctx.config()?.clone();
    let registry = registry()?;
    let graph = graph(&registry)?;
    let rows = match connect_existing(&config).and_then(|db| match db {
        Some(mut db) => Ok(Some(Migrator::new(&registry, settings(&config))?.current(&mut db)?)),
        None => Ok(Some(Vec::new())),
    }) {
        Ok(rows) => rows,
        Err(e @ CliError::Run(_)) if e.exit_code() == crate::error::exit::USAGE => {
            ctx.out.warn(format_args!("applied revisions are not marked: {e}"));
            None
        }
        Err(e) => return Err(e),
    };
    let current: Vec<&str> = rows.iter().flatten().map(String::as_str).collect();
    let history = graph.history(args.rev_range.as_deref(), &current)?;
    let revisions = history
        .entries
        .iter()
        .map(|e| HistoryItem {
            info: RevisionInfo::new(&graph, e.revision),
            applied: rows.as_ref().map(|_| e.applied),
            current: rows.as_ref().map(|_| e.current),
            full_message: e.revision.message.trim().to_string(),
        })
        .collect();
    ctx.out.emit(&HistoryView { database_read: rows.is_some(), revisions, graph: args.graph })
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort::ops::{AddColumn, Column, ColumnType, CreateTable, OnlyOn, RenameColumn};

    #[test]
    fn op_summary_names_what_the_op_touches() {
        let add = Op::AddColumn(AddColumn::new("users", Column::new("email", ColumnType::Text)));
        assert_eq!(op_summary(&add), "add_column users.email");
        let rename = Op::RenameColumn(RenameColumn::new("users", "name", "full_name"));
        assert_eq!(op_summary(&rename), "rename_column name -> full_name");
        let create = Op::CreateTable(CreateTable::new("posts", [Column::new("id", ColumnType::BigInt)]));
        let only = Op::Only(OnlyOn { dialects: vec!["postgres".into()], op: Box::new(create) });
        assert_eq!(op_summary(&only), "create_table posts (only on postgres)");
    }
}
