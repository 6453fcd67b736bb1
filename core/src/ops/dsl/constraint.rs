//! Constraint definitions and `add_constraint`, `drop_constraint`, `validate_constraint`.

use super::cx::{Chain, Cx};
use super::expr::{Expr, ExprKind};
use super::words::{CONSTRAINT_TYPES, FK_ACTIONS, INDEX_METHODS};
use crate::ops::{AddConstraint, Constraint, ConstraintKind, DropConstraint, MatchType, Op, ValidateConstraint};

const CONSTRAINT_WORDS: &[&str] = &["primary_key", "unique", "check", "foreign_key", "exclude"];

/// A constraint: `primary_key(..)`, `unique(..)`, `check(..)`, `foreign_key(..)`, `exclude(..)`, with methods.
pub(super) fn constraint(cx: &mut Cx<'_>, e: &Expr) -> Option<Constraint> {
    let Some(c) = Chain::of(e) else {
        cx.err(
            e.span,
            format!("expected a constraint such as `unique(\"name\", [\"column\"])`, found {}", e.describe()),
        );
        return None;
    };
    let mark = cx.mark();
    let head = &c.head;
    let mut con = match head.name {
        "primary_key" | "unique" => {
            let usage = format!("{}(\"name\", [\"column\", ..])", head.name);
            let [name, cols] = cx.args(head, &usage)?;
            let name = cx.string(name, "the constraint name");
            let cols = cx.strings(cols, "the constraint columns");
            if head.name == "unique" {
                Constraint::unique(name?, cols?)
            } else {
                Constraint::primary_key(name?, cols?)
            }
        }
        "check" => {
            let [name, expr] = cx.args(head, "check(\"name\", \"expr\")")?;
            let name = cx.string(name, "the constraint name");
            let expr = cx.string(expr, "the check expression");
            Constraint::check(name?, expr?)
        }
        "foreign_key" => {
            let [name, cols, table, ref_cols] =
                cx.args(head, "foreign_key(\"name\", [\"column\"], \"ref_table\", [\"id\"])")?;
            let name = cx.string(name, "the constraint name");
            let cols = cx.strings(cols, "the referencing columns");
            let table = cx.string(table, "the referenced table");
            let ref_cols = cx.strings(ref_cols, "the referenced columns");
            Constraint::foreign_key(name?, cols?, table?, ref_cols?)
        }
        "exclude" => {
            let [name, method, elements] = cx.args(head, "exclude(\"name\", Gist, [with(\"column\", \"=\"), ..])")?;
            let name = cx.string(name, "the constraint name");
            let method = cx.word(method, "index method", INDEX_METHODS);
            let elements = cx.list(elements, "the exclusion elements", exclude_element);
            Constraint::exclude(name?, method?, elements?)
        }
        other => {
            cx.unknown(head.name_span, "constraint", other, CONSTRAINT_WORDS);
            return None;
        }
    };
    for m in &c.methods {
        let kind_ok = match m.name {
            "on_delete" | "on_update" | "deferrable" | "initially_deferred" | "match_full" | "match_simple" => {
                matches!(con.kind, ConstraintKind::ForeignKey(_)).then_some("foreign_key")
            }
            "where_" => matches!(con.kind, ConstraintKind::Exclude { .. }).then_some("exclude"),
            "using_index" => matches!(con.kind, ConstraintKind::Unique { .. } | ConstraintKind::PrimaryKey { .. })
                .then_some("unique"),
            _ => {
                cx.unknown_method(
                    m,
                    head.name,
                    &[
                        "on_delete",
                        "on_update",
                        "deferrable",
                        "initially_deferred",
                        "match_full",
                        "match_simple",
                        "where_",
                        "using_index",
                    ],
                );
                continue;
            }
        };
        if kind_ok.is_none() {
            let owner = match m.name {
                "where_" => "`exclude(..)`",
                "using_index" => "`unique(..)` and `primary_key(..)`",
                _ => "`foreign_key(..)`",
            };
            cx.err(m.name_span, format!("`.{}(..)` applies to {owner}, not to `{}(..)`", m.name, head.name));
            continue;
        }
        con = match m.name {
            "on_delete" | "on_update" => {
                let usage = format!(".{}(Cascade)", m.name);
                let Some([a]) = cx.args(m, &usage) else { continue };
                let Some(a) = cx.word(a, "foreign key action", FK_ACTIONS) else { continue };
                if m.name == "on_delete" {
                    con.on_delete(a)
                } else {
                    con.on_update(a)
                }
            }
            "deferrable" if cx.flag(m) => con.deferrable(false),
            "initially_deferred" if cx.flag(m) => con.deferrable(true),
            "match_full" if cx.flag(m) => con.match_type(MatchType::Full),
            "match_simple" if cx.flag(m) => con.match_type(MatchType::Simple),
            "where_" => match cx.arg_string(m, ".where_(\"predicate\")", "the predicate") {
                Some(p) => con.where_(p),
                None => continue,
            },
            "using_index" => match cx.arg_string(m, ".using_index(\"index_name\")", "the index name") {
                Some(ix) => con.using_index(ix),
                None => continue,
            },
            _ => continue,
        };
    }
    (cx.mark() == mark).then_some(con)
}

