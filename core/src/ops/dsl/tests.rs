//! Evaluation of hand-built expression trees: each DSL word becomes the builder call it names.

use super::*;
use crate::ops::*;

/// Builds trees tersely; every node gets span 0, since these tests check values, not positions.
fn s(v: &str) -> Expr {
    Expr { kind: ExprKind::Str(v.into()), span: 0 }
}
fn int(v: i64) -> Expr {
    Expr { kind: ExprKind::Int(v), span: 0 }
}
fn word(v: &str) -> Expr {
    Expr { kind: ExprKind::Ident(v.into()), span: 0 }
}
fn list(items: Vec<Expr>) -> Expr {
    Expr { kind: ExprKind::Array(items), span: 0 }
}
fn call(name: &str, args: Vec<Expr>) -> Expr {
    Expr { kind: ExprKind::Call { name: name.into(), name_span: 0, args }, span: 0 }
}
fn span_of(mut e: Expr, id: SpanId) -> Expr {
    e.span = id;
    e
}
trait Chain: Sized {
    fn m(self, name: &str, args: Vec<Expr>) -> Expr;
}
impl Chain for Expr {
    fn m(self, name: &str, args: Vec<Expr>) -> Expr {
        Expr { kind: ExprKind::Method { receiver: Box::new(self), name: name.into(), name_span: 7, args }, span: 0 }
    }
}

fn eval(e: &Expr) -> Result<Op, Vec<DslError>> {
    let mut errors = Vec::new();
    match eval_op(e, &mut errors) {
        Some(op) if errors.is_empty() => Ok(op),
        _ => Err(errors),
    }
}

fn messages(e: &Expr) -> Vec<String> {
    eval(e).err().unwrap_or_default().into_iter().map(|e| e.message).collect()
}

#[test]
fn create_table_evaluates_columns_and_their_methods() {
    let e = call(
        "create_table",
        vec![
            s("user_roles"),
            list(vec![
                call("column", vec![s("id"), word("BigInt")]).m("primary_key", vec![]).m("identity", vec![]),
                call("column", vec![s("user_id"), word("BigInt")])
                    .m("not_null", vec![])
                    .m("references", vec![s("users"), s("id")])
                    .m("on_delete", vec![word("Cascade")]),
                call("column", vec![s("role"), call("Varchar", vec![int(50)])]).m("default", vec![s("member")]),
            ]),
        ],
    );
    let expected = CreateTable::new(
        "user_roles",
        [
            Column::new("id", ColumnType::BigInt).primary_key().identity(),
            Column::new("user_id", ColumnType::BigInt)
                .not_null()
                .references("users", "id")
                .on_delete(ForeignKeyAction::Cascade),
            Column::new("role", ColumnType::Varchar(Some(50)))
                .default(ServerDefault::Value(Value::Str("member".into()))),
        ],
    );
    assert_eq!(eval(&e), Ok(Op::CreateTable(expected)));
}

#[test]
fn sql_default_detects_volatility_and_sql_volatile_forces_it() {
    let col =
        |d: Expr| call("add_column", vec![s("t"), call("column", vec![s("c"), word("Uuid")]).m("default", vec![d])]);
    let Ok(Op::AddColumn(a)) = eval(&col(call("sql", vec![s("gen_random_uuid()")]))) else { panic!() };
    assert!(a.column.default.as_ref().is_some_and(ServerDefault::is_volatile));
    let Ok(Op::AddColumn(b)) = eval(&col(call("sql_volatile", vec![s("my_fn()")]))) else { panic!() };
    assert!(b.column.default.as_ref().is_some_and(ServerDefault::is_volatile));
    let Ok(Op::AddColumn(c)) = eval(&col(call("now", vec![]))) else { panic!() };
    assert_eq!(c.column.default, Some(ServerDefault::Now));
}

