//! Rendering a plan's steps to statements before anything runs, so that an op the dialect cannot
//! express stops the run while the database is untouched. That includes what the server's
//! version rules out (the render context is read at connect): `CONCURRENTLY` index builds on
//! PostgreSQL 14.0 to 14.3 (`pg14-cic-bug`), the SET NOT NULL recipe before 12.
//!
//! In a `transaction: none` revision the ops render with `RenderContext::autocommit`, which lets
//! PostgreSQL's SET NOT NULL take its online recipe (except on a table the revision creates:
//! nobody else can hold a lock on it).
//!
//! Ops that rebuild a SQLite table or restate a MySQL column need the table's definition as it is
//! when they run (an earlier op may have created or changed it). It comes from the chain's schema
//! model, folded op by op from the plan's start ([`Definitions`]), so those ops render here too,
//! the same online and offline. Only a table the model does not know (raw SQL, a table the chain
//! never created) or a run told to render from the catalog is read from the live database, at
//! execution time, inside the run's transaction.

use std::collections::BTreeSet;

use crate::backend::{self, Dialect, RenderContext};
use crate::graph::{Direction, RevisionGraph, Step};
use crate::ops::{
    AlterColumn, Change, ColumnPart, Identity, IdentityAlter, OnlyOn, Op, SequenceOptions, ServerDefault,
    TransactionMode, TypeChange, Value,
};
use crate::schema::{chain, fold, Schema};
use crate::Revision;

use super::connection::Database;
use super::RunError;

/// How a statement treats locks, which decides its timeouts and its recovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StmtClass {
    /// Takes a lock others wait behind: `lock_timeout` and `statement_timeout` apply.
    Locking,
    /// Takes only weak locks and may run long (`VALIDATE CONSTRAINT`, backfill batches):
    /// `statement_timeout` is off.
    Weak,
    /// A `CONCURRENTLY` step: weak, and it waits for every older transaction to end, which
    /// `lock_timeout` would turn into a failure; both timeouts are off. Nothing queues behind it.
    Concurrent,
    /// `CREATE INDEX CONCURRENTLY`: concurrent, and a failed earlier attempt leaves an INVALID
    /// index that must be dropped before building it again.
    CreateIndexConcurrently {
        /// The index's schema, when its table names one.
        schema: Option<String>,
        name: String,
    },
    /// `DETACH PARTITION .. CONCURRENTLY`: concurrent, and it commits twice. A migrator killed
    /// between the two leaves the partition pending detach, which only `FINALIZE` completes; one
    /// killed after the second, before its journal entry, leaves it detached already.
    DetachConcurrently {
        /// The partitioned parent, as the op names it.
        parent: String,
        /// The partition, as the op names it.
        partition: String,
    },
}

impl StmtClass {
    /// `statement_timeout` is off.
    pub fn is_weak(&self) -> bool {
        !matches!(self, StmtClass::Locking)
    }

    /// `lock_timeout` is off too.
    pub fn is_concurrent(&self) -> bool {
        matches!(
            self,
            StmtClass::Concurrent | StmtClass::CreateIndexConcurrently { .. } | StmtClass::DetachConcurrently { .. }
        )
    }
}

/// Whether `op`'s statements may run inside a transaction block, so that where statements commit
/// one by one (PostgreSQL `transaction: none`) each can commit together with its journal entry.
/// Not: `CONCURRENTLY` steps, enum values (before PostgreSQL 12 they refuse a transaction block),
/// and raw SQL, which may hold anything.
pub(crate) fn runs_in_transaction_block(op: &Op) -> bool {
    let op = match op {
        Op::Only(only) => &*only.op,
        op => op,
    };
    !matches!(op, Op::Execute(_) | Op::AddEnumValue(_)) && !classify(op).is_concurrent()
}

/// One statement to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stmt {
    pub sql: String,
    pub class: StmtClass,
}

/// One op of a step: rendered, or waiting for its table's definition.
#[derive(Debug, Clone)]
pub(crate) struct PreparedOp {
    pub op: Op,
    pub class: StmtClass,
    pub rendered: Rendered,
}

