//! The rules decided from one op alone (plus the revision's new tables).

use super::catalogue::*;
use super::check::{identifiers, Context, Finding};
use super::sql;
use crate::ops::{AddColumn, AlterColumn, Column, ColumnType, ConstraintKind, Op, TransactionMode};

/// PostgreSQL's identifier limit (NAMEDATALEN - 1).
const MAX_IDENTIFIER_BYTES: usize = 63;

pub(super) fn check_op(cx: &Context, i: usize, op: &Op, out: &mut Vec<Finding>) {
    let mut push = |f: Finding| out.push(f);
    match op {
        Op::CreateTable(t) => {
            for c in &t.columns {
                type_hygiene(i, c, &mut push);
            }
        }
        Op::AddColumn(a) => {
            type_hygiene(i, &a.column, &mut push);
            if cx.existing(&a.table) {
                add_column(i, a, &mut push);
            }
        }
        Op::AlterColumn(a) => {
            if let Some(t) = &a.ty {
                let what = format!("the new type of `{}.{}`", a.table, a.column);
                if let Some(f) = type_hygiene_of(i, &t.change.to, false, &what, "set_type") {
                    push(f);
                }
            }
            if cx.existing(&a.table) {
                alter_column(cx, i, a, &mut push);
            }
        }
        Op::DropColumn(d) if cx.existing(&d.table) => {
            push(Finding::new(&DROP_COLUMN, i, format_args!("`drop_column` drops `{}.{}`", d.table, d.name)));
        }
        Op::RenameColumn(r) if cx.existing(&r.table) => {
            let what = format_args!("`rename_column` renames `{}.{}` to `{}`", r.table, r.from, r.to);
            push(Finding::new(&RENAME_COLUMN, i, what));
        }
        Op::DropTable(t) if cx.existing(&t.name) => {
            push(Finding::new(&DROP_TABLE, i, format_args!("`drop_table` drops `{}`", t.name)));
        }
        Op::RenameTable(r) if cx.existing(&r.from) => {
            push(Finding::new(&RENAME_TABLE, i, format_args!("`rename_table` renames `{}` to `{}`", r.from, r.to)));
        }
        Op::CreateIndex(ix) if !ix.concurrently && cx.existing(&ix.table) => {
            let what = format_args!(
                "`create_index` builds `{}` on existing table `{}` without `.concurrently()`",
                ix.name, ix.table
            );
            push(Finding::new(&INDEX_CONCURRENTLY, i, what));
        }
        Op::DropIndex(ix) if !ix.concurrently && ix.table.as_deref().is_none_or(|t| cx.existing(t)) => {
            let what = format_args!("`drop_index` drops `{}` without `.concurrently()`", ix.name);
            push(Finding::new(&INDEX_CONCURRENTLY, i, what));
        }
        Op::AddConstraint(a) if cx.existing(&a.table) => {
            let name = &a.constraint.name;
            match &a.constraint.kind {
                ConstraintKind::Check { .. } | ConstraintKind::ForeignKey(_) if !a.not_valid => {
                    let what = format_args!("`add_constraint` adds `{name}` to existing table `{}` validated", a.table);
                    push(Finding::new(&CONSTRAINT_NOT_VALID, i, what));
                }
                ConstraintKind::Unique { using_index: None, .. }
                | ConstraintKind::PrimaryKey { using_index: None, .. } => {
                    let what = format_args!(
                        "`add_constraint` adds `{name}` to existing table `{}` with an index built under its lock",
                        a.table
                    );
                    push(Finding::new(&UNIQUE_CONSTRAINT, i, what));
                }
                ConstraintKind::Exclude { .. } => {
                    let what = format_args!(
                        "`add_constraint` adds exclusion constraint `{name}` to existing table `{}`",
                        a.table
                    );
                    push(Finding::new(&EXCLUDE_CONSTRAINT, i, what));
                }
                _ => {}
            }
        }
        Op::CreatePartition(p) if !p.standalone && cx.existing(&p.parent) => {
            let what =
                format_args!("`create_partition` creates `{}` as PARTITION OF existing table `{}`", p.name, p.parent);
            push(Finding::new(&PARTITION_CREATE, i, what));
        }
        Op::DetachPartition(p) if !p.concurrently && cx.existing(&p.parent) => {
            let what =
                format_args!("`detach_partition` detaches `{}` from `{}` without `.concurrently()`", p.name, p.parent);
            push(Finding::new(&PARTITION_DETACH, i, what));
        }
        Op::Execute(e) => execute(cx, i, &e.sql, &mut push),
        _ => {}
    }
    for name in identifiers(op) {
        if name.len() > MAX_IDENTIFIER_BYTES {
            let what = format_args!("`{name}` is {} bytes long (the limit is {MAX_IDENTIFIER_BYTES})", name.len());
            let mut f = Finding::new(&IDENTIFIER_TOO_LONG, i, what);
            f.subject = Some(name.to_string());
            push(f);
        }
    }
}