#[test]
fn create_index_takes_every_element_form() {
    let e = call("create_index", vec![s("ix")])
        .m(
            "on",
            vec![
                s("t"),
                list(vec![
                    s("a"),
                    call("desc", vec![s("b")]),
                    call("asc", vec![s("c")]).m("nulls_last", vec![]),
                    call("expr", vec![s("lower(email)")]),
                    call("col", vec![s("d")]).m("opclass", vec![s("gin_trgm_ops")]),
                ]),
            ],
        )
        .m("using", vec![word("Gin")])
        .m("concurrently", vec![])
        .m("where_", vec![s("deleted_at IS NULL")]);
    let expected = CreateIndex::new("ix")
        .on(
            "t",
            [
                IndexColumn::column("a"),
                IndexColumn::column("b").desc(),
                IndexColumn::column("c").asc().nulls_last(),
                IndexColumn::expr("lower(email)"),
                IndexColumn::column("d").opclass("gin_trgm_ops"),
            ],
        )
        .using(IndexMethod::Gin)
        .concurrently()
        .where_("deleted_at IS NULL");
    assert_eq!(eval(&e), Ok(Op::CreateIndex(expected)));
}

#[test]
fn only_with_a_dialect_list_wraps_the_op_and_without_one_means_on_only() {
    let base = || call("create_index", vec![s("ix")]).m("on", vec![s("events"), list(vec![s("at")])]);
    let Ok(Op::Only(o)) = eval(&base().m("only", vec![list(vec![word("postgres")])])) else { panic!() };
    assert_eq!(o.dialects, vec!["postgres".to_string()]);
    let Ok(Op::CreateIndex(ix)) = eval(&base().m("only", vec![])) else { panic!() };
    assert!(ix.only);
}

#[test]
fn alter_column_with_old_state_reverses() {
    let e = call("alter_column", vec![s("t"), s("c")])
        .m("set_type", vec![word("BigInt")])
        .m("from_type", vec![word("Integer")])
        .m("set_default", vec![int(0)])
        .m("from_no_default", vec![]);
    let op = eval(&e).unwrap();
    // The reverse puts back the old type and drops the default the up set.
    let back = AlterColumn::new("t", "c")
        .set_type(ColumnType::Integer)
        .from_type(ColumnType::BigInt)
        .drop_default()
        .from_default(ServerDefault::Value(Value::Int(0)));
    assert_eq!(op.reverse(), Ok(Some(Op::AlterColumn(back))));
}

#[test]
fn drop_constraint_with_a_definition_is_reversible() {
    let def = call("foreign_key", vec![s("fk"), list(vec![s("user_id")]), s("users"), list(vec![s("id")])])
        .m("on_delete", vec![word("Cascade")])
        .m("deferrable", vec![]);
    let op = eval(&call("drop_constraint", vec![s("t"), def])).unwrap();
    let Ok(Some(Op::AddConstraint(add))) = op.reverse() else { panic!() };
    assert_eq!(add.constraint.constraint_type(), ConstraintType::ForeignKey);
    let named = eval(&call("drop_constraint", vec![s("t"), s("fk"), word("ForeignKey")])).unwrap();
    assert!(named.reverse().is_err());
}

