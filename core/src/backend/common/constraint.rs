//! Constraint clauses (`CONSTRAINT "name" ..`) as extension text, and the sea-query pieces
//! for the constraints sea-query can hold.

use sea_query::{ForeignKeyAction as SeaAction, ForeignKeyCreateStatement};

use crate::backend::quote::{iden, ident_list, sea_name};
use crate::backend::{quote_ident, Dialect, RenderError};
use crate::ops::{ColumnReference, Constraint, ConstraintKind, ForeignKey, ForeignKeyAction, MatchType, OpKind};

/// The SQL keyword of a referential action.
pub(crate) fn action_sql(a: ForeignKeyAction) -> &'static str {
    match a {
        ForeignKeyAction::NoAction => "NO ACTION",
        ForeignKeyAction::Restrict => "RESTRICT",
        ForeignKeyAction::Cascade => "CASCADE",
        ForeignKeyAction::SetNull => "SET NULL",
        ForeignKeyAction::SetDefault => "SET DEFAULT",
    }
}

/// sea-query's referential action.
pub(crate) fn sea_action(a: ForeignKeyAction) -> SeaAction {
    match a {
        ForeignKeyAction::NoAction => SeaAction::NoAction,
        ForeignKeyAction::Restrict => SeaAction::Restrict,
        ForeignKeyAction::Cascade => SeaAction::Cascade,
        ForeignKeyAction::SetNull => SeaAction::SetNull,
        ForeignKeyAction::SetDefault => SeaAction::SetDefault,
    }
}

/// An inline column `REFERENCES "t" ("c") [ON DELETE ..] [ON UPDATE ..]`.
pub(crate) fn references_clause(d: Dialect, r: &ColumnReference) -> String {
    let mut sql = format!("REFERENCES {} ({})", quote_ident(d, &r.ref_table), quote_ident(d, &r.ref_column));
    if let Some(a) = r.on_delete {
        sql.push_str(" ON DELETE ");
        sql.push_str(action_sql(a));
    }
    if let Some(a) = r.on_update {
        sql.push_str(" ON UPDATE ");
        sql.push_str(action_sql(a));
    }
    sql
}

/// Whether a constraint needs more than sea-query's `CREATE TABLE` can write (DEFERRABLE,
/// MATCH, EXCLUDE, `USING INDEX`).
pub(crate) fn needs_extension(d: Dialect, c: &Constraint) -> bool {
    let _ = d;
    match &c.kind {
        ConstraintKind::ForeignKey(fk) => fk.deferrable.is_some() || fk.match_type.is_some(),
        ConstraintKind::Exclude { .. } => true,
        ConstraintKind::PrimaryKey { using_index, .. } | ConstraintKind::Unique { using_index, .. } => {
            using_index.is_some()
        }
        ConstraintKind::Check { .. } => false,
    }
}

/// Refuses referential actions the dialect rejects (InnoDB parses `SET DEFAULT` and refuses
/// the table).
pub(crate) fn check_actions(d: Dialect, op: OpKind, actions: [Option<ForeignKeyAction>; 2]) -> Result<(), RenderError> {
    if d == Dialect::Mysql && actions.contains(&Some(ForeignKeyAction::SetDefault)) {
        return Err(RenderError::unsupported(
            op,
            d,
            "InnoDB rejects ON DELETE/UPDATE SET DEFAULT; use SET NULL, RESTRICT or CASCADE",
        ));
    }
    Ok(())
}

/// Refuses constraint features the dialect lacks, before anything is built.
pub(crate) fn check_support(d: Dialect, op: OpKind, c: &Constraint) -> Result<(), RenderError> {
    let caps = d.capabilities();
    let unsupported = |hint: &str| Err(RenderError::unsupported(op, d, hint));
    if let ConstraintKind::ForeignKey(fk) = &c.kind {
        check_actions(d, op, [fk.on_delete, fk.on_update])?;
    }
    match &c.kind {
        ConstraintKind::Exclude { .. } if !caps.exclude => {
            unsupported("EXCLUDE constraints exist on PostgreSQL only; wrap the op in `.only([postgres])`")
        }
        ConstraintKind::ForeignKey(fk) if fk.deferrable.is_some() && !caps.deferrable => {
            unsupported("foreign keys cannot be DEFERRABLE here; drop `.deferrable()`")
        }
        // MATCH SIMPLE is what SQLite and MySQL do anyway: accepted, and left unwritten.
        ConstraintKind::ForeignKey(fk) if fk.match_type == Some(MatchType::Full) && d != Dialect::Postgres => {
            unsupported("MATCH FULL is parsed but not enforced here; drop `.match_full()`")
        }
        ConstraintKind::Unique { nulls_not_distinct: true, .. } if d != Dialect::Postgres => {
            unsupported("NULLS NOT DISTINCT is PostgreSQL 15+ only; drop `.nulls_not_distinct()`")
        }
        ConstraintKind::PrimaryKey { using_index: Some(_), .. }
        | ConstraintKind::Unique { using_index: Some(_), .. }
            if d != Dialect::Postgres =>
        {
            unsupported("USING INDEX exists on PostgreSQL only; declare the columns instead")
        }
        _ => Ok(()),
    }
}

