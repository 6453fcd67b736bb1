//! The entry point: run every rule over a revision's ops and collect the findings.

use std::collections::BTreeSet;

use super::catalogue::{Rule, Severity};
use super::{revision, rules};
use crate::ops::{Column, ColumnReference, CommentTarget, ConstraintKind, IndexTarget, Op, TransactionMode};

/// One rule violated by one op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id (kebab-case), e.g. `add-required-column`.
    pub rule: &'static str,
    /// The index of the offending op in the ops given to [`check`].
    pub op_index: usize,
    /// What this op does, concretely.
    pub message: String,
    /// Why that is dangerous (the rule's reason).
    pub why: String,
    /// The safe recipe.
    pub recipe: String,
    /// Error or warning.
    pub severity: Severity,
    /// The DSL word whose call causes the finding (`not_null`, `set_type`, `column`, ..), so
    /// that the macro can point at it; `None` points at the op itself.
    pub focus: Option<&'static str>,
    /// The name the finding is about: the identifier of `identifier-too-long`, the column of
    /// `type-hygiene` in a `create_table`.
    pub subject: Option<String>,
}

impl Finding {
    pub(super) fn new(rule: &Rule, op_index: usize, what: impl std::fmt::Display) -> Self {
        Finding {
            rule: rule.id,
            op_index,
            message: what.to_string(),
            why: rule.why.to_string(),
            recipe: rule.recipe.to_string(),
            severity: rule.severity,
            focus: None,
            subject: None,
        }
    }

    pub(super) fn at(mut self, focus: &'static str) -> Self {
        self.focus = Some(focus);
        self
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (op {}): {}: {}; instead: {}", self.rule, self.op_index + 1, self.message, self.why, self.recipe)
    }
}

/// What the rules know about the revision as a whole.
pub(super) struct Context {
    /// Tables (and views) the revision creates (the "new table" exemption: nobody else can hold
    /// a lock on them).
    new_tables: BTreeSet<String>,
    pub transaction: TransactionMode,
}

impl Context {
    fn new(ops: &[Op], transaction: TransactionMode, preexisting: &BTreeSet<String>) -> Self {
        let mut new_tables = BTreeSet::new();
        for op in ops {
            match unwrap(op) {
                // `.if_not_exists()` on a table the chain already has creates nothing.
                Op::CreateTable(t) if t.if_not_exists && preexisting.contains(&t.name) => {}
                Op::CreateTable(t) => {
                    new_tables.insert(t.name.clone());
                }
                Op::CreatePartition(p) => {
                    new_tables.insert(p.name.clone());
                }
                // A view created here (its indexes, its renames) is as private as a new table.
                Op::CreateView(v) if !v.or_replace => {
                    new_tables.insert(v.name.clone());
                }
                Op::RenameTable(r) if new_tables.contains(&r.from) => {
                    new_tables.insert(r.to.clone());
                }
                _ => {}
            }
        }
        Context { new_tables, transaction }
    }

    /// Whether `table` existed before this revision (so others may be using it).
    pub fn existing(&self, table: &str) -> bool {
        !self.new_tables.contains(table)
    }
}

/// The dialects an op runs on when `.only([..])` limits it (the innermost limit).
fn only_dialects(op: &Op) -> Option<Vec<String>> {
    match op {
        Op::Only(o) => only_dialects(&o.op).or_else(|| Some(o.dialects.clone())),
        _ => None,
    }
}

/// The op inside `.only([..])`.
pub(super) fn unwrap(op: &Op) -> &Op {
    match op {
        Op::Only(o) => unwrap(&o.op),
        op => op,
    }
}

/// Runs every rule over a revision's upgrade ops, in order. Findings are sorted by op.
///
/// Allowed findings are included: filter them with [`unallowed`](super::unallowed).
pub fn check(ops: &[Op], transaction: TransactionMode) -> Vec<Finding> {
    check_in(ops, transaction, &BTreeSet::new())
}

/// [`check`], knowing from the chain's model which tables existed before the revision:
/// `preexisting` names those that its `create_table(..).if_not_exists()` finds already there,
/// so that they are not taken for new tables, which the rules exempt.
pub fn check_in(ops: &[Op], transaction: TransactionMode, preexisting: &BTreeSet<String>) -> Vec<Finding> {
    let cx = Context::new(ops, transaction, preexisting);
    let mut findings = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let from = findings.len();
        rules::check_op(&cx, i, unwrap(op), &mut findings);
        // An op limited to some dialects is held only to the rules about them: PostgreSQL's
        // lock rules say nothing of an op that runs on SQLite alone, and their fix would fail there.
        if let Some(dialects) = only_dialects(op) {
            let mut own = findings.split_off(from);
            own.retain(|f| super::find_rule(f.rule).is_none_or(|r| r.applies_to(&dialects)));
            findings.extend(own);
        }
    }
    revision::check_revision(&cx, ops, &mut findings);
    findings.sort_by_key(|f| f.op_index);
    findings
}

