//! Pairing of `up` and `down`: without `down` every op must be reversible; with `down`, it must
//! undo each reversible `up` op, last first; and `irreversible` excludes `down`.

use super::locate;
use crate::error::{msg, Errors, SpanRange};
use crate::eval::Evaluated;
use crate::ops::{CommentTarget, ConstraintKind, Op};
use crate::parse::Migration;

pub(crate) fn check(m: &Migration, ev: &Evaluated, errors: &mut Errors) {
    let Some(up) = &m.up else { return };
    match (&m.down, m.irreversible) {
        (Some(down), Some(irreversible)) => {
            let (first, second) = msg::irreversible_with_down();
            errors.pair(SpanRange::single(irreversible), first, SpanRange::single(down.keyword), second);
        }
        (None, Some(_)) => {}
        (None, None) => {
            for (stmt, op) in up.stmts.iter().zip(&ev.up) {
                if let Some(Err(why)) = op.as_ref().map(Op::reverse) {
                    errors.at(locate::head(&m.spans, &stmt.expr), why);
                }
            }
        }
        (Some(down), None) => {
            // Comparing by position is meaningless when a statement is missing.
            if !ev.complete(m) {
                return;
            }
            let down_ops: Vec<&Op> = ev.down.iter().flatten().flatten().collect();
            let down_at = |k: usize| locate::head(&m.spans, &down.stmts[k].expr);
            let mut used = vec![false; down_ops.len()];
            let mut cursor = 0;
            for (stmt, op) in up.stmts.iter().zip(&ev.up).rev() {
                // Irreversible ops are undone by whatever the author wrote; they pair with nothing.
                let Some(Ok(Some(inverse))) = op.as_ref().map(Op::reverse) else { continue };
                let Some(op) = op else { continue };
                let up_at = locate::head(&m.spans, &stmt.expr);
                let matches = |k: &usize| !used[*k] && undoes(&inverse, down_ops[*k]);
                if let Some(k) = (cursor..down_ops.len()).find(matches) {
                    used[k] = true;
                    cursor = k + 1;
                } else if let Some(k) = (0..cursor).find(matches) {
                    used[k] = true;
                    errors.pair(
                        up_at,
                        format!("`down` undoes `{}` out of order: `down` runs from the last `up` op to the first, so `{}` must come later", dsl(op), dsl(&inverse)),
                        down_at(k),
                        format!("this op undoes `{}`, so it belongs after the ops that undo what `up` does after it", dsl(op)),
                    );
                } else {
                    let (at, there) = match (cursor..down_ops.len()).find(|k| !used[*k]) {
                        Some(k) => {
                            (down_at(k), format!("here `down` should undo `{}` with `{}`", dsl(op), dsl(&inverse)))
                        }
                        None => (SpanRange::single(down.keyword), format!("`down` ends before undoing `{}`", dsl(op))),
                    };
                    errors.pair(
                        up_at,
                        format!("`down` does not undo `{}`; add `{}` to `down` at the matching place (`down` undoes `up` from the last op to the first)", dsl(op), dsl(&inverse)),
                        at,
                        there,
                    );
                }
            }
        }
    }
}

