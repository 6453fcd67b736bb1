//! `CREATE TABLE`, `DROP TABLE`, `RENAME` through sea-query's table statements.

use sea_query::{Check, Expr, Index, Table};

use super::column::column_def;
use super::constraint::{check_support, element, sea_foreign_key};
use crate::backend::quote::{build, iden, sea_name};
use crate::backend::renderer::{Renderer, Stmts};
use crate::backend::{Dialect, RenderContext, RenderError};
use crate::ops::{ColumnType, ConstraintKind, CreateTable, DropTable, PartitionStrategy, RenameTable};

const OP: &str = "create_table";

/// The table's primary key: `(table-level columns, the single inline key column)`.
pub(crate) fn primary_key(op: &CreateTable) -> Result<(Vec<String>, Option<&str>), RenderError> {
    let flagged: Vec<&str> = op.columns.iter().filter(|c| c.primary_key).map(|c| c.name.as_str()).collect();
    if !op.primary_key.is_empty() {
        if let Some(stray) = flagged.iter().find(|c| !op.primary_key.iter().any(|k| k == *c)) {
            return Err(RenderError::invalid(
                OP,
                format!(
                    "column `{stray}` is marked `.primary_key()` but the table's key is {:?}; keep one of the two",
                    op.primary_key
                ),
            ));
        }
        return Ok((op.primary_key.clone(), None));
    }
    Ok(match flagged.as_slice() {
        [] => (Vec::new(), None),
        [one] => (Vec::new(), Some(*one)),
        many => (many.iter().map(|s| s.to_string()).collect(), None),
    })
}

