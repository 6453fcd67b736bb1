//! Where in a statement to point: the op's head call, a method, a string literal.

use crate::error::SpanRange;
use crate::ops::dsl::{Expr, ExprKind};
use crate::parse::Spans;

/// The op's head call, `create_index("ix")` in `create_index("ix").on(..)`: it names the op
/// without underlining a whole multi-line chain.
pub(crate) fn head(spans: &Spans, expr: &Expr) -> SpanRange {
    match &expr.kind {
        ExprKind::Method { receiver, .. } => head(spans, receiver),
        _ => spans.get(expr.span),
    }
}

/// The first call or method named `word`: `.not_null()` from its name to its `)`.
pub(crate) fn word(spans: &Spans, expr: &Expr, word: &str) -> Option<SpanRange> {
    let mut found = None;
    expr.walk(&mut |node| {
        if found.is_none() {
            if let ExprKind::Call { name, name_span, .. } | ExprKind::Method { name, name_span, .. } = &node.kind {
                if name == word {
                    found = Some(spans.join(*name_span, node.span));
                }
            }
        }
    });
    found
}

/// The first string literal equal to `value`.
pub(crate) fn string(spans: &Spans, expr: &Expr, value: &str) -> Option<SpanRange> {
    let mut found = None;
    expr.walk(&mut |node| {
        if let ExprKind::Str(s) = &node.kind {
            if found.is_none() && s == value {
                found = Some(spans.get(node.span));
            }
        }
    });
    found
}

/// The type in `column("name", Type)`.
pub(crate) fn column_type(spans: &Spans, expr: &Expr, column: &str) -> Option<SpanRange> {
    let mut found = None;
    expr.walk(&mut |node| {
        if let ExprKind::Call { name, args, .. } = &node.kind {
            if let [Expr { kind: ExprKind::Str(s), .. }, ty] = args.as_slice() {
                if found.is_none() && name == "column" && s == column {
                    found = Some(spans.get(ty.span));
                }
            }
        }
    });
    found
}
