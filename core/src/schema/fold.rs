//! Folding ops into a schema model: the schema after an op, or why the op cannot apply there.
//!
//! [`apply`] folds one op for one dialect (`postgres`, `sqlite`, `mysql`): the model stores what
//! that dialect really builds (MySQL's `Uuid` is `Char(36)`, a serial is an integer with a
//! sequence default on PostgreSQL and an auto-increment elsewhere, MySQL's unique constraints
//! are unique indexes). An op on an object the model lacks is a [`FoldError`] with the fix,
//! unless raw SQL may have made it (see [`Unknown`]): then it is a [`FoldWarning`], since a chain
//! that runs must never get a false error. `if_not_exists`/`if_exists` fold as the database
//! behaves: no change.
//!
//! [`apply_all`] folds a revision's `up` (or `down`) ops; [`union`] is the schema at a merge.
//! Names follow the dialect's catalog where it keeps them and PostgreSQL's conventions
//! otherwise (`users_pkey`, `users_email_key`, `posts_author_id_fkey`, `users_age_check`).

use std::fmt;
use std::sync::Arc;

use super::fold_objects as objects;
use super::fold_raw;
use super::model::{
    type_from_spelling, type_sql, Column, Constraint, ConstraintKind, Generated, Identity, Index, References, Schema,
    Table, Unknown,
};
use crate::ops::{
    self, AddColumn, AlterColumn, ColumnType, ConstraintKind as OpConstraint, CreateTable, DropColumn, DropTable,
    ForeignKeyAction, Op, RenameColumn, RenameTable, ServerDefault, Value,
};

/// Why an op cannot apply to the schema before it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FoldError {
    /// What is wrong, starting with the op: `drop_column("users", "email"): table "users" has
    /// no column "email" at this revision`.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// The object the op needed and did not find (or found and should not have), so that the
    /// caller can say which revision last changed it.
    pub object: Option<ObjectKey>,
    /// The position of the op in the list folded by [`apply_all`].
    pub op_index: Option<usize>,
}

impl FoldError {
    pub(crate) fn new(message: impl Into<String>, fix: impl Into<String>, object: Option<ObjectKey>) -> FoldError {
        FoldError { message: message.into(), fix: fix.into(), object, op_index: None }
    }
}

impl fmt::Display for FoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message, self.fix)
    }
}

impl std::error::Error for FoldError {}

/// Something a fold could not check because raw SQL may have changed it, or a no-op the author
/// may not expect.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FoldWarning {
    /// The op and what could not be checked.
    pub message: String,
    /// The position of the op in the list folded by [`apply_all`].
    pub op_index: Option<usize>,
}

impl fmt::Display for FoldWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// An object of the model, as errors name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjectKey {
    /// A table.
    Table(String),
    /// A column of a table.
    Column(String, String),
    /// An index, by (table, name).
    Index(String, String),
    /// A constraint, by (table, name).
    Constraint(String, String),
    /// A view or materialized view.
    View(String),
    /// An enum type.
    Enum(String),
    /// A sequence.
    Sequence(String),
    /// An extension.
    Extension(String),
}

/// The dialect a model is folded for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Postgres,
    Sqlite,
    Mysql,
}

impl Target {
    fn parse(dialect: &str) -> Result<Target, FoldError> {
        match dialect {
            "postgres" => Ok(Target::Postgres),
            "sqlite" => Ok(Target::Sqlite),
            "mysql" => Ok(Target::Mysql),
            other => Err(FoldError::new(
                format!("unknown dialect \"{other}\""),
                "fold for \"postgres\", \"sqlite\" or \"mysql\"",
                None,
            )),
        }
    }
}

/// The result of folding one op: warnings, or the error.
pub type FoldResult = Result<Vec<FoldWarning>, FoldError>;

/// Folds `op` into `schema` for `dialect` (`postgres`, `sqlite`, `mysql`). On error the schema
/// is unchanged.
pub fn apply(schema: &mut Schema, op: &Op, dialect: &str) -> FoldResult {
    let target = Target::parse(dialect)?;
    let mut f = Folder { schema, target, warnings: Vec::new() };
    f.op(op)?;
    Ok(f.warnings)
}

/// Folds `ops` in order (a revision's `up`, or its `down`). On error the schema holds the ops
/// before the failing one, and the error its position.
pub fn apply_all(schema: &mut Schema, ops: &[Op], dialect: &str) -> FoldResult {
    let mut warnings = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match apply(schema, op, dialect) {
            Ok(w) => warnings.extend(w.into_iter().map(|w| FoldWarning { op_index: Some(i), ..w })),
            Err(e) => return Err(FoldError { op_index: Some(i), ..e }),
        }
    }
    Ok(warnings)
}

/// The schema at a merge: the union of its parents' schemas, given as (revision id, schema),
/// against `base`, the schema at their last common ancestor (empty when they have none). What
/// only some parents changed takes their version; an object that two parents changed
/// differently is an error naming both revisions.
pub fn union(base: &Schema, parents: &[(&str, &Schema)]) -> Result<Schema, FoldError> {
    objects::union(base, parents)
}

pub(crate) struct Folder<'a> {
    pub(crate) schema: &'a mut Schema,
    pub(crate) target: Target,
    pub(crate) warnings: Vec<FoldWarning>,
}

/// The foreign key of a column's inline `.references(..)`.
fn inline_foreign_key(col: &ops::Column) -> Option<ops::ForeignKey> {
    col.references.as_ref().map(|r| r.foreign_key(&col.name))
}

