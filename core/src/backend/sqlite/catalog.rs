//! SQLite's schema, read from `sqlite_master` and the table-valued pragmas: tables, columns,
//! primary keys, foreign keys, unique and check constraints, indexes, views and triggers.
//!
//! The pragmas give columns, keys and indexes; check constraints, generated columns, collations
//! and `AUTOINCREMENT` live only in the stored `CREATE TABLE`, which is parsed for them with the
//! rebuild recipe's parser. SQLite keeps no name for most constraints: they are named after
//! their columns or expression (see [`crate::schema::Schema`]).

use std::collections::BTreeMap;

use super::{ClauseKind, TableDef};
use crate::backend::catalog::{
    collapse, constraint_from_definition, non_empty, parenthesized, text, truthy, unquote, CatalogSource, Excluded,
};
use crate::backend::{quote_literal, Dialect};
use crate::ops::ForeignKeyAction;
use crate::schema::{
    parse_action, type_from_spelling, Column, Constraint, ConstraintKind, Generated, Identity, Index, References,
    Schema, Table, View,
};

pub(crate) fn read<S: CatalogSource>(source: &mut S, excluded: Excluded<'_>) -> Result<Schema, S::Error> {
    let names = excluded.tables.iter().map(|t| quote_literal(Dialect::Sqlite, *t)).collect::<Vec<_>>().join(", ");
    let filter = format!("m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.tbl_name NOT IN ({names})");
    let mut schema = Schema::default();
    let objects = source.rows::<4>(&format!(
        "SELECT m.type AS c0, m.name AS c1, m.tbl_name AS c2, m.sql AS c3 FROM sqlite_master m WHERE {filter}"
    ))?;
    let mut definitions = BTreeMap::new();
    for [kind, name, table, sql] in objects {
        let (name, table, sql) = (text(&name), text(&table), text(&sql));
        match kind.as_deref() {
            Some("table") => {
                schema.tables.insert(name.clone(), Table::default().into());
                definitions.insert(name, sql);
            }
            Some("view") => {
                schema.views.insert(name, View { materialized: false, definition: view_query(&sql), comment: None });
            }
            Some("trigger") => {
                schema.triggers.insert((table, name), collapse(&sql));
            }
            // Indexes SQLite made for a UNIQUE or PRIMARY KEY clause have no statement; the
            // constraint stands for them.
            Some("index") if !sql.is_empty() => {
                schema.indexes.insert((table, name), index(&sql));
            }
            _ => {}
        }
    }
    columns(source, &mut schema, &filter)?;
    foreign_keys(source, &mut schema, &filter)?;
    unique_constraints(source, &mut schema, &filter)?;
    for (name, sql) in definitions {
        if let Some(table) = schema.table_mut(&name) {
            from_definition(table, &sql);
        }
    }
    Ok(schema)
}

fn columns<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT m.name AS c0, p.name AS c1, p.type AS c2, CAST(p.\"notnull\" AS TEXT) AS c3, \
         CAST(p.dflt_value AS TEXT) AS c4, CAST(p.pk AS TEXT) AS c5 \
         FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND {filter} \
         ORDER BY m.name, p.cid"
    );
    let mut keys: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
    for [table, name, data_type, not_null, default, pk] in source.rows::<6>(&sql)? {
        let (table_name, name) = (text(&table), text(&name));
        let Some(table) = schema.table_mut(&table_name) else { continue };
        let mut column = Column::new(name.clone(), type_from_spelling(&text(&data_type), "sqlite"));
        column.nullable = !truthy(&not_null);
        column.default = default;
        table.columns.push(column);
        match pk.as_deref().map(str::parse::<u32>) {
            Some(Ok(position)) if position > 0 => keys.entry(table_name).or_default().push((position, name)),
            _ => {}
        }
    }
    for (table, mut columns) in keys {
        columns.sort();
        let columns: Vec<String> = columns.into_iter().map(|(_, c)| c).collect();
        if let Some(t) = schema.table_mut(&table) {
            t.constraints.insert(String::new(), Constraint::new(ConstraintKind::PrimaryKey, columns));
        }
    }
    Ok(())
}