#[test]
fn every_op_word_evaluates() {
    let table = || call("create_table", vec![s("t"), list(vec![call("column", vec![s("id"), word("BigInt")])])]);
    let bound = || call("range", vec![list(vec![s("2026-01-01")]), list(vec![s("2026-02-01")])]);
    let cases = vec![
        table().m("partition_by", vec![word("Range"), list(vec![s("id")])]),
        call("drop_table", vec![s("t")]).m("definition", vec![table()]),
        call("rename_table", vec![s("a"), s("b")]),
        call("add_column", vec![s("t"), call("column", vec![s("c"), call("Array", vec![word("Text")])])]),
        call("drop_column", vec![s("t"), s("c")]).m("definition", vec![call("column", vec![s("c"), word("Text")])]),
        call("rename_column", vec![s("t"), s("a"), s("b")]),
        call("alter_column", vec![s("t"), s("c")]).m("set_not_null", vec![]),
        call("create_index", vec![s("ix")]).m("on", vec![s("t"), list(vec![s("c")])]),
        call("drop_index", vec![s("ix")]).m("on", vec![s("t")]),
        call("add_constraint", vec![s("t"), call("check", vec![s("ck"), s("c > 0")])]).m("not_valid", vec![]),
        call("drop_constraint", vec![s("t"), s("ck"), word("Check")]),
        call("validate_constraint", vec![s("t"), s("ck")]),
        call("comment_on_table", vec![s("t"), s("x")]).m("from_none", vec![]),
        call("comment_on_column", vec![s("t"), s("c"), s("x")]).m("from", vec![s("y")]),
        call("create_extension", vec![s("pg_trgm")]).m("if_not_exists", vec![]),
        call("drop_extension", vec![s("pg_trgm")]).m("if_exists", vec![]),
        call("create_enum", vec![s("mood"), list(vec![s("a"), s("b")])]),
        call("drop_enum", vec![s("mood")]).m("values", vec![list(vec![s("a")])]),
        call("add_enum_value", vec![s("mood"), s("c")]).m("after", vec![s("b")]),
        call("create_sequence", vec![s("seq")])
            .m("start", vec![int(1)])
            .m("cycle", vec![])
            .m("owned_by", vec![s("t"), s("c")]),
        call("drop_sequence", vec![s("seq")]).m("definition", vec![call("create_sequence", vec![s("seq")])]),
        call("create_view", vec![s("v"), s("SELECT 1")]).m("replaces", vec![s("SELECT 0")]),
        call("create_materialized_view", vec![s("mv"), s("SELECT 1")]).m("with_no_data", vec![]),
        call("drop_view", vec![s("v")]).m("if_exists", vec![]),
        call("drop_materialized_view", vec![s("mv")]).m("cascade", vec![]),
        call("rename_view", vec![s("a"), s("b")]).m("materialized", vec![]),
        call("refresh_materialized_view", vec![s("mv")]).m("concurrently", vec![]),
        call("create_partition", vec![s("p"), s("events"), bound()]).m("standalone", vec![s("at")]),
        call("attach_partition", vec![s("events"), s("p"), call("list", vec![list(vec![s("eu")])])]),
        call("detach_partition", vec![s("events"), s("p")]).m("bound", vec![call("hash", vec![int(4), int(0)])]),
        call("execute", vec![s("SELECT 1")]),
        call("bulk_insert", vec![s("t"), list(vec![s("a")]), list(vec![list(vec![int(1)])])]),
        call("backfill", vec![s("t")]).m("set", vec![s("c"), s("1")]).m("batch_size", vec![int(500)]),
    ];
    assert_eq!(cases.len(), OP_WORDS.len());
    for (case, word) in cases.iter().zip(OP_WORDS) {
        let op = eval(case).unwrap_or_else(|e| panic!("{word}: {e:?}"));
        let kind = match word {
            &"comment_on_table" | &"comment_on_column" => "set_comment",
            &"create_materialized_view" => "create_view",
            &"drop_materialized_view" => "drop_view",
            w => w,
        };
        assert_eq!(op.kind(), kind);
    }
}

#[test]
fn a_misspelled_op_names_the_closest_words() {
    assert_eq!(messages(&call("create_tabel", vec![])), ["unknown op `create_tabel`; did you mean `create_table`?"]);
}

#[test]
fn a_misspelled_method_names_the_closest_methods_of_that_op() {
    let e = call("create_index", vec![s("ix")]).m("on", vec![s("t"), list(vec![s("c")])]).m("concurently", vec![]);
    assert_eq!(messages(&e), ["unknown method `.concurently` of `create_index`; did you mean `.concurrently`?"]);
}

#[test]
fn a_variable_where_a_name_belongs_asks_for_a_string_literal() {
    let e = call("drop_table", vec![span_of(word("TABLE"), 3)]);
    let errors = eval(&e).unwrap_err();
    assert_eq!(errors[0].span, 3);
    assert!(
        errors[0].message.starts_with("expected a string literal for the table name, found `TABLE`"),
        "{}",
        errors[0].message
    );
}

