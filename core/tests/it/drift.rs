//! Schema drift on real databases: `check` compares the database with the schema its applied
//! revisions build in a scratch database, names each out-of-band change, reads only, and leaves
//! no scratch database behind.

use pretty_assertions::assert_eq;
use retort::ops::{AddColumn, Column, ColumnType, CreateIndex, CreateTable, CreateView, Execute, Op, TransactionMode};
use retort::runner::{CheckOptions, CheckReport, Database, Migrator, NoopObserver, RunError, RunErrorKind, Settings};
use retort::schema::Change;
use retort::{Dialect, Registry, Revision};
use retort_tests::TestDb;

/// A revision built at run time, leaked to get the `&'static` the registry wants.
fn rev(id: &str, parents: &[&str], up: Vec<Op>) -> &'static Revision {
    Box::leak(Box::new(Revision::from_ops(id, parents, TransactionMode::PerMigration, &up, None)))
}

/// users (with an index and a later column) and a view over it, in two revisions.
fn chain() -> Migrator {
    let users = CreateTable::new(
        "users",
        [
            Column::new("id", ColumnType::BigInt).primary_key(),
            Column::new("email", ColumnType::Varchar(Some(255))).not_null(),
            Column::new("name", ColumnType::Varchar(Some(64))),
        ],
    );
    let a1 = rev(
        "a1",
        &[],
        vec![Op::CreateTable(users), Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"]))],
    );
    let b2 = rev(
        "b2",
        &["a1"],
        vec![
            Op::AddColumn(AddColumn::new("users", Column::new("note", ColumnType::Text))),
            Op::CreateView(CreateView::new("active_users", "SELECT id, email FROM users WHERE email <> ''")),
        ],
    );
    Migrator::new(&Registry::from_revisions(vec![a1, b2]).unwrap(), Settings::default()).unwrap()
}

fn databases() -> Vec<TestDb> {
    vec![TestDb::postgres().unwrap(), TestDb::sqlite().unwrap(), TestDb::mysql().unwrap()]
}

fn applied(db: &TestDb) -> (Migrator, Database) {
    let m = chain();
    let mut conn = Database::connect(db.url()).unwrap();
    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
    (m, conn)
}

fn lines(report: &CheckReport) -> Vec<String> {
    report.drift.as_ref().expect("drift is checked").iter().map(ToString::to_string).collect()
}

/// The scratch database of a report no longer exists.
#[track_caller]
fn scratch_is_gone(report: &CheckReport) {
    let scratch = report.scratch.as_deref().expect("the report names its scratch database");
    assert!(scratch.contains("retort_scratch_"), "{scratch}");
    match scratch.strip_prefix("sqlite://") {
        Some(path) => assert!(!std::path::Path::new(path).exists(), "{path} is left behind"),
        None => {
            let err = Database::connect(scratch).expect_err("the scratch database is dropped");
            assert_eq!(err.kind(), RunErrorKind::Connect, "{err}");
        }
    }
}

#[test]
fn check_after_the_chain_is_applied_reports_no_drift_and_drops_its_scratch_database() {
    for db in databases() {
        let (m, mut conn) = applied(&db);
        let report = m.check(&mut conn).unwrap();
        assert_eq!(lines(&report), Vec::<String>::new(), "{db:?}");
        assert!(report.is_clean(), "{db:?}: {report:?}");
        scratch_is_gone(&report);
    }
}

#[test]
fn out_of_band_changes_are_each_named_with_both_values() {
    for db in databases() {
        let (m, mut conn) = applied(&db);
        let dialect = conn.dialect();
        let (drop_index, retype, replace_view) = match dialect {
            Dialect::Postgres => (
                "DROP INDEX ix_users_email",
                Some("ALTER TABLE users ALTER COLUMN name TYPE text"),
                "CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE email = ''",
            ),
            Dialect::Mysql => (
                "DROP INDEX ix_users_email ON users",
                Some("ALTER TABLE users MODIFY name text"),
                "CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE email = ''",
            ),
            // SQLite changes a column's type only by rebuilding the table.
            _ => (
                "DROP INDEX ix_users_email",
                None,
                "DROP VIEW active_users; CREATE VIEW active_users AS SELECT id, email FROM users WHERE email = ''",
            ),
        };
        conn.batch_execute("ALTER TABLE users ADD COLUMN nick text").unwrap();
        conn.batch_execute(drop_index).unwrap();
        conn.batch_execute(replace_view).unwrap();
        if let Some(sql) = retype {
            conn.batch_execute(sql).unwrap();
        }

        let report = m.check(&mut conn).unwrap();
        assert!(!report.is_clean());
        let found = lines(&report);
        let (view, others): (Vec<String>, Vec<String>) = found.iter().cloned().partition(|l| l.starts_with("view"));
        let mut expected = vec![
            r#"table "users": column "nick": in the database, not in the chain"#.to_string(),
            r#"table "users": index "ix_users_email": in the chain, missing from the database"#.to_string(),
        ];
        // The model is in the ops' terms on every dialect (docs/schema.md).
        let chain_type = "varchar(64)";
        if retype.is_some() {
            expected.insert(
                0,
                format!(r#"table "users": column "name": type is text in the database, {chain_type} in the chain"#),
            );
        }
        assert_eq!(others, expected, "{db:?}");
        assert_eq!(view.len(), 1, "{db:?}: {found:#?}");
        assert!(view[0].starts_with(r#"view "active_users": definition is "#), "{}", view[0]);
        let change = &report.drift.as_ref().unwrap().iter().find(|d| d.object.name == "active_users").unwrap().change;
        let Change::Changed { chain, database, .. } = change else { panic!("{change:?}") };
        assert!(database.contains("= ''") && chain.contains("<> ''"), "{database} / {chain}");
        scratch_is_gone(&report);
    }
}

#[test]
fn check_reads_only_and_leaves_the_database_as_it_was() {
    for db in databases() {
        let (m, mut conn) = applied(&db);
        conn.batch_execute("ALTER TABLE users ADD COLUMN nick text").unwrap();
        let settings = Settings::default();
        let before = (
            retort::runner::read_schema(&mut conn, &settings).unwrap(),
            m.current(&mut conn).unwrap(),
            m.history(&mut conn).unwrap(),
        );
        let report = m.check(&mut conn).unwrap();
        assert_eq!(lines(&report).len(), 1, "{db:?}");
        let after = (
            retort::runner::read_schema(&mut conn, &settings).unwrap(),
            m.current(&mut conn).unwrap(),
            m.history(&mut conn).unwrap(),
        );
        assert_eq!(before, after, "{db:?}");
        assert!(after.0.tables["users"].column("nick").is_some());
    }
}

#[test]
fn a_partially_applied_chain_is_compared_with_the_revisions_its_version_rows_name() {
    let db = TestDb::postgres().unwrap();
    let m = chain();
    let mut conn = Database::connect(db.url()).unwrap();
    m.upgrade(&mut conn, "a1", &mut NoopObserver).unwrap();
    let report = m.check(&mut conn).unwrap();
    // b2 is pending, not drift: the chain up to a1 has no view and no `note`.
    assert_eq!(report.pending, ["b2"]);
    assert_eq!(lines(&report), Vec::<String>::new());
}

#[test]
fn without_the_right_to_create_databases_check_names_the_grant_and_scratch_url() {
    let db = TestDb::postgres().unwrap();
    let (m, mut admin) = applied(&db);
    let role = format!("retort_nocreatedb_{}", std::process::id());
    admin
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN NOCREATEDB; \
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"
        ))
        .unwrap();
    let as_role = |url: &str| url.replacen("postgres@", &format!("{role}@"), 1);
    let mut conn = Database::connect(&as_role(db.url())).unwrap();

    let err = m.check(&mut conn).unwrap_err();
    assert!(matches!(err, RunError::Scratch { .. }) && err.is_usage_error(), "{err:?}");
    let text = err.to_string();
    for needle in ["permission denied to create database", "CREATEDB", "scratch_url"] {
        assert!(text.contains(needle), "{needle} not in: {text}");
    }

    // An empty database the role owns serves as the scratch database, and is emptied after.
    let scratch = TestDb::postgres().unwrap();
    let scratch_name = scratch.url().rsplit('/').next().unwrap().split('?').next().unwrap().to_string();
    admin.batch_execute(&format!("ALTER DATABASE \"{scratch_name}\" OWNER TO {role}")).unwrap();
    let options = CheckOptions::default().scratch_url(Some(as_role(scratch.url())));
    let report = m.check_with(&mut conn, &options).unwrap();
    assert_eq!(lines(&report), Vec::<String>::new());
    let mut scratch_conn = Database::connect(scratch.url()).unwrap();
    assert!(retort::runner::read_schema(&mut scratch_conn, &Settings::default()).unwrap().is_empty());
    drop((scratch_conn, conn));
    drop(scratch);
    admin.batch_execute(&format!("DROP OWNED BY {role}; DROP ROLE {role}")).unwrap();
}

#[test]
fn a_scratch_url_holding_other_objects_is_refused_and_left_alone() {
    let db = TestDb::sqlite().unwrap();
    let (m, mut conn) = applied(&db);
    let scratch = TestDb::sqlite().unwrap();
    let mut scratch_conn = Database::connect(scratch.url()).unwrap();
    scratch_conn.batch_execute("CREATE TABLE keep_me (id INTEGER)").unwrap();
    let options = CheckOptions::default().scratch_url(Some(scratch.url().to_string()));
    let err = m.check_with(&mut conn, &options).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("table keep_me") && text.contains("empty database"), "{text}");
    scratch_conn.batch_execute("SELECT * FROM keep_me").unwrap();

    // What an interrupted check left (its own version table among the chain's) is emptied.
    scratch_conn
        .batch_execute(
            "DROP TABLE keep_me; CREATE TABLE retort_scratch_0123_v (v TEXT); CREATE TABLE users (id INTEGER)",
        )
        .unwrap();
    let report = m.check_with(&mut conn, &options).unwrap();
    assert_eq!(lines(&report), Vec::<String>::new());
    assert!(retort::runner::read_schema(&mut scratch_conn, &Settings::default()).unwrap().is_empty());

    let err = m.check_with(&mut conn, &CheckOptions::default().scratch_url(Some(db.url().to_string()))).unwrap_err();
    assert!(err.to_string().contains("names the database being checked"), "{err}");
}

#[test]
fn a_chain_that_does_not_build_from_scratch_is_a_replay_error_naming_the_scratch_database() {
    let db = TestDb::sqlite().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    // Made by hand before the first revision: the chain depends on it but never creates it.
    conn.batch_execute("CREATE TABLE legacy (id INTEGER)").unwrap();
    let up = vec![Op::Execute(Execute::new("INSERT INTO legacy (id) VALUES (1)"))];
    let m = Migrator::new(&Registry::from_revisions(vec![rev("c3", &[], up)]).unwrap(), Settings::default()).unwrap();
    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
    let err = m.check(&mut conn).unwrap_err();
    assert!(matches!(err, RunError::Replay { .. }) && !err.is_usage_error(), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("retort_scratch_") && text.contains("no such table"), "{text}");

    // Such a chain can still have its bookkeeping checked.
    let report = m.check_with(&mut conn, &CheckOptions::default().skip_drift(true)).unwrap();
    assert!(report.is_clean() && report.drift.is_none() && report.scratch.is_none(), "{report:?}");
}

#[test]
fn database_level_settings_are_copied_to_the_scratch_database() {
    let db = TestDb::postgres().unwrap();
    let name = db.url().rsplit('/').next().unwrap().split('?').next().unwrap().to_string();
    let mut admin = Database::connect(db.url()).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE SCHEMA app; ALTER DATABASE \"{name}\" SET search_path = app, public; \
             ALTER DATABASE \"{name}\" SET DateStyle = 'ISO, DMY'"
        ))
        .unwrap();
    // The settings apply to sessions opened from now on: `01/02/2026` is the 1st of February.
    let mut conn = Database::connect(db.url()).unwrap();
    let up = [
        "CREATE TABLE events (at timestamptz NOT NULL DEFAULT '01/02/2026') PARTITION BY RANGE (at)",
        "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('01/02/2026') TO ('01/03/2026')",
    ];
    let up = up.iter().map(|sql| Op::Execute(Execute::new(*sql))).collect();
    let m = Migrator::new(&Registry::from_revisions(vec![rev("d4", &[], up)]).unwrap(), Settings::default()).unwrap();
    m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap();
    let live = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
    assert_eq!(
        live.tables["events"].partitions["events_2026"],
        "FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')"
    );

    let report = m.check(&mut conn).unwrap();
    assert_eq!(lines(&report), Vec::<String>::new());
    scratch_is_gone(&report);
}

