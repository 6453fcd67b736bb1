//! Golden output per dialect for a model with every case diesel's print-schema has a rule for.

use super::{print_schema, rust_name, DieselOptions};
use crate::ops::*;
use crate::schema::{fold, Schema};
use crate::Dialect;

/// The chain: keys (serial, composite, none), nullability, foreign keys (joinable, composite,
/// to a non-key column, two between one pair), comments, a keyword column; on PostgreSQL also
/// an enum and an array.
fn ops(dialect: Dialect) -> Vec<Op> {
    let pg = dialect == d("postgres");
    let mut ops = Vec::new();
    if pg {
        ops.push(Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok", "happy"])));
    }
    let mut users = vec![
        Column::new("id", ColumnType::BigSerial).primary_key().comment("The user's id."),
        Column::new("email", ColumnType::Varchar(Some(255))).not_null().unique(),
        Column::new("type", ColumnType::Text),
        Column::new("active", ColumnType::Boolean).not_null(),
        Column::new("created_at", ColumnType::TimestampTz).not_null(),
        Column::new("born_on", ColumnType::Date),
        Column::new("balance", ColumnType::Numeric(Some((10, 2)))),
        Column::new("token", ColumnType::Uuid),
        Column::new("avatar", ColumnType::Bytes),
    ];
    if pg {
        users.push(Column::new("mood", ColumnType::Enum("mood".into())));
        users.push(Column::new("tags", ColumnType::Array(Box::new(ColumnType::Text))).not_null());
    }
    ops.push(Op::CreateTable(CreateTable::new("users", users).comment("People who sign in.\nOne row each.")));
    ops.push(Op::CreateTable(CreateTable::new(
        "posts",
        [
            Column::new("id", ColumnType::Serial).primary_key(),
            Column::new("user_id", ColumnType::BigInt).not_null().references("users", "id"),
            Column::new("editor_id", ColumnType::BigInt).references("users", "id"),
            Column::new("title", ColumnType::Varchar(Some(200))).not_null(),
            Column::new("score", ColumnType::Double),
        ],
    )));
    ops.push(Op::CreateTable(
        CreateTable::new(
            "memberships",
            [
                Column::new("user_id", ColumnType::BigInt).not_null().references("users", "id"),
                Column::new("group name", ColumnType::Varchar(Some(50))).not_null(),
                Column::new("since", ColumnType::Timestamp),
            ],
        )
        .constraint(Constraint::primary_key("memberships_pkey", ["user_id", "group name"])),
    ));
    ops.push(Op::CreateTable(CreateTable::new(
        "events",
        [Column::new("payload", ColumnType::Json), Column::new("at", ColumnType::Timestamp).not_null()],
    )));
    ops
}

/// The dialect named `name` (core names dialects by their variant only under backend/).
fn d(name: &str) -> Dialect {
    name.parse().expect("a dialect")
}

fn model(dialect: Dialect) -> Schema {
    let mut schema = Schema::default();
    fold::apply_all(&mut schema, &ops(dialect), dialect.name()).expect("the test chain folds");
    schema
}

#[test]
fn postgres_prints_diesel_types_keys_joins_and_the_enum_type() {
    let out = print_schema(&model(d("postgres")), d("postgres"), &DieselOptions::default());
    assert_eq!(
        out,
        r#"// @generated automatically by retort from the migration chain (`migrate schema --diesel`).

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, Clone, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "mood"))]
    pub struct Mood;
}

// The table `events` has no primary key: diesel's `table!` needs one, so it is left out.

diesel::table! {
    memberships (user_id, group_name) {
        user_id -> Int8,
        #[sql_name = "group name"]
        #[max_length = 50]
        group_name -> Varchar,
        since -> Nullable<Timestamp>,
    }
}

diesel::table! {
    posts (id) {
        id -> Int4,
        user_id -> Int8,
        editor_id -> Nullable<Int8>,
        #[max_length = 200]
        title -> Varchar,
        score -> Nullable<Float8>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Mood;

    /// People who sign in.
    /// One row each.
    users (id) {
        /// The user's id.
        id -> Int8,
        #[max_length = 255]
        email -> Varchar,
        #[sql_name = "type"]
        type_ -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamptz,
        born_on -> Nullable<Date>,
        balance -> Nullable<Numeric>,
        token -> Nullable<Uuid>,
        avatar -> Nullable<Bytea>,
        mood -> Nullable<Mood>,
        tags -> Array<Nullable<Text>>,
    }
}

diesel::joinable!(memberships -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(memberships, posts, users,);
"#
    );
}

