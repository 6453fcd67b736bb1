//! Ops rendered from the chain's schema model on real databases: column changes that keep what
//! they do not change, identities, collations, defaults, drift against the model, and derived
//! downgrades restored from it.

use pretty_assertions::assert_eq;
use retort::graph::Direction;
use retort::ops::{
    AddColumn, AlterColumn, Column, ColumnType, CreateIndex, CreateTable, DropTable, Op, ServerDefault,
    TransactionMode, Value,
};
use retort::runner::{Database, NoopObserver, RunErrorKind, Settings};
use retort::{Dialect, Revision};
use retort_tests::TestDb;

use crate::runner::{connect, databases, down, migrator, migrator_with, rev, rows, sql, up};

/// A type change written alone (no `.from_type(..)`, no restated nullability or default) changes
/// only the type, on every dialect, MySQL's whole-column MODIFY included; its derived downgrade
/// sets the type back from the chain's model and keeps the rest: a nullable column stays
/// nullable, a NOT NULL one NOT NULL, with their default and comment.
#[test]
fn a_type_change_written_alone_keeps_and_restores_the_rest_of_the_column() {
    for db in databases() {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let mut revs = Vec::new();
        for (i, nullable) in [true, false].into_iter().enumerate() {
            let table = format!("t_{i}");
            let mut col = Column::new("name", ColumnType::Varchar(Some(50)))
                .default(ServerDefault::Value(Value::Str("x".into())))
                .comment("the name");
            if !nullable {
                col = col.not_null();
            }
            let create =
                Op::CreateTable(CreateTable::new(&table, [Column::new("id", ColumnType::Integer).primary_key(), col]));
            let alter = AlterColumn::new(&table, "name").set_type(ColumnType::Text);
            let create_id = format!("c{i}");
            let parent = revs.last().map(|r: &&Revision| r.id.to_string());
            let parents: Vec<&str> = parent.iter().map(String::as_str).collect();
            revs.push(rev(&create_id, &parents, vec![create.clone()], vec![Op::DropTable(DropTable::new(&table))]));
            let reverse = Op::AlterColumn(alter.reverse().unwrap());
            revs.push(rev(&format!("a{i}"), &[&create_id], vec![Op::AlterColumn(alter)], vec![reverse]));
        }
        let m = migrator(revs);
        let schema = |conn: &mut Database| retort::runner::read_schema(conn, &Settings::default()).unwrap();
        let (before, _) = m.schema_at("c1", dialect).unwrap();
        up(&m, &mut conn, "head");
        let after_up = schema(&mut conn);
        let (model, _) = m.schema_at("head", dialect).unwrap();
        assert_eq!(retort::schema::diff(&model, &after_up), [], "{dialect}: the model after the type changes");
        for table in ["t_0", "t_1"] {
            let column = after_up.tables[table].column("name").unwrap().clone();
            let was = before.tables[table].column("name").unwrap();
            assert_eq!(column.ty, ColumnType::Text, "{dialect} {table}");
            assert_eq!(column.nullable, was.nullable, "{dialect} {table}: nullability kept");
            assert_eq!(column.default.is_some(), was.default.is_some(), "{dialect} {table}: default kept");
            assert_eq!(column.comment, was.comment, "{dialect} {table}: comment kept");
        }
        down(&m, &mut conn, "c1");
        assert_eq!(
            retort::schema::diff(&before, &schema(&mut conn)),
            [],
            "{dialect}: the downgrade restores the column"
        );

        // Offline, the same SQL: the script of the same downgrade names the old type.
        let script = m.offline_sql(dialect, "head:c1", Direction::Downgrade).unwrap();
        assert!(script.to_lowercase().contains("varchar(50)"), "{dialect}: {script}");
    }
}

