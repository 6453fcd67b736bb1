//! Well-formedness: the header (ids, parents, a zero `lock_timeout`), and shapes the op model accepts but no database
//! does (duplicate columns, empty column lists, identifiers PostgreSQL would truncate and MySQL
//! refuses, written or generated).

use super::locate;
use crate::error::{msg, Errors, SpanRange};
use crate::eval::Evaluated;
use crate::ops::dsl::{Expr, ExprKind};
use crate::parse::{Lit, Migration, Parents, Stmt};
use crate::safety::{generated_identifiers, identifiers, IDENTIFIER_TOO_LONG};

/// The version table's `version_num varchar(32)`.
const MAX_ID_BYTES: usize = 32;

/// PostgreSQL truncates longer names (MySQL refuses names over 64 bytes).
const MAX_IDENTIFIER_BYTES: usize = 63;

/// Words a target gives a meaning to (`upgrade head`, `downgrade base`, ...), as `core::graph` has them.
const RESERVED: [&str; 4] = ["head", "heads", "base", "current"];

pub(crate) fn check(m: &Migration, ev: &Evaluated, errors: &mut Errors) {
    header(m, errors);
    let stmts = m.up.iter().chain(&m.down).flat_map(|b| &b.stmts);
    for stmt in stmts {
        shapes(m, &stmt.expr, errors);
    }
    let up = m.up.iter().flat_map(|b| &b.stmts).zip(&ev.up);
    let down = m.down.iter().flat_map(|b| &b.stmts).zip(ev.down.iter().flatten());
    for (stmt, op) in up.chain(down) {
        if let Some(op) = op {
            long_identifiers(m, stmt, identifiers(op), errors);
            dotted_identifiers(m, stmt, identifiers(op), errors);
            long_generated_identifiers(m, stmt, generated_identifiers(op), errors);
        }
    }
}

fn header(m: &Migration, errors: &mut Errors) {
    let anchor = SpanRange::single(m.anchor);
    match &m.revision {
        None => errors.at(anchor, msg::missing_revision()),
        Some(id) => id_format("revision id", id, errors),
    }
    let own = |p: &Lit| m.revision.as_ref().is_some_and(|r| r.value == p.value);
    match &m.parents {
        None => errors.at(anchor, msg::missing_parent()),
        Some(Parents::Root) => {}
        Some(Parents::One(p)) => {
            id_format("parent id", p, errors);
            if own(p) {
                errors.at(SpanRange::single(p.span), msg::own_parent(&p.value));
            }
        }
        Some(Parents::Many(list, range)) => {
            if list.len() < 2 {
                errors.at(*range, msg::merge_needs_two());
            }
            for (i, p) in list.iter().enumerate() {
                id_format("parent id", p, errors);
                if own(p) {
                    errors.at(SpanRange::single(p.span), msg::own_parent(&p.value));
                } else if list[..i].iter().any(|q| q.value == p.value) {
                    errors.at(SpanRange::single(p.span), msg::duplicate_parent(&p.value));
                }
            }
        }
    }
    for d in &m.depends_on {
        id_format("dependency id", d, errors);
        if m.revision.as_ref().is_some_and(|r| r.value == d.value) {
            errors.at(SpanRange::single(d.span), msg::depends_on_itself(&d.value));
        }
    }
    for label in &m.branch_labels {
        id_format("branch label", label, errors);
    }
    if let Some(timeout) = m.lock_timeout.filter(|t| t.ms == 0) {
        errors.at(SpanRange::single(timeout.span), msg::zero_lock_timeout());
    }
    match &m.up {
        None => {
            let at = m.down.as_ref().map_or(anchor, |d| SpanRange::single(d.keyword));
            errors.at(at, msg::missing_up());
        }
        // A merge joins branches and may do nothing else; any other revision with nothing to
        // apply is a scaffold left unfilled, which would be recorded as applied all the same.
        Some(up) if up.stmts.is_empty() && up.complete && !matches!(m.parents, Some(Parents::Many(..))) => {
            errors.at(SpanRange::single(up.keyword), msg::empty_up());
        }
        Some(_) => {}
    }
}

fn id_format(what: &str, id: &Lit, errors: &mut Errors) {
    let problem = if id.value.is_empty() {
        "is empty".to_string()
    } else if let Some(c) = id.value.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        if c.is_whitespace() {
            "contains whitespace".to_string()
        } else {
            format!("contains `{c}`")
        }
    } else if RESERVED.contains(&id.value.as_str()) {
        return errors.at(SpanRange::single(id.span), msg::reserved_id(what, &id.value));
    } else if id.value.len() > MAX_ID_BYTES {
        format!("is {} bytes long", id.value.len())
    } else {
        return;
    };
    errors.at(SpanRange::single(id.span), msg::bad_id(what, &id.value, &problem));
}

