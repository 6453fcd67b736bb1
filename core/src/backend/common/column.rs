//! Column definitions (sea-query's `ColumnDef`) and the column ops every dialect shares.

use sea_query::{ColumnDef, Expr, Table, TableForeignKey};

use super::constraint::{references_clause, sea_action};
use crate::backend::quote::{build, iden, literal, sea_name, to_sea_value};
use crate::backend::renderer::{Renderer, Stmts};
use crate::backend::{Dialect, RenderContext, RenderError};
use crate::ops::{AddColumn, Column, ColumnReference, DropColumn, OpKind, RenameColumn, ServerDefault};

/// A column as sea-query holds it, plus what must be written elsewhere.
pub(crate) struct ColumnParts {
    /// The definition.
    pub def: ColumnDef,
    /// An inline reference the dialect wants as a table-level foreign key (MySQL).
    pub foreign_key: Option<ColumnReference>,
    /// Statements to run after the table statement (PostgreSQL's `COMMENT ON COLUMN`).
    pub after: Vec<String>,
}

/// A server default as a sea-query expression. Literal values are escaped; `now()` is the
/// `CURRENT_TIMESTAMP` keyword (with MySQL's microsecond precision, matching `datetime(6)`);
/// SQL expressions are written as given, parenthesized by sea-query.
pub(crate) fn default_expr(d: Dialect, op: OpKind, default: &ServerDefault) -> Result<Expr, RenderError> {
    Ok(match default {
        ServerDefault::Value(v) => {
            literal(d, op, v)?;
            Expr::val(to_sea_value(v))
        }
        ServerDefault::Now if d == Dialect::Mysql => Expr::custom_keyword("CURRENT_TIMESTAMP(6)"),
        ServerDefault::Now => Expr::current_timestamp(),
        ServerDefault::Expr { sql, .. } => Expr::cust(sql.clone()),
    })
}

/// The default as SQL text, the way a column definition writes it.
pub(crate) fn default_sql(d: Dialect, op: OpKind, default: &ServerDefault) -> Result<String, RenderError> {
    Ok(match default {
        ServerDefault::Value(v) => literal(d, op, v)?,
        ServerDefault::Now if d == Dialect::Mysql => "CURRENT_TIMESTAMP(6)".into(),
        ServerDefault::Now => "CURRENT_TIMESTAMP".into(),
        ServerDefault::Expr { sql, .. } => format!("({sql})"),
    })
}

