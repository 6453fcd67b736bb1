//! `schema::diesel::print_schema` against real databases: the schema.rs printed from the chain's
//! model is the one printed from the live catalog after the chain ran, and diesel compiles and
//! runs queries (a join on the `joinable!`, a renamed keyword column, nullable columns)
//! through it on PostgreSQL, SQLite and MariaDB/MySQL.
//!
//! The generated files are checked in under `diesel_schema/` and compiled into this test;
//! `RETORT_BLESS=1` rewrites them after a deliberate change of the generator.

use diesel::prelude::*;
use pretty_assertions::assert_eq;
use retort::backend::ALL_DIALECTS;
use retort::ops::{Column, ColumnType, Constraint, CreateEnum, CreateTable, Op, TransactionMode};
use retort::runner::{read_schema, Database, Migrator, NoopObserver, Settings};
use retort::schema::diesel::{print_schema, DieselOptions};
use retort::schema::{fold, Schema};
use retort::{Dialect, Registry, Revision};
use retort_tests::TestDb;

mod postgres_schema {
    include!("diesel_schema/postgres.rs.in");
}
mod sqlite_schema {
    include!("diesel_schema/sqlite.rs.in");
}
mod mysql_schema {
    include!("diesel_schema/mysql.rs.in");
}

/// Keys (serial, composite, none), nullability, foreign keys, a keyword column; on PostgreSQL
/// also an enum and an array.
fn ops(dialect: Dialect) -> Vec<Op> {
    let pg = dialect == Dialect::Postgres;
    let mut ops = Vec::new();
    if pg {
        ops.push(Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok", "happy"])));
    }
    let mut users = vec![
        Column::new("id", ColumnType::BigSerial).primary_key(),
        Column::new("email", ColumnType::Varchar(Some(255))).not_null(),
        Column::new("type", ColumnType::Text),
        Column::new("active", ColumnType::Boolean).not_null(),
        Column::new("created_at", ColumnType::Timestamp),
        Column::new("balance", ColumnType::Numeric(Some((10, 2)))),
        Column::new("token", ColumnType::Uuid),
        Column::new("avatar", ColumnType::Bytes),
        Column::new("score", ColumnType::Double),
    ];
    if pg {
        users.push(Column::new("mood", ColumnType::Enum("mood".into())));
        users.push(Column::new("tags", ColumnType::Array(Box::new(ColumnType::Text))));
    }
    ops.push(Op::CreateTable(CreateTable::new("users", users)));
    ops.push(Op::CreateTable(
        CreateTable::new(
            "memberships",
            [
                Column::new("user_id", ColumnType::BigInt).not_null().references("users", "id"),
                Column::new("group name", ColumnType::Varchar(Some(50))).not_null(),
                Column::new("since", ColumnType::Date),
            ],
        )
        .constraint(Constraint::primary_key("memberships_pkey", ["user_id", "group name"])),
    ));
    ops.push(Op::CreateTable(CreateTable::new("audit", [Column::new("at", ColumnType::Timestamp)])));
    ops
}

/// The options of the compiled files: SQLite's rowid key as `BigInt`, so that it joins with
/// the `BigInt` key referencing it.
fn options() -> DieselOptions {
    let mut options = DieselOptions::default();
    options.sqlite_integer_primary_key_is_bigint = true;
    options
}

fn chain_model(dialect: Dialect) -> Schema {
    let mut schema = Schema::default();
    fold::apply_all(&mut schema, &ops(dialect), dialect.name()).expect("the chain folds");
    schema
}

fn file(dialect: Dialect) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/it/diesel_schema/{}.rs.in", dialect.name()))
}

