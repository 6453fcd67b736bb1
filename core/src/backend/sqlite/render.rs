//! SQLite: its types, `INTEGER PRIMARY KEY AUTOINCREMENT`, and the table rebuild for every
//! alter it lacks (column type/nullability/default, constraints, columns it cannot add).

use sea_query::{ColumnDef, Table};

use super::ext::TableRebuildStatement;
use super::{ClauseKind, ColumnClause, TableConstraint, TableDef};
use crate::backend::common::{self, column::default_sql, constraint};
use crate::backend::quote::{build, iden};
use crate::backend::renderer::{Renderer, Stmts};
use crate::backend::{quote_ident, Dialect, RenderContext, RenderError};
use crate::ops::*;

/// The SQLite renderer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sqlite;

const LITE: Dialect = Dialect::Sqlite;

const AUTOINCREMENT_ONLY_ON_KEY: &str =
    "SQLite auto-increments only an INTEGER PRIMARY KEY column; make it the table's single-column `.primary_key()`";

/// Whether SQLite's `ADD COLUMN` cannot add this column in place (it refuses PRIMARY KEY,
/// UNIQUE, stored generated columns (VIRTUAL ones it adds), non-constant defaults, and NOT NULL
/// without a default).
pub(crate) fn add_column_needs_rebuild(col: &Column) -> bool {
    let constant_default = matches!(&col.default, Some(ServerDefault::Value(v)) if *v != Value::Null);
    col.primary_key
        || col.unique
        || (col.generated.is_some() && !col.generated_virtual)
        || matches!(col.default, Some(ServerDefault::Now | ServerDefault::Expr { .. }))
        || (!col.nullable && !constant_default)
}

/// The table an op rebuilds on SQLite.
pub(crate) fn rebuilt_table(op: &Op) -> Option<&str> {
    match op {
        // Only the ops that will render: an unsupported one is refused without a connection.
        Op::AlterColumn(o) if o.comment.is_none() && o.identity.is_none() => Some(&o.table),
        Op::AddConstraint(o)
            if constraint::check_support(LITE, "add_constraint", &o.constraint).is_ok() && !o.not_valid =>
        {
            Some(&o.table)
        }
        Op::DropConstraint(o) if o.constraint_type != ConstraintType::Exclude => Some(&o.table),
        // SQLite has no `IF [NOT] EXISTS` on columns: the definition says whether to do anything.
        Op::AddColumn(o) if o.if_not_exists || add_column_needs_rebuild(&o.column) => Some(&o.table),
        // A column with a key, unique or reference clause cannot be dropped in place; the
        // definition tells whether this one has one (offline, a plain DROP COLUMN is written).
        Op::DropColumn(o) => Some(&o.table),
        _ => None,
    }
}

impl Sqlite {
    /// Rebuilds `table` with `change` applied to its definition. `change` returns the copy
    /// expressions that differ from the plain column (a CAST or a USING expression).
    fn rebuild(
        &self,
        op: OpKind,
        ctx: &RenderContext,
        table: &str,
        change: impl FnOnce(&mut TableDef) -> Result<Vec<(String, String)>, RenderError>,
    ) -> Stmts {
        let old = ctx.table(op, table)?;
        if old.foreign_keys_enforced && !old.referenced_by.is_empty() {
            return Err(RenderError::invalid(
                op,
                format!(
                    "rebuilding `{table}` drops it, which with PRAGMA foreign_keys = ON deletes through the foreign keys of {:?}; \
                     run the migration with foreign keys off (set `PRAGMA foreign_keys = OFF` before its transaction)",
                    old.referenced_by
                ),
            ));
        }
        let mut new = old.clone();
        let overrides = change(&mut new)?;
        let q = |n: &str| quote_ident(LITE, n);
        let copy = new
            .columns
            .iter()
            .filter(|c| !c.is_generated())
            .filter_map(|c| {
                if let Some((_, expr)) = overrides.iter().find(|(name, _)| *name == c.name) {
                    return Some((c.name.clone(), expr.clone()));
                }
                old.columns.iter().find(|o| o.name == c.name && !o.is_generated()).map(|o| (c.name.clone(), q(&o.name)))
            })
            .collect();
        Ok(TableRebuildStatement { old, new: &new, copy }.to_statements())
    }
}

