//! Catalog snapshots: what the database says its schema is, read from its own catalog
//! (pg_catalog, sqlite_master and pragmas, information_schema), never from our SQL.
//!
//! A snapshot is a sorted list of lines, one per object or property, so that two snapshots
//! compare as sets and a difference reads as a diff. The runner's own tables are left out.

use example_app::AppConnection;

use crate::support::{lines, Family, TestResult};

/// A schema as the catalog reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Objects and properties, independent of column order: what a downgrade must restore.
    pub structure: Vec<String>,
    /// SQLite's stored `CREATE TABLE` text (the only place it keeps CHECK constraints), which
    /// also records column order; empty elsewhere.
    pub table_sql: Vec<String>,
}

impl Snapshot {
    /// The structure without constraint validation states: `VALIDATE CONSTRAINT` has no
    /// inverse by design (PostgreSQL cannot mark a constraint NOT VALID again), so a downgrade
    /// past one restores everything else.
    pub fn restorable(&self) -> Vec<String> {
        self.structure
            .iter()
            .map(|line| {
                let line = line.replace(" validated=f ", " validated=* ").replace(" validated=t ", " validated=* ");
                line.strip_suffix(" NOT VALID").map(str::to_owned).unwrap_or(line)
            })
            .collect()
    }
}

/// Takes a snapshot of `conn`'s schema.
pub fn snapshot(conn: &mut AppConnection, family: Family) -> TestResult<Snapshot> {
    let (queries, table_sql): (&[&str], Option<&str>) = match family {
        Family::Postgres => (POSTGRES, None),
        Family::Sqlite => (SQLITE, Some(SQLITE_TABLE_SQL)),
        Family::Mariadb => (MARIADB, None),
    };
    let mut structure = Vec::new();
    for q in queries {
        structure.extend(lines(conn, q)?);
    }
    structure.sort();
    let mut table_sql = match table_sql {
        Some(q) => lines(conn, q)?.into_iter().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect(),
        None => Vec::new(),
    };
    table_sql.sort();
    Ok(Snapshot { structure, table_sql })
}

const POSTGRES: &[&str] = &[
    "SELECT format('extension %s', extname) AS line FROM pg_extension WHERE extname <> 'plpgsql'",
    // Tables, partitions (with parent and bound), views, materialized views, sequences.
    "SELECT format('relation %s kind=%s parent=%s bound=%s comment=%s', c.relname, c.relkind, \
       coalesce((SELECT string_agg(inhparent::regclass::text, ',') FROM pg_inherits WHERE inhrelid = c.oid), '-'), \
       coalesce(pg_get_expr(c.relpartbound, c.oid), '-'), coalesce(obj_description(c.oid, 'pg_class'), '-')) AS line \
     FROM pg_class c \
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relnamespace = 'public'::regnamespace \
       AND c.relname NOT LIKE 'retort%' \
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')",
    "SELECT format('column %s.%s %s notnull=%s default=%s identity=%s generated=%s comment=%s', \
       c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
       coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), a.attidentity, a.attgenerated, \
       coalesce(col_description(c.oid, a.attnum), '-')) AS line \
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') \
       AND c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'retort%'",
    "SELECT format('constraint %s.%s type=%s validated=%s %s', c.relname, con.conname, con.contype, \
       con.convalidated, pg_get_constraintdef(con.oid)) AS line \
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid \
     WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'retort%'",
    "SELECT format('index %s valid=%s %s', i.indexrelid::regclass, i.indisvalid, pg_get_indexdef(i.indexrelid)) AS line \
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
     WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'retort%'",
    "SELECT format('matview %s populated=%s %s', matviewname, ispopulated, definition) AS line \
     FROM pg_matviews WHERE schemaname = 'public'",
    "SELECT format('view %s %s', viewname, definition) AS line FROM pg_views WHERE schemaname = 'public'",
    "SELECT format('trigger %s %s', t.tgrelid::regclass, pg_get_triggerdef(t.oid)) AS line \
     FROM pg_trigger t WHERE NOT t.tgisinternal",
    "SELECT format('function %s', p.oid::regprocedure) AS line FROM pg_proc p \
     WHERE p.pronamespace = 'public'::regnamespace \
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')",
];