/// The names retort generates for `op` (the foreign key of an inline `references(..)`), each
/// with the column it is generated from: their length is checked as written names are.
pub fn generated_identifiers(op: &Op) -> Vec<(String, &str)> {
    let (table, columns): (&str, Vec<&Column>) = match unwrap(op) {
        Op::CreateTable(t) => (&t.name, t.columns.iter().collect()),
        Op::AddColumn(a) => (&a.table, vec![&a.column]),
        _ => return Vec::new(),
    };
    columns
        .into_iter()
        .filter(|c| c.references.is_some())
        .map(|c| (ColumnReference::constraint_name(table, &c.name), c.name.as_str()))
        .collect()
}

/// The identifiers an op names (tables, columns, indexes, constraints, types, views, ..), for
/// `identifier-too-long`.
pub fn identifiers(op: &Op) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    match unwrap(op) {
        Op::CreateTable(t) => {
            out.push(&t.name);
            out.extend(t.columns.iter().map(|c| c.name.as_str()));
            out.extend(t.constraints.iter().map(|c| c.name.as_str()));
        }
        Op::DropTable(t) => out.push(&t.name),
        Op::RenameTable(r) => out.extend([r.from.as_str(), &r.to]),
        Op::AddColumn(a) => out.extend([a.table.as_str(), &a.column.name]),
        Op::DropColumn(d) => out.extend([d.table.as_str(), &d.name]),
        Op::RenameColumn(r) => out.extend([r.table.as_str(), &r.from, &r.to]),
        Op::AlterColumn(a) => out.extend([a.table.as_str(), &a.column]),
        Op::CreateIndex(ix) => {
            out.extend([ix.name.as_str(), &ix.table]);
            out.extend(ix.columns.iter().filter_map(|c| match &c.target {
                IndexTarget::Column(name) => Some(name.as_str()),
                IndexTarget::Expr(_) => None,
            }));
            out.extend(ix.include.iter().map(String::as_str));
        }
        Op::DropIndex(ix) => {
            out.push(&ix.name);
            out.extend(ix.table.as_deref());
        }
        Op::AddConstraint(a) => {
            out.extend([a.table.as_str(), &a.constraint.name]);
            match &a.constraint.kind {
                ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => {
                    out.extend(columns.iter().map(String::as_str))
                }
                ConstraintKind::ForeignKey(fk) => {
                    out.extend(fk.columns.iter().chain(&fk.ref_columns).map(String::as_str));
                    out.push(&fk.ref_table);
                }
                ConstraintKind::Check { .. } | ConstraintKind::Exclude { .. } => {}
            }
        }
        Op::DropConstraint(d) => out.extend([d.table.as_str(), &d.name]),
        Op::ValidateConstraint(v) => out.extend([v.table.as_str(), &v.name]),
        Op::SetComment(c) => match &c.target {
            CommentTarget::Table(t) => out.push(t),
            CommentTarget::Column(t, col) => out.extend([t.as_str(), col]),
        },
        Op::CreateExtension(e) => out.push(&e.name),
        Op::DropExtension(e) => out.push(&e.name),
        Op::CreateEnum(e) => out.push(&e.name),
        Op::DropEnum(e) => out.push(&e.name),
        Op::AddEnumValue(e) => out.push(&e.name),
        Op::CreateSequence(s) => out.push(&s.name),
        Op::DropSequence(s) => out.push(&s.name),
        Op::CreateView(v) => out.push(&v.name),
        Op::DropView(v) => out.push(&v.name),
        Op::RenameView(r) => out.extend([r.from.as_str(), &r.to]),
        Op::RefreshMaterializedView(v) => out.push(&v.name),
        Op::CreatePartition(p) => out.extend([p.name.as_str(), &p.parent]),
        Op::AttachPartition(p) => out.extend([p.parent.as_str(), &p.name]),
        Op::DetachPartition(p) => out.extend([p.parent.as_str(), &p.name]),
        Op::BulkInsert(b) => {
            out.push(&b.table);
            out.extend(b.columns.iter().map(String::as_str));
        }
        Op::Backfill(b) => {
            out.extend([b.table.as_str(), &b.key]);
            out.extend(b.set.iter().map(|(c, _)| c.as_str()));
        }
        Op::Execute(_) | Op::Only(_) => {}
    }
    out
}
