//! `create_table`, `drop_table`, `rename_table`.

use super::column::column_def;
use super::constraint::constraint;
use super::cx::{Chain, Cx};
use super::eval::nested;
use super::words::PARTITION_STRATEGIES;
use crate::ops::{CreateTable, DropTable, Op, PartitionBy, RenameTable};

/// `create_table("t", [column(..), ..])` .primary_key([..]) .constraint(c) .if_not_exists() .comment("..") .partition_by(Range, [..])
pub(super) fn create_table(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name, columns] = cx.args(&c.head, "create_table(\"name\", [column(..), ..])")?;
    let name = cx.string(name, "the table name");
    let columns = cx.list(columns, "the columns", column_def);
    let mut t = CreateTable::new(name?, columns?);
    for m in &c.methods {
        match m.name {
            "primary_key" => {
                if let Some(cols) = cx.arg_strings(m, ".primary_key([\"a\", \"b\"])", "the primary key columns") {
                    t = t.primary_key(cols);
                }
            }
            "constraint" => {
                if let Some([con]) = cx.args(m, ".constraint(unique(\"name\", [..]))") {
                    if let Some(con) = constraint(cx, con) {
                        t = t.constraint(con);
                    }
                }
            }
            "if_not_exists" => {
                if cx.flag(m) {
                    t = t.if_not_exists();
                }
            }
            "comment" => {
                if let Some(text) = cx.arg_string(m, ".comment(\"..\")", "the comment") {
                    t = t.comment(text);
                }
            }
            "partition_by" => {
                if let Some([strategy, cols]) = cx.args(m, ".partition_by(Range, [\"column\"])") {
                    let strategy = cx.word(strategy, "partition strategy", PARTITION_STRATEGIES);
                    let columns = cx.strings(cols, "the partition key columns");
                    if let (Some(strategy), Some(columns)) = (strategy, columns) {
                        t = t.partition_by(PartitionBy { strategy, columns });
                    }
                }
            }
            _ => cx.unknown_method(
                m,
                "create_table",
                &["primary_key", "constraint", "if_not_exists", "comment", "partition_by", "only"],
            ),
        }
    }
    Some(Op::CreateTable(t))
}

/// `drop_table("t")` .if_exists() .cascade() .definition(create_table(..))
pub(super) fn drop_table(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [name] = cx.args(&c.head, "drop_table(\"name\")")?;
    let mut t = DropTable::new(cx.string(name, "the table name")?);
    for m in &c.methods {
        match m.name {
            "if_exists" => {
                if cx.flag(m) {
                    t = t.if_exists();
                }
            }
            "cascade" => {
                if cx.flag(m) {
                    t = t.cascade();
                }
            }
            "definition" => {
                if let Some([def]) = cx.args(m, ".definition(create_table(..))") {
                    let def = nested(cx, def, "create_table", |op| match op {
                        Op::CreateTable(t) => Some(t),
                        _ => None,
                    });
                    if let Some(def) = def {
                        t = t.definition(def);
                    }
                }
            }
            _ => cx.unknown_method(m, "drop_table", &["if_exists", "cascade", "definition", "only"]),
        }
    }
    Some(Op::DropTable(t))
}

/// `rename_table("from", "to")`
pub(super) fn rename_table(cx: &mut Cx<'_>, c: &Chain<'_>) -> Option<Op> {
    let [from, to] = cx.args(&c.head, "rename_table(\"from\", \"to\")")?;
    let from = cx.string(from, "the current table name");
    let to = cx.string(to, "the new table name");
    for m in &c.methods {
        cx.unknown_method(m, "rename_table", &["only"]);
    }
    Some(Op::RenameTable(RenameTable::new(from?, to?)))
}