const SQLITE: &[&str] = &[
    "SELECT 'object ' || m.type || ' ' || m.name || ' on ' || m.tbl_name AS line FROM sqlite_master m \
     WHERE m.name NOT LIKE 'retort%' AND m.name NOT LIKE 'sqlite_%'",
    "SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p.\"notnull\" \
       || ' default=' || coalesce(p.dflt_value, '-') || ' pk=' || p.pk || ' hidden=' || p.hidden AS line \
     FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p \
     WHERE m.type = 'table' AND m.name NOT LIKE 'retort%' AND m.name NOT LIKE 'sqlite_%'",
    "SELECT 'index ' || m.name || ' ' || il.name || ' unique=' || il.\"unique\" || ' origin=' || il.origin \
       || ' partial=' || il.partial || ' keys=' || (SELECT group_concat(coalesce(ii.name, '<expr>') || \
       CASE ii.\"desc\" WHEN 1 THEN ' desc' ELSE '' END, ',' ORDER BY ii.seqno) FROM pragma_index_xinfo(il.name) ii WHERE ii.key = 1) AS line \
     FROM sqlite_master m JOIN pragma_index_list(m.name) il \
     WHERE m.type = 'table' AND m.name NOT LIKE 'retort%' AND m.name NOT LIKE 'sqlite_%'",
    // Indexes' own SQL carries partial-index predicates; it does not depend on column order.
    "SELECT 'index-sql ' || m.name || ' ' || m.sql AS line FROM sqlite_master m \
     WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.name NOT LIKE 'retort%'",
    "SELECT 'fk ' || m.name || ' (' || f.\"from\" || ') -> ' || f.\"table\" || ' (' || coalesce(f.\"to\", '') \
       || ') on delete ' || f.on_delete || ' on update ' || f.on_update AS line \
     FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'retort%' AND m.name NOT LIKE 'sqlite_%'",
];

const SQLITE_TABLE_SQL: &str = "SELECT m.sql AS line FROM sqlite_master m \
     WHERE m.type = 'table' AND m.name NOT LIKE 'retort%' AND m.name NOT LIKE 'sqlite_%'";

const MARIADB: &[&str] = &[
    "SELECT CONCAT_WS(' ', 'table', table_name, table_type, engine, table_comment) AS line \
     FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name NOT LIKE 'retort%'",
    "SELECT CONCAT_WS(' ', 'column', table_name, column_name, column_type, \
       CONCAT('null=', is_nullable), CONCAT('default=', COALESCE(column_default, '-')), \
       CONCAT('extra=', extra), CONCAT('comment=', column_comment)) AS line \
     FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name NOT LIKE 'retort%'",
    "SELECT CONCAT_WS(' ', 'index', table_name, index_name, CONCAT('non_unique=', non_unique), \
       CONCAT('seq=', seq_in_index), column_name, CONCAT('order=', COALESCE(collation, '-')), \
       CONCAT('sub_part=', COALESCE(sub_part, '-')), index_type) AS line \
     FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name NOT LIKE 'retort%'",
    "SELECT CONCAT_WS(' ', 'constraint', table_name, constraint_name, constraint_type) AS line \
     FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name NOT LIKE 'retort%'",
    "SELECT CONCAT_WS(' ', 'check', table_name, constraint_name, check_clause) AS line \
     FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() AND table_name NOT LIKE 'retort%'",
    "SELECT CONCAT_WS(' ', 'fk', r.table_name, r.constraint_name, k.column_name, '->', r.referenced_table_name, \
       k.referenced_column_name, CONCAT('update=', r.update_rule), CONCAT('delete=', r.delete_rule)) AS line \
     FROM information_schema.referential_constraints r JOIN information_schema.key_column_usage k \
       ON k.constraint_schema = r.constraint_schema AND k.constraint_name = r.constraint_name AND k.table_name = r.table_name \
     WHERE r.constraint_schema = DATABASE()",
];
