//! Every op rendered and executed on real PostgreSQL, SQLite and MariaDB, then reversed.
//!
//! Each scenario gets a fresh database, runs its setup ops, takes a catalog snapshot (columns,
//! indexes, constraints, views, comments, types, sequences, partitions), applies the op, checks
//! that the snapshot shows the effect, applies the inverse (`op.reverse()` or the scenario's own
//! `down`) and checks that the snapshot is back to what it was. (One file on purpose: the
//! scenarios read together with the harness and the snapshot queries they run against.)

use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, MysqlConnection, PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};
use pretty_assertions::assert_eq;
use retort::backend::{
    introspect_mysql_table, introspect_table, needs_table_definition, render, BackfillSql, RenderContext, RenderError,
    TableDef,
};
use retort::ops::*;
use retort::Dialect;
use retort_tests::TestDb;

use ColumnType as T;

// ---- a connection to a throwaway database ----------------------------------------------------

enum Conn {
    Pg(PgConnection),
    Lite(SqliteConnection),
    My(MysqlConnection),
}

/// A throwaway database and a connection to it (the connection is declared first, so it closes
/// before the database is dropped).
struct Db {
    conn: Conn,
    dialect: Dialect,
    mariadb: bool,
    _db: TestDb,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    v: String,
}

impl Db {
    fn new(dialect: Dialect) -> Result<Db, String> {
        let db = match dialect {
            Dialect::Postgres => TestDb::postgres(),
            Dialect::Sqlite => TestDb::sqlite(),
            Dialect::Mysql => TestDb::mysql(),
        }
        .map_err(|e| format!("no {dialect} test database: {e}"))?;
        let conn = match dialect {
            Dialect::Postgres => Conn::Pg(PgConnection::establish(db.url()).map_err(|e| e.to_string())?),
            Dialect::Sqlite => {
                let path = db.path().ok_or("the SQLite test database has no file")?.to_string_lossy().into_owned();
                Conn::Lite(SqliteConnection::establish(&path).map_err(|e| e.to_string())?)
            }
            Dialect::Mysql => {
                let url = db.url().replacen("mariadb://", "mysql://", 1);
                Conn::My(MysqlConnection::establish(&url).map_err(|e| e.to_string())?)
            }
        };
        let mut me = Db { conn, dialect, mariadb: false, _db: db };
        if dialect == Dialect::Mysql {
            me.mariadb = me.texts("SELECT VERSION() AS v")?.concat().contains("MariaDB");
        }
        Ok(me)
    }

    fn exec(&mut self, sql: &str) -> Result<(), String> {
        let r = match &mut self.conn {
            Conn::Pg(c) => c.batch_execute(sql),
            Conn::Lite(c) => c.batch_execute(sql),
            Conn::My(c) => c.batch_execute(sql),
        };
        r.map_err(|e| format!("{e} in: {sql}"))
    }

    /// The rows of a query with one text column named `v`.
    fn texts(&mut self, sql: &str) -> Result<Vec<String>, String> {
        let q = diesel::sql_query(sql);
        let r = match &mut self.conn {
            Conn::Pg(c) => q.load::<Line>(c),
            Conn::Lite(c) => q.load::<Line>(c),
            Conn::My(c) => q.load::<Line>(c),
        };
        r.map(|rows| rows.into_iter().map(|l| l.v).collect()).map_err(|e| format!("{e} in: {sql}"))
    }

    fn context(&mut self, op: &Op) -> Result<RenderContext, String> {
        let mut ctx = RenderContext { mariadb: self.mariadb, ..RenderContext::default() };
        if let Some(table) = needs_table_definition(op, self.dialect) {
            let def = match &mut self.conn {
                Conn::Lite(c) => introspect_table(c, table),
                Conn::My(c) => introspect_mysql_table(c, table),
                Conn::Pg(_) => return Err(format!("PostgreSQL asked for the definition of `{table}`")),
            };
            ctx.tables.insert(table.to_string(), def.map_err(|e| format!("introspecting `{table}`: {e}"))?);
        }
        Ok(ctx)
    }

    /// Renders `op` (introspecting the table definition it needs) and runs every statement.
    fn apply(&mut self, op: &Op) -> Result<Vec<String>, String> {
        let ctx = self.context(op)?;
        self.apply_with(op, ctx)
    }

    /// Renders `op` in `ctx` and runs every statement.
    fn apply_with(&mut self, op: &Op, ctx: RenderContext) -> Result<Vec<String>, String> {
        let sql = render(op, self.dialect, &ctx).map_err(|e| format!("rendering `{}`: {e}", op.kind()))?;
        for stmt in &sql {
            self.exec(stmt)?;
        }
        Ok(sql)
    }

    /// The catalog as sorted lines.
    fn snapshot(&mut self) -> Result<Vec<String>, String> {
        let sql = match self.dialect {
            Dialect::Postgres => PG_SNAPSHOT,
            Dialect::Sqlite => SQLITE_SNAPSHOT,
            Dialect::Mysql => MYSQL_SNAPSHOT,
        };
        let mut lines = self.texts(sql)?;
        if self.dialect == Dialect::Sqlite {
            // Check and named constraints live only in the table's SQL text.
            for create in self
                .texts("SELECT sql AS v FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_'")?
            {
                let def = TableDef::parse(&create).map_err(|e| e.to_string())?;
                for c in &def.constraints {
                    lines.push(format!("constraint {}.{} {}", def.name, c.name.as_deref().unwrap_or("-"), c.sql));
                }
                for col in &def.columns {
                    for c in col.clauses.iter().filter(|c| c.name.is_some() || c.sql.starts_with("CHECK")) {
                        lines.push(format!("constraint {}.{} {}", def.name, c.name.as_deref().unwrap_or("-"), c.sql));
                    }
                }
            }
            lines.sort();
        }
        Ok(lines)
    }
}