/// Duplicate columns in `create_table`, empty column lists, `Numeric(p, s)` out of range, and NOT NULL
/// columns defaulting to NULL.
fn shapes(m: &Migration, expr: &Expr, errors: &mut Errors) {
    expr.walk(&mut |node| {
        let (name, args) = match &node.kind {
            ExprKind::Call { name, args, .. } | ExprKind::Method { name, args, .. } => (name.as_str(), args),
            _ => return,
        };
        let empty =
            |i: usize| matches!(args.get(i), Some(Expr { kind: ExprKind::Array(items), .. }) if items.is_empty());
        let at = |i: usize| args.get(i).map(|a| m.spans.get(a.span));
        let empty_list = match name {
            "create_table" if empty(1) => Some(("a table", "create_table(\"t\", [column(\"id\", BigInt)])", 1)),
            "on" if empty(1) => Some(("an index", ".on(\"table\", [\"column\"])", 1)),
            "primary_key" | "unique" if empty(1) => Some(("a key", "unique(\"uq\", [\"column\"])", 1)),
            "foreign_key" if empty(1) || empty(3) => Some((
                "a foreign key",
                "foreign_key(\"fk\", [\"column\"], \"table\", [\"id\"])",
                if empty(1) { 1 } else { 3 },
            )),
            "partition_by" if empty(1) => Some(("a partition key", ".partition_by(Range, [\"column\"])", 1)),
            _ => None,
        };
        if let Some((what, example, i)) = empty_list {
            if let Some(range) = at(i) {
                errors.at(range, msg::empty_list(what, example));
            }
        }
        if name == "create_table" {
            duplicate_columns(m, args, errors);
        }
        if name == "Numeric" {
            numeric_scale(m, args, errors);
        }
        // Each `column(..)` chain is an argument, or an item of an argument, of exactly one node.
        for arg in args {
            match &arg.kind {
                ExprKind::Array(items) => items.iter().for_each(|c| not_null_default_null(m, c, errors)),
                _ => not_null_default_null(m, arg, errors),
            }
        }
    });
}

/// `Numeric(p, s)` with `p == 0` or `s > p`: every database refuses it.
fn numeric_scale(m: &Migration, args: &[Expr], errors: &mut Errors) {
    let (Some(Expr { kind: ExprKind::Int(p), span: p_span }), Some(Expr { kind: ExprKind::Int(s), span: s_span })) =
        (args.first(), args.get(1))
    else {
        return;
    };
    if *p == 0 {
        errors.at(m.spans.get(*p_span), msg::numeric_zero_precision());
    } else if s > p {
        errors.at(m.spans.get(*s_span), msg::numeric_scale_over_precision(*p, *s));
    }
}

/// `column(..).not_null().default(null)` (or `.primary_key()` with `.default(null)`).
fn not_null_default_null(m: &Migration, column: &Expr, errors: &mut Errors) {
    let mut not_null = None;
    let mut null_default = None;
    let mut head = column;
    while let ExprKind::Method { receiver, name, args, .. } = &head.kind {
        match name.as_str() {
            "not_null" | "primary_key" if args.is_empty() => not_null = not_null.or(Some(name.as_str())),
            "default" => {
                if let [Expr { kind: ExprKind::Ident(w), span }] = args.as_slice() {
                    if w == "null" {
                        null_default = Some(*span);
                    }
                }
            }
            _ => {}
        }
        head = receiver;
    }
    if !matches!(&head.kind, ExprKind::Call { name, .. } if name == "column") {
        return;
    }
    if let (Some(flag), Some(span)) = (not_null, null_default) {
        errors.at(m.spans.get(span), msg::not_null_default_null(flag));
    }
}

fn duplicate_columns(m: &Migration, args: &[Expr], errors: &mut Errors) {
    let (Some(Expr { kind: ExprKind::Str(table), .. }), Some(Expr { kind: ExprKind::Array(columns), .. })) =
        (args.first(), args.get(1))
    else {
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    for column in columns {
        // The name is the first argument of the chain's head `column("name", Type)`.
        let mut head = column;
        while let ExprKind::Method { receiver, .. } = &head.kind {
            head = receiver;
        }
        let ExprKind::Call { name, args, .. } = &head.kind else { continue };
        let Some(Expr { kind: ExprKind::Str(col), span }) = args.first() else { continue };
        if name != "column" {
            continue;
        }
        if seen.contains(&col.as_str()) {
            errors.at(m.spans.get(*span), msg::duplicate_column(col, table));
        }
        seen.push(col);
    }
}

fn long_identifiers(m: &Migration, stmt: &Stmt, names: Vec<&str>, errors: &mut Errors) {
    let mut reported: Vec<&str> = Vec::new();
    for name in names {
        if name.len() > MAX_IDENTIFIER_BYTES && !reported.contains(&name) {
            reported.push(name);
            let range =
                locate::string(&m.spans, &stmt.expr, name).unwrap_or_else(|| locate::head(&m.spans, &stmt.expr));
            errors.at(range, msg::identifier_too_long(&IDENTIFIER_TOO_LONG, name));
        }
    }
}

fn dotted_identifiers(m: &Migration, stmt: &Stmt, names: Vec<&str>, errors: &mut Errors) {
    let mut reported: Vec<&str> = Vec::new();
    for name in names {
        if name.contains('.') && !reported.contains(&name) {
            reported.push(name);
            let range =
                locate::string(&m.spans, &stmt.expr, name).unwrap_or_else(|| locate::head(&m.spans, &stmt.expr));
            errors.at(range, msg::dotted_name(name));
        }
    }
}

/// A generated name (the foreign key of an inline `references(..)`) over the limit: reported at
/// the column it comes from, since there is no name in the source to point at.
fn long_generated_identifiers(m: &Migration, stmt: &Stmt, names: Vec<(String, &str)>, errors: &mut Errors) {
    for (name, column) in names {
        if name.len() > MAX_IDENTIFIER_BYTES {
            let range =
                locate::string(&m.spans, &stmt.expr, column).unwrap_or_else(|| locate::head(&m.spans, &stmt.expr));
            errors.at(range, msg::generated_identifier_too_long(&IDENTIFIER_TOO_LONG, &name, column));
        }
    }
}
