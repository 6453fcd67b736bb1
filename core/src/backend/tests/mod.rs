//! The renderer's table-driven test: every op × every dialect, exact SQL or the refusal.

mod cases;
mod versions;

use std::collections::HashMap;

use pretty_assertions::assert_eq;

use super::{
    needs_table_definition, render, Dialect, KeyColumns, RenderContext, RenderError, TableColumn, TableDef,
    ALL_DIALECTS,
};
use cases::{cases, Expect, USERS_INDEX, USERS_SQLITE};

/// The context the cases render with: the definitions of `users` (SQLite's statement, plus the
/// indexes MySQL would report for it) and `posts` (as MySQL reports it: three foreign keys, one
/// served only by `ix_posts_author_id`, one by two indexes, one by the index MySQL made for it);
/// MySQL, not MariaDB.
fn fixture_context(mariadb: bool) -> RenderContext {
    let mut users = TableDef::parse(USERS_SQLITE).unwrap();
    users.indexes = vec![USERS_INDEX.to_string()];
    users.index_columns = vec![
        KeyColumns::new("PRIMARY", ["id"]),
        KeyColumns::new("ix_users_age", ["age"]),
        KeyColumns::new("uq_email", ["email"]),
    ];
    let mut posts = TableDef::new("posts");
    posts.columns = ["id", "author_id", "editor_id", "org_id", "created_at"]
        .map(|c| TableColumn { name: c.into(), ty: "bigint".into(), clauses: Vec::new() })
        .to_vec();
    posts.index_columns = vec![
        KeyColumns::new("PRIMARY", ["id"]),
        KeyColumns::new("ix_posts_author_id", ["author_id"]),
        KeyColumns::new("ix_posts_editor_created", ["editor_id", "created_at"]),
        KeyColumns::new("ix_posts_editor_id", ["editor_id"]),
        KeyColumns::new("posts_org_id_fkey", ["org_id"]),
    ];
    posts.foreign_keys = vec![
        KeyColumns::new("posts_author_id_fkey", ["author_id"]),
        KeyColumns::new("posts_editor_id_fkey", ["editor_id"]),
        KeyColumns::new("posts_org_id_fkey", ["org_id"]),
    ];
    let tables = HashMap::from([("users".to_string(), users), ("posts".to_string(), posts)]);
    RenderContext { server_version_num: None, mariadb, autocommit: false, tables, foreign_keys_enforced: false }
}

fn outcome(result: &Result<Vec<String>, RenderError>) -> String {
    match result {
        Ok(sql) => format!("Sql({sql:#?})"),
        Err(RenderError::Unsupported { .. }) => "Unsupported".into(),
        Err(RenderError::Invalid { .. }) => "Invalid".into(),
        Err(RenderError::NeedsConnection { .. }) => "NeedsConnection".into(),
        Err(other) => format!("{other:?}"),
    }
}