/// `with("column", "operator")`.
fn exclude_element(cx: &mut Cx<'_>, e: &Expr) -> Option<(String, String)> {
    if let ExprKind::Call { name, .. } = &e.kind {
        if name == "with" {
            let call = Chain::of(e)?.head;
            let [expr, op] = cx.args(&call, "with(\"column\", \"operator\")")?;
            let expr = cx.string(expr, "the column or expression");
            let op = cx.string(op, "the operator");
            return Some((expr?, op?));
        }
    }
    cx.err(e.span, format!("expected `with(\"column\", \"operator\")`, found {}", e.describe()));
    None
}

/// `add_constraint("t", constraint)` .not_valid()
pub(super) fn add_constraint(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, con] = cx.args(&c.head, "add_constraint(\"table\", constraint)")?;
    let table = cx.string(table, "the table name");
    let con = constraint(cx, con);
    let mut op = AddConstraint::new(table?, con?);
    for m in &c.methods {
        match m.name {
            "not_valid" if cx.flag(m) => {
                if !matches!(op.constraint.kind, ConstraintKind::Check { .. } | ConstraintKind::ForeignKey(_)) {
                    cx.err(m.name_span, "`.not_valid()` applies to `check(..)` and `foreign_key(..)` constraints only");
                }
                op = op.not_valid();
            }
            "not_valid" => {}
            _ => cx.unknown_method(m, "add_constraint", &["not_valid", "only"]),
        }
    }
    Some(Op::AddConstraint(op))
}

/// `drop_constraint("t", "name", Type)` .if_exists(), or `drop_constraint("t", constraint)` (reversible).
pub(super) fn drop_constraint(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    const USAGE: &str =
        "drop_constraint(\"table\", \"name\", Unique)` or `drop_constraint(\"table\", unique(\"name\", [..]))";
    let mut op = match c.head.args {
        [table, def] => {
            let table = cx.string(table, "the table name");
            let def = constraint(cx, def);
            let def = def?;
            DropConstraint::new(table?, def.name.clone(), def.constraint_type()).definition(def)
        }
        [table, name, ty] => {
            let table = cx.string(table, "the table name");
            let name = cx.string(name, "the constraint name");
            let ty = cx.word(ty, "constraint type", CONSTRAINT_TYPES);
            DropConstraint::new(table?, name?, ty?)
        }
        _ => {
            cx.args::<3>(&c.head, USAGE);
            return None;
        }
    };
    for m in &c.methods {
        match m.name {
            "if_exists" if cx.flag(m) => op = op.if_exists(),
            "if_exists" => {}
            _ => cx.unknown_method(m, "drop_constraint", &["if_exists", "only"]),
        }
    }
    Some(Op::DropConstraint(op))
}

/// `validate_constraint("t", "name")`
pub(super) fn validate_constraint(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, name] = cx.args(&c.head, "validate_constraint(\"table\", \"name\")")?;
    let table = cx.string(table, "the table name");
    let name = cx.string(name, "the constraint name");
    for m in &c.methods {
        cx.unknown_method(m, "validate_constraint", &["only"]);
    }
    Some(Op::ValidateConstraint(ValidateConstraint::new(table?, name?)))
}