/// A table that SQLite would rebuild or MySQL restate from the chain's model, but which the
/// database has changed behind the chain's back, stops the run before anything runs, naming the
/// difference; `render_from_catalog` takes the live definition instead.
#[test]
fn a_table_drifted_from_the_model_stops_a_run_that_would_render_from_it() {
    for db in [TestDb::sqlite().unwrap(), TestDb::mysql().unwrap()] {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let create = Op::CreateTable(CreateTable::new(
            "t_items",
            [Column::new("id", ColumnType::Integer).primary_key(), Column::new("name", ColumnType::Varchar(Some(50)))],
        ));
        let alter = AlterColumn::new("t_items", "name").set_type(ColumnType::Text);
        let reverse = Op::AlterColumn(alter.reverse().unwrap());
        let revs = vec![
            rev("c1", &[], vec![create], vec![Op::DropTable(DropTable::new("t_items"))]),
            rev("a1", &["c1"], vec![Op::AlterColumn(alter)], vec![reverse]),
        ];
        let m = migrator(revs.clone());
        up(&m, &mut conn, "c1");
        conn.batch_execute("ALTER TABLE t_items ADD COLUMN extra INTEGER").unwrap();
        let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
        assert_eq!(err.kind(), RunErrorKind::Drift, "{dialect}: {err}");
        let text = err.to_string();
        assert!(text.contains("t_items") && text.contains("extra"), "{dialect}: {text}");
        assert!(text.contains("--render-from-catalog"), "{dialect}: {text}");
        assert_eq!(m.current(&mut conn).unwrap(), rows(&["c1"]), "{dialect}: nothing ran");

        let settings = Settings { render_from_catalog: true, ..Settings::default() };
        let from_catalog = migrator_with(revs, settings);
        assert_eq!(up(&from_catalog, &mut conn, "head"), rows(&["a1"]), "{dialect}");
    }
}

/// A collated column and a VIRTUAL generated one are what the chain's model says they are, on
/// every dialect that has them (the model is what `--sql`, rebuilds and MODIFY COLUMN render from).
#[test]
fn collations_and_virtual_generated_columns_are_modelled_exactly() {
    for db in databases() {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let collation = match dialect {
            Dialect::Postgres => "C",
            Dialect::Sqlite => "NOCASE",
            Dialect::Mysql => "utf8mb4_bin",
        };
        let mut columns = vec![
            Column::new("id", ColumnType::Integer).primary_key(),
            Column::new("name", ColumnType::Varchar(Some(50))).collate(collation),
        ];
        if dialect != Dialect::Postgres {
            columns.push(Column::new("twice", ColumnType::Integer).generated_virtual("id * 2"));
        }
        let create = Op::CreateTable(CreateTable::new("t_collated", columns));
        let m = migrator(vec![rev("c1", &[], vec![create], vec![Op::DropTable(DropTable::new("t_collated"))])]);
        up(&m, &mut conn, "head");
        let live = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
        let (model, _) = m.schema_at("head", dialect).unwrap();
        assert_eq!(retort::schema::diff(&model, &live), [], "{dialect}");
        let name = live.tables["t_collated"].column("name").unwrap();
        assert!(name.collation.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(collation)), "{dialect}: {name:?}");
        if dialect != Dialect::Postgres {
            let twice = live.tables["t_collated"].column("twice").unwrap();
            assert_eq!(twice.generated.as_ref().map(|g| g.stored), Some(false), "{dialect}: {twice:?}");
        }
    }
}

/// An upgrade that restates a nullability the column already has (as MySQL's whole-column
/// MODIFY once required) is undone without flipping it: the derived downgrade keeps a nullable
/// column nullable and a NOT NULL one NOT NULL.
#[test]
fn a_restated_nullability_is_not_flipped_by_the_derived_downgrade() {
    for db in databases() {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let create = Op::CreateTable(CreateTable::new(
            "t_restated",
            [
                Column::new("id", ColumnType::Integer).primary_key(),
                Column::new("maybe", ColumnType::Varchar(Some(50))),
                Column::new("surely", ColumnType::Varchar(Some(50))).not_null(),
            ],
        ));
        let up_ops = vec![
            Op::AlterColumn(
                AlterColumn::new("t_restated", "maybe")
                    .set_type(ColumnType::Text)
                    .from_type(ColumnType::Varchar(Some(50)))
                    .drop_not_null(),
            ),
            Op::AlterColumn(
                AlterColumn::new("t_restated", "surely")
                    .set_type(ColumnType::Text)
                    .from_type(ColumnType::Varchar(Some(50)))
                    .set_not_null(),
            ),
        ];
        let alter =
            Box::leak(Box::new(Revision::from_ops("a1", &["c1"], TransactionMode::PerMigration, &up_ops, None)));
        let m = migrator(vec![rev("c1", &[], vec![create], vec![Op::DropTable(DropTable::new("t_restated"))]), alter]);
        let (before, _) = m.schema_at("c1", dialect).unwrap();
        up(&m, &mut conn, "head");
        down(&m, &mut conn, "c1");
        let live = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
        assert_eq!(retort::schema::diff(&before, &live), [], "{dialect}");
    }
}