/// Builds a column definition; `inline_pk` when the column is the table's single-column key.
pub(crate) fn column_def<R: Renderer>(
    r: &R,
    op: OpKind,
    table: &str,
    col: &Column,
    inline_pk: bool,
) -> Result<ColumnParts, RenderError> {
    let mut ty = r.definition_type(op, col, inline_pk)?;
    if col.generated_virtual && R::DIALECT == Dialect::Postgres {
        return Err(r.unsupported(
            op,
            "PostgreSQL stores generated columns (VIRTUAL came only in PostgreSQL 18); write `.generated(..)`",
        ));
    }
    if let Some(charset) = &col.charset {
        if R::DIALECT != Dialect::Mysql {
            return Err(r.unsupported(
                op,
                "a character set per column is MySQL's; PostgreSQL and SQLite columns take the database's encoding: drop `.charset(..)` or limit the op with `.only([mysql])`",
            ));
        }
        if charset.is_empty() || !charset.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(RenderError::invalid(op, format!("`{charset}` is not a character set name")));
        }
        ty = format!("{ty} CHARACTER SET {charset}");
    }
    if let Some(collation) = &col.collation {
        // Right after the type, where every dialect reads it; PostgreSQL names a collation
        // like an identifier ("C", "en_US"), the others as a bare word.
        let valid = !collation.is_empty() && collation.chars().all(|c| c.is_alphanumeric() || "_-.@".contains(c));
        if !valid {
            return Err(RenderError::invalid(op, format!("`{collation}` is not a collation name")));
        }
        let name = match R::DIALECT {
            Dialect::Postgres => crate::backend::quote_ident(Dialect::Postgres, collation),
            _ => collation.clone(),
        };
        ty = format!("{ty} COLLATE {name}");
    }
    let mut def = ColumnDef::new(iden(&col.name));
    // The type is rendered by the dialect's own mapping; sea-query writes a custom type as is.
    def.custom(iden(&ty));
    let mut extra = Vec::new();
    // MariaDB rejects NOT NULL on a generated column; its nullability follows the expression.
    let generated_here = col.generated.is_some() && R::DIALECT == Dialect::Mysql;
    if !col.nullable && !generated_here {
        def.not_null();
    }
    if let Some(d) = &col.default {
        def.default(r.default_expr(op, d)?);
    }
    if col.primary_key && inline_pk {
        def.primary_key();
    }
    r.identity(op, col, inline_pk, &mut def, &mut extra)?;
    if col.unique {
        def.unique_key();
    }
    if let Some(g) = &col.generated {
        r.generated(g, col, &mut def, &mut extra);
    }
    // MySQL wants a COMMENT before a CHECK, so the comment goes first.
    let after = match &col.comment {
        Some(c) => r.column_comment(table, &col.name, c, &mut def, &mut extra),
        None => Vec::new(),
    };
    if let Some(check) = &col.check {
        r.column_check(check, &mut def, &mut extra);
    }
    let mut foreign_key = None;
    if let Some(reference) = &col.references {
        super::constraint::check_actions(R::DIALECT, op, [reference.on_delete, reference.on_update])?;
        if r.inline_references() {
            // Named where the dialect keeps no name of its own, so that a later drop_constraint
            // by the name PostgreSQL gives it (`<table>_<column>_fkey`) works everywhere.
            let clause = references_clause(R::DIALECT, reference);
            extra.push(match r.inline_reference_name(table, &col.name) {
                Some(name) => format!("CONSTRAINT {} {clause}", crate::backend::quote_ident(R::DIALECT, &name)),
                None => clause,
            });
        } else {
            foreign_key = Some(reference.clone());
        }
    }
    if !extra.is_empty() {
        def.extra(extra.join(" "));
    }
    Ok(ColumnParts { def, foreign_key, after })
}

/// `ALTER TABLE t ADD COLUMN ..` (plus `ADD FOREIGN KEY` where inline references are ignored).
pub(crate) fn add_column<R: Renderer>(r: &R, op: &AddColumn, ctx: &RenderContext) -> Stmts {
    let _ = ctx;
    let parts = column_def(r, "add_column", &op.table, &op.column, op.column.primary_key)?;
    let mut alter = Table::alter();
    alter.table(iden(&op.table));
    if op.if_not_exists {
        alter.add_column_if_not_exists(parts.def);
    } else {
        alter.add_column(parts.def);
    }
    if let Some(reference) = &parts.foreign_key {
        let mut fk = TableForeignKey::new();
        if let Some(name) = r.inline_reference_name(&op.table, &op.column.name) {
            fk.name(sea_name(R::DIALECT, &name));
        }
        fk.from_tbl(iden(&op.table))
            .from_col(iden(&op.column.name))
            .to_tbl(iden(&reference.ref_table))
            .to_col(iden(&reference.ref_column));
        if let Some(a) = reference.on_delete {
            fk.on_delete(sea_action(a));
        }
        if let Some(a) = reference.on_update {
            fk.on_update(sea_action(a));
        }
        alter.add_foreign_key(&fk);
    }
    let mut out = vec![build(R::DIALECT, &alter)];
    out.extend(parts.after);
    Ok(out)
}

/// `ALTER TABLE t DROP COLUMN [IF EXISTS] c`.
pub(crate) fn drop_column(d: Dialect, op: &DropColumn) -> Stmts {
    let mut alter = Table::alter();
    alter.table(iden(&op.table));
    if op.if_exists {
        alter.drop_column_if_exists(iden(&op.name));
    } else {
        alter.drop_column(iden(&op.name));
    }
    Ok(vec![build(d, &alter)])
}

/// `ALTER TABLE t RENAME COLUMN a TO b`.
pub(crate) fn rename_column(d: Dialect, op: &RenameColumn) -> Stmts {
    let mut alter = Table::alter();
    alter.table(iden(&op.table)).rename_column(iden(&op.from), iden(&op.to));
    Ok(vec![build(d, &alter)])
}
