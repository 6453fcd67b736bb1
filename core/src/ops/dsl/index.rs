//! `create_index` and `drop_index`, and index elements (`desc("b")`, `expr("lower(email)")`, ..).

use super::cx::{Chain, Cx};
use super::eval::nested;
use super::expr::{Expr, ExprKind};
use super::words::INDEX_METHODS;
use crate::ops::{CreateIndex, DropIndex, IndexColumn, Op};

const CREATE_METHODS: &[&str] =
    &["on", "unique", "using", "where_", "include", "concurrently", "if_not_exists", "only", "nulls_not_distinct"];

/// `create_index("ix").on("t", [..])` .unique() .using(Gin) .where_("..") .include([..]) .concurrently() .if_not_exists() .only() .nulls_not_distinct()
pub(super) fn create_index(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name] = cx.args(&c.head, "create_index(\"name\").on(\"table\", [\"column\"])")?;
    let mut ix = CreateIndex::new(cx.string(name, "the index name")?);
    let mut has_on = false;
    for m in &c.methods {
        match m.name {
            "on" => {
                has_on = true;
                let Some([table, cols]) = cx.args(m, ".on(\"table\", [\"column\", ..])") else { continue };
                let table = cx.string(table, "the table name");
                let cols = cx.list(cols, "the indexed columns", index_column);
                if let (Some(table), Some(cols)) = (table, cols) {
                    ix = ix.on(table, cols);
                }
            }
            "using" => {
                let Some([method]) = cx.args(m, ".using(Gin)") else { continue };
                if let Some(method) = cx.word(method, "index method", INDEX_METHODS) {
                    ix = ix.using(method);
                }
            }
            "where_" => {
                if let Some(p) = cx.arg_string(m, ".where_(\"predicate\")", "the predicate") {
                    ix = ix.where_(p);
                }
            }
            "include" => {
                if let Some(cols) = cx.arg_strings(m, ".include([\"column\"])", "the included columns") {
                    ix = ix.include(cols);
                }
            }
            "unique" if cx.flag(m) => ix = ix.unique(),
            "concurrently" if cx.flag(m) => ix = ix.concurrently(),
            "if_not_exists" if cx.flag(m) => ix = ix.if_not_exists(),
            "only" if cx.flag(m) => ix = ix.only(),
            "nulls_not_distinct" if cx.flag(m) => ix = ix.nulls_not_distinct(),
            "unique" | "concurrently" | "if_not_exists" | "only" | "nulls_not_distinct" => {}
            _ => cx.unknown_method(m, "create_index", CREATE_METHODS),
        }
    }
    if !has_on {
        cx.err(c.head.span, "`create_index` needs its table and columns: add `.on(\"table\", [\"column\"])`");
    }
    Some(Op::CreateIndex(ix))
}

/// An index element: `"column"`, `col("c")`, `asc("c")`, `desc("c")`, `expr("lower(email)")`, then
/// `.asc()` `.desc()` `.nulls_first()` `.nulls_last()` `.opclass("gin_trgm_ops")`.
fn index_column(cx: &mut Cx<'_>, e: &Expr) -> Option<IndexColumn> {
    if let ExprKind::Str(name) = &e.kind {
        return Some(IndexColumn::column(name.clone()));
    }
    let Some(c) = Chain::of(e) else {
        cx.err(
            e.span,
            format!(
                "expected an index column (`\"column\"`, `desc(\"column\")`, `expr(\"lower(email)\")`), found {}",
                e.describe()
            ),
        );
        return None;
    };
    let usage = format!("{}(\"..\")", c.head.name);
    let mut col = match c.head.name {
        "col" | "asc" | "desc" => {
            let name = cx.arg_string(&c.head, &usage, "the column name")?;
            let col = IndexColumn::column(name);
            match c.head.name {
                "asc" => col.asc(),
                "desc" => col.desc(),
                _ => col,
            }
        }
        "expr" => IndexColumn::expr(cx.arg_string(&c.head, &usage, "the indexed expression")?),
        other => {
            cx.unknown(c.head.name_span, "index column", other, &["col", "asc", "desc", "expr"]);
            return None;
        }
    };
    let mark = cx.mark();
    for m in &c.methods {
        col = match m.name {
            "asc" if cx.flag(m) => col.asc(),
            "desc" if cx.flag(m) => col.desc(),
            "nulls_first" if cx.flag(m) => col.nulls_first(),
            "nulls_last" if cx.flag(m) => col.nulls_last(),
            "asc" | "desc" | "nulls_first" | "nulls_last" => col,
            "opclass" => match cx.arg_string(m, ".opclass(\"gin_trgm_ops\")", "the operator class") {
                Some(o) => col.opclass(o),
                None => col,
            },
            _ => {
                cx.unknown_method(m, "index column", &["asc", "desc", "nulls_first", "nulls_last", "opclass"]);
                col
            }
        };
    }
    (cx.mark() == mark).then_some(col)
}

/// `drop_index("ix")` .on("t") .concurrently() .if_exists() .definition(create_index(..).on(..))
pub(super) fn drop_index(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name] = cx.args(&c.head, "drop_index(\"name\")")?;
    let mut ix = DropIndex::new(cx.string(name, "the index name")?);
    for m in &c.methods {
        match m.name {
            "on" => {
                if let Some(table) = cx.arg_string(m, ".on(\"table\")", "the table name") {
                    ix = ix.on(table);
                }
            }
            "definition" => {
                let Some([def]) = cx.args(m, ".definition(create_index(..).on(..))") else { continue };
                let def = nested(cx, def, "create_index", |op| match op {
                    Op::CreateIndex(ix) => Some(ix),
                    _ => None,
                });
                let Some(def) = def else { continue };
                if def.name != ix.name {
                    cx.err(
                        m.args[0].span,
                        format!(
                            "the definition is of index `{}`, but the op drops `{}`; they must match",
                            def.name, ix.name
                        ),
                    );
                }
                ix = ix.definition(def);
            }
            "concurrently" if cx.flag(m) => ix = ix.concurrently(),
            "if_exists" if cx.flag(m) => ix = ix.if_exists(),
            "concurrently" | "if_exists" => {}
            _ => cx.unknown_method(m, "drop_index", &["on", "concurrently", "if_exists", "definition", "only"]),
        }
    }
    Some(Op::DropIndex(ix))
}