/// On SQLite, an index on a column the table lacks is an error, never an index on the string
/// constant SQLite's legacy double-quoted-string rule would make of it (the table here comes from
/// raw SQL, so the chain's model cannot catch it first).
#[test]
fn sqlite_refuses_an_index_on_a_missing_column() {
    let db = TestDb::sqlite().unwrap();
    let mut conn = connect(&db);
    let index = Op::CreateIndex(CreateIndex::new("ix_t_nope").on("t_raw", ["nope"]));
    let m = migrator(vec![
        rev("a1", &[], vec![sql("CREATE TABLE t_raw (a INTEGER)")], vec![sql("DROP TABLE t_raw")]),
        rev("b2", &["a1"], vec![index], vec![]),
    ]);
    let err = m.upgrade(&mut conn, "head", &mut NoopObserver).unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
    assert_eq!(m.current(&mut conn).unwrap(), rows(&["a1"]));
}

/// PostgreSQL identities with their sequence options: created, added, switched between ALWAYS and
/// BY DEFAULT, re-optioned and dropped, the model equal to the catalog at every revision, and the
/// derived downgrades restoring each identity from the model exactly (a dropped ALWAYS identity
/// comes back ALWAYS, with its options). On MariaDB `add_identity` is AUTO_INCREMENT, added and
/// removed, and sequence options refuse.
#[test]
fn identities_with_their_options_change_and_come_back_exactly() {
    use retort::ops::{Identity, SequenceOptions};
    for db in [TestDb::postgres().unwrap(), TestDb::mysql().unwrap()] {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let pg = dialect == Dialect::Postgres;
        let options = SequenceOptions {
            start: Some(100),
            increment: Some(5),
            max: Some(1_000_000),
            cache: Some(10),
            cycle: Some(true),
            ..SequenceOptions::default()
        };
        let id = if pg {
            Column::new("id", ColumnType::BigInt).primary_key().identity_with(Identity { always: true, options })
        } else {
            Column::new("id", ColumnType::BigInt).primary_key()
        };
        let create = Op::CreateTable(CreateTable::new("t_ids", [id, Column::new("n", ColumnType::Integer).not_null()]));
        let derived = |id: &str, parent: &str, ops: Vec<Op>| -> &'static Revision {
            Box::leak(Box::new(Revision::from_ops(id, &[parent], TransactionMode::PerMigration, &ops, None)))
        };
        let a1 = if pg {
            vec![
                Op::AlterColumn(AlterColumn::new("t_ids", "n").add_identity_with(Identity {
                    always: false,
                    options: SequenceOptions { start: Some(7), ..SequenceOptions::default() },
                })),
                Op::AlterColumn(AlterColumn::new("t_ids", "id").set_generated(false).set_identity_options(
                    SequenceOptions { increment: Some(2), cycle: Some(false), ..SequenceOptions::default() },
                )),
            ]
        } else {
            vec![Op::AlterColumn(AlterColumn::new("t_ids", "id").add_identity())]
        };
        let a2 = vec![Op::AlterColumn(AlterColumn::new("t_ids", "id").drop_identity())];
        let m = migrator(vec![
            rev("c1", &[], vec![create], vec![Op::DropTable(DropTable::new("t_ids"))]),
            derived("a1", "c1", a1),
            derived("a2", "a1", a2),
        ]);
        let schema = |conn: &mut Database| retort::runner::read_schema(conn, &Settings::default()).unwrap();
        for target in ["c1", "a1", "a2"] {
            up(&m, &mut conn, target);
            let (model, _) = m.schema_at(target, dialect).unwrap();
            assert_eq!(retort::schema::diff(&model, &schema(&mut conn)), [], "{dialect} at {target}");
        }
        let live = schema(&mut conn);
        assert_eq!(live.tables["t_ids"].column("id").unwrap().identity, None, "{dialect}: dropped");
        for target in ["a1", "c1"] {
            down(&m, &mut conn, target);
            let (model, _) = m.schema_at(target, dialect).unwrap();
            assert_eq!(retort::schema::diff(&model, &schema(&mut conn)), [], "{dialect}: back at {target}");
        }
        let id = schema(&mut conn).tables["t_ids"].column("id").unwrap().clone();
        if pg {
            assert_eq!(id.identity, Some(retort::schema::Identity::Always), "{dialect}: {id:?}");
            let sequence = id.identity_sequence.expect("an identity's sequence");
            assert_eq!(sequence.properties["start"], "100");
            assert_eq!(sequence.properties["increment"], "5");
            assert_eq!(sequence.properties["cycle"], "true");
        } else {
            assert_eq!(id.identity, None, "{dialect}: {id:?}");
            let with_options = Op::CreateTable(CreateTable::new(
                "t_opts",
                [Column::new("id", ColumnType::BigInt)
                    .primary_key()
                    .identity_with(Identity { always: false, options })],
            ));
            let err = retort::backend::render(&with_options, dialect, &Default::default()).unwrap_err();
            assert!(err.to_string().contains("only([postgres])"), "{err}");
        }
    }
}