/// A family of types that the databases compare with one another in a foreign key; `None`
/// where the model does not tell (custom types, arrays, ..), which is never an error.
fn type_family(ty: &ColumnType) -> Option<u8> {
    Some(match ty {
        ColumnType::SmallInt
        | ColumnType::Integer
        | ColumnType::BigInt
        | ColumnType::SmallSerial
        | ColumnType::Serial
        | ColumnType::BigSerial => 1,
        ColumnType::Text | ColumnType::Varchar(_) | ColumnType::Char(_) => 2,
        ColumnType::Uuid => 3,
        ColumnType::Date | ColumnType::Timestamp | ColumnType::TimestampTz => 4,
        ColumnType::Boolean => 5,
        ColumnType::Bytes => 6,
        _ => return None,
    })
}

/// Whether a partition key entry is a plain column name (not an expression).
fn is_identifier(s: &str) -> bool {
    s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// An op as messages start (`add_column("users", "email")`), formatted only when a message
/// needs it: a fold formats nothing for the ops that apply.
pub(crate) struct Call<F>(pub(crate) F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Call<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// A [`Call`] from `format!` arguments.
macro_rules! call {
    ($($arg:tt)*) => {
        Call(|f: &mut ::std::fmt::Formatter<'_>| ::std::write!(f, $($arg)*))
    };
}
pub(crate) use call;

/// `"name"`, as messages quote names.
pub(crate) fn q(name: &str) -> String {
    format!("{name:?}")
}

impl Folder<'_> {
    pub(crate) fn warn(&mut self, message: String) {
        self.warnings.push(FoldWarning { message, op_index: None });
    }

    /// An object is missing: an error, or a warning when raw SQL may have made it.
    pub(crate) fn missing(
        &mut self,
        call: &dyn fmt::Display,
        what: String,
        fix: &str,
        key: ObjectKey,
        name: &str,
    ) -> FoldResult {
        if self.schema.is_unknown(name) {
            self.warn(format!("{call}: {what} as far as the chain's ops tell; raw SQL before it may have made it"));
            return Ok(Vec::new());
        }
        if !self.schema.unknown.seen.contains(name) {
            self.warn(format!(
                "{call}: {what} as far as the chain's ops tell; no revision creates {}, so it is taken to exist before the chain",
                q(name)
            ));
            return Ok(Vec::new());
        }
        Err(FoldError::new(format!("{call}: {what} at this revision"), fix, Some(key)))
    }

    /// Records the names `op` creates, drops or renames, once it folded.
    fn seen(&mut self, op: &Op) {
        let names: [Option<&str>; 2] = match op {
            Op::Only(o) => return self.seen(&o.op),
            Op::CreateTable(o) => [Some(&o.name), None],
            Op::DropTable(o) => [Some(&o.name), None],
            Op::RenameTable(o) => [Some(&o.from), Some(&o.to)],
            Op::CreateIndex(o) => [Some(&o.name), None],
            Op::DropIndex(o) => [Some(&o.name), None],
            Op::CreateView(o) => [Some(&o.name), None],
            Op::DropView(o) => [Some(&o.name), None],
            Op::RenameView(o) => [Some(&o.from), Some(&o.to)],
            Op::CreateEnum(o) => [Some(&o.name), None],
            Op::DropEnum(o) => [Some(&o.name), None],
            Op::CreateSequence(o) => [Some(&o.name), None],
            Op::DropSequence(o) => [Some(&o.name), None],
            Op::CreateExtension(o) => [Some(&o.name), None],
            Op::DropExtension(o) => [Some(&o.name), None],
            Op::CreatePartition(o) => [Some(&o.name), None],
            _ => return,
        };
        for name in names.into_iter().flatten() {
            if !self.schema.unknown.seen.contains(name) {
                self.schema.unknown.seen.insert(name.to_string());
            }
        }
    }

    fn op(&mut self, op: &Op) -> Result<(), FoldError> {
        self.apply_op(op)?;
        self.seen(op);
        Ok(())
    }

    fn apply_op(&mut self, op: &Op) -> Result<(), FoldError> {
        match op {
            Op::Only(o) => {
                let name = match self.target {
                    Target::Postgres => "postgres",
                    Target::Sqlite => "sqlite",
                    Target::Mysql => "mysql",
                };
                if o.applies_to(name) {
                    self.op(&o.op)?;
                }
                Ok(())
            }
            Op::CreateTable(o) => self.create_table(o),
            Op::DropTable(o) => self.drop_table(o),
            Op::RenameTable(o) => self.rename_table(o),
            Op::AddColumn(o) => self.add_column(o),
            Op::DropColumn(o) => self.drop_column(o),
            Op::RenameColumn(o) => self.rename_column(o),
            Op::AlterColumn(o) => self.alter_column(o),
            // Declared effects are folded as the ops they are, so the model stays exact.
            Op::Execute(o) if !o.effects.is_empty() => o.effects.iter().try_for_each(|effect| self.op(effect)),
            Op::Execute(o) => {
                fold_raw::execute(self.schema, &o.sql);
                Ok(())
            }
            Op::BulkInsert(o) => {
                let call = call!("bulk_insert({})", q(&o.table));
                let columns: Vec<&str> = o.columns.iter().map(String::as_str).collect();
                self.need_columns(&call, &o.table, &columns).map(drop)
            }
            Op::Backfill(o) => {
                let call = call!("backfill({})", q(&o.table));
                let columns: Vec<&str> = o.set.iter().map(|(c, _)| c.as_str()).collect();
                self.need_columns(&call, &o.table, &columns).map(drop)
            }
            other => objects::fold(self, other),
        }
    }

    /// Checks that `table` exists with `columns`; `Ok(false)` when it is unknown (warned).
    pub(crate) fn need_columns(
        &mut self,
        call: &dyn fmt::Display,
        table: &str,
        columns: &[&str],
    ) -> Result<bool, FoldError> {
        let Some(t) = self.schema.tables.get(table) else {
            self.missing(
                call,
                format!("there is no table {}", q(table)),
                CREATE_TABLE_FIRST,
                ObjectKey::Table(table.into()),
                table,
            )?;
            return Ok(false);
        };
        let lacking: Vec<&str> = columns.iter().copied().filter(|c| t.column(c).is_none()).collect();
        if let Some(first) = lacking.first() {
            let have = t.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ");
            self.missing(
                call,
                format!("table {} has no column {} (it has: {have})", q(table), q(first)),
                "check the name, or add the column in an earlier revision",
                ObjectKey::Column(table.into(), first.to_string()),
                table,
            )?;
            return Ok(false);
        }
        Ok(true)
    }

    fn create_table(&mut self, op: &CreateTable) -> Result<(), FoldError> {
        let call = call!("create_table({})", q(&op.name));
        if self.schema.tables.contains_key(&op.name) || self.schema.views.contains_key(&op.name) {
            if op.if_not_exists {
                return Ok(());
            }
            if !self.schema.is_unknown(&op.name) {
                return Err(FoldError::new(
                    format!("{call}: table {} already exists at this revision", q(&op.name)),
                    "drop it first, pick another name, or write `.if_not_exists()`",
                    Some(ObjectKey::Table(op.name.clone())),
                ));
            }
            self.warn(format!("{call}: raw SQL may have created table {} already", q(&op.name)));
        }
        if op.columns.is_empty() {
            return Err(FoldError::new(
                format!("{call}: the table has no columns"),
                "give it at least one column",
                None,
            ));
        }
        let mut table =
            Table { comment: op.comment.clone().filter(|_| self.target != Target::Sqlite), ..Table::default() };
        if let Some(by) = &op.partition_by {
            let strategy = match by.strategy {
                ops::PartitionStrategy::Range => "RANGE",
                ops::PartitionStrategy::List => "LIST",
                ops::PartitionStrategy::Hash => "HASH",
            };
            table.partition_key = Some(format!("{strategy} ({})", by.columns.join(", ")));
        }
        let mut seen = std::collections::BTreeSet::new();
        for col in &op.columns {
            if !seen.insert(col.name.as_str()) {
                return Err(FoldError::new(
                    format!("{call}: column {} is listed twice", q(&col.name)),
                    "remove one of them",
                    Some(ObjectKey::Column(op.name.clone(), col.name.clone())),
                ));
            }
        }
        for col in op.columns.iter().filter(|c| c.references.as_ref().is_some_and(|r| r.ref_table != op.name)) {
            if let Some(fk) = inline_foreign_key(col) {
                let own = [Some(resolve_type(&col.ty, self.target))];
                self.check_reference(&call, &fk, &own)?;
            }
        }
        let key = op.primary_key_columns();
        if let (Some(by), Target::Postgres) = (&op.partition_by, self.target) {
            let uniques = op.constraints.iter().filter_map(|c| match &c.kind {
                OpConstraint::Unique { columns, .. } | OpConstraint::PrimaryKey { columns, .. } => {
                    Some(columns.as_slice())
                }
                _ => None,
            });
            let key_names: Vec<String> = key.iter().map(|k| k.to_string()).collect();
            let keys = std::iter::once(key_names.as_slice()).filter(|k| !k.is_empty()).chain(uniques);
            for unique in keys {
                // Expressions in the partition key cannot be checked by name.
                if let Some(missing) = by.columns.iter().find(|c| is_identifier(c) && !unique.contains(c)) {
                    return Err(FoldError::new(
                        format!(
                            "{call}: the table is partitioned by {} but its key ({}) lacks it; PostgreSQL refuses a primary key or unique constraint on a partitioned table without every partition column",
                            q(missing),
                            unique.join(", ")
                        ),
                        format!("add {} to the key, e.g. `.primary_key([\"id\", {}])`", q(missing), q(missing)),
                        Some(ObjectKey::Table(op.name.clone())),
                    ));
                }
            }
        }
        self.schema.tables.insert(op.name.clone(), table.into());
        let inline_pk = op.primary_key.is_empty() && key.len() == 1;
        for col in &op.columns {
            let in_key = key.contains(&col.name.as_str());
            self.insert_column(&op.name, col, in_key && inline_pk);
        }
        if !key.is_empty() {
            let name = format!("{}_pkey", op.name);
            self.set_primary_key(&op.name, &name, key.iter().map(|s| s.to_string()).collect());
        }
        for c in &op.constraints {
            self.add_constraint(&call, &op.name, c, false)?;
        }
        self.mysql_foreign_key_indexes(&op.name);
        Ok(())
    }

    /// Adds a column (with its inline key, unique, check and reference) to an existing table.
    fn insert_column(&mut self, table: &str, col: &ops::Column, inline_pk: bool) {
        let target = self.target;
        let mut column = Column::new(col.name.clone(), resolve_type(&col.ty, target));
        column.nullable = col.nullable && !col.primary_key;
        // SQLite keeps no comments.
        column.comment = col.comment.clone().filter(|_| target != Target::Sqlite);
        column.default = col.default.as_ref().map(|d| default_sql(d, target));
        column.generated =
            col.generated.as_ref().map(|g| Generated { expr: g.clone(), stored: !col.generated_virtual });
        column.collation = col.collation.clone();
        column.charset = col.charset.clone().filter(|_| target == Target::Mysql);
        let serial = col.ty.is_serial();
        match target {
            Target::Postgres => {
                column.identity = col.identity.map(|i| if i.always { Identity::Always } else { Identity::ByDefault });
                column.identity_sequence = col.identity.map(|i| objects::identity_sequence(&column.ty, &i.options));
                if serial {
                    let sequence = format!("{table}_{}_seq", col.name);
                    column.default = Some(format!("nextval('{sequence}'::regclass)"));
                    column.nullable = false;
                    let ty = match col.ty {
                        ColumnType::SmallSerial => "smallint",
                        ColumnType::Serial => "integer",
                        _ => "bigint",
                    };
                    self.schema
                        .sequences
                        .insert(sequence, objects::sequence_properties(ty, None, None, None, None, None, false));
                }
            }
            Target::Sqlite => {
                if (serial || col.identity.is_some()) && inline_pk {
                    column.identity = Some(Identity::AutoIncrement);
                    column.ty = ColumnType::Integer;
                }
            }
            Target::Mysql => {
                if serial || col.identity.is_some() {
                    column.identity = Some(Identity::AutoIncrement);
                    column.nullable = false;
                }
            }
        }
        if col.identity.is_some() {
            column.nullable = false;
        }
        let Some(t) = self.schema.table_mut(table) else { return };
        t.columns.push(column);
        if col.primary_key && !inline_pk {
            // A flagged column of a composite key: the caller sets the key.
        } else if col.primary_key {
            self.set_primary_key(table, &format!("{table}_pkey"), vec![col.name.clone()]);
        }
        if col.unique {
            let name = match target {
                Target::Mysql => col.name.clone(),
                _ => format!("{table}_{}_key", col.name),
            };
            self.insert_unique(table, &name, vec![col.name.clone()], false);
        }
        if let Some(check) = &col.check {
            let name = match target {
                Target::Mysql => col.name.clone(),
                _ => format!("{table}_{}_check", col.name),
            };
            if let Some(t) = self.schema.table_mut(table) {
                t.constraints.insert(name, Constraint::check(check.clone()));
            }
        }
        if let Some(fk) = inline_foreign_key(col) {
            let constraint = self.foreign_key(&fk);
            if let Some(t) = self.schema.table_mut(table) {
                t.constraints.insert(format!("{table}_{}_fkey", col.name), constraint);
            }
        }
    }

    pub(crate) fn set_primary_key(&mut self, table: &str, name: &str, columns: Vec<String>) {
        let Some(t) = self.schema.table_mut(table) else { return };
        t.constraints.retain(|_, c| c.kind != ConstraintKind::PrimaryKey);
        for c in &columns {
            if let Some(col) = t.column_mut(c) {
                col.nullable = false;
            }
        }
        t.constraints.insert(name.to_string(), Constraint::new(ConstraintKind::PrimaryKey, columns));
    }

    /// A unique constraint; on MySQL, the unique index it is.
    pub(crate) fn insert_unique(&mut self, table: &str, name: &str, columns: Vec<String>, nulls_not_distinct: bool) {
        if self.target == Target::Mysql {
            let index = Index { columns, unique: true, valid: true, ..Index::default() };
            self.schema.indexes.insert((table.to_string(), name.to_string()), index);
            return;
        }
        if let Some(t) = self.schema.table_mut(table) {
            let mut c = Constraint::new(ConstraintKind::Unique, columns);
            c.nulls_not_distinct = nulls_not_distinct;
            t.constraints.insert(name.to_string(), c);
        }
    }

    pub(crate) fn foreign_key(&self, fk: &ops::ForeignKey) -> Constraint {
        // An unspecified action is reported as NO ACTION; MySQL reports RESTRICT (the same).
        let default =
            if self.target == Target::Mysql { ForeignKeyAction::Restrict } else { ForeignKeyAction::NoAction };
        let action = |a: Option<ForeignKeyAction>| match (a, self.target) {
            (Some(ForeignKeyAction::NoAction), Target::Mysql) | (None, _) => default,
            (Some(a), _) => a,
        };
        let mut c = Constraint::new(ConstraintKind::ForeignKey, fk.columns.clone());
        c.references = Some(References {
            table: fk.ref_table.clone(),
            columns: fk.ref_columns.clone(),
            on_delete: action(fk.on_delete),
            on_update: action(fk.on_update),
            // MySQL has no deferrable keys; SQLite's catalog does not say.
            deferrable: if self.target == Target::Postgres {
                fk.deferrable.map(|d| d.initially_deferred)
            } else {
                None
            },
        });
        c
    }

    /// MySQL indexes a foreign key's columns when no index starts with them: an index named
    /// after the constraint.
    pub(crate) fn mysql_foreign_key_indexes(&mut self, table: &str) {
        if self.target != Target::Mysql {
            return;
        }
        let Some(t) = self.schema.tables.get(table) else { return };
        let keys: Vec<(String, Vec<String>)> = t
            .constraints
            .iter()
            .filter(|(_, c)| c.kind == ConstraintKind::ForeignKey)
            .map(|(n, c)| (n.clone(), c.columns.clone()))
            .collect();
        let pk: Vec<String> = t.primary_key().map(|(_, c)| c.columns.clone()).unwrap_or_default();
        for (name, columns) in keys {
            let starts = |index: &[String]| {
                index.len() >= columns.len() && index.iter().zip(&columns).all(|(a, b)| super::normalize::same(a, b))
            };
            let covered =
                starts(&pk) || self.schema.indexes.iter().any(|((tb, _), ix)| tb == table && starts(&ix.columns));
            if !covered {
                let index = Index { columns, valid: true, ..Index::default() };
                self.schema.indexes.insert((table.to_string(), name), index);
            }
        }
    }

    /// Adds a table constraint of a `create_table` or `add_constraint`.
    pub(crate) fn add_constraint(
        &mut self,
        call: &dyn fmt::Display,
        table: &str,
        c: &ops::Constraint,
        not_valid: bool,
    ) -> Result<(), FoldError> {
        let exists = self.schema.tables.get(table).is_some_and(|t| t.constraints.contains_key(&c.name))
            || (self.target == Target::Mysql && self.schema.indexes.contains_key(&(table.to_string(), c.name.clone())));
        if exists && !self.schema.is_unknown(table) {
            return Err(FoldError::new(
                format!("{call}: table {} already has a constraint named {}", q(table), q(&c.name)),
                "pick another name, or drop the old constraint first",
                Some(ObjectKey::Constraint(table.into(), c.name.clone())),
            ));
        }
        let columns: Vec<&str> = match &c.kind {
            OpConstraint::PrimaryKey { columns, .. } | OpConstraint::Unique { columns, .. } => {
                columns.iter().map(String::as_str).collect()
            }
            OpConstraint::ForeignKey(fk) => fk.columns.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        if !self.need_columns(call, table, &columns)? {
            return Ok(());
        }
        let validated = !(not_valid && self.target == Target::Postgres);
        match &c.kind {
            OpConstraint::PrimaryKey { columns, using_index } => {
                if let Some(index) = using_index {
                    self.schema.indexes.remove(&(table.to_string(), index.clone()));
                }
                let name = if self.target == Target::Postgres { c.name.clone() } else { format!("{table}_pkey") };
                self.set_primary_key(table, &name, columns.clone());
            }
            OpConstraint::Unique { columns, using_index, nulls_not_distinct } => {
                if let Some(index) = using_index {
                    self.schema.indexes.remove(&(table.to_string(), index.clone()));
                }
                self.insert_unique(table, &c.name, columns.clone(), *nulls_not_distinct);
            }
            OpConstraint::Check { expr } => {
                let mut constraint = Constraint::check(expr.clone());
                constraint.validated = validated;
                if let Some(t) = self.schema.table_mut(table) {
                    t.constraints.insert(c.name.clone(), constraint);
                }
            }
            OpConstraint::ForeignKey(fk) => {
                let own = self.column_types(table, &fk.columns);
                self.check_reference(call, fk, &own)?;
                let mut constraint = self.foreign_key(fk);
                constraint.validated = validated;
                if let Some(t) = self.schema.table_mut(table) {
                    t.constraints.insert(c.name.clone(), constraint);
                }
            }
            OpConstraint::Exclude { method, elements, predicate } => {
                let elements =
                    elements.iter().map(|e| format!("{} WITH {}", e.expr, e.operator)).collect::<Vec<_>>().join(", ");
                let mut text = format!("USING {} ({elements})", method.as_sql());
                if let Some(p) = predicate {
                    text.push_str(&format!(" WHERE ({p})"));
                }
                let mut constraint = Constraint::new::<String>(ConstraintKind::Exclusion, []);
                constraint.expression = Some(text);
                if let Some(t) = self.schema.table_mut(table) {
                    t.constraints.insert(c.name.clone(), constraint);
                }
            }
        }
        Ok(())
    }

    /// A foreign key's referenced table and columns exist, in the same number as its own, and
    /// of a type the database can compare with its own (`own`: the types of its columns, where
    /// known).
    fn check_reference(
        &mut self,
        call: &dyn fmt::Display,
        fk: &ops::ForeignKey,
        own: &[Option<ColumnType>],
    ) -> Result<(), FoldError> {
        if fk.columns.len() != fk.ref_columns.len() && !fk.ref_columns.is_empty() {
            return Err(FoldError::new(
                format!(
                    "{call}: the foreign key has {} column(s) and references {}",
                    fk.columns.len(),
                    fk.ref_columns.len()
                ),
                "list as many referenced columns as key columns",
                None,
            ));
        }
        let refs: Vec<&str> = fk.ref_columns.iter().map(String::as_str).collect();
        if !self.need_columns(call, &fk.ref_table, &refs)? || self.target == Target::Sqlite {
            // SQLite compares any two values: a mismatched type is not an error there.
            return Ok(());
        }
        let Some(target) = self.schema.tables.get(&fk.ref_table) else { return Ok(()) };
        for (i, column) in fk.columns.iter().enumerate() {
            let (Some(Some(mine)), Some(theirs)) = (own.get(i), refs.get(i).and_then(|r| target.column(r))) else {
                continue;
            };
            if let (Some(a), Some(b)) = (type_family(mine), type_family(&theirs.ty)) {
                if a != b {
                    return Err(FoldError::new(
                        format!(
                            "{call}: column {} is {} but the referenced column {}.{} is {}; the database refuses a foreign key between them",
                            q(column),
                            type_sql(mine),
                            fk.ref_table,
                            refs[i],
                            type_sql(&theirs.ty)
                        ),
                        "give the key column the referenced column's type",
                        Some(ObjectKey::Column(fk.ref_table.clone(), refs[i].to_string())),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The types of `columns` of `table` in the model, where known.
    fn column_types(&self, table: &str, columns: &[String]) -> Vec<Option<ColumnType>> {
        let t = self.schema.tables.get(table);
        columns.iter().map(|c| t.and_then(|t| t.column(c)).map(|c| c.ty.clone())).collect()
    }

    fn drop_table(&mut self, op: &DropTable) -> Result<(), FoldError> {
        let call = call!("drop_table({})", q(&op.name));
        let Some(table) = self.schema.tables.remove(&op.name) else {
            if op.if_exists {
                return Ok(());
            }
            return self
                .missing(
                    &call,
                    format!("there is no table {}", q(&op.name)),
                    CHECK_NAME,
                    ObjectKey::Table(op.name.clone()),
                    &op.name,
                )
                .map(drop);
        };
        self.forget_table(&op.name, &table);
        if op.cascade {
            let refers =
                |t: &Table| t.constraints.values().any(|c| c.references.as_ref().is_some_and(|r| r.table == op.name));
            for t in self.schema.tables.values_mut().filter(|t| refers(t)) {
                Arc::make_mut(t).constraints.retain(|_, c| c.references.as_ref().is_none_or(|r| r.table != op.name));
            }
        }
        Ok(())
    }

    /// Removes what goes with a dropped table: its indexes, triggers, owned sequences, and its
    /// entry among its parent's partitions.
    pub(crate) fn forget_table(&mut self, name: &str, table: &Table) {
        self.schema.indexes.retain(|(t, _), _| t != name);
        self.schema.triggers.retain(|(t, _), _| t != name);
        for column in &table.columns {
            if let Some(sequence) = column.default.as_deref().and_then(owned_sequence) {
                self.schema.sequences.remove(sequence);
            }
        }
        for t in self.schema.tables.values_mut().filter(|t| t.partitions.contains_key(name)) {
            Arc::make_mut(t).partitions.remove(name);
        }
    }

    fn rename_table(&mut self, op: &RenameTable) -> Result<(), FoldError> {
        let call = call!("rename_table({}, {})", q(&op.from), q(&op.to));
        if self.schema.tables.contains_key(&op.to) && !self.schema.is_unknown(&op.to) {
            return Err(FoldError::new(
                format!("{call}: table {} already exists at this revision", q(&op.to)),
                "pick another name",
                Some(ObjectKey::Table(op.to.clone())),
            ));
        }
        let Some(table) = self.schema.tables.remove(&op.from) else {
            return self
                .missing(
                    &call,
                    format!("there is no table {}", q(&op.from)),
                    CHECK_NAME,
                    ObjectKey::Table(op.from.clone()),
                    &op.from,
                )
                .map(drop);
        };
        self.schema.tables.insert(op.to.clone(), table);
        let moved: Vec<_> = self.schema.indexes.keys().filter(|(t, _)| *t == op.from).cloned().collect();
        for key in moved {
            if let Some(ix) = self.schema.indexes.remove(&key) {
                self.schema.indexes.insert((op.to.clone(), key.1), ix);
            }
        }
        let touches = |t: &Table| {
            t.partitions.contains_key(&op.from)
                || t.constraints.values().any(|c| c.references.as_ref().is_some_and(|r| r.table == op.from))
        };
        for t in self.schema.tables.values_mut().filter(|t| touches(t)) {
            let t = Arc::make_mut(t);
            for c in t.constraints.values_mut() {
                if let Some(r) = c.references.as_mut().filter(|r| r.table == op.from) {
                    r.table = op.to.clone();
                }
            }
            if let Some(bound) = t.partitions.remove(&op.from) {
                t.partitions.insert(op.to.clone(), bound);
            }
        }
        if self.schema.unknown.objects.remove(&op.from) {
            self.schema.unknown.objects.insert(op.to.clone());
        }
        Ok(())
    }

    fn add_column(&mut self, op: &AddColumn) -> Result<(), FoldError> {
        let call = call!("add_column({}, {})", q(&op.table), q(&op.column.name));
        let Some(table) = self.schema.tables.get(&op.table) else {
            return self
                .missing(
                    &call,
                    format!("there is no table {}", q(&op.table)),
                    CREATE_TABLE_FIRST,
                    ObjectKey::Table(op.table.clone()),
                    &op.table,
                )
                .map(drop);
        };
        if table.column(&op.column.name).is_some() {
            if op.if_not_exists {
                return Ok(());
            }
            if self.schema.is_unknown(&op.table) {
                self.warn(format!("{call}: raw SQL may have added the column already"));
                return Ok(());
            }
            return Err(FoldError::new(
                format!("{call}: table {} already has a column {}", q(&op.table), q(&op.column.name)),
                "pick another name, or write `.if_not_exists()`",
                Some(ObjectKey::Column(op.table.clone(), op.column.name.clone())),
            ));
        }
        if let Some(fk) = inline_foreign_key(&op.column) {
            let own = [Some(resolve_type(&op.column.ty, self.target))];
            self.check_reference(&call, &fk, &own)?;
        }
        self.insert_column(&op.table, &op.column, op.column.primary_key);
        self.mysql_foreign_key_indexes(&op.table);
        Ok(())
    }

    fn drop_column(&mut self, op: &DropColumn) -> Result<(), FoldError> {
        let call = call!("drop_column({}, {})", q(&op.table), q(&op.name));
        if self.schema.tables.get(&op.table).is_none_or(|t| t.column(&op.name).is_none()) {
            if op.if_exists && self.schema.tables.contains_key(&op.table) {
                return Ok(());
            }
            return self.need_columns(&call, &op.table, &[&op.name]).map(drop);
        }
        let target = self.target;
        if let (Some(def), false) = (&op.definition, self.schema.is_unknown(&op.table)) {
            let current = self.schema.tables.get(&op.table).and_then(|t| t.column(&op.name));
            // Serial and identity columns are stored as what the dialect makes of them; their
            // definitions are not compared.
            if let Some(current) = current.filter(|_| !def.ty.is_serial() && def.identity.is_none()) {
                let ty = resolve_type(&def.ty, target);
                let nullable = def.nullable && !def.primary_key;
                let contradiction = if ty != current.ty {
                    Some(format!(
                        "`.definition(..)` gives the column type {} but it is {}",
                        type_sql(&ty),
                        type_sql(&current.ty)
                    ))
                } else if nullable != current.nullable {
                    let word = |n: bool| if n { "nullable" } else { "NOT NULL" };
                    Some(format!(
                        "`.definition(..)` makes the column {} but it is {}",
                        word(nullable),
                        word(current.nullable)
                    ))
                } else {
                    None
                };
                if let Some(contradiction) = contradiction {
                    return Err(FoldError::new(
                        format!(
                            "{call}: {contradiction} at this revision, so a downgrade would recreate it differently"
                        ),
                        "write the column's state at this revision in `.definition(..)`",
                        Some(ObjectKey::Column(op.table.clone(), op.name.clone())),
                    ));
                }
            }
        }
        let (table, column) = (op.table.as_str(), op.name.as_str());
        let Some(t) = self.schema.table_mut(table) else { return Ok(()) };
        let removed = t.columns.iter().position(|c| c.name == column).map(|i| t.columns.remove(i));
        // The server drops the constraints and indexes that use the column (MySQL shortens a
        // multi-column index instead).
        t.constraints
            .retain(|_, c| !c.columns.iter().any(|k| k == column) && !mentions(c.expression.as_deref(), column));
        let sequence = removed.and_then(|c| c.default).and_then(|d| owned_sequence(&d).map(str::to_string));
        if let Some(sequence) = sequence {
            self.schema.sequences.remove(&sequence);
        }
        let keys: Vec<_> = self.schema.indexes.keys().filter(|(tb, _)| tb == table).cloned().collect();
        for key in keys {
            let Some(ix) = self.schema.indexes.get_mut(&key) else { continue };
            let uses = ix.columns.iter().any(|k| key_column(k) == column) || mentions(ix.predicate.as_deref(), column);
            if !uses {
                continue;
            }
            if target == Target::Mysql {
                ix.columns.retain(|k| key_column(k) != column);
                if !ix.columns.is_empty() {
                    continue;
                }
            }
            self.schema.indexes.remove(&key);
        }
        Ok(())
    }

    fn rename_column(&mut self, op: &RenameColumn) -> Result<(), FoldError> {
        let call = call!("rename_column({}, {}, {})", q(&op.table), q(&op.from), q(&op.to));
        if !self.need_columns(&call, &op.table, &[&op.from])? {
            return Ok(());
        }
        let Some(t) = self.schema.table_mut(&op.table) else { return Ok(()) };
        if t.column(&op.to).is_some() {
            return Err(FoldError::new(
                format!("{call}: table {} already has a column {}", q(&op.table), q(&op.to)),
                "pick another name",
                Some(ObjectKey::Column(op.table.clone(), op.to.clone())),
            ));
        }
        if let Some(c) = t.column_mut(&op.from) {
            c.name = op.to.clone();
        }
        for c in t.constraints.values_mut() {
            rename_in(&mut c.columns, &op.from, &op.to);
        }
        for ((tb, _), ix) in self.schema.indexes.iter_mut() {
            if *tb == op.table {
                for k in &mut ix.columns {
                    if key_column(k) == op.from {
                        *k = format!("{}{}", op.to, &k[op.from.len()..]);
                    }
                }
                rename_in(&mut ix.include, &op.from, &op.to);
            }
        }
        let refers =
            |t: &Table| t.constraints.values().any(|c| c.references.as_ref().is_some_and(|r| r.table == op.table));
        for t in self.schema.tables.values_mut().filter(|t| refers(t)) {
            for c in Arc::make_mut(t).constraints.values_mut() {
                if let Some(r) = c.references.as_mut().filter(|r| r.table == op.table) {
                    rename_in(&mut r.columns, &op.from, &op.to);
                }
            }
        }
        Ok(())
    }

    fn alter_column(&mut self, op: &AlterColumn) -> Result<(), FoldError> {
        let call = call!("alter_column({}, {})", q(&op.table), q(&op.column));
        if !self.need_columns(&call, &op.table, &[&op.column])? {
            return Ok(());
        }
        let target = self.target;
        let unknown = self.schema.is_unknown(&op.table);
        let Some(column) = self.schema.table_mut(&op.table).and_then(|t| t.column_mut(&op.column)) else {
            return Ok(());
        };
        let mut contradictions = Vec::new();
        if let Some(t) = &op.ty {
            if let Some(from) = &t.change.from {
                let from = resolve_type(from, target);
                if from != column.ty {
                    contradictions.push(format!("`.from_type({from:?})` but the column is {:?}", column.ty));
                }
            }
        }
        if let Some(d) = &op.default {
            if let Some(from) = &d.from {
                let from = from.as_ref().map(|d| default_sql(d, target));
                if !super::normalize::same_opt(from.as_deref(), column.default.as_deref()) {
                    let has = column.default.as_deref().unwrap_or("no default");
                    contradictions.push(format!("the old default is written as {from:?} but the column has {has}"));
                }
            }
        }
        if let Some(c) = &op.comment {
            if let Some(from) = &c.from {
                if *from != column.comment {
                    contradictions.push(format!(
                        "the old comment is written as {from:?} but the column has {:?}",
                        column.comment
                    ));
                }
            }
        }
        if let Some(first) = contradictions.first() {
            if !unknown {
                return Err(FoldError::new(
                    format!("{call}: {first}"),
                    "write the column's state at this revision, or leave the old state out",
                    Some(ObjectKey::Column(op.table.clone(), op.column.clone())),
                ));
            }
        }
        if op.alter_identity.is_some() && column.identity.is_none() && op.identity.is_none() && !unknown {
            return Err(FoldError::new(
                format!("{call}: the column has no identity to change"),
                "add one with `.add_identity()` (its options follow it), or check the column",
                Some(ObjectKey::Column(op.table.clone(), op.column.clone())),
            ));
        }
        if let Some(t) = &op.ty {
            let to = resolve_type(&t.change.to, target);
            if let Some(sequence) = column.identity_sequence.as_mut() {
                // PostgreSQL moves the identity's sequence to the new type, and a bound that was
                // the old type's own with it.
                objects::retype_sequence(sequence, &column.ty, &to);
            }
            column.ty = to;
            if t.change.to.is_serial() && target == Target::Mysql {
                column.identity = Some(Identity::AutoIncrement);
            }
        }
        if let Some(n) = &op.nullable {
            column.nullable = n.to;
        }
        if let Some(d) = &op.default {
            column.default = d.to.as_ref().map(|d| default_sql(d, target));
        }
        if let Some(c) = op.comment.as_ref().filter(|_| target != Target::Sqlite) {
            column.comment = c.to.clone();
        }
        if let Some(c) = &op.collation {
            column.collation = c.to.clone();
        }
        if let Some(i) = &op.identity {
            column.identity = i.to.map(|i| match target {
                Target::Postgres if i.always => Identity::Always,
                Target::Postgres => Identity::ByDefault,
                _ => Identity::AutoIncrement,
            });
            column.identity_sequence = match (target, i.to) {
                (Target::Postgres, Some(to)) => Some(objects::identity_sequence(&column.ty, &to.options)),
                _ => None,
            };
            if column.identity.is_some() {
                column.nullable = false;
            }
        }
        if let (Some(alter), Target::Postgres) = (&op.alter_identity, target) {
            if let Some(always) = alter.always.filter(|_| column.identity.is_some()) {
                column.identity = Some(if always { Identity::Always } else { Identity::ByDefault });
            }
            if let Some(sequence) = column.identity_sequence.as_mut() {
                objects::alter_sequence(sequence, &alter.options);
            }
        }
        Ok(())
    }
}

pub(crate) const CHECK_NAME: &str = "check the name: it may be misspelt, renamed or dropped in an earlier revision";
pub(crate) const CREATE_TABLE_FIRST: &str = "create the table in an earlier revision, or check the name";

/// The sequence a `nextval('name'::regclass)` default reads.
pub(crate) fn owned_sequence(default: &str) -> Option<&str> {
    let rest = default.strip_prefix("nextval('")?;
    let end = rest.find('\'')?;
    Some(&rest[..end])
}

/// The column an index key names (`email DESC` → `email`); the key itself for an expression.
pub(crate) fn key_column(key: &str) -> &str {
    if key.starts_with('(') || key.contains('(') {
        return key;
    }
    key.split_whitespace().next().unwrap_or(key)
}

fn rename_in(list: &mut [String], from: &str, to: &str) {
    for item in list.iter_mut().filter(|i| *i == from) {
        *item = to.to_string();
    }
}

/// Whether an expression names `column` as a word.
pub(crate) fn mentions(expr: Option<&str>, column: &str) -> bool {
    let Some(expr) = expr else { return false };
    expr.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w.eq_ignore_ascii_case(column))
}

/// The type as `target` stores it.
pub(crate) fn resolve_type(ty: &ColumnType, target: Target) -> ColumnType {
    use ColumnType as T;
    let serial_base = |ty: &ColumnType| match ty {
        T::SmallSerial => T::SmallInt,
        T::Serial => T::Integer,
        T::BigSerial => T::BigInt,
        other => other.clone(),
    };
    match target {
        Target::Postgres => match ty {
            T::Array(inner) => T::Array(Box::new(resolve_type(inner, target))),
            T::Custom(sql) => type_from_spelling(sql, "postgres"),
            other => serial_base(other),
        },
        Target::Sqlite => match ty {
            T::SmallSerial | T::Serial | T::BigSerial => T::Integer,
            T::Uuid | T::Json | T::Jsonb | T::Enum(_) => T::Text,
            T::Custom(sql) => type_from_spelling(sql, "sqlite"),
            other => other.clone(),
        },
        Target::Mysql => match ty {
            T::Numeric(None) => T::Numeric(Some((65, 30))),
            T::Uuid => T::Char(36),
            T::Jsonb => T::Json,
            T::Custom(sql) => type_from_spelling(sql, "mysql"),
            other => serial_base(other),
        },
    }
}

/// A default as SQL text for `target`.
pub(crate) fn default_sql(default: &ServerDefault, target: Target) -> String {
    match default {
        ServerDefault::Value(v) => value_sql(v, target),
        ServerDefault::Now => "now()".into(),
        ServerDefault::Expr { sql, .. } => sql.clone(),
    }
}

/// A literal as SQL text for `target`.
pub(crate) fn value_sql(value: &Value, target: Target) -> String {
    match value {
        Value::Null => "NULL".into(),
        Value::Bool(b) => match (target, b) {
            (Target::Postgres, true) => "true".into(),
            (Target::Postgres, false) => "false".into(),
            (_, true) => "1".into(),
            (_, false) => "0".into(),
        },
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => format!("'{}'", s.replace('\'', "''")),
    }
}

/// Unknown objects are merged at a union: what either parent's raw SQL touched.
pub(crate) fn merge_unknown(into: &mut Unknown, from: &Unknown) {
    into.everything |= from.everything;
    for name in &from.objects {
        if !into.objects.contains(name) {
            into.objects.insert(name.clone());
        }
    }
    into.seen.union_with(&from.seen);
}