#[derive(Debug, Clone)]
pub(crate) enum Rendered {
    Ready(Vec<Stmt>),
    /// Rendered when it runs, from the named table as the earlier ops left it.
    NeedsDefinition(String),
}

impl PreparedOp {
    /// The op's statements, introspecting its table now if it needs the definition.
    pub fn statements(&self, db: &mut Database, revision: &str, ctx: &RenderContext) -> Result<Vec<Stmt>, RunError> {
        match &self.rendered {
            Rendered::Ready(stmts) => Ok(stmts.clone()),
            Rendered::NeedsDefinition(table) => render_with_definition(db, revision, &self.op, table, &self.class, ctx),
        }
    }
}

/// A step with its rendered ops.
#[derive(Debug, Clone)]
pub(crate) struct PreparedStep<'g> {
    pub step: Step<'g>,
    pub ops: Vec<PreparedOp>,
    /// Ops skipped on this dialect (`.only([..])`), as notices.
    pub skipped: Vec<String>,
}

impl PreparedStep<'_> {
    pub fn revision(&self) -> &str {
        &self.step.revision.id
    }

    pub fn mode(&self) -> TransactionMode {
        self.step.revision.transaction
    }

    pub fn direction_word(&self) -> &'static str {
        match self.step.direction {
            Direction::Upgrade => "upgrade",
            Direction::Downgrade => "downgrade",
        }
    }

    /// The statement count, when every op is rendered already.
    pub fn ready_total(&self) -> Option<u32> {
        let mut total = 0usize;
        for op in &self.ops {
            match &op.rendered {
                Rendered::Ready(stmts) => total += stmts.len(),
                Rendered::NeedsDefinition(_) => return None,
            }
        }
        u32::try_from(total).ok()
    }

    /// The statements of a fully rendered step.
    pub fn ready_statements(&self) -> Vec<Stmt> {
        let mut out = Vec::new();
        for op in &self.ops {
            if let Rendered::Ready(stmts) = &op.rendered {
                out.extend(stmts.iter().cloned());
            }
        }
        out
    }
}

/// Finds the chain's model before a revision.
type SchemaBefore<'a> = Box<dyn Fn(&Revision) -> Option<Schema> + 'a>;

/// Where an op that needs its table's definition gets it: the chain's schema model, folded op by
/// op through the plan, or the live table.
pub(crate) struct Definitions<'a> {
    /// The model before the next op; `None` when there is none or an op did not fold into it
    /// (the live table is read from then on, or offline rendering says what it lacks).
    model: Option<Schema>,
    /// The model when the plan started, to cross-check against the live tables.
    pub start: Schema,
    /// Tables whose definition came from the model and existed at the plan's start: they must
    /// match the live database before anything runs.
    pub used: BTreeSet<String>,
    /// A connection can read a table the model does not know.
    live: bool,
    /// The model before a revision (after its parents and dependencies), for the parts of a
    /// column a downgrade restores.
    before: Option<SchemaBefore<'a>>,
}

impl<'a> Definitions<'a> {
    /// From the model at the plan's start (the schema the applied revisions build).
    pub fn model(schema: Schema, live: bool) -> Self {
        Self { start: schema.clone(), model: Some(schema), used: BTreeSet::new(), live, before: None }
    }

    /// From the live catalog as the plan starts (`--render-from-catalog`): nothing to
    /// cross-check.
    pub fn catalog(schema: Schema) -> Self {
        Self { model: Some(schema), start: Schema::default(), used: BTreeSet::new(), live: true, before: None }
    }

    /// Every definition read from the live table when the op runs.
    pub fn live() -> Self {
        Self { model: None, start: Schema::default(), used: BTreeSet::new(), live: true, before: None }
    }

    /// Offline, without a model: an op that needs a definition says so.
    pub fn none() -> Self {
        Self { model: None, start: Schema::default(), used: BTreeSet::new(), live: false, before: None }
    }

    /// Where a downgrade finds the model before a revision.
    pub fn with_before(mut self, before: impl Fn(&Revision) -> Option<Schema> + 'a) -> Self {
        self.before = Some(Box::new(before));
        self
    }