#[test]
fn errors_accumulate_within_one_op() {
    let e = call(
        "create_table",
        vec![
            s("t"),
            list(vec![call("column", vec![s("a"), word("Bigint")]), call("column", vec![s("b"), word("Txt")])]),
        ],
    );
    let m = messages(&e);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].contains("did you mean `BigInt`"), "{m:?}");
    assert!(m[1].contains("did you mean `Text`"), "{m:?}");
}

#[test]
fn wrong_argument_count_quotes_the_expected_form() {
    let m = messages(&call("rename_column", vec![s("t"), s("a")]));
    assert_eq!(
        m,
        ["`rename_column` takes 3 arguments; write `rename_column(\"table\", \"from\", \"to\")` (found 2 arguments)"]
    );
}

#[test]
fn a_bulk_insert_row_of_the_wrong_width_is_an_error() {
    let e = call("bulk_insert", vec![s("t"), list(vec![s("a"), s("b")]), list(vec![list(vec![int(1)])])]);
    assert_eq!(messages(&e), ["this row has 1 values for 2 columns; give one value per column"]);
}

#[test]
fn from_type_before_set_type_says_to_write_set_type_first() {
    let e = call("alter_column", vec![s("t"), s("c")]).m("from_type", vec![word("Integer")]);
    assert!(messages(&e)[0].contains("write `.set_type(..)` before it"));
}

#[test]
fn on_delete_without_references_is_an_error() {
    let e = call(
        "add_column",
        vec![s("t"), call("column", vec![s("c"), word("BigInt")]).m("on_delete", vec![word("Cascade")])],
    );
    assert!(messages(&e)[0].contains("write `.references(\"table\", \"column\")` before it"));
}

#[test]
fn a_column_builder_written_as_a_statement_points_to_its_op() {
    let m = messages(&call("column", vec![s("c"), word("Text")]));
    assert_eq!(m, ["`column(..)` is not an op on its own; write `add_column(\"table\", column(..))`"]);
}

#[test]
fn closest_ignores_words_that_are_not_close() {
    assert!(closest("frobnicate", OP_WORDS).is_empty());
    assert_eq!(closest("drop_tabel", OP_WORDS), ["drop_table"]);
}

#[test]
fn identity_options_follow_the_identity_and_alter_column_changes_them() {
    let col = call("column", vec![s("id"), word("BigInt")])
        .m("identity_always", vec![])
        .m("start", vec![int(100)])
        .m("increment", vec![int(5)])
        .m("cycle", vec![]);
    let Ok(Op::AddColumn(add)) = eval(&call("add_column", vec![s("t"), col])) else { panic!("add_column") };
    let identity = add.column.identity.expect("an identity");
    assert!(identity.always);
    assert_eq!(
        identity.options,
        SequenceOptions { start: Some(100), increment: Some(5), cycle: Some(true), ..SequenceOptions::default() }
    );
    let Some(Op::AlterColumn(alter)) = eval(
        &call("alter_column", vec![s("t"), s("id")]).m("set_generated_by_default", vec![]).m("cache", vec![int(20)]),
    )
    .ok() else {
        panic!("alter_column")
    };
    let changed = alter.alter_identity.expect("an identity change");
    assert_eq!(changed.always, Some(false));
    assert_eq!(changed.options.cache, Some(20));
    assert_eq!(alter.reverse().map(|r| r.restore), Ok(vec![ColumnPart::Identity]));
    let Ok(Op::AlterColumn(added)) =
        eval(&call("alter_column", vec![s("t"), s("n")]).m("add_identity", vec![]).m("start", vec![int(7)]))
    else {
        panic!("add_identity")
    };
    assert_eq!(added.identity.and_then(|c| c.to).and_then(|i| i.options.start), Some(7));

    let alone = call("column", vec![s("n"), word("BigInt")]).m("start", vec![int(1)]);
    let errors = messages(&call("add_column", vec![s("t"), alone]));
    assert!(errors.iter().any(|m| m.contains("write `.identity()`")), "{errors:?}");
}