/// Whether `actual` (written in `down`) undoes what `expected` (the derived inverse) undoes:
/// the same kind on the same object, with the same new state. Payloads that only make an op
/// reversible (definitions, old states) and idempotence flags need not be repeated.
fn undoes(expected: &Op, actual: &Op) -> bool {
    match (expected, actual) {
        (Op::Only(e), Op::Only(a)) => e.dialects == a.dialects && undoes(&e.op, &a.op),
        (Op::CreateTable(e), Op::CreateTable(a)) => e.name == a.name,
        (Op::DropTable(e), Op::DropTable(a)) => e.name == a.name,
        (Op::RenameTable(e), Op::RenameTable(a)) => e == a,
        (Op::AddColumn(e), Op::AddColumn(a)) => e.table == a.table && e.column.name == a.column.name,
        (Op::DropColumn(e), Op::DropColumn(a)) => e.table == a.table && e.name == a.name,
        (Op::RenameColumn(e), Op::RenameColumn(a)) => e == a,
        (Op::AlterColumn(e), Op::AlterColumn(a)) => {
            fn to<T: PartialEq>(e: Option<&crate::ops::Change<T>>, a: Option<&crate::ops::Change<T>>) -> bool {
                match (e, a) {
                    (Some(e), Some(a)) => e.to == a.to,
                    (None, _) => true,
                    (Some(_), None) => false,
                }
            }
            let ty = match (&e.ty, &a.ty) {
                (Some(e), Some(a)) => e.change.to == a.change.to,
                (None, _) => true,
                (Some(_), None) => false,
            };
            e.table == a.table
                && e.column == a.column
                && ty
                && to(e.nullable.as_ref(), a.nullable.as_ref())
                && to(e.default.as_ref(), a.default.as_ref())
                && to(e.comment.as_ref(), a.comment.as_ref())
                // An identity comes back with whatever options the author knows it had.
                && to(
                    e.identity.as_deref().map(|c| crate::ops::Change { from: None, to: c.to.is_some() }).as_ref(),
                    a.identity.as_deref().map(|c| crate::ops::Change { from: None, to: c.to.is_some() }).as_ref(),
                )
        }
        (Op::CreateIndex(e), Op::CreateIndex(a)) => e.name == a.name && e.table == a.table,
        (Op::DropIndex(e), Op::DropIndex(a)) => e.name == a.name,
        (Op::AddConstraint(e), Op::AddConstraint(a)) => e.table == a.table && e.constraint.name == a.constraint.name,
        (Op::DropConstraint(e), Op::DropConstraint(a)) => e.table == a.table && e.name == a.name,
        (Op::SetComment(e), Op::SetComment(a)) => e.target == a.target && e.comment == a.comment,
        (Op::CreateExtension(e), Op::CreateExtension(a)) => e.name == a.name,
        (Op::DropExtension(e), Op::DropExtension(a)) => e.name == a.name,
        (Op::CreateEnum(e), Op::CreateEnum(a)) => e.name == a.name,
        (Op::DropEnum(e), Op::DropEnum(a)) => e.name == a.name,
        (Op::CreateSequence(e), Op::CreateSequence(a)) => e.name == a.name,
        (Op::DropSequence(e), Op::DropSequence(a)) => e.name == a.name,
        (Op::CreateView(e), Op::CreateView(a)) => e.name == a.name && e.materialized == a.materialized,
        // Undoing `create_view(..).replaces(old)` is replacing the view back with `old`.
        (Op::DropView(e), Op::CreateView(a)) if e.is_replace_back() => e
            .definition
            .as_ref()
            .is_some_and(|d| a.name == d.name && a.or_replace && d.replaces.as_ref() == Some(&a.query)),
        (Op::DropView(e), Op::DropView(a)) => e.name == a.name && e.materialized == a.materialized,
        (Op::RenameView(e), Op::RenameView(a)) => e == a,
        (Op::AttachPartition(e), Op::AttachPartition(a)) => e.parent == a.parent && e.name == a.name,
        // `create_partition`'s inverse detaches and drops; `down` may spell that as a detach
        // followed by a `drop_table`.
        (Op::DetachPartition(e), Op::DetachPartition(a)) => e.parent == a.parent && e.name == a.name,
        (Op::DetachPartition(e), Op::DropTable(a)) => e.drop && e.name == a.name,
        _ => false,
    }
}

