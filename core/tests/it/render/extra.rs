//! Identifiers that need quoting, derived downgrades and ops that must be able to run twice.

use super::cases::*;
use super::*;
use pretty_assertions::assert_eq;

// ---- identifiers -------------------------------------------------------------------------------

const ODD_TABLE: &str = r#"odd "t`; DROP x"#;
const ODD_COLUMN: &str = "ñame ü";
const ODD_COLUMN_2: &str = r#"q"x`y;z"#;
const ODD_UNIQUE: &str = r#"u"q`; x"#;
const ODD_INDEX: &str = r#"i"x`; y"#;

fn odd_names_round_trip(dialect: Dialect) {
    let mut db = Db::new(dialect).unwrap();
    db.apply(&Op::CreateTable(
        CreateTable::new(
            ODD_TABLE,
            [Column::new(ODD_COLUMN, T::Varchar(Some(30))).not_null(), Column::new(ODD_COLUMN_2, T::Integer)],
        )
        .constraint(Constraint::unique(ODD_UNIQUE, [ODD_COLUMN])),
    ))
    .unwrap();
    db.apply(&Op::CreateIndex(CreateIndex::new(ODD_INDEX).on(ODD_TABLE, [ODD_COLUMN_2]))).unwrap();
    let (tables, columns, indexes) = match dialect {
        Dialect::Postgres => (
            "SELECT relname AS v FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'",
            "SELECT attname AS v FROM pg_attribute WHERE attrelid = (SELECT oid FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace) AND attnum > 0 ORDER BY attnum",
            "SELECT indexname AS v FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
        ),
        Dialect::Sqlite => (
            "SELECT name AS v FROM sqlite_master WHERE type = 'table'",
            "SELECT p.name AS v FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY p.cid",
            "SELECT il.name AS v FROM sqlite_master m, pragma_index_list(m.name) il WHERE m.type = 'table' AND il.origin = 'c'",
        ),
        Dialect::Mysql => (
            "SELECT TABLE_NAME AS v FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
            "SELECT COLUMN_NAME AS v FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY ORDINAL_POSITION",
            "SELECT DISTINCT INDEX_NAME AS v FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY INDEX_NAME",
        ),
    };
    assert_eq!(db.texts(tables).unwrap(), [ODD_TABLE]);
    assert_eq!(db.texts(columns).unwrap(), [ODD_COLUMN, ODD_COLUMN_2]);
    let mut indexes = db.texts(indexes).unwrap();
    indexes.sort();
    let mut want = vec![ODD_INDEX.to_string(), ODD_UNIQUE.to_string()];
    want.sort();
    if dialect != Dialect::Sqlite {
        assert_eq!(indexes, want);
    } else {
        assert_eq!(indexes, [ODD_INDEX]);
    }
    if let Conn::Lite(c) = &mut db.conn {
        let def = introspect_table(c, ODD_TABLE).unwrap();
        assert_eq!(def.name, ODD_TABLE);
        assert_eq!(def.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), [ODD_COLUMN, ODD_COLUMN_2]);
        assert_eq!(def.constraints[0].name.as_deref(), Some(ODD_UNIQUE));
    }
    // A rename and a drop reach the same objects through the same quoting.
    db.apply(&Op::RenameColumn(RenameColumn::new(ODD_TABLE, ODD_COLUMN_2, "plain"))).unwrap();
    db.apply(&Op::DropIndex(DropIndex::new(ODD_INDEX).on(ODD_TABLE))).unwrap();
    db.apply(&Op::DropTable(DropTable::new(ODD_TABLE))).unwrap();
    assert_eq!(db.texts(tables).unwrap(), Vec::<String>::new());
}

#[test]
fn identifiers_with_quotes_spaces_semicolons_and_non_ascii_round_trip_on_postgres() {
    odd_names_round_trip(Dialect::Postgres);
}

#[test]
fn identifiers_with_quotes_spaces_semicolons_and_non_ascii_round_trip_on_sqlite() {
    odd_names_round_trip(Dialect::Sqlite);
}

#[test]
fn identifiers_with_quotes_spaces_semicolons_and_non_ascii_round_trip_on_mariadb() {
    odd_names_round_trip(Dialect::Mysql);
}

// ---- derived downgrades -------------------------------------------------------------------------

