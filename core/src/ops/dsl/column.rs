//! `column(..)` definitions and the column ops: `add_column`, `drop_column`, `rename_column`, `alter_column`.

use super::cx::{Call, Chain, Cx};
use super::expr::Expr;
use super::words::{column_type, default, FK_ACTIONS};
use crate::ops::{AddColumn, AlterColumn, Change, Column, DropColumn, Identity, Op, RenameColumn, SequenceOptions};

const COLUMN_METHODS: &[&str] = &[
    "not_null",
    "nullable",
    "default",
    "primary_key",
    "unique",
    "identity",
    "identity_always",
    "generated",
    "generated_virtual",
    "collate",
    "charset",
    "references",
    "on_delete",
    "on_update",
    "check",
    "comment",
];

/// `column("name", Type)` with its methods.
pub(super) fn column_def(cx: &mut Cx<'_>, e: &Expr) -> Option<Column> {
    let c = match Chain::of(e) {
        Some(c) if c.head.name == "column" => c,
        _ => {
            cx.err(e.span, format!("expected `column(\"name\", Type)`, found {}", e.describe()));
            return None;
        }
    };
    let mark = cx.mark();
    let [name, ty] = cx.args(&c.head, "column(\"name\", Type)")?;
    let name = cx.string(name, "the column name");
    let ty = column_type(cx, ty);
    let mut col = Column::new(name?, ty?);
    for m in &c.methods {
        match m.name {
            "not_null" if cx.flag(m) => col = col.not_null(),
            "nullable" if cx.flag(m) => col = col.nullable(),
            "primary_key" if cx.flag(m) => col = col.primary_key(),
            "unique" if cx.flag(m) => col = col.unique(),
            "identity" if cx.flag(m) => col = col.identity(),
            "identity_always" if cx.flag(m) => col = col.identity_always(),
            "not_null" | "nullable" | "primary_key" | "unique" | "identity" | "identity_always" => {}
            "start" | "increment" | "min_value" | "max_value" | "cache" | "cycle" | "no_cycle" => {
                let Some(identity) = col.identity.as_mut() else {
                    cx.err(
                        m.name_span,
                        format!(
                            "`.{}(..)` is an option of the column's identity sequence; write `.identity()` or `.identity_always()` before it",
                            m.name
                        ),
                    );
                    continue;
                };
                sequence_option(cx, m, &mut identity.options);
            }
            "default" => {
                if let Some([v]) = cx.args(m, ".default(value)") {
                    if let Some(v) = default(cx, v) {
                        col = col.default(v);
                    }
                }
            }
            "generated" | "generated_virtual" => {
                let usage = format!(".{}(\"expr\")", m.name);
                if let Some(expr) = cx.arg_string(m, &usage, "the generation expression") {
                    col = if m.name == "generated" { col.generated(expr) } else { col.generated_virtual(expr) };
                }
            }
            "collate" => {
                if let Some(name) = cx.arg_string(m, ".collate(\"name\")", "the collation") {
                    col = col.collate(name);
                }
            }
            "charset" => {
                if let Some(name) = cx.arg_string(m, ".charset(\"name\")", "the character set") {
                    col = col.charset(name);
                }
            }
            "references" => {
                if let Some([table, column]) = cx.args(m, ".references(\"table\", \"column\")") {
                    let table = cx.string(table, "the referenced table");
                    let column = cx.string(column, "the referenced column");
                    if let (Some(t), Some(c)) = (table, column) {
                        col = col.references(t, c);
                    }
                }
            }
            "on_delete" | "on_update" => {
                let usage = format!(".{}(Cascade)", m.name);
                let Some([action]) = cx.args(m, &usage) else { continue };
                let Some(action) = cx.word(action, "foreign key action", FK_ACTIONS) else { continue };
                if col.references.is_none() {
                    cx.err(
                        m.name_span,
                        format!(
                            "`.{}(..)` applies to a reference; write `.references(\"table\", \"column\")` before it",
                            m.name
                        ),
                    );
                } else if m.name == "on_delete" {
                    col = col.on_delete(action);
                } else {
                    col = col.on_update(action);
                }
            }
            "check" => {
                if let Some(expr) = cx.arg_string(m, ".check(\"expr\")", "the check expression") {
                    col = col.check(expr);
                }
            }
            "comment" => {
                if let Some(text) = cx.arg_string(m, ".comment(\"..\")", "the comment") {
                    col = col.comment(text);
                }
            }
            _ => cx.unknown_method(m, "column", &with_sequence_words(COLUMN_METHODS)),
        }
    }
    (cx.mark() == mark).then_some(col)
}

