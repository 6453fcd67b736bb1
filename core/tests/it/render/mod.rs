//! Every op rendered and executed on real PostgreSQL, SQLite and MariaDB, then reversed.
//!
//! Each scenario gets a fresh database, runs its setup ops, takes a catalog snapshot (columns,
//! indexes, constraints, views, comments, types, sequences, partitions), applies the op, checks
//! that the snapshot shows the effect, applies the inverse (`op.reverse()` or the scenario's own
//! `down`) and checks that the snapshot is back to what it was. The scenarios are in `cases`;
//! `extra` holds the identifier, derived-downgrade and `IF [NOT] EXISTS` checks.

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
    /// The ops applied so far, folded into the model to compare with the catalog.
    applied: Vec<Op>,
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
        let mut me = Db { conn, dialect, mariadb: false, applied: Vec::new(), _db: db };
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
        self.applied.push(op.clone());
        Ok(sql)
    }

    /// The model folded from the ops applied so far against `core::schema::read` of the
    /// database: the differences, one line each (empty when the model is honest).
    fn model_vs_catalog(&mut self) -> Result<Vec<String>, String> {
        let mut model = retort::schema::Schema::default();
        retort::schema::fold::apply_all(&mut model, &self.applied, self.dialect.name())
            .map_err(|e| format!("the fold refused ops that ran: {e}"))?;
        let mut conn = retort::runner::Database::connect(self._db.url()).map_err(|e| e.to_string())?;
        let catalog =
            retort::runner::read_schema(&mut conn, &retort::runner::Settings::default()).map_err(|e| e.to_string())?;
        Ok(retort::schema::diff(&model, &catalog).iter().map(ToString::to_string).collect())
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
    let drift = db.model_vs_catalog()?;
    if !drift.is_empty() {
        return Err(format!("the model after the op is not the catalog: {drift:#?}"));
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
    let drift = db.model_vs_catalog()?;
    if !drift.is_empty() {
        return Err(format!("the model after the inverse is not the catalog: {drift:#?}"));
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

mod cases;
mod extra;

use cases::scenarios;

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