/// Applies `ups`, then their inverses in reverse order (a derived `down`), and checks that the
/// catalog is back to what it was.
fn up_and_derived_down(dialect: Dialect, ups: &[Op]) {
    let mut db = Db::new(dialect).unwrap();
    let before = db.snapshot().unwrap();
    for op in ups {
        db.apply(op).unwrap();
    }
    for op in ups.iter().rev() {
        let inverse = op.reverse().unwrap().unwrap();
        db.apply(&inverse).unwrap_or_else(|e| panic!("downgrading `{}`: {e}", op.kind()));
    }
    let after = db.snapshot().unwrap();
    assert_eq!(after, before, "{}", diff(&before, &after));
}

fn table_with_an_indexed_foreign_key() -> Vec<Op> {
    vec![users(), posts(), Op::CreateIndex(CreateIndex::new("ix_posts_author_id").on("posts", ["author_id"]))]
}

#[test]
fn derived_down_of_a_table_with_an_indexed_foreign_key_runs_on_postgres() {
    up_and_derived_down(Dialect::Postgres, &table_with_an_indexed_foreign_key());
}

#[test]
fn derived_down_of_a_table_with_an_indexed_foreign_key_runs_on_sqlite() {
    up_and_derived_down(Dialect::Sqlite, &table_with_an_indexed_foreign_key());
}

#[test]
fn derived_down_of_a_table_with_an_indexed_foreign_key_runs_on_mariadb() {
    up_and_derived_down(Dialect::Mysql, &table_with_an_indexed_foreign_key());
}

/// The revision that builds an index `CONCURRENTLY`, then the one that promotes it to a
/// constraint: both downgrades run, the second giving the first its index back.
fn promoted_index(key: Constraint) -> Vec<Op> {
    let columns = match &key.kind {
        ConstraintKind::Unique { columns, .. } | ConstraintKind::PrimaryKey { columns, .. } => columns.clone(),
        _ => Vec::new(),
    };
    let index = match &key.kind {
        ConstraintKind::Unique { using_index: Some(ix), .. }
        | ConstraintKind::PrimaryKey { using_index: Some(ix), .. } => ix.clone(),
        _ => String::new(),
    };
    vec![
        users(),
        Op::CreateIndex(
            CreateIndex::new(index).on("users", columns.iter().map(String::as_str)).unique().concurrently(),
        ),
        Op::AddConstraint(AddConstraint::new("users", key)),
    ]
}

#[test]
fn derived_down_of_a_unique_constraint_promoted_from_a_concurrent_index_runs_on_postgres() {
    up_and_derived_down(
        Dialect::Postgres,
        &promoted_index(Constraint::unique("uq_users_email", ["email"]).using_index("ix_users_email")),
    );
}

#[test]
fn derived_down_of_a_primary_key_promoted_from_a_concurrent_index_runs_on_postgres() {
    let mut ops = promoted_index(Constraint::primary_key("pk_users", ["id"]).using_index("ix_users_id"));
    // `users` has its own key: promote on a table without one.
    ops[0] = Op::CreateTable(CreateTable::new("users", [Column::new("id", T::BigInt).not_null()]));
    up_and_derived_down(Dialect::Postgres, &ops);
}

// ---- IF [NOT] EXISTS, native or emulated ---------------------------------------------------------

/// Runs column and index ops with `IF [NOT] EXISTS` twice each: the second run changes nothing.
/// `mariadb` false on the MariaDB server renders what MySQL gets (the emulation).
fn if_exists_ops_run_twice(dialect: Dialect, mariadb: bool) {
    let mut db = Db::new(dialect).unwrap();
    db.apply(&users()).unwrap();
    let before = db.snapshot().unwrap();
    let ops = [
        Op::AddColumn(AddColumn::new("users", Column::new("bio", T::Text)).if_not_exists()),
        Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]).if_not_exists()),
        Op::DropIndex(DropIndex::new("ix_users_age").on("users").if_exists()),
        Op::DropColumn(DropColumn::new("users", "bio").if_exists()),
    ];
    let mut seen = Vec::new();
    for op in &ops {
        let mut runs = Vec::new();
        for _ in 0..2 {
            let ctx = RenderContext { mariadb, ..db.context(op).unwrap() };
            let sql = db.apply_with(op, ctx).unwrap_or_else(|e| panic!("`{}`: {e}", op.kind()));
            runs.push((sql, db.snapshot().unwrap()));
        }
        assert_eq!(runs[0].1, runs[1].1, "`{}` changed the catalog when run again: {:#?}", op.kind(), runs[1].0);
        seen.push(runs[0].1.clone());
    }
    assert!(has(&seen[0], "users.bio"), "{:#?}", seen[0]);
    assert!(has(&seen[1], "ix_users_age"), "{:#?}", seen[1]);
    assert_eq!(db.snapshot().unwrap(), before);
    if dialect == Dialect::Sqlite || (dialect == Dialect::Mysql && !mariadb) {
        // Emulated: the second run of each renders nothing.
        let ctx = RenderContext { mariadb, ..db.context(&ops[3]).unwrap() };
        assert_eq!(render(&ops[3], dialect, &ctx).unwrap(), Vec::<String>::new());
    }
}