fn find_column<'d>(op: OpKind, def: &'d mut TableDef, column: &str) -> Result<&'d mut super::TableColumn, RenderError> {
    let table = def.name.clone();
    let pos = def
        .columns
        .iter()
        .position(|c| c.name == column)
        .or_else(|| def.columns.iter().position(|c| c.name.eq_ignore_ascii_case(column)))
        .ok_or_else(|| RenderError::invalid(op, format!("table `{table}` has no column `{column}`; check the name")))?;
    Ok(&mut def.columns[pos])
}

impl Renderer for Sqlite {
    const DIALECT: Dialect = LITE;

    fn column_type(&self, op: OpKind, ty: &ColumnType) -> Result<String, RenderError> {
        Ok(match ty {
            ColumnType::SmallInt => "smallint".into(),
            ColumnType::Integer | ColumnType::SmallSerial | ColumnType::Serial | ColumnType::BigSerial => {
                "integer".into()
            }
            ColumnType::BigInt => "bigint".into(),
            ColumnType::Numeric(Some((p, s))) => format!("numeric({p}, {s})"),
            ColumnType::Numeric(None) => "numeric".into(),
            ColumnType::Real => "real".into(),
            ColumnType::Double => "double".into(),
            ColumnType::Boolean => "boolean".into(),
            ColumnType::Text => "text".into(),
            ColumnType::Varchar(Some(n)) => format!("varchar({n})"),
            ColumnType::Varchar(None) => "varchar".into(),
            ColumnType::Char(n) => format!("char({n})"),
            ColumnType::Bytes => "blob".into(),
            // A declared `json` or `uuid` would get NUMERIC affinity and turn digit-only text
            // into numbers; TEXT keeps the value as written.
            ColumnType::Uuid | ColumnType::Json | ColumnType::Jsonb => "text".into(),
            ColumnType::Date => "date".into(),
            ColumnType::Time => "time".into(),
            ColumnType::Timestamp => "timestamp".into(),
            ColumnType::TimestampTz => "timestamptz".into(),
            ColumnType::Interval => {
                return Err(self.unsupported(op, "SQLite has no interval type; store a number of seconds (`BigInt`)"));
            }
            ColumnType::Array(_) => {
                return Err(self.unsupported(op, "SQLite has no array types; use `Json` or a child table"));
            }
            ColumnType::Enum(_) => "text".into(),
            ColumnType::Custom(sql) => sql.clone(),
        })
    }

    fn definition_type(&self, op: OpKind, col: &Column, inline_pk: bool) -> Result<String, RenderError> {
        // Only a column declared exactly INTEGER PRIMARY KEY is the rowid and can autoincrement.
        if inline_pk && (col.identity.is_some() || col.ty.is_serial()) {
            return Ok("integer".into());
        }
        self.column_type(op, &col.ty)
    }

    fn identity(
        &self,
        op: OpKind,
        col: &Column,
        inline_pk: bool,
        def: &mut ColumnDef,
        extra: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let _ = extra;
        crate::backend::renderer::identity_options_unsupported(op, Dialect::Sqlite, col.identity.as_ref())?;
        if col.identity.is_some() || col.ty.is_serial() {
            if !inline_pk {
                return Err(self.unsupported(op, AUTOINCREMENT_ONLY_ON_KEY));
            }
            def.auto_increment();
        }
        Ok(())
    }

    fn inline_reference_name(&self, table: &str, column: &str) -> Option<String> {
        Some(crate::ops::ColumnReference::constraint_name(table, column))
    }

    fn create_table_extra_constraint(&self, op: &CreateTable, c: &Constraint) -> Result<Option<String>, RenderError> {
        let _ = op;
        // sea-query's SQLite backend writes table foreign keys without their names, which a
        // later drop_constraint (a rebuild that finds the clause by name) needs.
        if constraint::needs_extension(LITE, c) || matches!(c.kind, ConstraintKind::ForeignKey(_)) {
            return constraint::clause(LITE, "create_table", c).map(Some);
        }
        Ok(None)
    }