/// `CONSTRAINT "name" <definition>`, as `ADD` and `CREATE TABLE` both write it.
pub(crate) fn clause(d: Dialect, op: OpKind, c: &Constraint) -> Result<String, RenderError> {
    Ok(format!("CONSTRAINT {} {}", quote_ident(d, &c.name), definition(d, op, c)?))
}

/// The constraint's definition without its name.
pub(crate) fn definition(d: Dialect, op: OpKind, c: &Constraint) -> Result<String, RenderError> {
    let empty = |what: &str| RenderError::invalid(op, format!("constraint `{}` names no {what}; list them", c.name));
    Ok(match &c.kind {
        ConstraintKind::PrimaryKey { using_index: Some(ix), .. } => {
            format!("PRIMARY KEY USING INDEX {}", quote_ident(d, ix))
        }
        ConstraintKind::PrimaryKey { columns, .. } => {
            if columns.is_empty() {
                return Err(empty("columns"));
            }
            format!("PRIMARY KEY ({})", ident_list(d, columns))
        }
        ConstraintKind::Unique { using_index: Some(ix), .. } => format!("UNIQUE USING INDEX {}", quote_ident(d, ix)),
        ConstraintKind::Unique { columns, nulls_not_distinct, .. } => {
            if columns.is_empty() {
                return Err(empty("columns"));
            }
            let nnd = if *nulls_not_distinct { "NULLS NOT DISTINCT " } else { "" };
            format!("UNIQUE {nnd}({})", ident_list(d, columns))
        }
        ConstraintKind::Check { expr } => format!("CHECK ({expr})"),
        ConstraintKind::ForeignKey(fk) => {
            if fk.columns.is_empty() || fk.columns.len() != fk.ref_columns.len() {
                return Err(RenderError::invalid(
                    op,
                    format!("foreign key `{}` needs as many referenced columns as columns (at least one)", c.name),
                ));
            }
            foreign_key_definition(d, fk)
        }
        ConstraintKind::Exclude { method, elements, predicate } => {
            if elements.is_empty() {
                return Err(empty("elements"));
            }
            let elems = elements
                .iter()
                .map(|e| format!("{} WITH {}", element(d, &e.expr), e.operator))
                .collect::<Vec<_>>()
                .join(", ");
            let mut sql = format!("EXCLUDE USING {} ({elems})", method.as_sql());
            if let Some(p) = predicate {
                sql.push_str(&format!(" WHERE ({p})"));
            }
            sql
        }
    })
}

/// `FOREIGN KEY (..) REFERENCES .. [MATCH ..] [ON DELETE ..] [ON UPDATE ..] [DEFERRABLE ..]`.
pub(crate) fn foreign_key_definition(d: Dialect, fk: &ForeignKey) -> String {
    let mut sql = format!(
        "FOREIGN KEY ({}) REFERENCES {} ({})",
        ident_list(d, &fk.columns),
        quote_ident(d, &fk.ref_table),
        ident_list(d, &fk.ref_columns)
    );
    if let Some(m) = fk.match_type.filter(|_| d == Dialect::Postgres) {
        sql.push_str(match m {
            MatchType::Full => " MATCH FULL",
            MatchType::Simple => " MATCH SIMPLE",
        });
    }
    if let Some(a) = fk.on_delete {
        sql.push_str(" ON DELETE ");
        sql.push_str(action_sql(a));
    }
    if let Some(a) = fk.on_update {
        sql.push_str(" ON UPDATE ");
        sql.push_str(action_sql(a));
    }
    if let Some(def) = fk.deferrable {
        sql.push_str(if def.initially_deferred {
            " DEFERRABLE INITIALLY DEFERRED"
        } else {
            " DEFERRABLE INITIALLY IMMEDIATE"
        });
    }
    sql
}

/// An element of an EXCLUDE constraint or a partition key: PostgreSQL's grammar is
/// `column_name | ( expression )`, so a parenthesized element is an expression written as
/// given and anything else is a column name, quoted.
pub(crate) fn element(d: Dialect, e: &str) -> String {
    if e.trim_start().starts_with('(') {
        e.to_string()
    } else {
        quote_ident(d, e)
    }
}

/// sea-query's foreign key for `CREATE TABLE` / `ALTER TABLE .. ADD`.
pub(crate) fn sea_foreign_key(
    d: Dialect,
    table: &str,
    name: Option<&str>,
    fk: &ForeignKey,
) -> ForeignKeyCreateStatement {
    let mut stmt = sea_query::ForeignKey::create();
    if let Some(name) = name {
        stmt.name(sea_name(d, name));
    }
    stmt.from_tbl(iden(table)).to_tbl(iden(&fk.ref_table));
    for c in &fk.columns {
        stmt.from_col(iden(c));
    }
    for c in &fk.ref_columns {
        stmt.to_col(iden(c));
    }
    if let Some(a) = fk.on_delete {
        stmt.on_delete(sea_action(a));
    }
    if let Some(a) = fk.on_update {
        stmt.on_update(sea_action(a));
    }
    stmt
}