/// How an op reads in the DSL, shortened to what identifies it.
pub(crate) fn dsl(op: &Op) -> String {
    match op {
        Op::Only(o) => format!("{}.only([{}])", dsl(&o.op), o.dialects.join(", ")),
        Op::CreateTable(o) => format!("create_table({:?}, ..)", o.name),
        Op::DropTable(o) => format!("drop_table({:?})", o.name),
        Op::RenameTable(o) => format!("rename_table({:?}, {:?})", o.from, o.to),
        Op::AddColumn(o) => format!("add_column({:?}, column({:?}, ..))", o.table, o.column.name),
        Op::DropColumn(o) => format!("drop_column({:?}, {:?})", o.table, o.name),
        Op::RenameColumn(o) => format!("rename_column({:?}, {:?}, {:?})", o.table, o.from, o.to),
        Op::AlterColumn(o) => {
            let mut s = format!("alter_column({:?}, {:?})", o.table, o.column);
            if let Some(t) = &o.ty {
                s.push_str(&format!(".set_type({:?})", t.change.to));
            }
            match o.nullable.as_ref().map(|n| n.to) {
                Some(false) => s.push_str(".set_not_null()"),
                Some(true) => s.push_str(".drop_not_null()"),
                None => {}
            }
            match o.default.as_ref().map(|d| d.to.is_some()) {
                Some(true) => s.push_str(".set_default(..)"),
                Some(false) => s.push_str(".drop_default()"),
                None => {}
            }
            if o.comment.is_some() {
                s.push_str(".set_comment(..)");
            }
            match o.identity.as_ref().map(|i| i.to.is_some()) {
                Some(true) => s.push_str(".add_identity()"),
                Some(false) => s.push_str(".drop_identity()"),
                None => {}
            }
            s
        }
        Op::CreateIndex(o) => format!("create_index({:?}).on({:?}, ..)", o.name, o.table),
        Op::DropIndex(o) => format!("drop_index({:?})", o.name),
        Op::AddConstraint(o) => {
            let kind = match &o.constraint.kind {
                ConstraintKind::PrimaryKey { .. } => "primary_key",
                ConstraintKind::Unique { .. } => "unique",
                ConstraintKind::Check { .. } => "check",
                ConstraintKind::ForeignKey(_) => "foreign_key",
                ConstraintKind::Exclude { .. } => "exclude",
            };
            format!("add_constraint({:?}, {kind}({:?}, ..))", o.table, o.constraint.name)
        }
        Op::DropConstraint(o) => format!("drop_constraint({:?}, {:?}, {:?})", o.table, o.name, o.constraint_type),
        Op::ValidateConstraint(o) => format!("validate_constraint({:?}, {:?})", o.table, o.name),
        Op::SetComment(o) => match &o.target {
            CommentTarget::Table(t) => format!("comment_on_table({t:?}, ..)"),
            CommentTarget::Column(t, c) => format!("comment_on_column({t:?}, {c:?}, ..)"),
        },
        Op::CreateExtension(o) => format!("create_extension({:?})", o.name),
        Op::DropExtension(o) => format!("drop_extension({:?})", o.name),
        Op::CreateEnum(o) => format!("create_enum({:?}, [..])", o.name),
        Op::DropEnum(o) => format!("drop_enum({:?})", o.name),
        Op::AddEnumValue(o) => format!("add_enum_value({:?}, {:?})", o.name, o.value),
        Op::CreateSequence(o) => format!("create_sequence({:?})", o.name),
        Op::DropSequence(o) => format!("drop_sequence({:?})", o.name),
        Op::CreateView(o) if o.materialized => format!("create_materialized_view({:?}, ..)", o.name),
        Op::CreateView(o) => format!("create_view({:?}, ..)", o.name),
        Op::DropView(o) if o.is_replace_back() => {
            let old = o.definition.as_ref().and_then(|d| d.replaces.clone()).unwrap_or_default();
            format!("create_view({:?}, {old:?}).or_replace()", o.name)
        }
        Op::DropView(o) if o.materialized => format!("drop_materialized_view({:?})", o.name),
        Op::DropView(o) => format!("drop_view({:?})", o.name),
        Op::RenameView(o) => format!("rename_view({:?}, {:?})", o.from, o.to),
        Op::RefreshMaterializedView(o) => format!("refresh_materialized_view({:?})", o.name),
        Op::CreatePartition(o) => format!("create_partition({:?}, {:?}, ..)", o.name, o.parent),
        Op::AttachPartition(o) => format!("attach_partition({:?}, {:?}, ..)", o.parent, o.name),
        Op::DetachPartition(o) => format!("detach_partition({:?}, {:?})", o.parent, o.name),
        Op::Execute(_) => "execute(..)".into(),
        Op::BulkInsert(o) => format!("bulk_insert({:?}, ..)", o.table),
        Op::Backfill(o) => format!("backfill({:?})", o.table),
    }
}
