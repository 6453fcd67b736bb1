//! Data ops: `execute`, `bulk_insert`, `backfill`.

use super::cx::{Chain, Cx};
use super::words::value;
use crate::ops::{Backfill, BulkInsert, Execute, Op};

/// `execute("SQL")`, with `.effects([op, ..])` declaring what it does to the schema.
pub(super) fn execute(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let sql = cx.arg_string(&c.head, "execute(\"SQL\")", "the SQL")?;
    let mut execute = Execute::new(sql);
    for m in &c.methods {
        match m.name {
            "only" => {}
            "effects" => {
                let [list] = cx.args(m, ".effects([create_table(..), ..])")?;
                let effects = cx.list(list, "the effects", |cx, e| {
                    let effect = super::eval::op(cx, e)?;
                    match effect {
                        Op::Execute(_) | Op::BulkInsert(_) | Op::Backfill(_) => {
                            cx.err(
                                e.span,
                                "an effect is a schema op (create_table, add_column, ..), not raw SQL or data",
                            );
                            None
                        }
                        Op::Only(_) => {
                            cx.err(e.span, "an effect cannot take `.only(..)`; put it on the `execute(..)`");
                            None
                        }
                        op => Some(op),
                    }
                })?;
                execute = execute.effects(effects);
            }
            _ => cx.unknown_method(m, "execute", &["effects", "only"]),
        }
    }
    Some(Op::Execute(execute))
}

/// `bulk_insert("t", ["a", "b"], [[1, "x"], [2, "y"]])`
pub(super) fn bulk_insert(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, columns, rows] = cx.args(&c.head, "bulk_insert(\"table\", [\"column\", ..], [[value, ..], ..])")?;
    let table = cx.string(table, "the table name");
    let columns = cx.strings(columns, "the columns");
    let width = columns.as_ref().map(Vec::len);
    let rows = cx.list(rows, "the rows", |cx, row| {
        let values = cx.list(row, "a row", value)?;
        match width {
            Some(w) if w != values.len() => {
                cx.err(
                    row.span,
                    format!("this row has {} values for {w} columns; give one value per column", values.len()),
                );
                None
            }
            _ => Some(values),
        }
    });
    for m in &c.methods {
        cx.unknown_method(m, "bulk_insert", &["only"]);
    }
    Some(Op::BulkInsert(BulkInsert::new(table?, columns?, rows?)))
}

/// `backfill("t")` .set("col", "expr") .where_("pred") .key("id") .batch_size(1000) .target_batch_ms(200) .sleep_ms(0)
pub(super) fn backfill(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let table = cx.arg_string(&c.head, "backfill(\"table\")", "the table name")?;
    let mut op = Backfill::new(table);
    for m in &c.methods {
        op = match m.name {
            "set" => {
                let Some([col, expr]) = cx.args(m, ".set(\"column\", \"SQL expression\")") else { continue };
                let col = cx.string(col, "the column name");
                let expr = cx.string(expr, "the SQL expression");
                match (col, expr) {
                    (Some(col), Some(expr)) => op.set(col, expr),
                    _ => continue,
                }
            }
            "where_" => match cx.arg_string(m, ".where_(\"predicate\")", "the predicate") {
                Some(p) => op.where_(p),
                None => continue,
            },
            "key" => match cx.arg_string(m, ".key(\"id\")", "the key column") {
                Some(k) => op.key(k),
                None => continue,
            },
            "batch_size" | "target_batch_ms" | "sleep_ms" => {
                let Some(n) = cx.arg_u32(m, &format!(".{}(1000)", m.name), "the number") else { continue };
                if n == 0 && m.name == "batch_size" {
                    cx.err(m.args[0].span, "a batch holds at least one row");
                    continue;
                }
                match m.name {
                    "batch_size" => op.batch_size(n),
                    "target_batch_ms" => op.target_batch_ms(n),
                    _ => op.sleep_ms(n),
                }
            }
            _ => {
                let methods = ["set", "where_", "key", "batch_size", "target_batch_ms", "sleep_ms", "only"];
                cx.unknown_method(m, "backfill", &methods);
                continue;
            }
        };
    }
    if op.set.is_empty() && !c.methods.iter().any(|m| m.name == "set") {
        cx.err(c.head.span, "`backfill` needs at least one assignment: add `.set(\"column\", \"SQL expression\")`");
    }
    Some(Op::Backfill(op))
}