    fn place_extra_constraints(&self, table: &str, create_sql: String, clauses: Vec<String>) -> Stmts {
        if clauses.is_empty() {
            return Ok(vec![create_sql]);
        }
        // SQLite cannot add constraints later, so they are spliced into the statement.
        let mut def = TableDef::parse(&create_sql)?;
        def.constraints.extend(clauses.into_iter().map(|sql| TableConstraint { name: None, sql }));
        let mut sql = def.to_create_sql(table);
        if create_sql.starts_with("CREATE TABLE IF NOT EXISTS ") {
            sql = sql.replacen("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1);
        }
        Ok(vec![sql])
    }

    fn add_column(&self, op: &AddColumn, ctx: &RenderContext) -> Stmts {
        const OP: &str = "add_column";
        if op.if_not_exists {
            // Emulated: nothing to do when the column is there, the plain add otherwise.
            if ctx.table(OP, &op.table)?.column(&op.column.name).is_some() {
                return Ok(Vec::new());
            }
            let plain = AddColumn { if_not_exists: false, ..op.clone() };
            return self.add_column(&plain, ctx);
        }
        if !add_column_needs_rebuild(&op.column) {
            return common::column::add_column(self, op, ctx);
        }
        // Render the column as a one-column table and take its definition back.
        let parts = common::column::column_def(self, OP, &op.table, &op.column, op.column.primary_key)?;
        let mut probe = Table::create();
        probe.table(iden(&op.table)).col(parts.def);
        let probe = TableDef::parse(&build(LITE, &probe))?;
        let column = probe
            .columns
            .into_iter()
            .next()
            .ok_or_else(|| RenderError::invalid(OP, "the column rendered to nothing"))?;
        self.rebuild(OP, ctx, &op.table, |def| {
            if def.column(&column.name).is_some() {
                return Err(RenderError::invalid(
                    OP,
                    format!("table `{}` already has a column `{}`", def.name, column.name),
                ));
            }
            def.columns.push(column);
            Ok(Vec::new())
        })
    }

    fn drop_column(&self, op: &DropColumn, ctx: &RenderContext) -> Stmts {
        const OP: &str = "drop_column";
        if op.if_exists {
            // Emulated: nothing to do when the column is gone, the plain drop otherwise.
            if ctx.table(OP, &op.table)?.column(&op.name).is_none() {
                return Ok(Vec::new());
            }
            let plain = DropColumn { if_exists: false, ..op.clone() };
            return self.drop_column(&plain, ctx);
        }
        let Some(def) = ctx.tables.get(&op.table) else {
            return common::column::drop_column(LITE, op);
        };
        let Some(col) = def.column(&op.name) else {
            return Err(RenderError::invalid(
                OP,
                format!("table `{}` has no column `{}`; check the name", op.table, op.name),
            ));
        };
        // SQLite refuses to drop a column that a table constraint or an index names; say so
        // with the names rather than let the statement fail.
        let name = col.name.clone();
        let blockers: Vec<String> = def
            .constraints
            .iter()
            .filter(|k| super::mentions(&k.sql, &name))
            .map(|k| k.name.clone().unwrap_or_else(|| k.sql.clone()))
            .chain(def.indexes.iter().filter(|i| super::mentions(i, &name)).cloned())
            .collect();
        if !blockers.is_empty() {
            return Err(RenderError::invalid(
                OP,
                format!("column `{name}` of `{}` is used by {blockers:?}; drop those first", op.table),
            ));
        }
        // It also refuses a column with its own key, unique or reference clause, which the
        // rebuild drops together with the column.
        let keyed = col
            .clauses
            .iter()
            .any(|c| matches!(c.kind, ClauseKind::PrimaryKey | ClauseKind::Unique | ClauseKind::References));
        if !keyed {
            return common::column::drop_column(LITE, op);
        }
        self.rebuild(OP, ctx, &op.table, |def| {
            def.columns.retain(|c| c.name != name);
            Ok(Vec::new())
        })
    }

    fn alter_column(&self, op: &AlterColumn, ctx: &RenderContext) -> Stmts {
        const OP: &str = "alter_column";
        if op.comment.is_some() {
            return Err(self.unsupported(
                OP,
                "SQLite stores no comments; drop `.set_comment(..)` or wrap the op in `.only([..])`",
            ));
        }
        if op.identity.is_some() || op.alter_identity.is_some() {
            return Err(self.unsupported(OP, AUTOINCREMENT_ONLY_ON_KEY));
        }
        if op.ty.is_none() && op.nullable.is_none() && op.default.is_none() && op.collation.is_none() {
            return Err(RenderError::invalid(
                OP,
                format!("`alter_column(\"{}\", \"{}\")` changes nothing; add a change", op.table, op.column),
            ));
        }
        let new_type = op.ty.as_ref().map(|t| self.column_type(OP, &t.change.to)).transpose()?;
        let new_default = match &op.default {
            Some(Change { to: Some(d), .. }) => Some(Some(default_sql(LITE, OP, d)?)),
            Some(Change { to: None, .. }) => Some(None),
            None => None,
        };
        self.rebuild(OP, ctx, &op.table, |def| {
            let col = find_column(OP, def, &op.column)?;
            let name = col.name.clone();
            let mut overrides = Vec::new();
            if let (Some(t), Some(new_type)) = (&op.ty, &new_type) {
                col.ty = new_type.clone();
                let q = quote_ident(LITE, &name);
                let expr = match &t.using {
                    Some(using) => format!("({using})"),
                    None => format!("CAST({q} AS {new_type})"),
                };
                overrides.push((name.clone(), expr));
            }
            let mut front = Vec::new();
            if let Some(n) = &op.nullable {
                col.clauses.retain(|c| !matches!(c.kind, ClauseKind::NotNull | ClauseKind::Null));
                if !n.to {
                    front.push(ColumnClause { kind: ClauseKind::NotNull, name: None, sql: "NOT NULL".into() });
                }
            }
            if let Some(d) = &new_default {
                col.clauses.retain(|c| c.kind != ClauseKind::Default);
                if let Some(sql) = d {
                    front.push(ColumnClause { kind: ClauseKind::Default, name: None, sql: format!("DEFAULT {sql}") });
                }
            }
            if let Some(c) = &op.collation {
                col.clauses.retain(|c| c.kind != ClauseKind::Collate);
                if let Some(name) = &c.to {
                    front.push(ColumnClause { kind: ClauseKind::Collate, name: None, sql: format!("COLLATE {name}") });
                }
            }
            col.clauses.splice(0..0, front);
            Ok(overrides)
        })
    }

    fn create_index(&self, op: &CreateIndex, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        common::index::check_index_support(LITE, op, false)?;
        Ok(vec![common::index::create_index(LITE, op)])
    }

    fn drop_index(&self, op: &DropIndex, ctx: &RenderContext) -> Stmts {
        let _ = ctx;
        Ok(vec![common::index::drop_index(LITE, op, false)?])
    }

    fn add_constraint(&self, op: &AddConstraint, ctx: &RenderContext) -> Stmts {
        const OP: &str = "add_constraint";
        let c = &op.constraint;
        constraint::check_support(LITE, OP, c)?;
        if op.not_valid {
            return Err(self.unsupported(
                OP,
                "SQLite checks a constraint when the table is rebuilt; drop `.not_valid()` (and the `validate_constraint`) here",
            ));
        }
        let clause = constraint::clause(LITE, OP, c)?;
        self.rebuild(OP, ctx, &op.table, |def| {
            if def.constraints.iter().any(|k| k.name.as_deref() == Some(c.name.as_str())) {
                return Err(RenderError::invalid(
                    OP,
                    format!("table `{}` already has a constraint `{}`", def.name, c.name),
                ));
            }
            def.constraints.push(TableConstraint { name: Some(c.name.clone()), sql: clause });
            Ok(Vec::new())
        })
    }

    fn drop_constraint(&self, op: &DropConstraint, ctx: &RenderContext) -> Stmts {
        const OP: &str = "drop_constraint";
        if op.constraint_type == ConstraintType::Exclude {
            return Err(self
                .unsupported(OP, "EXCLUDE constraints exist on PostgreSQL only; wrap the op in `.only([postgres])`"));
        }
        let def = ctx.table(OP, &op.table)?;
        let named = |n: &Option<String>, exact: bool| {
            n.as_deref().is_some_and(|n| if exact { n == op.name } else { n.eq_ignore_ascii_case(&op.name) })
        };
        let found = [true, false].into_iter().find(|exact| {
            def.constraints.iter().any(|k| named(&k.name, *exact))
                || def.columns.iter().any(|c| c.clauses.iter().any(|k| named(&k.name, *exact)))
        });
        let Some(exact) = found else {
            if op.if_exists {
                return Ok(Vec::new());
            }
            return Err(RenderError::invalid(
                OP,
                format!("table `{}` has no constraint named `{}`; check the name", op.table, op.name),
            ));
        };
        self.rebuild(OP, ctx, &op.table, |def| {
            def.constraints.retain(|k| !named(&k.name, exact));
            for col in &mut def.columns {
                col.clauses.retain(|k| !named(&k.name, exact));
            }
            Ok(Vec::new())
        })
    }
}
