//! The rules that need the whole revision: transactions, lock targets, mixed DDL and data.

use super::catalogue::*;
use super::check::{unwrap, Context, Finding};
use super::sql;
use crate::ops::{Op, TransactionMode};

pub(super) fn check_revision(cx: &Context, ops: &[Op], out: &mut Vec<Finding>) {
    match cx.transaction {
        TransactionMode::PerMigration => {
            non_transactional(ops, out);
            many_lock_targets(cx, ops, out);
            mixed_ddl_dml(cx, ops, out);
        }
        TransactionMode::None => non_idempotent(ops, out),
    }
}

fn non_transactional(ops: &[Op], out: &mut Vec<Finding>) {
    for (i, op) in ops.iter().enumerate() {
        if op.requires_no_transaction() {
            let (what, focus) = match unwrap(op) {
                Op::Backfill(_) => ("`backfill` commits once per batch".to_string(), None),
                op => (
                    format!("`{}(..).concurrently()` cannot run inside a transaction block", op.kind()),
                    Some("concurrently"),
                ),
            };
            let mut f = Finding::new(&NON_TRANSACTIONAL_IN_TRANSACTION, i, what);
            f.focus = focus;
            out.push(f);
        }
    }
}

/// The existing tables an op locks.
fn lock_targets<'a>(cx: &Context, op: &'a Op) -> Vec<&'a str> {
    let mut tables: Vec<&str> = op.locked_tables().into_iter().filter(|t| cx.existing(t)).collect();
    tables.dedup();
    tables
}

/// The first lock-taking op's tables are the revision's lock target (a foreign key's two
/// tables count as one target: "one FK per transaction"); any other table is one too many.
fn many_lock_targets(cx: &Context, ops: &[Op], out: &mut Vec<Finding>) {
    let mut held: Vec<&str> = Vec::new();
    let mut first_at = 0;
    for (i, op) in ops.iter().enumerate() {
        let tables = lock_targets(cx, op);
        if held.is_empty() {
            held = tables;
            first_at = i;
            continue;
        }
        for table in tables {
            if held.contains(&table) {
                continue;
            }
            let what = format!(
                "`{}` locks `{table}` while this revision already holds a lock on `{}` (op {})",
                op.kind(),
                held[0],
                first_at + 1
            );
            out.push(Finding::new(&MANY_LOCK_TARGETS, i, what));
            held.push(table);
        }
    }
}

fn mixed_ddl_dml(cx: &Context, ops: &[Op], out: &mut Vec<Finding>) {
    // The data ops on existing tables, and the first DDL op that locks an existing table.
    let mut data = Vec::new();
    let mut ddl = None;
    for (i, op) in ops.iter().enumerate() {
        match unwrap(op) {
            Op::BulkInsert(b) if cx.existing(&b.table) => data.push((i, format!("`bulk_insert` into `{}`", b.table))),
            Op::BulkInsert(_) => {}
            Op::Execute(e) => {
                if let Some(d) = sql::dml(&e.sql).into_iter().find(|d| cx.existing(&d.table)) {
                    data.push((i, format!("`execute` running {} on `{}`", d.verb, d.table)));
                }
            }
            // A backfill is reported by `non-transactional-in-transaction` already.
            Op::Backfill(_) => {}
            op => {
                if ddl.is_none() {
                    if let Some(table) = lock_targets(cx, op).first() {
                        ddl = Some((i, op.kind(), table.to_string()));
                    }
                }
            }
        }
    }
    let Some((ddl_at, kind, table)) = ddl else { return };
    for (i, what) in data {
        let what = format!("{what} runs in the same transaction as `{kind}` on `{table}` (op {})", ddl_at + 1);
        out.push(Finding::new(&MIXED_DDL_DML, i, what));
    }
}

fn non_idempotent(ops: &[Op], out: &mut Vec<Finding>) {
    for (i, op) in ops.iter().enumerate() {
        let (form, focus) = match unwrap(op) {
            Op::CreateTable(o) if !o.if_not_exists => (".if_not_exists()", "create_table"),
            Op::AddColumn(o) if !o.if_not_exists => (".if_not_exists()", "add_column"),
            Op::CreateIndex(o) if !o.if_not_exists => (".if_not_exists()", "create_index"),
            Op::CreateExtension(o) if !o.if_not_exists => (".if_not_exists()", "create_extension"),
            Op::AddEnumValue(o) if !o.if_not_exists => (".if_not_exists()", "add_enum_value"),
            Op::DropTable(o) if !o.if_exists => (".if_exists()", "drop_table"),
            Op::DropColumn(o) if !o.if_exists => (".if_exists()", "drop_column"),
            Op::DropIndex(o) if !o.if_exists => (".if_exists()", "drop_index"),
            Op::DropExtension(o) if !o.if_exists => (".if_exists()", "drop_extension"),
            Op::DropConstraint(o) if !o.if_exists => (".if_exists()", "drop_constraint"),
            Op::DropView(o) if !o.if_exists => (".if_exists()", "drop_view"),
            _ => continue,
        };
        let what = format!("`{focus}` in a `transaction: none` revision fails when rerun after a crash; add `{form}`");
        out.push(Finding::new(&NON_IDEMPOTENT_NO_TX, i, what));
    }
}