    /// The model's definition of `table`, when it knows the table.
    fn definition(
        &mut self,
        table: &str,
        dialect: Dialect,
        ctx: &RenderContext,
    ) -> Option<Result<backend::TableDef, backend::RenderError>> {
        let def = backend::table_definition(self.model.as_ref()?, table, dialect)?;
        if self.start.tables.contains_key(table) {
            self.used.insert(table.to_string());
        }
        Some(def.map(|mut d| {
            d.foreign_keys_enforced = ctx.foreign_keys_enforced;
            d
        }))
    }

    /// Folds an op that ran into the model.
    fn follow(&mut self, op: &Op, dialect: Dialect) {
        if let Some(schema) = &mut self.model {
            if fold::apply(schema, op, dialect.name()).is_err() {
                self.model = None;
            }
        }
    }
}

/// Renders a step's ops, taking table definitions from `definitions` (and folding the ops into
/// its model).
pub(crate) fn prepare<'g>(
    step: Step<'g>,
    dialect: Dialect,
    ctx: &RenderContext,
    definitions: &mut Definitions<'_>,
) -> Result<PreparedStep<'g>, RunError> {
    let revision = step.revision;
    let ops = match step.direction {
        Direction::Upgrade => revision.up()?,
        Direction::Downgrade => revision.down()?,
    };
    let mut prepared = Vec::with_capacity(ops.len());
    let mut skipped = Vec::new();
    let mut contexts = OpContexts::new(revision, ctx);
    let mut before: Option<Option<Schema>> = None;
    let derived = step.direction == Direction::Downgrade && revision.derives_down();
    let redundant = if derived { dropped_with_their_table(&ops) } else { vec![false; ops.len()] };
    for (index, op) in ops.into_iter().enumerate() {
        if redundant[index] {
            continue;
        }
        let mut op = match op {
            Op::Only(only) if !only.applies_to(dialect.name()) => {
                skipped.push(skipped_notice(revision, index, &only, dialect));
                continue;
            }
            Op::Only(only) => *only.op,
            op => op,
        };
        if let Op::AlterColumn(alter) = &mut op {
            let refine = derived && alter.nullable.is_some();
            if !alter.restore.is_empty() || refine {
                let schema = before.get_or_insert_with(|| definitions.before.as_ref().and_then(|f| f(revision)));
                if refine {
                    keep_nullability(alter, schema.as_ref());
                }
                restore(alter, schema.as_ref(), definitions.model.as_ref()).map_err(|source| RunError::Render {
                    revision: revision.id.to_string(),
                    dialect,
                    source,
                })?;
            }
            keep_collation(alter, definitions.model.as_ref());
            if alter.is_empty() {
                continue;
            }
        }
        let class = classify(&op);
        let render_error = |source| RunError::Render { revision: revision.id.to_string(), dialect, source };
        let table = backend::needs_table_definition(&op, dialect).map(str::to_string);
        let op_ctx = contexts.for_op(&op);
        let from_model = table.as_deref().and_then(|t| definitions.definition(t, dialect, ctx));
        let ready = |ctx: &RenderContext| -> Result<Rendered, RunError> {
            let sql = backend::render(&op, dialect, ctx).map_err(render_error)?;
            Ok(Rendered::Ready(
                sql.into_iter().map(|sql| Stmt { class: statement_class(&class, &op, &sql), sql }).collect(),
            ))
        };
        let rendered = match (table, from_model) {
            (Some(table), Some(definition)) => {
                let mut with = op_ctx.clone();
                with.tables.insert(table, definition.map_err(render_error)?);
                ready(&with)?
            }
            (Some(table), None) if definitions.live => Rendered::NeedsDefinition(table),
            _ => ready(op_ctx)?,
        };
        definitions.follow(&op, dialect);
        prepared.push(PreparedOp { op, class, rendered });
    }
    Ok(PreparedStep { step, ops: prepared, skipped })
}