/// `CREATE TABLE` with sea-query; constraints it cannot hold are placed by the dialect.
pub(crate) fn create_table<R: Renderer>(r: &R, op: &CreateTable, ctx: &RenderContext) -> Stmts {
    let _ = ctx;
    let d = R::DIALECT;
    if op.columns.is_empty() {
        return Err(RenderError::invalid(OP, format!("table `{}` has no columns; give it at least one", op.name)));
    }
    if op.partition_by.is_some() && !d.capabilities().partitions {
        return Err(r.unsupported(
            OP,
            "PARTITION BY is supported on PostgreSQL only; create the table without `.partition_by(..)` here",
        ));
    }
    let (table_pk, inline_pk) = primary_key(op)?;
    let mut stmt = Table::create();
    stmt.table(iden(&op.name));
    if op.if_not_exists {
        stmt.if_not_exists();
    }
    let mut after = Vec::new();
    let constraint_pk: Vec<&str> = op
        .constraints
        .iter()
        .find_map(|c| match &c.kind {
            ConstraintKind::PrimaryKey { columns, .. } => Some(columns.iter().map(String::as_str).collect()),
            _ => None,
        })
        .unwrap_or_default();
    let in_key =
        |name: &str| inline_pk == Some(name) || table_pk.iter().any(|k| k == name) || constraint_pk.contains(&name);
    for col in &op.columns {
        let sqlite_key = d == Dialect::Sqlite && in_key(&col.name);
        let adjusted;
        let col = if sqlite_key {
            let mut c = col.clone();
            // SQLite lets a key column hold NULL (a bug it keeps for compatibility); the other
            // dialects do not.
            c.nullable = false;
            // A serial column under a named single-column key: INTEGER makes it the rowid,
            // which numbers rows as a serial does (AUTOINCREMENT exists only inline).
            if c.ty.is_serial() && c.identity.is_none() && constraint_pk == [col.name.as_str()] {
                c.ty = ColumnType::Integer;
            }
            adjusted = c;
            &adjusted
        } else {
            col
        };
        let parts = column_def(r, OP, &op.name, col, inline_pk == Some(col.name.as_str()))?;
        stmt.col(parts.def);
        if let Some(reference) = &parts.foreign_key {
            let name = r.inline_reference_name(&op.name, &col.name);
            stmt.foreign_key(&mut sea_foreign_key(d, &op.name, name.as_deref(), &reference.foreign_key(&col.name)));
        }
        after.extend(parts.after);
    }
    if !table_pk.is_empty() {
        let mut pk = Index::create();
        for c in &table_pk {
            pk.col(iden(c));
        }
        stmt.primary_key(&mut pk);
    }
    let mut extra_clauses = Vec::new();
    for c in &op.constraints {
        check_support(d, OP, c)?;
        if matches!(
            &c.kind,
            ConstraintKind::PrimaryKey { using_index: Some(_), .. }
                | ConstraintKind::Unique { using_index: Some(_), .. }
        ) {
            return Err(RenderError::invalid(
                OP,
                format!("constraint `{}` uses an existing index, which a new table cannot have; use `add_constraint` after `create_index`", c.name),
            ));
        }
        if let Some(clause) = r.create_table_extra_constraint(op, c)? {
            extra_clauses.push(clause);
            continue;
        }
        match &c.kind {
            ConstraintKind::PrimaryKey { columns, .. } => {
                let mut pk = Index::create();
                // MySQL's primary key is always named PRIMARY and rejects another name.
                if d != Dialect::Mysql {
                    pk.name(sea_name(d, &c.name));
                }
                for col in columns {
                    pk.col(iden(col));
                }
                stmt.primary_key(&mut pk);
            }
            ConstraintKind::Unique { columns, nulls_not_distinct, .. } => {
                let mut uq = Index::create();
                uq.name(sea_name(d, &c.name)).unique();
                if *nulls_not_distinct {
                    uq.nulls_not_distinct();
                }
                for col in columns {
                    uq.col(iden(col));
                }
                stmt.index(&mut uq);
            }
            ConstraintKind::Check { expr } => {
                stmt.check(Check::named(iden(&c.name), Expr::cust(expr.clone())));
            }
            ConstraintKind::ForeignKey(fk) => {
                stmt.foreign_key(&mut sea_foreign_key(d, &op.name, Some(&c.name), fk));
            }
            // Exclude constraints always go through `create_table_extra_constraint`.
            ConstraintKind::Exclude { .. } => {}
        }
    }
    if let Some(by) = &op.partition_by {
        if by.columns.is_empty() {
            return Err(RenderError::invalid(OP, "`.partition_by(..)` names no key columns; list them"));
        }
        if by.columns.iter().any(|c| c.trim_start().starts_with('(')) {
            // sea-query takes key columns only; an expression key is written as extension text.
            let keys = by.columns.iter().map(|c| element(d, c)).collect::<Vec<_>>().join(", ");
            stmt.extra(format!("PARTITION BY {} ({keys})", strategy_sql(by.strategy)));
        } else {
            let cols = by.columns.iter().map(|c| iden(c));
            match by.strategy {
                PartitionStrategy::Range => stmt.partition_by_range(cols),
                PartitionStrategy::List => stmt.partition_by_list(cols),
                PartitionStrategy::Hash => stmt.partition_by_hash(cols),
            };
        }
    }
    if let Some(comment) = &op.comment {
        let mut comment_stmts = r.table_comment(&op.name, comment, &mut stmt);
        comment_stmts.extend(after);
        after = comment_stmts;
    }
    let mut out = r.place_extra_constraints(&op.name, build(d, &stmt), extra_clauses)?;
    out.extend(after);
    Ok(out)
}

/// The SQL keyword of a partitioning strategy.
pub(crate) fn strategy_sql(s: PartitionStrategy) -> &'static str {
    match s {
        PartitionStrategy::Range => "RANGE",
        PartitionStrategy::List => "LIST",
        PartitionStrategy::Hash => "HASH",
    }
}

/// `DROP TABLE [IF EXISTS] t [CASCADE]`.
pub(crate) fn drop_table(d: Dialect, op: &DropTable) -> Stmts {
    if op.cascade && d != Dialect::Postgres {
        return Err(RenderError::unsupported(
            "drop_table",
            d,
            "CASCADE is ignored here, so dependent objects would not be dropped; drop them first and remove `.cascade()`",
        ));
    }
    let mut stmt = Table::drop();
    stmt.table(iden(&op.name));
    if op.if_exists {
        stmt.if_exists();
    }
    if op.cascade {
        stmt.cascade();
    }
    Ok(vec![build(d, &stmt)])
}

/// `ALTER TABLE a RENAME TO b` (`RENAME TABLE a TO b` on MySQL).
pub(crate) fn rename_table(d: Dialect, op: &RenameTable) -> Stmts {
    let mut stmt = Table::rename();
    stmt.table(iden(&op.from), iden(&op.to));
    Ok(vec![build(d, &stmt)])
}