#[test]
fn the_compiled_schema_files_are_what_the_chain_prints() {
    for dialect in ALL_DIALECTS {
        let printed = print_schema(&chain_model(dialect), dialect, &options());
        let path = file(dialect);
        if std::env::var_os("RETORT_BLESS").is_some() {
            std::fs::write(&path, &printed).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert_eq!(on_disk, printed, "{} is stale; rerun with RETORT_BLESS=1", path.display());
    }
}

/// Runs the chain on `db` and returns the schema printed from its live catalog, after checking
/// that it is the one printed from the chain.
fn migrated(db: &TestDb) -> String {
    let dialect: Dialect = db.dialect().as_str().parse().unwrap();
    let up = ops(dialect);
    let rev: &'static Revision =
        Box::leak(Box::new(Revision::from_ops("a1", &[], TransactionMode::PerMigration, &up, None)));
    let m = Migrator::new(&Registry::from_revisions(vec![rev]).unwrap(), Settings::default()).unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
    let catalog = read_schema(&mut conn, &Settings::default()).unwrap();
    let from_catalog = print_schema(&catalog, dialect, &options());
    let from_chain = print_schema(&chain_model(dialect), dialect, &options());
    assert_eq!(from_catalog, from_chain, "{db:?}");
    from_catalog
}

#[test]
fn on_postgres_the_live_catalog_prints_the_same_schema_and_diesel_queries_run_through_it() {
    use postgres_schema::{memberships, users};
    let db = TestDb::postgres().unwrap();
    let printed = migrated(&db);
    assert!(printed.contains("tags -> Nullable<Array<Nullable<Text>>>,"), "{printed}");
    let mut conn = PgConnection::establish(db.url()).unwrap();
    diesel::sql_query("INSERT INTO users (email, active, mood, tags) VALUES ('a@x', true, 'ok', '{x}')")
        .execute(&mut conn)
        .unwrap();
    diesel::sql_query("INSERT INTO memberships (user_id, \"group name\") VALUES (1, 'admins')")
        .execute(&mut conn)
        .unwrap();
    let joined: Vec<(i64, String, Option<String>, String)> = memberships::table
        .inner_join(users::table)
        .select((users::id, users::email, users::type_, memberships::group_name))
        .load(&mut conn)
        .unwrap();
    assert_eq!(joined, [(1, "a@x".to_string(), None, "admins".to_string())]);
    let tags: Vec<Option<Vec<Option<String>>>> = users::table.select(users::tags).load(&mut conn).unwrap();
    assert_eq!(tags, [Some(vec![Some("x".to_string())])]);
}

#[test]
fn on_sqlite_the_live_catalog_prints_the_same_schema_and_diesel_queries_run_through_it() {
    use sqlite_schema::{memberships, users};
    let db = TestDb::sqlite().unwrap();
    migrated(&db);
    let path = db.path().expect("a file").to_str().unwrap().to_string();
    let mut conn = SqliteConnection::establish(&path).unwrap();
    diesel::sql_query("INSERT INTO users (email, active) VALUES ('a@x', 1)").execute(&mut conn).unwrap();
    diesel::sql_query("INSERT INTO memberships (user_id, \"group name\") VALUES (1, 'admins')")
        .execute(&mut conn)
        .unwrap();
    let joined: Vec<(i64, String, Option<String>, String, bool)> = memberships::table
        .inner_join(users::table)
        .select((users::id, users::email, users::type_, memberships::group_name, users::active))
        .load(&mut conn)
        .unwrap();
    assert_eq!(joined, [(1, "a@x".to_string(), None, "admins".to_string(), true)]);
}

#[test]
fn on_mysql_the_live_catalog_prints_the_same_schema_and_diesel_queries_run_through_it() {
    use mysql_schema::{memberships, users};
    let db = TestDb::mysql().unwrap();
    migrated(&db);
    let mut conn = MysqlConnection::establish(db.url()).unwrap();
    diesel::sql_query("INSERT INTO users (email, active) VALUES ('a@x', true)").execute(&mut conn).unwrap();
    diesel::sql_query("INSERT INTO memberships (user_id, `group name`) VALUES (1, 'admins')")
        .execute(&mut conn)
        .unwrap();
    let joined: Vec<(i64, String, Option<String>, String, bool)> = memberships::table
        .inner_join(users::table)
        .select((users::id, users::email, users::type_, memberships::group_name, users::active))
        .load(&mut conn)
        .unwrap();
    assert_eq!(joined, [(1, "a@x".to_string(), None, "admins".to_string(), true)]);
}