/// Which ops of a derived downgrade a later `drop_table` of the same list makes redundant: the
/// drops of the table's own indexes, constraints, columns and comments, and changes to its
/// columns, undone one by one where the table goes anyway (`CREATE TABLE` + `CREATE INDEX` comes
/// back down as one `DROP TABLE`). Only a drop that runs on every dialect counts, and a rename
/// or re-creation of the table in between keeps everything before it.
fn dropped_with_their_table(ops: &[Op]) -> Vec<bool> {
    let mut redundant = vec![false; ops.len()];
    let mut dropped: BTreeSet<&str> = BTreeSet::new();
    for (i, op) in ops.iter().enumerate().rev() {
        let inner = match op {
            Op::Only(o) => o.op.as_ref(),
            op => op,
        };
        let table = match inner {
            Op::DropIndex(o) => o.table.as_deref(),
            Op::DropConstraint(o) => Some(o.table.as_str()),
            Op::DropColumn(o) => Some(o.table.as_str()),
            Op::AlterColumn(o) => Some(o.table.as_str()),
            Op::SetComment(o) => match &o.target {
                crate::ops::CommentTarget::Table(t) | crate::ops::CommentTarget::Column(t, _) => Some(t.as_str()),
            },
            Op::DropTable(o) if !matches!(op, Op::Only(_)) => {
                dropped.insert(o.name.as_str());
                None
            }
            Op::CreateTable(o) => {
                dropped.remove(o.name.as_str());
                None
            }
            Op::RenameTable(o) => {
                dropped.remove(o.from.as_str());
                dropped.remove(o.to.as_str());
                None
            }
            _ => None,
        };
        redundant[i] = table.is_some_and(|t| dropped.contains(t));
    }
    redundant
}

/// The chain's model before `revision`: after its parents and dependencies.
pub(crate) fn schema_before(graph: &RevisionGraph<'_>, revision: &Revision, dialect: Dialect) -> Option<Schema> {
    chain::schema_before(graph, revision, dialect.name()).ok().map(|(schema, _)| schema)
}

/// The column `op` alters as the model before the revision has it, unless raw SQL made its table
/// unknown.
fn known_column<'s>(before: Option<&'s Schema>, op: &AlterColumn) -> Option<&'s crate::schema::Column> {
    before.filter(|s| !s.is_unknown(&op.table)).and_then(|s| s.tables.get(&op.table)).and_then(|t| t.column(&op.column))
}

/// A derived downgrade undoes a nullability the upgrade wrote only to restate the column (MySQL's
/// `MODIFY COLUMN` used to need it): when the column had that nullability before the revision
/// already, the downgrade leaves it alone instead of flipping it.
fn keep_nullability(op: &mut AlterColumn, before: Option<&Schema>) {
    if let (Some(column), Some(change)) = (known_column(before, op), &op.nullable) {
        if change.from == Some(column.nullable) {
            op.nullable = None;
        }
    }
}

/// A type change alone keeps the column's collation: PostgreSQL would reset it to the new type's
/// default, so the collation the model knows is restated with the type.
fn keep_collation(op: &mut AlterColumn, now: Option<&Schema>) {
    if op.ty.is_none() || op.collation.is_some() {
        return;
    }
    if let Some(collation) = known_column(now, op).and_then(|c| c.collation.clone()) {
        op.collation = Some(Change { from: None, to: Some(collation) });
    }
}