#[test]
fn sqlite_prints_what_diesel_infers_from_the_declared_types() {
    let out = print_schema(&model(d("sqlite")), d("sqlite"), &DieselOptions::default());
    assert_eq!(
        out,
        r#"// @generated automatically by retort from the migration chain (`migrate schema --diesel`).

// The table `events` has no primary key: diesel's `table!` needs one, so it is left out.

diesel::table! {
    memberships (user_id, group_name) {
        user_id -> BigInt,
        #[sql_name = "group name"]
        group_name -> Text,
        since -> Nullable<Timestamp>,
    }
}

diesel::table! {
    posts (id) {
        id -> Integer,
        user_id -> BigInt,
        editor_id -> Nullable<BigInt>,
        title -> Text,
        score -> Nullable<Double>,
    }
}

diesel::table! {
    users (id) {
        id -> Integer,
        email -> Text,
        #[sql_name = "type"]
        type_ -> Nullable<Text>,
        active -> Bool,
        created_at -> TimestamptzSqlite,
        born_on -> Nullable<Date>,
        balance -> Nullable<Double>,
        token -> Nullable<Text>,
        avatar -> Nullable<Binary>,
    }
}

// No joinable!(memberships -> users (user_id)): memberships.user_id is BigInt but users's key is Integer.

diesel::allow_tables_to_appear_in_same_query!(memberships, posts, users,);
"#
    );
}

#[test]
fn mysql_prints_what_diesel_infers_from_the_column_types() {
    let out = print_schema(&model(d("mysql")), d("mysql"), &DieselOptions::default());
    assert_eq!(
        out,
        r#"// @generated automatically by retort from the migration chain (`migrate schema --diesel`).

// The table `events` has no primary key: diesel's `table!` needs one, so it is left out.

diesel::table! {
    memberships (user_id, group_name) {
        user_id -> Bigint,
        #[sql_name = "group name"]
        #[max_length = 50]
        group_name -> Varchar,
        since -> Nullable<Datetime>,
    }
}

diesel::table! {
    posts (id) {
        id -> Integer,
        user_id -> Bigint,
        editor_id -> Nullable<Bigint>,
        #[max_length = 200]
        title -> Varchar,
        score -> Nullable<Double>,
    }
}

diesel::table! {
    /// People who sign in.
    /// One row each.
    users (id) {
        /// The user's id.
        id -> Bigint,
        #[max_length = 255]
        email -> Varchar,
        #[sql_name = "type"]
        type_ -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        born_on -> Nullable<Date>,
        balance -> Nullable<Decimal>,
        #[max_length = 36]
        token -> Nullable<Char>,
        avatar -> Nullable<Blob>,
    }
}

diesel::joinable!(memberships -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(memberships, posts, users,);
"#
    );
}

#[test]
fn a_single_foreign_key_between_two_tables_is_joinable_and_doc_comments_can_be_left_out() {
    let mut schema = model(d("postgres"));
    // Without the second key from posts to users, diesel joins posts on user_id.
    let posts = schema.table_mut("posts").expect("posts");
    posts.constraints.retain(|_, c| c.columns != ["editor_id"]);
    let options = DieselOptions { doc_comments: false, ..DieselOptions::default() };
    let out = print_schema(&schema, d("postgres"), &options);
    assert!(
        out.contains(
            "diesel::joinable!(memberships -> users (user_id));\ndiesel::joinable!(posts -> users (user_id));\n"
        ),
        "{out}"
    );
    assert!(!out.contains("///"), "{out}");
}

#[test]
fn sqlite_rowid_keys_can_be_bigint_so_that_bigint_foreign_keys_join() {
    let options = DieselOptions { sqlite_integer_primary_key_is_bigint: true, ..DieselOptions::default() };
    let out = print_schema(&model(d("sqlite")), d("sqlite"), &options);
    assert!(out.contains("    users (id) {\n        id -> BigInt,\n"), "{out}");
    // posts.id is an INTEGER PRIMARY KEY too; memberships' composite key is not a rowid.
    assert!(out.contains("    posts (id) {\n        id -> BigInt,\n"), "{out}");
    assert!(out.contains("        user_id -> BigInt,\n        #[sql_name = \"group name\"]"), "{out}");
    assert!(out.contains("diesel::joinable!(memberships -> users (user_id));\n"), "{out}");
}

#[test]
fn names_that_are_not_rust_identifiers_are_renamed_as_diesel_does() {
    assert_eq!(rust_name("type"), "type_");
    assert_eq!(rust_name("group name"), "group_name");
    assert_eq!(rust_name("2fa"), "_2fa");
    assert_eq!(rust_name("user_id"), "user_id");
}

#[test]
fn a_long_table_list_is_one_table_a_line_as_rustfmt_lays_it_out() {
    let mut schema = Schema::default();
    for i in 0..12 {
        let ops = [Op::CreateTable(CreateTable::new(
            format!("table_number_{i:02}"),
            [Column::new("id", ColumnType::Integer).primary_key()],
        ))];
        fold::apply_all(&mut schema, &ops, "sqlite").expect("folds");
    }
    let out = print_schema(&schema, d("sqlite"), &DieselOptions::default());
    assert!(out.ends_with("    table_number_11,\n);\n"), "{out}");
    assert!(out.contains("diesel::allow_tables_to_appear_in_same_query!(\n    table_number_00,\n"), "{out}");
}
