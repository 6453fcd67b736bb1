//! Objects beside tables: comments, extensions, enum types and sequences.

use super::cx::{Call, Chain, Cx};
use super::eval::nested;
use crate::ops::{
    AddEnumValue, CreateEnum, CreateExtension, CreateSequence, DropEnum, DropExtension, DropSequence, Op, SetComment,
};

/// `comment_on_table("t", "text")` .from("old") .from_none()
pub(super) fn comment_on_table(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, text] = cx.args(&c.head, "comment_on_table(\"table\", \"text\")")?;
    let table = cx.string(table, "the table name");
    let text = cx.string(text, "the comment");
    comment_from(cx, c, "comment_on_table", SetComment::table(table?, Some(text?)))
}

/// `comment_on_column("t", "c", "text")` .from("old") .from_none()
pub(super) fn comment_on_column(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [table, column, text] = cx.args(&c.head, "comment_on_column(\"table\", \"column\", \"text\")")?;
    let table = cx.string(table, "the table name");
    let column = cx.string(column, "the column name");
    let text = cx.string(text, "the comment");
    comment_from(cx, c, "comment_on_column", SetComment::column(table?, column?, Some(text?)))
}

fn comment_from(cx: &mut Cx<'_>, c: &Chain<'_>, word: &str, mut op: SetComment) -> Option<Op> {
    for m in &c.methods {
        match m.name {
            "from" => {
                if let Some(old) = cx.arg_string(m, ".from(\"old comment\")", "the old comment") {
                    op = op.from(Some(old));
                }
            }
            "from_none" if cx.flag(m) => op = op.from(None),
            "from_none" => {}
            _ => cx.unknown_method(m, word, &["from", "from_none", "only"]),
        }
    }
    Some(Op::SetComment(op))
}

/// `create_extension("pg_trgm")` .if_not_exists()
pub(super) fn create_extension(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "create_extension(\"name\")", "the extension name")?;
    let mut op = CreateExtension::new(name);
    for m in &c.methods {
        match m.name {
            "if_not_exists" if cx.flag(m) => op = op.if_not_exists(),
            "if_not_exists" => {}
            _ => cx.unknown_method(m, "create_extension", &["if_not_exists", "only"]),
        }
    }
    Some(Op::CreateExtension(op))
}

/// `drop_extension("x")` .if_exists()
pub(super) fn drop_extension(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "drop_extension(\"name\")", "the extension name")?;
    let mut op = DropExtension::new(name);
    for m in &c.methods {
        match m.name {
            "if_exists" if cx.flag(m) => op = op.if_exists(),
            "if_exists" => {}
            _ => cx.unknown_method(m, "drop_extension", &["if_exists", "only"]),
        }
    }
    Some(Op::DropExtension(op))
}

/// `create_enum("mood", ["a", "b"])`
pub(super) fn create_enum(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name, values] = cx.args(&c.head, "create_enum(\"name\", [\"label\", ..])")?;
    let name = cx.string(name, "the type name");
    let values = cx.strings(values, "the labels");
    for m in &c.methods {
        cx.unknown_method(m, "create_enum", &["only"]);
    }
    Some(Op::CreateEnum(CreateEnum::new(name?, values?)))
}

/// `drop_enum("mood")` .values([..])
pub(super) fn drop_enum(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "drop_enum(\"name\")", "the type name")?;
    let mut op = DropEnum::new(name);
    for m in &c.methods {
        match m.name {
            "values" => {
                if let Some(values) = cx.arg_strings(m, ".values([\"label\", ..])", "the labels") {
                    op = op.values(values);
                }
            }
            _ => cx.unknown_method(m, "drop_enum", &["values", "only"]),
        }
    }
    Some(Op::DropEnum(op))
}

/// `add_enum_value("mood", "c")` .before("a") .after("a") .if_not_exists()
pub(super) fn add_enum_value(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name, value] = cx.args(&c.head, "add_enum_value(\"type\", \"label\")")?;
    let name = cx.string(name, "the type name");
    let value = cx.string(value, "the new label");
    let mut op = AddEnumValue::new(name?, value?);
    for m in &c.methods {
        match m.name {
            "before" | "after" => {
                let usage = format!(".{}(\"label\")", m.name);
                let Some(label) = cx.arg_string(m, &usage, "the existing label") else { continue };
                if op.before.is_some() || op.after.is_some() {
                    cx.err(m.name_span, "a label is placed either `.before(..)` or `.after(..)` another, not both");
                }
                op = if m.name == "before" { op.before(label) } else { op.after(label) };
            }
            "if_not_exists" if cx.flag(m) => op = op.if_not_exists(),
            "if_not_exists" => {}
            _ => cx.unknown_method(m, "add_enum_value", &["before", "after", "if_not_exists", "only"]),
        }
    }
    Some(Op::AddEnumValue(op))
}

/// `create_sequence("s")` .start(n) .increment(n) .min_value(n) .max_value(n) .cache(n) .cycle() .owned_by("t", "c")
pub(super) fn create_sequence(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "create_sequence(\"name\")", "the sequence name")?;
    let mut op = CreateSequence::new(name);
    for m in &c.methods {
        op = sequence_method(cx, m, op);
    }
    Some(Op::CreateSequence(op))
}

fn sequence_method(cx: &mut Cx<'_>, m: &Call<'_>, op: CreateSequence) -> CreateSequence {
    let setter: fn(CreateSequence, i64) -> CreateSequence = match m.name {
        "start" => CreateSequence::start,
        "increment" => CreateSequence::increment,
        "min_value" => CreateSequence::min_value,
        "max_value" => CreateSequence::max_value,
        "cache" => CreateSequence::cache,
        "cycle" => return if cx.flag(m) { op.cycle() } else { op },
        "owned_by" => {
            let Some([table, column]) = cx.args(m, ".owned_by(\"table\", \"column\")") else { return op };
            let table = cx.string(table, "the table name");
            let column = cx.string(column, "the column name");
            return match (table, column) {
                (Some(t), Some(c)) => op.owned_by(t, c),
                _ => op,
            };
        }
        _ => {
            let methods = ["start", "increment", "min_value", "max_value", "cache", "cycle", "owned_by", "only"];
            cx.unknown_method(m, "create_sequence", &methods);
            return op;
        }
    };
    match cx.arg_int(m, &format!(".{}(1)", m.name), "the value") {
        Some(v) => setter(op, v),
        None => op,
    }
}

/// `drop_sequence("s")` .definition(create_sequence(..))
pub(super) fn drop_sequence(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let name = cx.arg_string(&c.head, "drop_sequence(\"name\")", "the sequence name")?;
    let mut op = DropSequence::new(name);
    for m in &c.methods {
        match m.name {
            "definition" => {
                let Some([def]) = cx.args(m, ".definition(create_sequence(..))") else { continue };
                let def = nested(cx, def, "create_sequence", |op| match op {
                    Op::CreateSequence(s) => Some(s),
                    _ => None,
                });
                if let Some(def) = def {
                    op = op.definition(def);
                }
            }
            _ => cx.unknown_method(m, "drop_sequence", &["definition", "only"]),
        }
    }
    Some(Op::DropSequence(op))
}