const PG_SNAPSHOT: &str = r#"
SELECT v FROM (
  SELECT format('column %s.%s type=%s null=%s default=%s identity=%s', c.relname, a.attname,
                format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END,
                coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), a.attidentity) AS v
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL SELECT format('index %s.%s %s', tablename, indexname, indexdef) FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL SELECT format('constraint %s.%s %s %s valid=%s', conrelid::regclass, conname, contype, pg_get_constraintdef(oid), convalidated)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0
  UNION ALL SELECT format('view %s %s', viewname, definition) FROM pg_views WHERE schemaname = 'public'
  UNION ALL SELECT format('matview %s populated=%s', matviewname, ispopulated) FROM pg_matviews WHERE schemaname = 'public'
  UNION ALL SELECT format('comment %s=%s', c.relname, obj_description(c.oid, 'pg_class')) FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND obj_description(c.oid, 'pg_class') IS NOT NULL
  UNION ALL SELECT format('comment %s.%s=%s', c.relname, a.attname, col_description(c.oid, a.attnum))
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
   WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND col_description(c.oid, a.attnum) IS NOT NULL
  UNION ALL SELECT format('enum %s=%s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname
  UNION ALL SELECT format('sequence %s start=%s inc=%s min=%s max=%s cache=%s cycle=%s', sequencename, start_value,
                          increment_by, min_value, max_value, cache_size, cycle) FROM pg_sequences WHERE schemaname = 'public'
  UNION ALL SELECT format('extension %s', extname) FROM pg_extension WHERE extname <> 'plpgsql'
  UNION ALL SELECT format('partition %s.%s %s', inhparent::regclass, inhrelid::regclass, pg_get_expr(c.relpartbound, c.oid))
    FROM pg_inherits JOIN pg_class c ON c.oid = inhrelid
  UNION ALL SELECT format('table %s kind=%s', relname, relkind) FROM pg_class
   WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
) s ORDER BY v
"#;

const SQLITE_SNAPSHOT: &str = r#"
SELECT v FROM (
  SELECT 'column ' || m.name || '.' || p.name || ' type=' || lower(p.type) || ' null=' || (CASE WHEN p."notnull" THEN 'NO' ELSE 'YES' END)
         || ' default=' || IFNULL(p.dflt_value, '-') || ' pk=' || p.pk || ' hidden=' || p.hidden AS v
    FROM sqlite_master m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND substr(m.name, 1, 7) <> 'sqlite_'
  UNION ALL SELECT 'index ' || m.name || '.' || il.name || ' unique=' || il."unique" || ' origin=' || il.origin || ' partial=' || il.partial
    FROM sqlite_master m, pragma_index_list(m.name) il WHERE m.type = 'table'
  UNION ALL SELECT 'indexcol ' || il.name || ' ' || ii.seqno || '=' || IFNULL(ii.name, '<expr>')
    FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii WHERE m.type = 'table'
  UNION ALL SELECT 'fk ' || m.name || ' ' || f."from" || ' -> ' || f."table" || '.' || IFNULL(f."to", '?') || ' ' || f.on_delete
    FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
  UNION ALL SELECT 'view ' || name || ' ' || sql FROM sqlite_master WHERE type = 'view'
  UNION ALL SELECT 'trigger ' || name || ' ' || sql FROM sqlite_master WHERE type = 'trigger'
) ORDER BY v
"#;

const MYSQL_SNAPSHOT: &str = r#"
SELECT v FROM (
  SELECT CONCAT('column ', TABLE_NAME, '.', COLUMN_NAME, ' type=', DATA_TYPE, ' null=', IS_NULLABLE,
                ' default=', IFNULL(COLUMN_DEFAULT, '-'), ' extra=', EXTRA, ' comment=', COLUMN_COMMENT) AS v
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT('index ', TABLE_NAME, '.', INDEX_NAME, ' (', GROUP_CONCAT(IFNULL(COLUMN_NAME, '?') ORDER BY SEQ_IN_INDEX),
                          ') unique=', MIN(NON_UNIQUE) = 0)
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_NAME, INDEX_NAME
  UNION ALL SELECT CONCAT('constraint ', TABLE_NAME, '.', CONSTRAINT_NAME, ' ', CONSTRAINT_TYPE)
    FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT('check ', TABLE_NAME, '.', CONSTRAINT_NAME, ' ', CHECK_CLAUSE)
    FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT('fk ', TABLE_NAME, '.', CONSTRAINT_NAME, ' -> ', REFERENCED_TABLE_NAME, ' ', DELETE_RULE)
    FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT('view ', TABLE_NAME, ' ', VIEW_DEFINITION) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT('table ', TABLE_NAME, ' comment=', TABLE_COMMENT)
    FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
) s ORDER BY v
"#;

// ---- scenarios -------------------------------------------------------------------------------

const ALL: &[Dialect] = &[Dialect::Postgres, Dialect::Sqlite, Dialect::Mysql];
const PG: &[Dialect] = &[Dialect::Postgres];
const PG_LITE: &[Dialect] = &[Dialect::Postgres, Dialect::Sqlite];
const PG_MY: &[Dialect] = &[Dialect::Postgres, Dialect::Mysql];

type Check = fn(&mut Db) -> Result<(), String>;