fn foreign_keys<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT m.name AS c0, CAST(f.id AS TEXT) AS c1, f.\"table\" AS c2, f.\"from\" AS c3, f.\"to\" AS c4, \
         f.on_update AS c5, f.on_delete AS c6 \
         FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND {filter} \
         ORDER BY m.name, f.id, f.seq"
    );
    // (table, id) -> (referenced table, from columns, to columns, on update, on delete)
    type Key = (String, Vec<String>, Vec<String>, String, String);
    let mut keys: BTreeMap<(String, u32), Key> = BTreeMap::new();
    for [table, id, referenced, from, to, on_update, on_delete] in source.rows::<7>(&sql)? {
        let id = text(&id).parse().unwrap_or(0);
        let key = keys
            .entry((text(&table), id))
            .or_insert_with(|| (text(&referenced), Vec::new(), Vec::new(), text(&on_update), text(&on_delete)));
        key.1.push(text(&from));
        // A key referencing the primary key implicitly has no `to` column.
        if let Some(to) = non_empty(&to) {
            key.2.push(to);
        }
    }
    for ((table, _), (referenced, from, to, on_update, on_delete)) in keys {
        let Some(t) = schema.table_mut(&table) else { continue };
        let mut constraint = Constraint::new(ConstraintKind::ForeignKey, from.clone());
        constraint.references = Some(References {
            table: referenced,
            columns: to,
            on_delete: parse_action(&on_delete).unwrap_or(ForeignKeyAction::NoAction),
            on_update: parse_action(&on_update).unwrap_or(ForeignKeyAction::NoAction),
            deferrable: None,
        });
        let mut name = format!("({})", from.join(", "));
        while t.constraints.contains_key(&name) {
            name.push('\'');
        }
        t.constraints.insert(name, constraint);
    }
    Ok(())
}

fn unique_constraints<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT m.name AS c0, il.name AS c1, \
         (SELECT group_concat(k.name, ', ') FROM (SELECT ii.name FROM pragma_index_info(il.name) ii ORDER BY ii.seqno) k) AS c2 \
         FROM sqlite_master m JOIN pragma_index_list(m.name) il \
         WHERE m.type = 'table' AND il.origin = 'u' AND {filter}"
    );
    for [table, _, columns] in source.rows::<3>(&sql)? {
        let Some(t) = schema.table_mut(&text(&table)) else { continue };
        let columns = text(&columns);
        let list: Vec<String> = columns.split(", ").map(str::to_string).collect();
        t.constraints.insert(format!("({columns})"), Constraint::new(ConstraintKind::Unique, list));
    }
    Ok(())
}

/// What only the stored `CREATE TABLE` says: check constraints, generated expressions,
/// collations and `AUTOINCREMENT`. A statement the parser cannot read is compared whole.
fn from_definition(table: &mut Table, sql: &str) {
    if sql.trim_start().get(..14).is_some_and(|s| s.eq_ignore_ascii_case("CREATE VIRTUAL")) {
        table.constraints.insert("(module)".into(), Constraint::check(collapse(sql)));
        return;
    }
    let Ok(def) = TableDef::parse(sql) else {
        table.constraints.insert("(table definition)".into(), Constraint::check(collapse(sql)));
        return;
    };
    for parsed in &def.columns {
        let Some(column) = table.columns.iter_mut().find(|c| c.name == parsed.name) else { continue };
        for clause in &parsed.clauses {
            let body = collapse(without_name(&clause.sql));
            match clause.kind {
                ClauseKind::Generated => column.generated = Some(generated(&body)),
                ClauseKind::Collate => {
                    column.collation = Some(body["COLLATE".len().min(body.len())..].trim().to_string())
                }
                ClauseKind::PrimaryKey if body.to_ascii_uppercase().contains("AUTOINCREMENT") => {
                    column.identity = Some(Identity::AutoIncrement);
                }
                ClauseKind::Check => check(&mut table.constraints, clause.name.as_deref(), &body),
                _ => {}
            }
        }
    }
    for constraint in &def.constraints {
        let body = collapse(without_name(&constraint.sql));
        if body.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("CHECK")) {
            check(&mut table.constraints, constraint.name.as_deref(), &body);
        }
    }
}

/// Adds a `CHECK (..)` clause, named or named after its expression.
fn check(constraints: &mut BTreeMap<String, Constraint>, name: Option<&str>, body: &str) {
    let name = match name {
        Some(name) => name.to_string(),
        None => {
            let open = body.find('(').unwrap_or(0);
            let expression = parenthesized(body, open).map_or(body, |(inside, _)| inside);
            format!("({})", collapse(expression))
        }
    };
    constraints.insert(name, constraint_from_definition(ConstraintKind::Check, body));
}