/// A SQLite database that another tool built (SQLAlchemy's spelling: upper-case type names,
/// table-level keys, unquoted or quoted index columns, expression and partial indexes) for the
/// same schema as the chain reports no drift: types and index keys are compared normalized.
#[test]
fn a_sqlite_database_built_by_another_tool_with_the_same_schema_has_no_drift() {
    let db = TestDb::sqlite().unwrap();
    let m = chain();
    let mut conn = Database::connect(db.url()).unwrap();
    conn.batch_execute(
        "CREATE TABLE users (\n\tid BIGINT NOT NULL, \n\temail VARCHAR(255) NOT NULL, \n\tname VARCHAR(64), \n\tPRIMARY KEY (id)\n);\n\
         CREATE INDEX ix_users_email ON users (email);\n\
         ALTER TABLE users ADD COLUMN note TEXT;\n\
         CREATE VIEW active_users AS SELECT id, email FROM users WHERE email <> '';",
    )
    .unwrap();
    m.stamp(&mut conn, "head", false).unwrap();
    let report = m.check(&mut conn).unwrap();
    assert_eq!(lines(&report), Vec::<String>::new());

    // Keys that are expressions, sorted or partial, a unique constraint and a foreign key.
    use retort::ops::IndexColumn;
    let accounts = CreateTable::new(
        "accounts",
        [
            Column::new("id", ColumnType::Integer).primary_key(),
            Column::new("email", ColumnType::Varchar(Some(255))).not_null().unique(),
            Column::new("user_id", ColumnType::BigInt).references("users", "id"),
            Column::new("created", ColumnType::Numeric(Some((10, 2)))),
        ],
    );
    let c1 = rev(
        "c1",
        &[],
        vec![
            Op::CreateTable(accounts),
            Op::CreateIndex(CreateIndex::new("ix_accounts_lower").on("accounts", [IndexColumn::expr("lower(email)")])),
            Op::CreateIndex(
                CreateIndex::new("ix_accounts_created")
                    .on("accounts", [IndexColumn::column("created").desc()])
                    .where_("user_id IS NOT NULL"),
            ),
        ],
    );
    let users = CreateTable::new("users", [Column::new("id", ColumnType::BigInt).primary_key()]);
    let c0 = rev("c0", &[], vec![Op::CreateTable(users)]);
    let c1 =
        Box::leak(Box::new(Revision::from_ops("c1", &["c0"], TransactionMode::PerMigration, &c1.up().unwrap(), None)));
    let m = Migrator::new(&Registry::from_revisions(vec![c0, c1]).unwrap(), Settings::default()).unwrap();
    let db = TestDb::sqlite().unwrap();
    let mut conn = Database::connect(db.url()).unwrap();
    conn.batch_execute(
        "CREATE TABLE users (\n\tid BIGINT NOT NULL, \n\tPRIMARY KEY (id)\n);\n\
         CREATE TABLE accounts (\n\tid INTEGER NOT NULL, \n\temail VARCHAR(255) NOT NULL, \n\tuser_id BIGINT, \n\t\
         created NUMERIC(10, 2), \n\tPRIMARY KEY (id), \n\tUNIQUE (email), \n\t\
         CONSTRAINT accounts_user_id_fkey FOREIGN KEY(user_id) REFERENCES users (id)\n);\n\
         CREATE INDEX ix_accounts_lower ON accounts (lower(\"email\"));\n\
         CREATE INDEX ix_accounts_created ON accounts (\"created\" DESC) WHERE \"user_id\" IS NOT NULL;",
    )
    .unwrap();
    m.stamp(&mut conn, "head", false).unwrap();
    let report = m.check(&mut conn).unwrap();
    assert_eq!(lines(&report), Vec::<String>::new());
}