/// A default holding a backslash or a quote survives MySQL's whole-column `MODIFY COLUMN`
/// (restated from the model, so the model must keep it escaped as the server reads it) and
/// SQLite's rebuild, and the model equals the catalog throughout.
#[test]
fn a_default_with_a_backslash_or_a_quote_is_restated_unchanged() {
    for db in databases() {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let create = Op::CreateTable(CreateTable::new(
            "t_paths",
            [
                Column::new("id", ColumnType::Integer).primary_key(),
                Column::new("path", ColumnType::Varchar(Some(50)))
                    .default(ServerDefault::Value(Value::Str(r"C:\temp\new 'x'".into()))),
            ],
        ));
        let alter = AlterColumn::new("t_paths", "path").set_type(ColumnType::Varchar(Some(80)));
        let a1 = Box::leak(Box::new(Revision::from_ops(
            "a1",
            &["c1"],
            TransactionMode::PerMigration,
            &[Op::AlterColumn(alter)],
            None,
        )));
        let m = migrator(vec![rev("c1", &[], vec![create], vec![Op::DropTable(DropTable::new("t_paths"))]), a1]);
        for target in ["c1", "a1"] {
            up(&m, &mut conn, target);
            let live = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
            let (model, _) = m.schema_at(target, dialect).unwrap();
            assert_eq!(retort::schema::diff(&model, &live), [], "{dialect} at {target}");
        }
        let live = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
        let default = live.tables["t_paths"].column("path").and_then(|c| c.default.clone()).unwrap_or_default();
        assert!(default.contains("temp") && default.contains('x'), "{dialect}: {default}");
        down(&m, &mut conn, "c1");
        let live = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
        let (model, _) = m.schema_at("c1", dialect).unwrap();
        assert_eq!(retort::schema::diff(&model, &live), [], "{dialect}: back at c1");
    }
}