fn expected(e: Expect) -> String {
    match e {
        Expect::Sql(sql) => format!("Sql({:#?})", sql.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
        Expect::Unsupported => "Unsupported".into(),
        Expect::Invalid => "Invalid".into(),
        Expect::NeedsConnection => "NeedsConnection".into(),
    }
}

#[test]
fn every_op_renders_the_exact_sql_or_a_refusal_on_every_dialect() {
    let mut failures = Vec::new();
    for case in cases() {
        let ctx = if case.offline { RenderContext::default() } else { fixture_context(case.mariadb) };
        for (dialect, expect) in ALL_DIALECTS.iter().zip(case.expect) {
            let got = outcome(&render(&case.op, *dialect, &ctx));
            let want = expected(expect);
            if got != want {
                failures.push(format!("{} on {dialect}:\n  want {want}\n  got  {got}", case.name));
            }
        }
    }
    assert_eq!(failures, Vec::<String>::new());
}

#[test]
fn the_table_covers_every_op_variant() {
    let kinds: std::collections::HashSet<_> = cases().iter().map(|c| std::mem::discriminant(&c.op)).collect();
    // 30 op families plus `Only`.
    assert_eq!(kinds.len(), 31);
}

#[test]
fn renders_never_panic_and_refusals_name_the_dialect() {
    for case in cases() {
        for dialect in ALL_DIALECTS {
            if let Err(RenderError::Unsupported { dialect: d, hint, .. }) =
                render(&case.op, dialect, &RenderContext::default())
            {
                assert_eq!(d, dialect);
                assert!(!hint.is_empty(), "{}: empty hint", case.name);
            }
        }
    }
}

#[test]
fn sqlite_rebuilds_mysql_column_changes_emulations_and_mysql_index_drops_ask_for_the_table_definition() {
    use crate::ops::*;
    let alter = Op::AlterColumn(AlterColumn::new("users", "age").set_not_null());
    assert_eq!(needs_table_definition(&alter, Dialect::Sqlite), Some("users"));
    assert_eq!(needs_table_definition(&alter, Dialect::Postgres), None);
    // MODIFY COLUMN restates the parts the op leaves alone from the model's definition.
    assert_eq!(needs_table_definition(&alter, Dialect::Mysql), Some("users"));
    let comment_only = Op::AlterColumn(AlterColumn::new("users", "age").set_comment("years"));
    assert_eq!(needs_table_definition(&comment_only, Dialect::Sqlite), None);
    let plain = Op::AddColumn(AddColumn::new("users", Column::new("nick", ColumnType::Text)));
    assert_eq!(needs_table_definition(&plain, Dialect::Sqlite), None);
    assert_eq!(needs_table_definition(&plain, Dialect::Mysql), None);
    let not_null = Op::AddColumn(AddColumn::new("users", Column::new("nick", ColumnType::Text).not_null()));
    assert_eq!(needs_table_definition(&not_null, Dialect::Sqlite), Some("users"));
    // IF [NOT] EXISTS that SQLite (and MySQL, unlike MariaDB) lacks is emulated from the definition.
    let add_if = Op::AddColumn(AddColumn::new("users", Column::new("nick", ColumnType::Text)).if_not_exists());
    let drop_if = Op::DropColumn(DropColumn::new("users", "nick").if_exists());
    let index_if = Op::CreateIndex(CreateIndex::new("ix").on("users", ["nick"]).if_not_exists());
    for op in [&add_if, &drop_if] {
        assert_eq!(needs_table_definition(op, Dialect::Sqlite), Some("users"));
        assert_eq!(needs_table_definition(op, Dialect::Mysql), Some("users"));
        assert_eq!(needs_table_definition(op, Dialect::Postgres), None);
    }
    assert_eq!(needs_table_definition(&index_if, Dialect::Sqlite), None);
    assert_eq!(needs_table_definition(&index_if, Dialect::Mysql), Some("users"));
    // A MySQL index (or unique constraint) may be the one a foreign key needs.
    let drop_index = Op::DropIndex(DropIndex::new("ix").on("posts"));
    assert_eq!(needs_table_definition(&drop_index, Dialect::Mysql), Some("posts"));
    assert_eq!(needs_table_definition(&drop_index, Dialect::Postgres), None);
    assert_eq!(needs_table_definition(&drop_index, Dialect::Sqlite), None);
    assert_eq!(needs_table_definition(&Op::DropIndex(DropIndex::new("ix")), Dialect::Mysql), None);
    let drop_unique = Op::DropConstraint(DropConstraint::new("posts", "uq", ConstraintType::Unique));
    assert_eq!(needs_table_definition(&drop_unique, Dialect::Mysql), Some("posts"));
    let drop_fk = Op::DropConstraint(DropConstraint::new("posts", "fk", ConstraintType::ForeignKey));
    assert_eq!(needs_table_definition(&drop_fk, Dialect::Mysql), Some("posts"));
    let drop_check = Op::DropConstraint(DropConstraint::new("posts", "ck", ConstraintType::Check));
    assert_eq!(needs_table_definition(&drop_check, Dialect::Mysql), None);
    let elsewhere = Op::Only(OnlyOn { dialects: vec!["postgres".into()], op: Box::new(alter.clone()) });
    assert_eq!(needs_table_definition(&elsewhere, Dialect::Sqlite), None);
    let here = Op::Only(OnlyOn { dialects: vec!["sqlite".into()], op: Box::new(alter) });
    assert_eq!(needs_table_definition(&here, Dialect::Sqlite), Some("users"));
}

#[test]
fn dialects_are_named_and_found_by_url_scheme() {
    for d in ALL_DIALECTS {
        assert_eq!(d.name().parse::<Dialect>().unwrap(), d);
        assert_eq!(Dialect::from_url_scheme(d.name()), Some(d));
    }
    assert_eq!(Dialect::from_url_scheme("postgresql"), Some(Dialect::Postgres));
    assert_eq!(Dialect::from_url_scheme("MariaDB"), Some(Dialect::Mysql));
    assert_eq!(Dialect::from_url_scheme("oracle"), None);
    assert!("oracle".parse::<Dialect>().unwrap_err().to_string().contains("postgres"));
}

#[test]
fn capabilities_match_what_renders() {
    // Each capability that gates an op agrees with the renderer's answer for it.
    use crate::ops::*;
    let ctx = RenderContext::default();
    for d in ALL_DIALECTS {
        let caps = d.capabilities();
        let seq = render(&Op::CreateSequence(CreateSequence::new("s")), d, &ctx);
        assert_eq!(seq.is_ok(), caps.sequences, "{d} sequences");
        let ext = render(&Op::CreateExtension(CreateExtension::new("x")), d, &ctx);
        assert_eq!(ext.is_ok(), caps.extensions, "{d} extensions");
        let mv = render(&Op::CreateView(CreateView::materialized("v", "SELECT 1")), d, &ctx);
        assert_eq!(mv.is_ok(), caps.materialized_views, "{d} materialized views");
        let ix = Op::CreateIndex(CreateIndex::new("ix").on("t", ["a"]).where_("a > 0"));
        assert_eq!(render(&ix, d, &ctx).is_ok(), caps.partial_index, "{d} partial index");
        let inc = Op::CreateIndex(CreateIndex::new("ix").on("t", ["a"]).include(["b"]));
        assert_eq!(render(&inc, d, &ctx).is_ok(), caps.include_columns, "{d} include");
        let validate = render(&Op::ValidateConstraint(ValidateConstraint::new("t", "c")), d, &ctx);
        assert_eq!(validate.is_ok(), caps.not_valid_constraints, "{d} validate");
        let arr =
            Op::CreateTable(CreateTable::new("t", [Column::new("a", ColumnType::Array(Box::new(ColumnType::Text)))]));
        assert_eq!(render(&arr, d, &ctx).is_ok(), caps.arrays, "{d} arrays");
        let comment = render(&Op::SetComment(SetComment::table("t", Some("c".into()))), d, &ctx);
        assert_eq!(comment.is_ok(), caps.comments, "{d} comments");
    }
}

#[test]
fn identifiers_and_literals_are_escaped_for_each_dialect() {
    use super::{quote_ident, quote_literal};
    use crate::ops::Value;
    assert_eq!(quote_ident(Dialect::Postgres, r#"a"b; c"#), r#""a""b; c""#);
    assert_eq!(quote_ident(Dialect::Sqlite, "ñ`x"), r#""ñ`x""#);
    assert_eq!(quote_ident(Dialect::Mysql, r#"a`b"c"#), r#"`a``b"c`"#);
    assert_eq!(quote_literal(Dialect::Postgres, "plain"), "'plain'");
    assert_eq!(quote_literal(Dialect::Postgres, r"it's \"), r"E'it\'s \\'");
    assert_eq!(quote_literal(Dialect::Sqlite, r"it's \"), r"'it''s \'");
    assert_eq!(quote_literal(Dialect::Mysql, r"it's \"), r"'it\'s \\'");
    assert_eq!(quote_literal(Dialect::Mysql, &Value::Null), "NULL");
    assert_eq!(quote_literal(Dialect::Sqlite, &Value::Bool(false)), "FALSE");
    assert_eq!(quote_literal(Dialect::Postgres, &Value::Float(f64::NAN)), "'NaN'");
}

#[test]
fn a_table_definition_can_come_from_the_create_table_op() {
    use crate::ops::*;
    let op = CreateTable::new(
        "users",
        [
            Column::new("id", ColumnType::BigInt).primary_key().identity(),
            Column::new("email", ColumnType::Text).not_null(),
        ],
    )
    .constraint(Constraint::check("ck_email", "email <> ''"));
    let def = TableDef::from_create_table(&op).unwrap();
    assert_eq!(def.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["id", "email"]);
    assert_eq!(def.constraints[0].name.as_deref(), Some("ck_email"));
    let mut ctx = RenderContext::default();
    ctx.tables.insert("users".into(), def);
    let drop = Op::DropConstraint(DropConstraint::new("users", "ck_email", ConstraintType::Check));
    let sql = render(&drop, Dialect::Sqlite, &ctx).unwrap();
    assert_eq!(
        sql[1],
        r#"CREATE TABLE "_retort_new_users" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" text NOT NULL)"#
    );
}

/// One outcome in the case table's own syntax (`Sql(&[r#"…"#])`, `Unsupported`, ...).
fn table_syntax(result: &Result<Vec<String>, RenderError>) -> String {
    match result {
        Ok(sql) => format!("Sql(&[{}])", sql.iter().map(|s| format!("r#\"{s}\"#")).collect::<Vec<_>>().join(", ")),
        Err(_) => outcome(result),
    }
}

fn expected_table_syntax(e: Expect) -> String {
    match e {
        Expect::Sql(sql) => table_syntax(&Ok(sql.iter().map(|s| s.to_string()).collect())),
        other => expected(other),
    }
}

/// The dump that writes new rows of the case table (printed with `RETORT_DUMP=1` and
/// `--nocapture`; review every line before pasting it) reproduces every existing row exactly, so
/// that a pasted dump is in the table's syntax.
#[test]
fn the_dump_reproduces_every_row_of_the_table() {
    let print = std::env::var_os("RETORT_DUMP").is_some();
    let mut differences = Vec::new();
    for case in cases() {
        let ctx = if case.offline { RenderContext::default() } else { fixture_context(case.mariadb) };
        let arms: Vec<String> = ALL_DIALECTS.iter().map(|d| table_syntax(&render(&case.op, *d, &ctx))).collect();
        let want: Vec<String> = case.expect.into_iter().map(expected_table_syntax).collect();
        if arms != want {
            differences.push(format!("{}:\n  dump  [{}]\n  table [{}]", case.name, arms.join(", "), want.join(", ")));
        }
        if print {
            println!("== {}\n[{}]", case.name, arms.join(", "));
        }
    }
    assert_eq!(differences, Vec::<String>::new());
}