#[test]
fn if_exists_column_and_index_ops_can_run_twice_on_postgres() {
    if_exists_ops_run_twice(Dialect::Postgres, false);
}

#[test]
fn if_exists_column_and_index_ops_can_run_twice_on_sqlite() {
    if_exists_ops_run_twice(Dialect::Sqlite, false);
}

#[test]
fn if_exists_column_and_index_ops_can_run_twice_on_mariadb() {
    if_exists_ops_run_twice(Dialect::Mysql, true);
}

#[test]
fn if_exists_column_and_index_ops_emulated_for_mysql_can_run_twice() {
    if_exists_ops_run_twice(Dialect::Mysql, false);
}

/// MySQL's runner reads definitions before a revision runs: a table an earlier op of the same
/// revision creates is not there yet, has no columns or indexes, and gets the plain statements.
#[test]
fn mysql_definitions_read_before_the_table_exists_render_the_plain_statements() {
    let mut db = Db::new(Dialect::Mysql).unwrap();
    let Conn::My(c) = &mut db.conn else { unreachable!() };
    let def = introspect_mysql_table(c, "posts").unwrap();
    assert!(def.columns.is_empty() && def.index_columns.is_empty() && def.foreign_keys.is_empty(), "{def:?}");
    let index = Op::CreateIndex(CreateIndex::new("ix_posts_author_id").on("posts", ["author_id"]).if_not_exists());
    let column = Op::AddColumn(AddColumn::new("posts", Column::new("title", T::Text)).if_not_exists());
    let mut sql = Vec::new();
    for op in [&index, &column] {
        let ctx = RenderContext { mariadb: false, ..db.context(op).unwrap() };
        sql.extend(render(op, Dialect::Mysql, &ctx).unwrap());
    }
    assert_eq!(
        sql,
        ["CREATE INDEX `ix_posts_author_id` ON `posts` (`author_id`)", "ALTER TABLE `posts` ADD COLUMN `title` text",]
    );
    db.apply(&users()).unwrap();
    db.apply(&posts()).unwrap();
    for stmt in &sql {
        db.exec(stmt).unwrap();
    }
    assert!(has(&db.snapshot().unwrap(), "index posts.ix_posts_author_id (author_id)"));
}

// ---- SQLite's rebuild ---------------------------------------------------------------------------

#[test]
fn sqlite_rebuild_keeps_rows_indexes_triggers_and_views() {
    let mut db = Db::new(Dialect::Sqlite).unwrap();
    db.apply(&users()).unwrap();
    db.exec(
        "CREATE INDEX ix_users_email ON users (email);
         CREATE TABLE audit (note TEXT);
         CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (NEW.email); END;
         CREATE VIEW adults AS SELECT email FROM users WHERE email LIKE 'a%';
         INSERT INTO users (email, age) VALUES ('a@example.com', 20), ('b@example.com', NULL);",
    )
    .unwrap();
    let sql = db
        .apply(&Op::AlterColumn(
            AlterColumn::new("users", "age")
                .set_type(T::Text)
                .from_type(T::Integer)
                .set_default(ServerDefault::Value(v("n/a")))
                .from_no_default(),
        ))
        .unwrap();
    assert!(sql.iter().any(|s| s.starts_with("CREATE TABLE \"_retort_new_users\"")), "{sql:#?}");
    assert_eq!(
        db.texts("SELECT email || '=' || IFNULL(age, 'null') || ':' || typeof(age) AS v FROM users ORDER BY id")
            .unwrap(),
        ["a@example.com=20:text", "b@example.com=null:null"]
    );
    assert_eq!(
        db.texts("SELECT name AS v FROM sqlite_master WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY name").unwrap(),
        ["adults", "ix_users_email", "users_audit"]
    );
    db.exec("INSERT INTO users (email) VALUES ('c@example.com')").unwrap();
    assert_eq!(db.texts("SELECT age AS v FROM users WHERE email = 'c@example.com'").unwrap(), ["n/a"]);
    // The copy into the new table fired no trigger; the re-created one fires.
    assert_eq!(db.texts("SELECT note AS v FROM audit").unwrap(), ["a@example.com", "b@example.com", "c@example.com"]);
    assert_eq!(db.texts("SELECT email AS v FROM adults").unwrap(), ["a@example.com"]);
    // The identity keeps counting where it was.
    assert_eq!(db.texts("SELECT CAST(MAX(id) AS TEXT) AS v FROM users").unwrap(), ["3"]);
}