/// Fills in the parts of a column a derived downgrade sets back, from the model before the
/// revision (`before`); `now` is the model before this op, which says what an identity is
/// restored from.
fn restore(op: &mut AlterColumn, before: Option<&Schema>, now: Option<&Schema>) -> Result<(), backend::RenderError> {
    if op.restore.is_empty() {
        return Ok(());
    }
    let Some(column) = known_column(before, op) else {
        // A dropped identity has its own fallback: the old state the op wrote.
        if op.restore == [ColumnPart::Identity] && op.identity.is_some() {
            op.restore.clear();
            return Ok(());
        }
        let parts: Vec<&str> = op.restore.iter().map(|p| p.name()).collect();
        return Err(backend::RenderError::Invalid {
            op: "alter_column",
            reason: format!(
                "this downgrade sets the {} of `{}.{}` back to its state before the revision, and the chain's schema model does not know the column there (raw SQL, or a table the chain never created); write the old state in the upgrade (`.from_type(..)`, `.from_default(..)`, `.from_comment(..)`) or write `down {{ .. }}`",
                parts.join(", "),
                op.table,
                op.column
            ),
        });
    };
    for part in std::mem::take(&mut op.restore) {
        match part {
            ColumnPart::Type => {
                let using = op.ty.take().and_then(|t| t.using);
                op.ty = Some(TypeChange {
                    change: Change { from: None, to: column.ty.clone() },
                    using,
                    reverse_using: None,
                });
            }
            ColumnPart::Default => {
                let to = column.default.as_deref().map(|sql| match sql.trim() {
                    d if d.eq_ignore_ascii_case("now()") => ServerDefault::Now,
                    // A string literal goes back as a value, so each dialect quotes it its own
                    // way (MySQL reads backslash escapes in the text the model keeps standard).
                    d => match string_literal(d) {
                        Some(text) => ServerDefault::Value(Value::Str(text)),
                        None => ServerDefault::Expr { sql: d.to_string(), volatile: false },
                    },
                });
                op.default = Some(Change { from: None, to });
            }
            ColumnPart::Comment => op.comment = Some(Change { from: None, to: column.comment.clone() }),
            ColumnPart::Collation => {
                op.collation = Some(Change { from: None, to: column.collation.clone() });
                // PostgreSQL changes a collation with the type: the type it had comes along.
                if op.ty.is_none() {
                    op.ty = Some(TypeChange {
                        change: Change { from: None, to: column.ty.clone() },
                        using: None,
                        reverse_using: None,
                    });
                }
            }
            ColumnPart::Identity => {
                let to = model_identity(column);
                // Without a model of the moment (PostgreSQL alters in place and folds none), what
                // the upgrade did tells: it dropped the identity (the op carries the fallback
                // re-add) or changed one that is still there.
                let from = known_column(now, op).map(model_identity);
                match (from, op.identity.is_some(), to) {
                    // Nothing to set back: the upgrade restated the identity it had.
                    (Some(from), ..) if from == to => op.identity = None,
                    (Some(from), ..) => op.identity = Some(Box::new(Change { from: Some(from), to })),
                    (None, true, _) | (None, false, None) => {
                        op.identity = Some(Box::new(Change { from: Some(None), to }))
                    }
                    (None, false, Some(to)) => {
                        op.alter_identity = Some(IdentityAlter { always: Some(to.always), options: to.options });
                    }
                }
            }
        }
    }
    Ok(())
}

/// The text of a standard SQL string literal (`'it''s'`), when `sql` is exactly one.
fn string_literal(sql: &str) -> Option<String> {
    let inner = sql.strip_prefix('\'')?.strip_suffix('\'')?;
    let single = inner.replace("''", "");
    (!single.contains('\'')).then(|| inner.replace("''", "'"))
}

/// A model column's identity as an op states it, every sequence option written out.
fn model_identity(column: &crate::schema::Column) -> Option<Identity> {
    let always = match column.identity? {
        crate::schema::Identity::Always => true,
        crate::schema::Identity::ByDefault | crate::schema::Identity::AutoIncrement => false,
    };
    let options = column.identity_sequence.as_ref().map_or_else(SequenceOptions::default, |s| {
        let number = |key: &str| s.properties.get(key).and_then(|v| v.parse().ok());
        SequenceOptions {
            start: number("start"),
            increment: number("increment"),
            min: number("min"),
            max: number("max"),
            cache: number("cache"),
            cycle: s.properties.get("cycle").map(|v| v == "true"),
        }
    });
    Some(Identity { always, options })
}

/// What an op limited to other dialects says when it is skipped. The op's position tells two
/// skipped ops of the same kind apart.
pub(crate) fn skipped_notice(revision: &Revision, index: usize, only: &OnlyOn, dialect: Dialect) -> String {
    format!(
        "revision {}, op {}: `{}` skipped on {dialect} (it runs only on {})",
        revision.id,
        index + 1,
        only.op.kind(),
        only.dialects.join(", ")
    )
}