/// `add_column("t", column(..))` .if_not_exists()
pub(super) fn add_column(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, col] = cx.args(&c.head, "add_column(\"table\", column(\"name\", Type))")?;
    let table = cx.string(table, "the table name");
    let col = column_def(cx, col);
    let mut op = AddColumn::new(table?, col?);
    for m in &c.methods {
        match m.name {
            "if_not_exists" if cx.flag(m) => op = op.if_not_exists(),
            "if_not_exists" => {}
            _ => cx.unknown_method(m, "add_column", &["if_not_exists", "only"]),
        }
    }
    Some(Op::AddColumn(op))
}

/// `drop_column("t", "c")` .if_exists() .definition(column(..))
pub(super) fn drop_column(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, name] = cx.args(&c.head, "drop_column(\"table\", \"column\")")?;
    let table = cx.string(table, "the table name");
    let name = cx.string(name, "the column name");
    let mut op = DropColumn::new(table?, name?);
    for m in &c.methods {
        match m.name {
            "if_exists" if cx.flag(m) => op = op.if_exists(),
            "if_exists" => {}
            "definition" => {
                let Some([def]) = cx.args(m, ".definition(column(\"name\", Type))") else { continue };
                let Some(def) = column_def(cx, def) else { continue };
                if def.name != op.name {
                    cx.err(
                        m.args[0].span,
                        format!(
                            "the definition is of column `{}`, but the op drops `{}`; they must match",
                            def.name, op.name
                        ),
                    );
                }
                op = op.definition(def);
            }
            _ => cx.unknown_method(m, "drop_column", &["if_exists", "definition", "only"]),
        }
    }
    Some(Op::DropColumn(op))
}

/// `rename_column("t", "from", "to")`
pub(super) fn rename_column(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, from, to] = cx.args(&c.head, "rename_column(\"table\", \"from\", \"to\")")?;
    let table = cx.string(table, "the table name");
    let from = cx.string(from, "the current column name");
    let to = cx.string(to, "the new column name");
    for m in &c.methods {
        cx.unknown_method(m, "rename_column", &["only"]);
    }
    Some(Op::RenameColumn(RenameColumn::new(table?, from?, to?)))
}

const ALTER_METHODS: &[&str] = &[
    "set_type",
    "from_type",
    "using",
    "reverse_using",
    "set_not_null",
    "drop_not_null",
    "set_default",
    "drop_default",
    "from_default",
    "from_no_default",
    "set_comment",
    "drop_comment",
    "from_comment",
    "set_collation",
    "add_identity",
    "add_identity_always",
    "drop_identity",
    "set_generated_always",
    "set_generated_by_default",
    "only",
];

/// The sequence option words, which `column(..)` and `alter_column(..)` take for an identity.
const SEQUENCE_WORDS: &[&str] = &["start", "increment", "min_value", "max_value", "cache", "cycle", "no_cycle"];