/// One op with its setup, its visible effect and its inverse.
struct Scenario {
    name: &'static str,
    on: &'static [Dialect],
    setup: Vec<Op>,
    op: Op,
    /// The inverse when `op.reverse()` has none.
    down: Option<Op>,
    /// Substrings that appear in the snapshot after the op (and not before), on every dialect
    /// or on one.
    appears: Vec<(Option<Dialect>, &'static str)>,
    /// Substrings present before and gone after.
    vanishes: Vec<&'static str>,
    /// Substrings never in the snapshot after the op.
    never: Vec<&'static str>,
    /// The op changes data, not the catalog.
    data_only: bool,
    /// A check after the op (data, behaviour).
    check: Option<Check>,
}

fn sc(name: &'static str, on: &'static [Dialect], op: Op) -> Scenario {
    Scenario {
        name,
        on,
        setup: Vec::new(),
        op,
        down: None,
        appears: Vec::new(),
        vanishes: Vec::new(),
        never: Vec::new(),
        data_only: false,
        check: None,
    }
}

impl Scenario {
    fn setup(mut self, ops: impl IntoIterator<Item = Op>) -> Self {
        self.setup.extend(ops);
        self
    }
    fn down(mut self, op: Op) -> Self {
        self.down = Some(op);
        self
    }
    fn appears(mut self, s: impl IntoIterator<Item = &'static str>) -> Self {
        self.appears.extend(s.into_iter().map(|s| (None, s)));
        self
    }
    fn appears_on(mut self, d: Dialect, s: impl IntoIterator<Item = &'static str>) -> Self {
        self.appears.extend(s.into_iter().map(|s| (Some(d), s)));
        self
    }
    fn vanishes(mut self, s: impl IntoIterator<Item = &'static str>) -> Self {
        self.vanishes.extend(s);
        self
    }
    fn never(mut self, s: impl IntoIterator<Item = &'static str>) -> Self {
        self.never.extend(s);
        self
    }
    fn data_only(mut self) -> Self {
        self.data_only = true;
        self
    }
    fn check(mut self, c: Check) -> Self {
        self.check = Some(c);
        self
    }
}

fn has(lines: &[String], s: &str) -> bool {
    lines.iter().any(|l| l.contains(s))
}

fn diff(a: &[String], b: &[String]) -> String {
    let only_a: Vec<&String> = a.iter().filter(|l| !b.contains(l)).collect();
    let only_b: Vec<&String> = b.iter().filter(|l| !a.contains(l)).collect();
    format!("before only: {only_a:#?}\nafter only: {only_b:#?}")
}

fn run(dialect: Dialect, s: &Scenario) -> Result<(), String> {
    let mut db = Db::new(dialect)?;
    for op in &s.setup {
        db.apply(op).map_err(|e| format!("setup: {e}"))?;
    }
    let before = db.snapshot()?;
    let appears: Vec<&str> =
        s.appears.iter().filter(|(d, _)| d.is_none_or(|d| d == dialect)).map(|(_, a)| *a).collect();
    for a in &appears {
        if has(&before, a) {
            return Err(format!("`{a}` is there before the op"));
        }
    }
    let sql = db.apply(&s.op)?;
    let after = db.snapshot()?;
    if after == before && !s.data_only {
        return Err(format!("no visible effect of {sql:#?}"));
    }
    for a in &appears {
        if !has(&after, a) {
            return Err(format!("`{a}` missing after {sql:#?}\nsnapshot: {after:#?}"));
        }
    }
    for v in &s.vanishes {
        if !has(&before, v) || has(&after, v) {
            return Err(format!("`{v}` did not vanish\n{}", diff(&before, &after)));
        }
    }
    for n in &s.never {
        if has(&after, n) {
            return Err(format!("`{n}` is left after {sql:#?}"));
        }
    }
    if let Some(check) = s.check {
        check(&mut db)?;
    }
    let inverse = match (&s.down, s.op.reverse()) {
        (Some(down), _) => down.clone(),
        (None, Ok(Some(inverse))) => inverse,
        (None, Ok(None)) => return Ok(()),
        (None, Err(e)) => return Err(format!("no inverse: {e}")),
    };
    db.apply(&inverse).map_err(|e| format!("inverse: {e}"))?;
    let back = db.snapshot()?;
    if back != before {
        return Err(format!("the inverse did not restore the catalog\n{}", diff(&before, &back)));
    }
    Ok(())
}

fn run_all(dialect: Dialect) {
    let mut failures = Vec::new();
    let mut ran = 0;
    for s in scenarios().iter().filter(|s| s.on.contains(&dialect)) {
        ran += 1;
        if let Err(e) = run(dialect, s) {
            failures.push(format!("{}: {e}", s.name));
        }
    }
    assert!(ran > 10, "only {ran} scenarios ran on {dialect}");
    assert_eq!(failures, Vec::<String>::new());
}

// ---- the ops ---------------------------------------------------------------------------------

fn v(s: &str) -> Value {
    Value::Str(s.into())
}

fn orgs() -> Op {
    Op::CreateTable(CreateTable::new("orgs", [Column::new("id", T::BigInt).primary_key()]))
}

fn users_table() -> CreateTable {
    CreateTable::new(
        "users",
        [
            Column::new("id", T::BigInt).primary_key().identity(),
            Column::new("email", T::Varchar(Some(255))).not_null(),
            Column::new("age", T::Integer),
            Column::new("org_id", T::BigInt),
        ],
    )
}

fn users() -> Op {
    Op::CreateTable(users_table())
}

/// `posts`, whose `author_id` references `users` (MySQL indexes it for the key).
fn posts() -> Op {
    Op::CreateTable(CreateTable::new(
        "posts",
        [Column::new("id", T::BigInt).primary_key(), Column::new("author_id", T::BigInt).references("users", "id")],
    ))
}

fn exec(sql: &str) -> Op {
    Op::Execute(Execute::new(sql))
}

fn events(strategy: PartitionStrategy, key: &str) -> Op {
    Op::CreateTable(
        CreateTable::new(
            "events",
            [
                Column::new("id", T::BigInt).not_null(),
                Column::new("created_at", T::TimestampTz).not_null(),
                Column::new("region", T::Text),
            ],
        )
        .partition_by(PartitionBy { strategy, columns: vec![key.into()] }),
    )
}

fn range(from: &str, to: &str) -> PartitionBound {
    PartitionBound::Range { from: vec![v(from)], to: vec![v(to)] }
}

fn ck_age() -> Constraint {
    Constraint::check("ck_age", "age >= 0")
}

fn bookings() -> Op {
    Op::CreateTable(CreateTable::new(
        "bookings",
        [Column::new("room", T::Integer), Column::new("during", T::Custom("tstzrange".into()))],
    ))
}

fn only_rows_inserted(db: &mut Db) -> Result<(), String> {
    let names = db.texts("SELECT name AS v FROM roles ORDER BY id")?;
    assert_eq!(names, ["admin", r"it's \ me"]);
    Ok(())
}

fn negative_age_is_refused(db: &mut Db) -> Result<(), String> {
    match db.exec("INSERT INTO users (email, age) VALUES ('x@example.com', -1)") {
        Err(_) => Ok(()),
        Ok(()) => Err("a row breaking the check was accepted".into()),
    }
}

fn backfilled(db: &mut Db) -> Result<(), String> {
    let left = db.texts("SELECT email AS v FROM users WHERE email_lower IS NULL OR email_lower <> lower(email)")?;
    if left.is_empty() {
        Ok(())
    } else {
        Err(format!("rows not backfilled: {left:?}"))
    }
}

fn validate_it(db: &mut Db) -> Result<(), String> {
    db.apply(&Op::ValidateConstraint(ValidateConstraint::new("users", "fk_users_org")))?;
    let valid = db.texts("SELECT convalidated::text AS v FROM pg_constraint WHERE conname = 'fk_users_org'")?;
    if valid == ["true"] {
        Ok(())
    } else {
        Err(format!("still not valid: {valid:?}"))
    }
}

fn refresh_it(db: &mut Db) -> Result<(), String> {
    db.apply(&Op::RefreshMaterializedView(RefreshMaterializedView::new("user_stats")))?;
    let populated = db.texts("SELECT ispopulated::text AS v FROM pg_matviews WHERE matviewname = 'user_stats'")?;
    if populated == ["true"] {
        Ok(())
    } else {
        Err(format!("not populated: {populated:?}"))
    }
}

#[allow(clippy::too_many_lines)]
fn scenarios() -> Vec<Scenario> {
    let full_users = CreateTable::new(
        "users",
        [
            Column::new("id", T::BigInt).primary_key().identity(),
            Column::new("email", T::Varchar(Some(255))).not_null().unique(),
            Column::new("name", T::Text).default(ServerDefault::Value(v("it's \\ anon"))),
            Column::new("created_at", T::TimestampTz).not_null().default(ServerDefault::Now),
            Column::new("org_id", T::BigInt).references("orgs", "id").on_delete(ForeignKeyAction::Cascade),
            Column::new("score", T::Numeric(Some((10, 2)))).check("score >= 0").comment("the score"),
        ],
    )
    .constraint(Constraint::check("ck_email", "email <> ''"))
    .comment("people");
    let mut no_comment_before = AlterColumn::new("users", "email").set_comment("login address");
    if let Some(c) = &mut no_comment_before.comment {
        c.from = Some(None);
    }
    vec![
        // ---- tables ---------------------------------------------------------------------------
        sc("create_table with defaults, a reference, checks and comments", ALL, Op::CreateTable(full_users))
            .setup([orgs()])
            .appears(["users.created_at", "users.score"])
            .appears_on(Dialect::Postgres, ["comment users=people", "comment users.score=the score", "ck_email"])
            .appears_on(Dialect::Mysql, ["comment=people", "comment=the score", "users_org_id_fkey", "ck_email"])
            .appears_on(Dialect::Sqlite, ["fk users org_id -> orgs.id CASCADE", "ck_email"]),
        sc(
            "create_table with a composite key, a unique and a deferrable foreign key",
            PG_LITE,
            Op::CreateTable(
                CreateTable::new(
                    "memberships",
                    [Column::new("user_id", T::BigInt).not_null(), Column::new("org_id", T::BigInt).not_null()],
                )
                .primary_key(["user_id", "org_id"])
                .constraint(Constraint::foreign_key("fk_user", ["user_id"], "users", ["id"]).deferrable(true))
                .constraint(Constraint::unique("uq_org_user", ["org_id", "user_id"])),
            ),
        )
        .setup([users()])
        .appears(["memberships.user_id", "uq_org_user", "fk_user"]),
        sc(
            "create_table with an exclude constraint",
            PG,
            Op::CreateTable(
                CreateTable::new(
                    "bookings",
                    [Column::new("room", T::Integer), Column::new("during", T::Custom("tstzrange".into()))],
                )
                .constraint(Constraint::exclude(
                    "ex_overlap",
                    IndexMethod::Gist,
                    [("room".to_string(), "=".to_string()), ("during".to_string(), "&&".to_string())],
                )),
            ),
        )
        .setup([Op::CreateExtension(CreateExtension::new("btree_gist"))])
        .appears(["ex_overlap"]),
        sc("create_table partitioned by range", PG, events(PartitionStrategy::Range, "created_at"))
            .appears(["table events kind=p"]),
        sc(
            "create_table with every portable type",
            ALL,
            Op::CreateTable(CreateTable::new(
                "types",
                [
                    Column::new("a", T::SmallInt),
                    Column::new("b", T::Integer),
                    Column::new("c", T::Numeric(None)),
                    Column::new("d", T::Real),
                    Column::new("e", T::Double),
                    Column::new("f", T::Boolean).default(ServerDefault::Value(Value::Bool(true))),
                    Column::new("g", T::Char(2)),
                    Column::new("h", T::Bytes),
                    Column::new("i", T::Uuid),
                    Column::new("j", T::Json),
                    Column::new("k", T::Jsonb),
                    Column::new("l", T::Date),
                    Column::new("m", T::Time),
                    Column::new("n", T::Timestamp),
                    Column::new("o", T::TimestampTz).not_null().default(ServerDefault::Now),
                    Column::new("p", T::Integer).generated("b * 2"),
                    Column::new("q", T::Varchar(Some(20))).default(ServerDefault::Value(v("x"))),
                    Column::new("r", T::Double).default(ServerDefault::Value(Value::Float(-1.5))),
                ],
            )),
        )
        .appears(["types.a", "types.p", "types.r"]),
        sc(
            "create_table with PostgreSQL's own types",
            PG,
            Op::CreateTable(CreateTable::new(
                "pg_types",
                [
                    Column::new("arr", T::Array(Box::new(T::Text))),
                    Column::new("iv", T::Interval),
                    Column::new("m", T::Enum("mood".into())),
                    Column::new("ts", T::Custom("tsvector".into())),
                    Column::new("s", T::BigSerial),
                ],
            )),
        )
        .setup([Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"]))])
        .appears(["pg_types.arr type=text[]", "pg_types.m type=mood", "pg_types.iv type=interval"]),
        sc("drop_table carrying its definition", ALL, Op::DropTable(DropTable::new("users").definition(users_table())))
            .setup([users()])
            .vanishes(["users.email"]),
        sc("rename_table", ALL, Op::RenameTable(RenameTable::new("users", "people")))
            .setup([users()])
            .appears(["people.email"])
            .vanishes(["users.email"]),
        // ---- columns --------------------------------------------------------------------------
        sc(
            "add_column nullable",
            ALL,
            Op::AddColumn(AddColumn::new("users", Column::new("nickname", T::Varchar(Some(50))))),
        )
        .setup([users()])
        .appears(["users.nickname"]),
        sc(
            "add_column not null with a constant default, a reference and a comment",
            ALL,
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("team_id", T::BigInt)
                    .not_null()
                    .default(ServerDefault::Value(Value::Int(0)))
                    .references("orgs", "id")
                    .on_delete(ForeignKeyAction::Restrict)
                    .comment("owning team"),
            )),
        )
        .setup([orgs(), users()])
        .appears(["users.team_id"])
        .appears_on(Dialect::Sqlite, ["fk users team_id -> orgs.id RESTRICT"])
        .appears_on(Dialect::Mysql, ["users_team_id_fkey", "comment=owning team"])
        .appears_on(Dialect::Postgres, ["users_team_id_fkey", "comment users.team_id=owning team"]),
        sc(
            "add_column that SQLite cannot add in place",
            ALL,
            Op::AddColumn(AddColumn::new(
                "users",
                Column::new("seen_at", T::Timestamp).not_null().default(ServerDefault::Now),
            )),
        )
        .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]))])
        .appears(["users.seen_at"]),
        sc(
            "add_column that is unique",
            ALL,
            Op::AddColumn(AddColumn::new("users", Column::new("handle", T::Varchar(Some(40))).unique())),
        )
        .setup([users()])
        .appears(["users.handle"]),
        sc(
            "drop_column carrying its definition",
            ALL,
            Op::DropColumn(DropColumn::new("users", "org_id").definition(Column::new("org_id", T::BigInt))),
        )
        .setup([users()])
        .vanishes(["users.org_id"]),
        sc("rename_column", ALL, Op::RenameColumn(RenameColumn::new("users", "email", "email_address")))
            .setup([users()])
            .appears(["users.email_address"])
            .vanishes(["users.email "]),
        sc(
            "alter_column type, nullability and default together",
            ALL,
            Op::AlterColumn(
                AlterColumn::new("users", "age")
                    .set_type(T::BigInt)
                    .from_type(T::Integer)
                    .set_not_null()
                    .set_default(ServerDefault::Value(Value::Int(0)))
                    .from_no_default(),
            ),
        )
        .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]))])
        .appears(["users.age type=bigint null=NO default=0"]),
        sc(
            "alter_column default with its old state",
            ALL,
            Op::AlterColumn(
                AlterColumn::new("users", "email").set_default(ServerDefault::Value(v("none"))).from_no_default(),
            ),
        )
        .setup([users()])
        .appears(["'none'"]),
        sc(
            "alter_column type with USING",
            PG_LITE,
            Op::AlterColumn(
                AlterColumn::new("users", "age")
                    .set_type(T::Text)
                    .from_type(T::Integer)
                    .using("CAST(age AS text)")
                    .reverse_using("CAST(age AS integer)"),
            ),
        )
        .setup([users(), exec("INSERT INTO users (email, age) VALUES ('a@example.com', 42)")])
        .appears(["users.age type=text"])
        .check(|db| {
            let ages = db.texts("SELECT age AS v FROM users")?;
            if ages == ["42"] {
                Ok(())
            } else {
                Err(format!("converted to {ages:?}"))
            }
        }),
        sc("alter_column comment", PG, Op::AlterColumn(no_comment_before))
            .setup([users()])
            .appears(["comment users.email=login address"]),
        sc("alter_column add identity", PG, Op::AlterColumn(AlterColumn::new("counters", "n").add_identity()))
            .setup([Op::CreateTable(CreateTable::new("counters", [Column::new("n", T::BigInt).not_null()]))])
            .appears(["counters.n type=bigint null=NO default=- identity=d"]),
        // ---- indexes --------------------------------------------------------------------------
        sc("create_index", ALL, Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"])))
            .setup([users()])
            .appears(["ix_users_email"]),
        // MySQL drops the index it made for a foreign key once another index serves the key, then
        // refuses to drop that one: the inverse gives the key its own index back.
        sc(
            "create_index on a foreign key column",
            ALL,
            Op::CreateIndex(CreateIndex::new("ix_posts_author_id").on("posts", ["author_id"])),
        )
        .setup([users(), posts()])
        .appears(["ix_posts_author_id"]),
        sc(
            "create_index unique, partial, descending, concurrently",
            PG_LITE,
            Op::CreateIndex(
                CreateIndex::new("uq_users_email_adult")
                    .on("users", [IndexColumn::column("email").desc()])
                    .unique()
                    .where_("age > 17")
                    .concurrently(),
            ),
        )
        .setup([users()])
        .appears(["uq_users_email_adult"]),
        sc(
            "create_index on an expression",
            PG_LITE,
            Op::CreateIndex(CreateIndex::new("ix_lower_email").on("users", [IndexColumn::expr("lower(email)")])),
        )
        .setup([users()])
        .appears(["ix_lower_email"]),
        sc(
            "create_index with nulls order and covering columns",
            PG,
            Op::CreateIndex(
                CreateIndex::new("ix_age_nulls")
                    .on("users", [IndexColumn::column("age").desc().nulls_last()])
                    .include(["email"]),
            ),
        )
        .setup([users()])
        .appears(["ix_age_nulls", "NULLS LAST) INCLUDE (email)"]),
        sc(
            "create_index gin with an operator class",
            PG,
            Op::CreateIndex(
                CreateIndex::new("ix_docs_body")
                    .on("docs", [IndexColumn::column("body").opclass("jsonb_path_ops")])
                    .using(IndexMethod::Gin),
            ),
        )
        .setup([Op::CreateTable(CreateTable::new("docs", [Column::new("body", T::Jsonb)]))])
        .appears(["USING gin (body jsonb_path_ops)"]),
        sc(
            "create_index hash if_not_exists",
            PG_MY,
            Op::CreateIndex(
                CreateIndex::new("ix_email_hash").on("users", ["email"]).using(IndexMethod::Hash).if_not_exists(),
            ),
        )
        .setup([users()])
        .appears(["ix_email_hash"]),
        sc(
            "create_index on only the partitioned parent",
            PG,
            Op::CreateIndex(CreateIndex::new("ix_events_at").on("events", ["created_at"]).only()),
        )
        .setup([events(PartitionStrategy::Range, "created_at")])
        .appears(["ix_events_at"]),
        sc(
            "create_index unique nulls not distinct",
            PG,
            Op::CreateIndex(CreateIndex::new("uq_age").on("users", ["age"]).unique().nulls_not_distinct()),
        )
        .setup([users()])
        .appears(["NULLS NOT DISTINCT"]),
        sc(
            "drop_index carrying its definition",
            ALL,
            Op::DropIndex(
                DropIndex::new("ix_users_email")
                    .on("users")
                    .definition(CreateIndex::new("ix_users_email").on("users", ["email"])),
            ),
        )
        .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", ["email"]))])
        .vanishes(["ix_users_email"]),
        // ---- constraints ----------------------------------------------------------------------
        sc(
            "add_constraint foreign key",
            ALL,
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"])
                    .on_delete(ForeignKeyAction::SetNull),
            )),
        )
        .setup([orgs(), users(), Op::CreateIndex(CreateIndex::new("ix_users_org").on("users", ["org_id"]))])
        .appears(["fk_users_org"]),
        // MySQL makes an index for a key that has none, and keeps it when the key is dropped:
        // the inverse drops it too.
        sc(
            "add_constraint foreign key on a column without an index",
            ALL,
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"]),
            )),
        )
        .setup([orgs(), users()])
        .appears_on(Dialect::Mysql, ["index users.fk_users_org (org_id)"])
        .appears_on(Dialect::Postgres, ["fk_users_org"]),
        sc(
            "add_constraint foreign key not valid, then validate it",
            PG,
            Op::AddConstraint(
                AddConstraint::new("users", Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"]))
                    .not_valid(),
            ),
        )
        .setup([orgs(), users()])
        .appears(["fk_users_org"])
        .check(validate_it),
        sc("add_constraint check", ALL, Op::AddConstraint(AddConstraint::new("users", ck_age())))
            .setup([users(), Op::CreateIndex(CreateIndex::new("ix_users_age").on("users", ["age"]))])
            .appears(["ck_age"])
            .check(negative_age_is_refused),
        sc("add_constraint check not valid", PG, Op::AddConstraint(AddConstraint::new("users", ck_age()).not_valid()))
            .setup([users()])
            .appears(["ck_age"])
            .check(negative_age_is_refused),
        sc(
            "add_constraint unique",
            ALL,
            Op::AddConstraint(AddConstraint::new("users", Constraint::unique("uq_users_email", ["email"]))),
        )
        .setup([users()])
        .appears(["uq_users_email"]),
        sc(
            "add_constraint unique using an index",
            PG,
            Op::AddConstraint(AddConstraint::new(
                "users",
                Constraint::unique("uq_users_email", ["email"]).using_index("ix_email_u"),
            )),
        )
        .setup([
            users(),
            Op::CreateIndex(CreateIndex::new("ix_email_u").on("users", ["email"]).unique().concurrently()),
        ])
        .appears(["constraint users.uq_users_email u"])
        .vanishes(["index users.ix_email_u"]),
        sc(
            "add_constraint primary key using an index",
            PG,
            Op::AddConstraint(AddConstraint::new(
                "plain",
                Constraint::primary_key("pk_plain", ["id"]).using_index("ix_plain_id"),
            )),
        )
        .setup([
            Op::CreateTable(CreateTable::new(
                "plain",
                [Column::new("id", T::BigInt).not_null(), Column::new("note", T::Text)],
            )),
            Op::CreateIndex(CreateIndex::new("ix_plain_id").on("plain", ["id"]).unique()),
        ])
        .appears(["constraint plain.pk_plain p"])
        .vanishes(["index plain.ix_plain_id"]),
        sc(
            "add_constraint primary key",
            ALL,
            Op::AddConstraint(AddConstraint::new("plain", Constraint::primary_key("pk_plain", ["id"]))),
        )
        .setup([Op::CreateTable(CreateTable::new(
            "plain",
            [Column::new("id", T::BigInt).not_null(), Column::new("note", T::Text)],
        ))])
        .appears_on(Dialect::Postgres, ["pk_plain"])
        .appears_on(Dialect::Sqlite, ["pk_plain"])
        .appears_on(Dialect::Mysql, ["PRIMARY KEY"]),
        sc(
            "add_constraint exclude",
            PG,
            Op::AddConstraint(AddConstraint::new(
                "bookings",
                Constraint::exclude(
                    "ex_room",
                    IndexMethod::Gist,
                    [("room".to_string(), "=".to_string()), ("during".to_string(), "&&".to_string())],
                )
                .where_("room > 0"),
            )),
        )
        .setup([Op::CreateExtension(CreateExtension::new("btree_gist")), bookings()])
        .appears(["ex_room"]),
        sc(
            "drop_constraint carrying its definition",
            ALL,
            Op::DropConstraint(DropConstraint::new("users", "ck_age", ConstraintType::Check).definition(ck_age())),
        )
        .setup([users(), Op::AddConstraint(AddConstraint::new("users", ck_age()))])
        .vanishes(["ck_age"]),
        // ---- comments, extensions, enums, sequences ---------------------------------------------
        sc(
            "comment_on_table",
            PG_MY,
            Op::SetComment(SetComment::table("users", Some("people's accounts".into())).from(None)),
        )
        .setup([users()])
        .appears(["people's accounts"]),
        sc(
            "comment_on_column",
            PG,
            Op::SetComment(SetComment::column("users", "email", Some("login".into())).from(None)),
        )
        .setup([users()])
        .appears(["comment users.email=login"]),
        sc("create_extension", PG, Op::CreateExtension(CreateExtension::new("citext").if_not_exists()))
            .appears(["extension citext"]),
        sc("create_enum", PG, Op::CreateEnum(CreateEnum::new("mood", ["sad", "it's ok", "happy"])))
            .appears(["enum mood=sad,it's ok,happy"]),
        sc("drop_enum carrying its labels", PG, Op::DropEnum(DropEnum::new("mood").values(["sad", "ok"])))
            .setup([Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"]))])
            .vanishes(["enum mood"]),
        sc("add_enum_value", PG, Op::AddEnumValue(AddEnumValue::new("mood", "meh").before("ok").if_not_exists()))
            .setup([Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok"]))])
            .appears(["enum mood=sad,meh,ok"])
            .down(exec("DROP TYPE mood; CREATE TYPE mood AS ENUM ('sad', 'ok')")),
        sc(
            "create_sequence",
            PG,
            Op::CreateSequence(
                CreateSequence::new("order_no")
                    .start(1000)
                    .increment(10)
                    .min_value(1)
                    .max_value(1_000_000)
                    .cache(5)
                    .cycle(),
            ),
        )
        .appears(["sequence order_no start=1000 inc=10 min=1 max=1000000 cache=5 cycle=t"]),
        sc(
            "create_sequence owned by a column",
            PG,
            Op::CreateSequence(CreateSequence::new("user_no").owned_by("users", "age")),
        )
        .setup([users()])
        .appears(["sequence user_no"]),
        sc(
            "drop_sequence carrying its definition",
            PG,
            Op::DropSequence(DropSequence::new("order_no").definition(CreateSequence::new("order_no").start(5))),
        )
        .setup([Op::CreateSequence(CreateSequence::new("order_no").start(5))])
        .vanishes(["sequence order_no"]),
        // ---- views ----------------------------------------------------------------------------
        sc("create_view", ALL, Op::CreateView(CreateView::new("adults", "SELECT id, email FROM users WHERE age > 17")))
            .setup([users()])
            .appears(["view adults"]),
        sc(
            "create_view replacing one whose query it knows",
            ALL,
            Op::CreateView(
                CreateView::new("adults", "SELECT id, email FROM users WHERE age > 20")
                    .replaces("SELECT id, email FROM users WHERE age > 17"),
            ),
        )
        .setup([users(), Op::CreateView(CreateView::new("adults", "SELECT id, email FROM users WHERE age > 17"))])
        .appears(["> 20"]),
        sc(
            "create_materialized_view with no data, then refresh it",
            PG,
            Op::CreateView(CreateView::materialized("user_stats", "SELECT count(*) AS n FROM users").with_no_data()),
        )
        .setup([users()])
        .appears(["matview user_stats populated=f"])
        .check(refresh_it),
        sc("rename_view", PG_MY, Op::RenameView(RenameView::new("adults", "grown_ups")))
            .setup([users(), Op::CreateView(CreateView::new("adults", "SELECT id FROM users"))])
            .appears(["view grown_ups"]),
        sc("rename_view materialized", PG, Op::RenameView(RenameView::new("user_stats", "stats").materialized()))
            .setup([users(), Op::CreateView(CreateView::materialized("user_stats", "SELECT count(*) AS n FROM users"))])
            .appears(["matview stats"]),
        sc(
            "drop_view carrying its definition",
            ALL,
            Op::DropView(DropView::new("adults").definition(CreateView::new("adults", "SELECT id FROM users"))),
        )
        .setup([users(), Op::CreateView(CreateView::new("adults", "SELECT id FROM users"))])
        .vanishes(["view adults"]),
        // ---- partitions -----------------------------------------------------------------------
        sc(
            "create_partition for a range",
            PG,
            Op::CreatePartition(CreatePartition::new("events_2026_01", "events", range("2026-01-01", "2026-02-01"))),
        )
        .setup([events(PartitionStrategy::Range, "created_at")])
        .appears(["partition events.events_2026_01 FOR VALUES FROM"]),
        sc(
            "create_partition standalone for a range",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_2026_02", "events", range("2026-02-01", "2026-03-01"))
                    .standalone("created_at"),
            ),
        )
        .setup([events(PartitionStrategy::Range, "created_at"), exec("CREATE TABLE seed AS SELECT 1 AS one")])
        .appears(["partition events.events_2026_02"])
        .never(["retort_bound"]),
        sc(
            "create_partition standalone for a list with null",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_eu", "events", PartitionBound::List(vec![v("eu"), Value::Null]))
                    .standalone("region"),
            ),
        )
        .setup([events(PartitionStrategy::List, "region")])
        .appears(["partition events.events_eu FOR VALUES IN"])
        .never(["retort_bound"]),
        sc(
            "create_partition standalone for a hash",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_h1", "events", PartitionBound::Hash { modulus: 2, remainder: 1 })
                    .standalone("id"),
            ),
        )
        .setup([events(PartitionStrategy::Hash, "id")])
        .appears(["partition events.events_h1 FOR VALUES WITH"])
        .never(["retort_bound"]),
        sc(
            "create_partition standalone default",
            PG,
            Op::CreatePartition(
                CreatePartition::new("events_rest", "events", PartitionBound::Default).standalone("id"),
            ),
        )
        .setup([events(PartitionStrategy::Range, "created_at")])
        .appears(["partition events.events_rest DEFAULT"]),
        sc(
            "create_partition default",
            PG,
            Op::CreatePartition(CreatePartition::new("events_other", "events", PartitionBound::Default)),
        )
        .setup([events(PartitionStrategy::List, "region")])
        .appears(["partition events.events_other DEFAULT"]),
        sc(
            "attach_partition",
            PG,
            Op::AttachPartition(AttachPartition::new("events", "events_2025", range("2025-01-01", "2026-01-01"))),
        )
        .setup([
            events(PartitionStrategy::Range, "created_at"),
            exec("CREATE TABLE events_2025 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"),
        ])
        .appears(["partition events.events_2025"]),
        sc(
            "detach_partition carrying its bound",
            PG,
            Op::DetachPartition(DetachPartition::new("events", "events_2025").bound(range("2025-01-01", "2026-01-01"))),
        )
        .setup([
            events(PartitionStrategy::Range, "created_at"),
            Op::CreatePartition(CreatePartition::new("events_2025", "events", range("2025-01-01", "2026-01-01"))),
        ])
        .vanishes(["partition events.events_2025"]),
        // DETACH .. CONCURRENTLY leaves the partition constraint behind as a CHECK (PostgreSQL
        // documents it), which the re-attach uses and then drops.
        sc(
            "detach_partition concurrently",
            PG,
            Op::DetachPartition(
                DetachPartition::new("events", "events_2025").concurrently().bound(range("2025-01-01", "2026-01-01")),
            ),
        )
        .setup([
            events(PartitionStrategy::Range, "created_at"),
            Op::CreatePartition(CreatePartition::new("events_2025", "events", range("2025-01-01", "2026-01-01"))),
        ])
        .vanishes(["partition events.events_2025"])
        .appears(["events_2025_created_at_check"]),
        sc(
            "detach_partition concurrently of a list partition with a check of the same name",
            PG,
            Op::DetachPartition(
                DetachPartition::new("events", "events_eu").concurrently().bound(PartitionBound::List(vec![v("eu")])),
            ),
        )
        .setup([
            events(PartitionStrategy::List, "region"),
            Op::CreatePartition(CreatePartition::new("events_eu", "events", PartitionBound::List(vec![v("eu")]))),
            Op::AddConstraint(AddConstraint::new(
                "events_eu",
                Constraint::check("events_eu_region_check", "length(region) < 100"),
            )),
        ])
        .vanishes(["partition events.events_eu"])
        .appears(["events_eu_region_check1"]),
        // ---- data -----------------------------------------------------------------------------
        sc("execute with its own down", ALL, exec("CREATE TABLE raw_t (id integer)"))
            .down(exec("DROP TABLE raw_t"))
            .appears(["raw_t.id"]),
        sc(
            "bulk_insert",
            ALL,
            Op::BulkInsert(BulkInsert::new(
                "roles",
                ["id", "name", "weight", "enabled"],
                vec![
                    vec![Value::Int(1), v("admin"), Value::Float(1.5), Value::Bool(true)],
                    vec![Value::Int(2), v(r"it's \ me"), Value::Null, Value::Bool(false)],
                ],
            )),
        )
        .setup([Op::CreateTable(CreateTable::new(
            "roles",
            [
                Column::new("id", T::Integer).primary_key(),
                Column::new("name", T::Text),
                Column::new("weight", T::Double),
                Column::new("enabled", T::Boolean),
            ],
        ))])
        .data_only()
        .check(only_rows_inserted)
        .down(exec("DELETE FROM roles")),
        sc(
            "backfill as one statement",
            ALL,
            Op::Backfill(Backfill::new("users").set("email_lower", "lower(email)").where_("email_lower IS NULL")),
        )
        .setup([
            users(),
            Op::AddColumn(AddColumn::new("users", Column::new("email_lower", T::Varchar(Some(255))))),
            exec("INSERT INTO users (email) VALUES ('A@Example.com'), ('b@example.COM')"),
        ])
        .data_only()
        .check(backfilled)
        .down(exec("UPDATE users SET email_lower = NULL")),
        sc(
            "an op only for PostgreSQL",
            ALL,
            Op::Only(OnlyOn {
                dialects: vec!["postgres".into()],
                op: Box::new(Op::CreateExtension(CreateExtension::new("hstore"))),
            }),
        )
        .data_only()
        .appears_on(Dialect::Postgres, ["extension hstore"]),
    ]
}

#[test]
fn every_supported_op_shows_in_the_catalog_and_its_inverse_restores_it_on_postgres() {
    run_all(Dialect::Postgres);
}

#[test]
fn every_supported_op_shows_in_the_catalog_and_its_inverse_restores_it_on_sqlite() {
    run_all(Dialect::Sqlite);
}

#[test]
fn every_supported_op_shows_in_the_catalog_and_its_inverse_restores_it_on_mariadb() {
    run_all(Dialect::Mysql);
}

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