/// The render context of each op of a revision, in order: a `transaction: none` revision renders
/// with `autocommit` (PostgreSQL's online SET NOT NULL recipe), except for an `alter_column` of a
/// table the revision itself creates, which nobody else can hold a lock on.
pub(crate) struct OpContexts<'c> {
    base: &'c RenderContext,
    autocommit: Option<RenderContext>,
    created: Vec<String>,
}

impl<'c> OpContexts<'c> {
    pub fn new(revision: &Revision, base: &'c RenderContext) -> Self {
        let autocommit =
            (revision.transaction == TransactionMode::None).then(|| RenderContext { autocommit: true, ..base.clone() });
        Self { base, autocommit, created: Vec::new() }
    }

    /// The context of the next op (its `.only(..)` unwrapped), which must be given in order.
    pub fn for_op(&mut self, op: &Op) -> &RenderContext {
        let new_table = matches!(op, Op::AlterColumn(a) if self.created.contains(&a.table));
        if let Op::CreateTable(t) = op {
            self.created.push(t.name.clone());
        }
        match &self.autocommit {
            Some(autocommit) if !new_table => autocommit,
            _ => self.base,
        }
    }
}

/// Renders an op that needed its table's definition, reading it from the database now.
pub(crate) fn render_with_definition(
    db: &mut Database,
    revision: &str,
    op: &Op,
    table: &str,
    class: &StmtClass,
    ctx: &RenderContext,
) -> Result<Vec<Stmt>, RunError> {
    let dialect = db.dialect();
    let render_error = |source| RunError::Render { revision: revision.to_string(), dialect, source };
    let definition = db.introspect(op, table).map_err(render_error)?;
    let mut ctx = ctx.clone();
    ctx.tables.insert(table.to_string(), definition);
    let sql = backend::render(op, dialect, &ctx).map_err(render_error)?;
    Ok(sql.into_iter().map(|sql| Stmt { sql, class: class.clone() }).collect())
}

/// Every statement of a step, rendering the ops that wait for a definition from the table as it
/// is before the step (PostgreSQL never waits for one; steps that do render op by op instead).
pub(crate) fn materialize(
    db: &mut Database,
    step: &PreparedStep<'_>,
    ctx: &RenderContext,
) -> Result<Vec<Stmt>, RunError> {
    let mut out = Vec::new();
    for op in &step.ops {
        out.extend(op.statements(db, step.revision(), ctx)?);
    }
    Ok(out)
}

/// The class of one of an op's statements: the op's, except for the VALIDATE of the SET NOT NULL
/// recipe, which takes a weak lock and may scan for long.
fn statement_class(op_class: &StmtClass, op: &Op, sql: &str) -> StmtClass {
    if matches!(op, Op::AlterColumn(_)) && sql.contains(" VALIDATE CONSTRAINT ") {
        StmtClass::Weak
    } else {
        op_class.clone()
    }
}

fn classify(op: &Op) -> StmtClass {
    match op {
        Op::CreateIndex(o) if o.concurrently => {
            let schema = o.table.split_once('.').map(|(schema, _)| schema.to_string());
            StmtClass::CreateIndexConcurrently { schema, name: o.name.clone() }
        }
        Op::DropIndex(o) if o.concurrently => StmtClass::Concurrent,
        Op::DetachPartition(o) if o.concurrently => {
            StmtClass::DetachConcurrently { parent: o.parent.clone(), partition: o.name.clone() }
        }
        Op::RefreshMaterializedView(o) if o.concurrently => StmtClass::Weak,
        Op::ValidateConstraint(_) | Op::Backfill(_) => StmtClass::Weak,
        _ => StmtClass::Locking,
    }
}

/// Whether any step of `steps` rebuilds a table (SQLite), decoding their ops; a revision that
/// does not decode counts as no (preparing it reports the error).
pub(crate) fn rebuilds_tables(steps: &[Step<'_>], dialect: Dialect) -> bool {
    steps.iter().any(|step| {
        let ops = match step.direction {
            Direction::Upgrade => step.revision.up(),
            Direction::Downgrade => step.revision.down(),
        };
        ops.is_ok_and(|ops| ops.iter().any(|op| backend::needs_table_definition(op, dialect).is_some()))
    })
}