#[test]
fn sqlite_rebuild_refuses_when_enforced_foreign_keys_would_fire() {
    let mut db = Db::new(Dialect::Sqlite).unwrap();
    db.apply(&orgs()).unwrap();
    db.exec("CREATE TABLE members (org_id INTEGER REFERENCES orgs (id) ON DELETE CASCADE); PRAGMA foreign_keys = ON;")
        .unwrap();
    let op = Op::AddConstraint(AddConstraint::new("orgs", Constraint::check("ck_id", "id > 0")));
    let ctx = db.context(&op).unwrap();
    let err = render(&op, Dialect::Sqlite, &ctx).unwrap_err();
    assert!(matches!(&err, RenderError::Invalid { reason, .. } if reason.contains("members")), "{err}");
    db.exec("PRAGMA foreign_keys = OFF").unwrap();
    db.exec("INSERT INTO orgs (id) VALUES (1); INSERT INTO members VALUES (1);").unwrap();
    db.apply(&op).unwrap();
    assert_eq!(db.texts("SELECT CAST(org_id AS TEXT) AS v FROM members").unwrap(), ["1"]);
}

#[test]
fn sqlite_drop_of_a_referencing_column_rebuilds_the_table() {
    let mut db = Db::new(Dialect::Sqlite).unwrap();
    db.apply(&orgs()).unwrap();
    db.apply(&users()).unwrap();
    db.apply(&Op::AddColumn(AddColumn::new("users", Column::new("team_id", T::BigInt).references("orgs", "id"))))
        .unwrap();
    db.exec("INSERT INTO users (email, team_id) VALUES ('a@example.com', NULL)").unwrap();
    let sql = db.apply(&Op::DropColumn(DropColumn::new("users", "team_id"))).unwrap();
    assert!(sql.iter().any(|s| s.starts_with("DROP TABLE")), "{sql:#?}");
    assert_eq!(db.texts("SELECT email AS v FROM users").unwrap(), ["a@example.com"]);
}

// ---- batched backfill ---------------------------------------------------------------------------

fn backfill_in_batches(dialect: Dialect) {
    let mut db = Db::new(dialect).unwrap();
    db.apply(&users()).unwrap();
    db.apply(&Op::AddColumn(AddColumn::new("users", Column::new("email_lower", T::Varchar(Some(255)))))).unwrap();
    let rows: Vec<String> = (0..25).map(|i| format!("('User{i}@Example.com')")).collect();
    db.exec(&format!("INSERT INTO users (email) VALUES {}", rows.join(", "))).unwrap();
    let op = Backfill::new("users").set("email_lower", "lower(email)").where_("email_lower IS NULL");
    let sql = BackfillSql::new(&op, dialect).unwrap();
    let text = if dialect == Dialect::Mysql { "CHAR" } else { "TEXT" };
    assert_eq!(db.texts(&format!("SELECT CAST(row_count AS {text}) AS v FROM ({}) c", sql.count())).unwrap(), ["25"]);
    let mut after: Option<String> = None;
    let mut batches = 0;
    loop {
        batches += 1;
        let end = db
            .texts(&format!("SELECT last_key AS v FROM ({}) b", sql.batch_end(after.as_deref(), 10)))
            .unwrap()
            .into_iter()
            .next();
        db.exec(&sql.update(after.as_deref(), end.as_deref())).unwrap();
        match end {
            Some(end) => after = Some(end),
            None => break,
        }
        assert!(batches < 10, "the batches do not advance");
    }
    assert_eq!(batches, 3);
    backfilled(&mut db).unwrap();
}

#[test]
fn backfill_batches_update_every_row_once_on_postgres() {
    backfill_in_batches(Dialect::Postgres);
}

#[test]
fn backfill_batches_update_every_row_once_on_sqlite() {
    backfill_in_batches(Dialect::Sqlite);
}

#[test]
fn backfill_batches_update_every_row_once_on_mariadb() {
    backfill_in_batches(Dialect::Mysql);
}