/// A collation changes with `set_collation` (on PostgreSQL along with the type), a type change
/// alone keeps the column's collation on every dialect (PostgreSQL would reset it), MySQL columns
/// take a character set, and the model equals the catalog before, after and back down.
#[test]
fn collations_change_alone_survive_a_type_change_and_mysql_takes_a_character_set() {
    for db in databases() {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let collation = match dialect {
            Dialect::Postgres => "C",
            Dialect::Sqlite => "NOCASE",
            Dialect::Mysql => "utf8mb4_bin",
        };
        let mut columns = vec![
            Column::new("id", ColumnType::Integer).primary_key(),
            Column::new("name", ColumnType::Varchar(Some(50))).collate(collation),
            Column::new("code", ColumnType::Varchar(Some(10))),
        ];
        if dialect == Dialect::Mysql {
            columns.push(Column::new("legacy", ColumnType::Varchar(Some(20))).charset("latin1"));
        }
        let create = Op::CreateTable(CreateTable::new("t_coll", columns));
        let mut code = AlterColumn::new("t_coll", "code").set_collation(Some(collation.to_string()));
        if dialect == Dialect::Postgres {
            code = code.set_type(ColumnType::Varchar(Some(10)));
        }
        let ops = vec![
            Op::AlterColumn(AlterColumn::new("t_coll", "name").set_type(ColumnType::Varchar(Some(80)))),
            Op::AlterColumn(code),
        ];
        let a1 = Box::leak(Box::new(Revision::from_ops("a1", &["c1"], TransactionMode::PerMigration, &ops, None)));
        let m = migrator(vec![rev("c1", &[], vec![create], vec![Op::DropTable(DropTable::new("t_coll"))]), a1]);
        let schema = |conn: &mut Database| retort::runner::read_schema(conn, &Settings::default()).unwrap();
        for target in ["c1", "a1"] {
            up(&m, &mut conn, target);
            let (model, _) = m.schema_at(target, dialect).unwrap();
            assert_eq!(retort::schema::diff(&model, &schema(&mut conn)), [], "{dialect} at {target}");
        }
        let live = schema(&mut conn);
        let collation_of = |c: &str| live.tables["t_coll"].column(c).and_then(|c| c.collation.clone());
        let same = |c: Option<String>| c.is_some_and(|c| c.eq_ignore_ascii_case(collation));
        assert!(same(collation_of("name")), "{dialect}: the type change kept {:?}", collation_of("name"));
        assert!(same(collation_of("code")), "{dialect}: set to {:?}", collation_of("code"));
        if dialect == Dialect::Mysql {
            let legacy = live.tables["t_coll"].column("legacy").unwrap();
            assert_eq!(legacy.charset.as_deref(), Some("latin1"), "{legacy:?}");
        }
        down(&m, &mut conn, "c1");
        let (model, _) = m.schema_at("c1", dialect).unwrap();
        let back = schema(&mut conn);
        assert_eq!(retort::schema::diff(&model, &back), [], "{dialect}: back at c1");
        assert_eq!(back.tables["t_coll"].column("code").unwrap().collation, None, "{dialect}");
    }
}

/// A derived downgrade that drops a table does not first drop that table's own indexes,
/// constraints and columns one by one: one `DROP TABLE` takes them, and the catalog comes back
/// exactly as before, live and offline.
#[test]
fn a_derived_downgrade_drops_a_table_once_without_its_parts() {
    use retort::ops::{AddConstraint, Constraint};
    for db in databases() {
        let mut conn = connect(&db);
        let dialect = conn.dialect();
        let ops = vec![
            Op::CreateTable(CreateTable::new(
                "t_parts",
                [Column::new("id", ColumnType::Integer).primary_key(), Column::new("name", ColumnType::Text)],
            )),
            Op::AddColumn(AddColumn::new("t_parts", Column::new("note", ColumnType::Text))),
            Op::CreateIndex(CreateIndex::new("ix_t_parts_name").on("t_parts", ["note"])),
            Op::AddConstraint(AddConstraint::new("t_parts", Constraint::check("ck_t_parts_name", "name <> ''"))),
        ];
        let c1 = Box::leak(Box::new(Revision::from_ops("c1", &[], TransactionMode::PerMigration, &ops, None)));
        let m = migrator(vec![c1]);
        let before = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
        up(&m, &mut conn, "head");
        let script = m.offline_sql(dialect, "head:base", Direction::Downgrade).unwrap();
        let statements: Vec<&str> =
            script.lines().filter(|l| l.starts_with("DROP") || l.starts_with("ALTER")).collect();
        assert_eq!(statements.len(), 1, "{dialect}: one DROP TABLE, nothing before it:\n{script}");
        assert!(statements[0].starts_with("DROP TABLE"), "{dialect}: {script}");
        down(&m, &mut conn, "base");
        let after = retort::runner::read_schema(&mut conn, &Settings::default()).unwrap();
        assert_eq!(retort::schema::diff(&before, &after), [], "{dialect}: the catalog is back");
    }
}
