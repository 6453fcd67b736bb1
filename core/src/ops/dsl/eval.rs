//! The table of op words and the evaluation of one op statement.

use super::cx::{Chain, Cx};
use super::expr::{DslError, Expr, ExprKind};
use super::{column, constraint, data, index, objects, partition, table, view, words};
use crate::ops::{OnlyOn, Op};

type Family = fn(&mut Cx<'_>, &Chain<'_>) -> Option<Op>;

/// Every op word with its evaluator. Its order is the order of the docs.
const OPS: &[(&str, Family)] = &[
    ("create_table", table::create_table),
    ("drop_table", table::drop_table),
    ("rename_table", table::rename_table),
    ("add_column", column::add_column),
    ("drop_column", column::drop_column),
    ("rename_column", column::rename_column),
    ("alter_column", column::alter_column),
    ("create_index", index::create_index),
    ("drop_index", index::drop_index),
    ("add_constraint", constraint::add_constraint),
    ("drop_constraint", constraint::drop_constraint),
    ("validate_constraint", constraint::validate_constraint),
    ("comment_on_table", objects::comment_on_table),
    ("comment_on_column", objects::comment_on_column),
    ("create_extension", objects::create_extension),
    ("drop_extension", objects::drop_extension),
    ("create_enum", objects::create_enum),
    ("drop_enum", objects::drop_enum),
    ("add_enum_value", objects::add_enum_value),
    ("create_sequence", objects::create_sequence),
    ("drop_sequence", objects::drop_sequence),
    ("create_view", view::create_view),
    ("create_materialized_view", view::create_materialized_view),
    ("drop_view", view::drop_view),
    ("drop_materialized_view", view::drop_materialized_view),
    ("rename_view", view::rename_view),
    ("refresh_materialized_view", view::refresh_materialized_view),
    ("create_partition", partition::create_partition),
    ("attach_partition", partition::attach_partition),
    ("detach_partition", partition::detach_partition),
    ("execute", data::execute),
    ("bulk_insert", data::bulk_insert),
    ("backfill", data::backfill),
];

/// The op words of the DSL, in the order of the docs.
pub const OP_WORDS: &[&str] = &[
    "create_table",
    "drop_table",
    "rename_table",
    "add_column",
    "drop_column",
    "rename_column",
    "alter_column",
    "create_index",
    "drop_index",
    "add_constraint",
    "drop_constraint",
    "validate_constraint",
    "comment_on_table",
    "comment_on_column",
    "create_extension",
    "drop_extension",
    "create_enum",
    "drop_enum",
    "add_enum_value",
    "create_sequence",
    "drop_sequence",
    "create_view",
    "create_materialized_view",
    "drop_view",
    "drop_materialized_view",
    "rename_view",
    "refresh_materialized_view",
    "create_partition",
    "attach_partition",
    "detach_partition",
    "execute",
    "bulk_insert",
    "backfill",
];

/// Builder words that are not ops, with the op that takes them, for a precise error when one
/// is written as a statement.
const NOT_OPS: &[(&str, &str)] = &[
    ("column", "add_column(\"table\", column(..))"),
    ("primary_key", "add_constraint(\"table\", primary_key(..))"),
    ("unique", "add_constraint(\"table\", unique(..))"),
    ("check", "add_constraint(\"table\", check(..))"),
    ("foreign_key", "add_constraint(\"table\", foreign_key(..))"),
    ("exclude", "add_constraint(\"table\", exclude(..))"),
];

/// Evaluates one op statement. Errors are pushed to `errors` (evaluation goes on after an error
/// where it can, so that one invocation reports every mistake); `None` when the op is unusable.
pub fn eval_op(expr: &Expr, errors: &mut Vec<DslError>) -> Option<Op> {
    op(&mut Cx { errors }, expr)
}

pub(super) fn op(cx: &mut Cx<'_>, expr: &Expr) -> Option<Op> {
    let Some(mut chain) = Chain::of(expr) else {
        cx.err(
            expr.span,
            format!("expected an op such as `create_table(..)` or `add_column(..)`, found {}", expr.describe()),
        );
        return None;
    };
    // `.only([postgres])` restricts any op to some dialects; `.only()` without a list is
    // create_index's `ON ONLY`, which its family handles.
    let only_at = chain
        .methods
        .iter()
        .position(|m| m.name == "only" && matches!(m.args, [Expr { kind: ExprKind::Array(_), .. }]));
    let only = only_at.map(|i| chain.methods.remove(i));
    let Some((_, family)) = OPS.iter().find(|(name, _)| *name == chain.head.name) else {
        match NOT_OPS.iter().find(|(name, _)| *name == chain.head.name) {
            Some((name, usage)) => {
                cx.err(chain.head.name_span, format!("`{name}(..)` is not an op on its own; write `{usage}`"))
            }
            None => cx.unknown(chain.head.name_span, "op", chain.head.name, OP_WORDS),
        }
        return None;
    };
    let mark = cx.mark();
    let op = family(cx, &chain);
    let dialects = only.and_then(|m| words::dialects(cx, &m.args[0]));
    if cx.mark() > mark {
        return None;
    }
    match dialects {
        Some(dialects) => Some(Op::Only(OnlyOn { dialects, op: Box::new(op?) })),
        None => op,
    }
}

/// A nested op given as an argument, e.g. `.definition(create_table(..))`: it must be `word`,
/// and `pick` takes its payload out.
pub(super) fn nested<T>(cx: &mut Cx<'_>, e: &Expr, word: &str, pick: impl FnOnce(Op) -> Option<T>) -> Option<T> {
    match Chain::of(e) {
        Some(c) if c.head.name == word => {
            let picked = pick(op(cx, e)?);
            if picked.is_none() {
                cx.err(
                    e.span,
                    format!("`{word}(..)` inside another op cannot take `.only(..)`; put it on the outer op"),
                );
            }
            picked
        }
        _ => {
            cx.err(e.span, format!("expected `{word}(..)` here, found {}", e.describe()));
            None
        }
    }
}