/// A generated column's clause, `GENERATED ALWAYS AS (expr) STORED` or `AS (expr)`.
fn generated(body: &str) -> Generated {
    let stored = body.to_ascii_uppercase().trim_end().ends_with("STORED");
    let open = body.find('(').unwrap_or(0);
    let expr = parenthesized(body, open).map_or(body, |(inside, _)| inside).trim().to_string();
    Generated { expr, stored }
}

/// A clause without its leading `CONSTRAINT name`.
fn without_name(sql: &str) -> &str {
    let trimmed = sql.trim_start();
    if !trimmed.get(..10).is_some_and(|s| s.eq_ignore_ascii_case("CONSTRAINT")) {
        return trimmed;
    }
    let rest = trimmed[10..].trim_start();
    // The name: quoted ("..", `..`, [..]) or bare.
    let end = match rest.chars().next() {
        Some(q @ ('"' | '`')) => rest[1..].find(q).map_or(rest.len(), |i| i + 2),
        Some('[') => rest.find(']').map_or(rest.len(), |i| i + 1),
        _ => rest.find(char::is_whitespace).unwrap_or(rest.len()),
    };
    rest[end..].trim_start()
}

/// An index from its `CREATE [UNIQUE] INDEX .. ON table (keys) [WHERE ..]` statement.
fn index(sql: &str) -> Index {
    let upper = sql.to_ascii_uppercase();
    let unique = collapse(&upper).starts_with("CREATE UNIQUE");
    let open = upper.find(" ON ").and_then(|on| upper[on..].find('(').map(|p| on + p));
    let (columns, predicate) = match open.and_then(|open| parenthesized(sql, open)) {
        Some((keys, rest)) => {
            let rest = rest.trim();
            let predicate = rest.get(..5).filter(|w| w.eq_ignore_ascii_case("WHERE")).map(|_| collapse(&rest[5..]));
            let keys = crate::backend::catalog::split_top_level(keys);
            (keys.iter().map(|k| unquote_key(k)).collect(), predicate)
        }
        None => (vec![collapse(sql)], None),
    };
    Index { columns, unique, predicate, valid: true, ..Index::default() }
}

/// The query of a stored `CREATE VIEW name AS query`.
fn view_query(sql: &str) -> String {
    let sql = collapse(sql);
    let upper = sql.to_ascii_uppercase();
    match upper.find(" AS ") {
        Some(at) => sql[at + 4..].to_string(),
        None => sql,
    }
}

/// An index key without the quotes of its column: `"email" DESC` is `email DESC`.
fn unquote_key(key: &str) -> String {
    let (head, tail) = match key.find(|c: char| c.is_whitespace()) {
        Some(at) if !key.starts_with('(') => (&key[..at], &key[at..]),
        _ => (key, ""),
    };
    if head.contains('(') {
        return key.to_string();
    }
    format!("{}{tail}", unquote(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_statements_give_keys_uniqueness_and_predicate() {
        let ix = index(r#"CREATE INDEX "ix" ON "sessions" ("user_id", "last_seen_at" DESC) WHERE revoked_at IS NULL"#);
        assert_eq!(ix.columns, ["user_id", "last_seen_at DESC"]);
        assert_eq!(ix.predicate.as_deref(), Some("revoked_at IS NULL"));
        assert!(!ix.unique);
        let ux = index("create unique index ux on t (lower(a))");
        assert!(ux.unique && ux.predicate.is_none());
        assert_eq!(ux.columns, ["lower(a)"]);
    }

    #[test]
    fn checks_and_autoincrement_come_from_the_stored_statement() {
        let mut table = Table {
            columns: vec![
                Column::new("id", crate::ops::ColumnType::Integer),
                Column::new("role", crate::ops::ColumnType::Text),
            ],
            ..Table::default()
        };
        from_definition(
            &mut table,
            "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, role text CHECK (role IN ('a', 'b')), \
             CONSTRAINT \"ck_t\" CHECK (id > 0))",
        );
        assert_eq!(table.columns[0].identity, Some(Identity::AutoIncrement));
        let names: Vec<&str> = table.constraints.keys().map(String::as_str).collect();
        assert_eq!(names, ["(role IN ('a', 'b'))", "ck_t"]);
        assert_eq!(table.constraints["ck_t"].definition(), "CHECK (id>0)");
    }

    #[test]
    fn constraint_names_are_stripped_whatever_their_quoting() {
        assert_eq!(without_name("CONSTRAINT \"a b\" CHECK (x)"), "CHECK (x)");
        assert_eq!(without_name("constraint ck CHECK (x)"), "CHECK (x)");
        assert_eq!(without_name("CHECK (x)"), "CHECK (x)");
    }
}