fn add_column(i: usize, a: &AddColumn, push: &mut impl FnMut(Finding)) {
    let (t, c) = (&a.table, &a.column);
    let fills_rows = c.ty.is_serial() || c.identity.is_some() || c.generated.is_some() || c.primary_key;
    if fills_rows {
        let kind = if c.primary_key {
            "primary key"
        } else if c.identity.is_some() {
            "identity"
        } else if c.generated.is_some() {
            "generated"
        } else {
            "serial"
        };
        let focus = if c.primary_key {
            "primary_key"
        } else if c.identity.is_some() {
            "identity"
        } else if c.generated.is_some() {
            "generated"
        } else {
            "column"
        };
        let what = format_args!("`add_column` adds {kind} column `{}` to existing table `{t}`", c.name);
        push(Finding::new(&ADD_SERIAL_COLUMN, i, what).at(focus));
    } else if !c.nullable && c.default.is_none() {
        let what =
            format_args!("`add_column` adds NOT NULL column `{}` without a default to existing table `{t}`", c.name);
        push(Finding::new(&ADD_REQUIRED_COLUMN, i, what).at("not_null"));
    }
    if c.default.as_ref().is_some_and(|d| d.is_volatile()) {
        let what = format_args!("`add_column` adds `{}` to existing table `{t}` with a volatile default", c.name);
        push(Finding::new(&VOLATILE_DEFAULT, i, what).at("default"));
    }
    if c.unique && !c.primary_key {
        let what = format_args!("`add_column` adds UNIQUE column `{}` to existing table `{t}`", c.name);
        push(Finding::new(&UNIQUE_CONSTRAINT, i, what).at("unique"));
    }
}

fn alter_column(cx: &Context, i: usize, a: &AlterColumn, push: &mut impl FnMut(Finding)) {
    let (t, c) = (&a.table, &a.column);
    if let Some(ty) = &a.ty {
        let safe = ty.change.from.as_ref().is_some_and(|from| from.is_safe_widening_to(&ty.change.to));
        if !safe {
            let what = match &ty.change.from {
                Some(from) => {
                    format!("`alter_column` changes `{t}.{c}` from {} to {}", type_name(from), type_name(&ty.change.to))
                }
                None => format!("`alter_column` changes the type of `{t}.{c}` to {}", type_name(&ty.change.to)),
            };
            push(Finding::new(&CHANGE_COLUMN_TYPE, i, what).at("set_type"));
        }
    }
    // Outside a transaction the runner takes the online recipe itself (PostgreSQL: a NOT VALID
    // check, validated, then SET NOT NULL without a scan; MySQL changes nullability in place with
    // concurrent writes), unless a type change rewrites the table anyway.
    let recipe = cx.transaction == TransactionMode::None && a.ty.is_none();
    if a.nullable.as_ref().is_some_and(|n| !n.to) && !recipe {
        let what = format_args!("`alter_column` sets `{t}.{c}` NOT NULL");
        push(Finding::new(&SET_NOT_NULL, i, what).at("set_not_null"));
    }
}

fn execute(cx: &Context, i: usize, sql: &str, push: &mut impl FnMut(Finding)) {
    push(Finding::new(&RAW_SQL, i, "`execute` runs raw SQL"));
    for (rule, setting) in [(&LOCK_TIMEOUT, "lock_timeout"), (&STATEMENT_TIMEOUT, "statement_timeout")] {
        if sql::changes_setting(sql, setting) {
            push(Finding::new(rule, i, format_args!("`execute` changes `{setting}`")));
        }
    }
    for dml in sql::dml(sql) {
        if matches!(dml.verb, "UPDATE" | "DELETE") && cx.existing(&dml.table) {
            let what = format_args!("`execute` runs one {} over table `{}`", dml.verb, dml.table);
            push(Finding::new(&UNBATCHED_BACKFILL, i, what));
        }
    }
}

fn type_hygiene(i: usize, c: &Column, push: &mut impl FnMut(Finding)) {
    let is_id = c.primary_key || c.identity.is_some() || c.references.is_some();
    if let Some(mut f) = type_hygiene_of(i, &c.ty, is_id, &format!("column `{}`", c.name), "column") {
        f.subject = Some(c.name.clone());
        push(f);
    }
}

/// `is_id`: the column is a key (primary, identity or referencing one), where 32 bits run out.
fn type_hygiene_of(i: usize, ty: &ColumnType, is_id: bool, what: &str, focus: &'static str) -> Option<Finding> {
    let advice = match ty {
        ColumnType::SmallSerial | ColumnType::Serial | ColumnType::BigSerial => {
            "is a serial; use `BigInt` with `.identity()`"
        }
        ColumnType::SmallInt | ColumnType::Integer if is_id => "is a key of 32 bits or fewer; use `BigInt`",
        ColumnType::Varchar(Some(_)) => "is `Varchar(n)`; use `Text` (with a check for a length limit)",
        ColumnType::Char(_) => "is `Char(n)`; use `Text`",
        ColumnType::Timestamp => "is `Timestamp` without time zone; use `TimestampTz`",
        ColumnType::Json => "is `Json`; use `Jsonb`",
        _ => return None,
    };
    Some(Finding::new(&TYPE_HYGIENE, i, format_args!("{what} {advice}")).at(focus))
}

fn type_name(ty: &ColumnType) -> String {
    match ty {
        ColumnType::Numeric(Some((p, s))) => format!("`Numeric({p}, {s})`"),
        ColumnType::Varchar(Some(n)) => format!("`Varchar({n})`"),
        ColumnType::Char(n) => format!("`Char({n})`"),
        ColumnType::Array(inner) => format!("`Array({})`", type_name(inner).trim_matches('`')),
        ColumnType::Enum(name) => format!("`Enum(\"{name}\")`"),
        ColumnType::Custom(name) => format!("`custom(\"{name}\")`"),
        other => format!("`{other:?}`").replace("(None)", ""),
    }
}