/// `methods` and the sequence option words, for a "did you mean".
fn with_sequence_words(methods: &[&'static str]) -> Vec<&'static str> {
    methods.iter().chain(SEQUENCE_WORDS).copied().collect()
}

/// A sequence option word (`.start(1)`, `.increment(1)`, `.min_value(1)`, `.max_value(1)`,
/// `.cache(1)`, `.cycle()`, `.no_cycle()`) into `options`.
fn sequence_option(cx: &mut Cx<'_>, m: &Call<'_>, options: &mut SequenceOptions) {
    let slot = match m.name {
        "start" => &mut options.start,
        "increment" => &mut options.increment,
        "min_value" => &mut options.min,
        "max_value" => &mut options.max,
        "cache" => &mut options.cache,
        _ => {
            if cx.flag(m) {
                options.cycle = Some(m.name == "cycle");
            }
            return;
        }
    };
    if let Some(v) = cx.arg_int(m, &format!(".{}(1)", m.name), "the value") {
        if m.name == "increment" && v == 0 {
            cx.err(m.name_span, "`.increment(0)`: a sequence's increment cannot be zero");
        }
        *slot = Some(v);
    }
}

/// `alter_column("t", "c")` with one or more changes, each with its old state when known.
pub(super) fn alter_column(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, column] = cx.args(&c.head, "alter_column(\"table\", \"column\")")?;
    let table = cx.string(table, "the table name");
    let column = cx.string(column, "the column name");
    let mut op = AlterColumn::new(table?, column?);
    for m in &c.methods {
        op = alter_method(cx, m, op);
    }
    let unchanged = op.ty.is_none()
        && op.nullable.is_none()
        && op.default.is_none()
        && op.comment.is_none()
        && op.identity.is_none()
        && op.alter_identity.is_none()
        && op.collation.is_none();
    if unchanged && c.methods.is_empty() {
        cx.err(c.head.span, "`alter_column` needs a change, e.g. `.set_type(BigInt).from_type(Integer)`, `.set_not_null()` or `.set_default(0).from_no_default()`");
    }
    Some(Op::AlterColumn(op))
}

fn alter_method(cx: &mut Cx<'_>, m: &Call<'_>, mut op: AlterColumn) -> AlterColumn {
    // The `from_*` and `using` methods describe a change written before them.
    let needs = |cx: &mut Cx<'_>, present: bool, first: &str| {
        if !present {
            cx.err(m.name_span, format!("`.{}(..)` describes a change; write `.{first}(..)` before it", m.name));
        }
        present
    };
    match m.name {
        "set_type" | "from_type" => {
            let Some([ty]) = cx.args(m, &format!(".{}(Type)", m.name)) else { return op };
            let Some(ty) = column_type(cx, ty) else { return op };
            if m.name == "set_type" {
                op.set_type(ty)
            } else if needs(cx, op.ty.is_some(), "set_type") {
                op.from_type(ty)
            } else {
                op
            }
        }
        "using" | "reverse_using" => {
            let Some(expr) = cx.arg_string(m, &format!(".{}(\"expr\")", m.name), "the conversion expression") else {
                return op;
            };
            if !needs(cx, op.ty.is_some(), "set_type") {
                op
            } else if m.name == "using" {
                op.using(expr)
            } else {
                op.reverse_using(expr)
            }
        }
        "set_not_null" if cx.flag(m) => op.set_not_null(),
        "drop_not_null" if cx.flag(m) => op.drop_not_null(),
        "drop_default" if cx.flag(m) => op.drop_default(),
        "drop_comment" if cx.flag(m) => op.drop_comment(),
        "add_identity" if cx.flag(m) => op.add_identity(),
        "add_identity_always" if cx.flag(m) => op.add_identity_with(Identity::always()),
        "drop_identity" if cx.flag(m) => op.drop_identity(),
        "set_generated_always" if cx.flag(m) => op.set_generated(true),
        "set_generated_by_default" if cx.flag(m) => op.set_generated(false),
        "start" | "increment" | "min_value" | "max_value" | "cache" | "cycle" | "no_cycle" => {
            // After `.add_identity()` the options are the new identity's; otherwise they change
            // the existing one's.
            match op.identity.as_deref_mut() {
                Some(Change { to: Some(added), .. }) => sequence_option(cx, m, &mut added.options),
                Some(_) => cx.err(
                    m.name_span,
                    format!("`.{}(..)` has no identity to apply to: the column's identity is dropped", m.name),
                ),
                None => {
                    let mut alter = op.alter_identity.unwrap_or_default();
                    sequence_option(cx, m, &mut alter.options);
                    op.alter_identity = Some(alter);
                }
            }
            op
        }
        "from_no_default" if cx.flag(m) => {
            if needs(cx, op.default.is_some(), "set_default") {
                op.from_no_default()
            } else {
                op
            }
        }
        "set_not_null"
        | "drop_not_null"
        | "drop_default"
        | "drop_comment"
        | "add_identity"
        | "add_identity_always"
        | "drop_identity"
        | "set_generated_always"
        | "set_generated_by_default"
        | "from_no_default" => op,
        "set_default" | "from_default" => {
            let Some([v]) = cx.args(m, &format!(".{}(value)", m.name)) else { return op };
            let Some(v) = default(cx, v) else { return op };
            if m.name == "set_default" {
                op.set_default(v)
            } else if needs(cx, op.default.is_some(), "set_default") {
                op.from_default(v)
            } else {
                op
            }
        }
        "set_collation" => match cx.arg_string(m, ".set_collation(\"name\")", "the collation") {
            Some(name) => op.set_collation(Some(name)),
            None => op,
        },
        "set_comment" | "from_comment" => {
            let Some(text) = cx.arg_string(m, &format!(".{}(\"..\")", m.name), "the comment") else { return op };
            if m.name == "set_comment" {
                op.set_comment(text)
            } else if needs(cx, op.comment.is_some(), "set_comment") {
                op.from_comment(text)
            } else {
                op
            }
        }
        _ => {
            cx.unknown_method(m, "alter_column", &with_sequence_words(ALTER_METHODS));
            op
        }
    }
}
