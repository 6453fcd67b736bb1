//! MySQL's and MariaDB's schema, read from `information_schema` for the connection's database:
//! tables, columns, primary keys, foreign keys, check constraints, indexes (unique ones
//! included: MySQL has no unique constraint apart from its index), views, partitions,
//! sequences (MariaDB), triggers and routines.
//!
//! View and trigger bodies name their tables with the database (`` `shop`.`users` ``); that
//! qualifier is removed, since the chain's schema is built in a database of another name.

use std::collections::BTreeMap;

use crate::backend::catalog::{collapse, non_empty, not_excluded, text, CatalogSource, Excluded};
use crate::backend::{quote_ident, Dialect};
use crate::ops::{ColumnType, ForeignKeyAction};
use crate::schema::{
    parse_action, type_from_spelling, Column, Constraint, ConstraintKind, Generated, Identity, Index, References,
    Schema, Sequence, Table, View,
};

pub(crate) fn read<S: CatalogSource>(source: &mut S, excluded: Excluded<'_>) -> Result<Schema, S::Error> {
    let [[database, version]] =
        match source.rows::<2>("SELECT CAST(DATABASE() AS CHAR) AS c0, CAST(VERSION() AS CHAR) AS c1")?.as_slice() {
            [row] => [row.clone()],
            _ => [[None, None]],
        };
    let database = text(&database);
    // `shop`. as it appears before table names in stored view and trigger bodies.
    let qualifier = format!("{}.", quote_ident(Dialect::Mysql, &database));
    let filter = not_excluded(Dialect::Mysql, excluded, "TABLE_SCHEMA", "TABLE_NAME");
    let mut schema = Schema::default();
    let aliased = not_excluded(Dialect::Mysql, excluded, "t.TABLE_SCHEMA", "t.TABLE_NAME");
    let collations = tables(source, &mut schema, &aliased, &qualifier)?;
    let columns_filter = not_excluded(Dialect::Mysql, excluded, "c.TABLE_SCHEMA", "c.TABLE_NAME");
    columns(source, &mut schema, &columns_filter, &collations)?;
    indexes(source, &mut schema, &filter)?;
    foreign_keys(source, &mut schema)?;
    checks(source, &mut schema, &text(&version))?;
    mariadb_json(&mut schema);
    partitions(source, &mut schema, &filter)?;
    triggers_and_routines(source, &mut schema, &qualifier)?;
    Ok(schema)
}

/// Tables, views and sequences; returns each table's default collation.
fn tables<S: CatalogSource>(
    source: &mut S,
    schema: &mut Schema,
    filter: &str,
    qualifier: &str,
) -> Result<BTreeMap<String, String>, S::Error> {
    let sql = format!(
        "SELECT CAST(t.TABLE_NAME AS CHAR) AS c0, CAST(t.TABLE_TYPE AS CHAR) AS c1, CAST(t.TABLE_COMMENT AS CHAR) AS c2, \
         CAST(t.TABLE_COLLATION AS CHAR) AS c3, CAST(v.VIEW_DEFINITION AS CHAR) AS c4, CAST(v.CHECK_OPTION AS CHAR) AS c5 \
         FROM information_schema.TABLES t LEFT JOIN information_schema.VIEWS v \
           ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME \
         WHERE t.TABLE_SCHEMA = DATABASE() AND {filter}"
    );
    let mut collations = BTreeMap::new();
    for [name, kind, comment, collation, definition, check_option] in source.rows::<6>(&sql)? {
        let name = text(&name);
        match kind.as_deref() {
            Some("VIEW") => {
                let mut definition = collapse(&text(&definition).replace(qualifier, ""));
                if let Some(option) = check_option.filter(|o| o != "NONE") {
                    definition.push_str(&format!(" WITH {option} CHECK OPTION"));
                }
                schema.views.insert(name, View { materialized: false, definition, comment: None });
            }
            Some("SEQUENCE") => {
                schema.sequences.insert(name, Sequence::default());
            }
            _ => {
                collations.insert(name.clone(), text(&collation));
                schema.tables.insert(name, Table { comment: non_empty(&comment), ..Table::default() }.into());
            }
        }
    }
    Ok(collations)
}

fn columns<S: CatalogSource>(
    source: &mut S,
    schema: &mut Schema,
    filter: &str,
    table_collations: &BTreeMap<String, String>,
) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT CAST(c.TABLE_NAME AS CHAR) AS c0, CAST(c.COLUMN_NAME AS CHAR) AS c1, CAST(c.COLUMN_TYPE AS CHAR) AS c2, \
         CAST(c.IS_NULLABLE AS CHAR) AS c3, CAST(c.COLUMN_DEFAULT AS CHAR) AS c4, CAST(c.EXTRA AS CHAR) AS c5, \
         CAST(c.COLLATION_NAME AS CHAR) AS c6, CAST(c.COLUMN_COMMENT AS CHAR) AS c7, CAST(c.GENERATION_EXPRESSION AS CHAR) AS c8, \
         CAST(c.CHARACTER_SET_NAME AS CHAR) AS c9, \
         (SELECT CAST(co.CHARACTER_SET_NAME AS CHAR) FROM information_schema.COLLATIONS co \
           WHERE co.COLLATION_NAME = t.TABLE_COLLATION) AS c10, \
         (SELECT CAST(co.IS_DEFAULT AS CHAR) FROM information_schema.COLLATIONS co \
           WHERE co.COLLATION_NAME = c.COLLATION_NAME) AS c11 \
         FROM information_schema.COLUMNS c JOIN information_schema.TABLES t \
           ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME \
         WHERE c.TABLE_SCHEMA = DATABASE() AND {filter} \
         ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION"
    );
    for [table_name, name, data_type, nullable, default, extra, collation, comment, generation, charset, table_charset, default_collation] in
        source.rows::<12>(&sql)?
    {
        let table_name = text(&table_name);
        let Some(table) = schema.table_mut(&table_name) else { continue };
        let extra = text(&extra);
        let lower = extra.to_ascii_lowercase();
        // MariaDB spells "no default" of a nullable column as the string NULL.
        let mut default = default.filter(|d| d != "NULL").map(|d| standard_literal(&d));
        if let Some(at) = lower.find("on update ") {
            let on_update = extra[at..].split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            default = Some(format!("{} {}", default.unwrap_or_else(|| "none".into()), on_update.to_uppercase()));
        }
        let generated = non_empty(&generation).map(|expr| Generated {
            expr,
            stored: !lower.contains("virtual") && lower.contains("stored") || lower.contains("persistent"),
        });
        // A character set other than the table's is stated; a collation when it is not what the
        // column would get without one: the table's, or its own character set's default.
        let charset = charset.filter(|c| table_charset.as_ref().is_some_and(|t| t != c));
        let collation = match &charset {
            Some(_) => collation.filter(|_| default_collation.as_deref().is_none_or(|d| d.trim().is_empty())),
            None => collation.filter(|c| table_collations.get(&table_name) != Some(c)),
        };
        let mut column = Column::new(text(&name), type_from_spelling(&text(&data_type), "mysql"));
        column.nullable = nullable.as_deref() == Some("YES");
        column.default = if generated.is_some() { None } else { default };
        column.identity = lower.contains("auto_increment").then_some(Identity::AutoIncrement);
        column.generated = generated;
        column.collation = collation;
        column.charset = charset;
        column.comment = non_empty(&comment);
        table.columns.push(column);
    }
    Ok(())
}

/// Indexes; the one named `PRIMARY` is the primary key.
fn indexes<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT CAST(TABLE_NAME AS CHAR) AS c0, CAST(INDEX_NAME AS CHAR) AS c1, CAST(NON_UNIQUE AS CHAR) AS c2, \
         CAST(COLUMN_NAME AS CHAR) AS c3, CAST(COLLATION AS CHAR) AS c4, CAST(SUB_PART AS CHAR) AS c5, \
         CAST(INDEX_TYPE AS CHAR) AS c6 \
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND {filter} \
         ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    );
    for [table, name, non_unique, column, collation, sub_part, method] in source.rows::<7>(&sql)? {
        // MySQL 8's functional key parts have no column; their expression is in a column
        // MariaDB lacks, so they are named by position only.
        let mut key = column.unwrap_or_else(|| "<expression>".into());
        if let Some(length) = sub_part {
            key.push_str(&format!("({length})"));
        }
        if collation.as_deref() == Some("D") {
            key.push_str(" DESC");
        }
        let (table, name) = (text(&table), text(&name));
        if name == "PRIMARY" {
            if let Some(t) = schema.table_mut(&table) {
                let pk = t
                    .constraints
                    .entry(String::new())
                    .or_insert_with(|| Constraint::new::<String>(ConstraintKind::PrimaryKey, []));
                pk.columns.push(key);
            }
            continue;
        }
        let index = schema.indexes.entry((table, name)).or_insert_with(|| Index {
            unique: non_unique.as_deref() == Some("0"),
            // InnoDB indexes are b-trees; MariaDB's HASH on a unique index is how it enforces a
            // key too long for one (a "long unique"), not a method the chain asked for.
            method: method
                .filter(|m| m != "BTREE" && !(m == "HASH" && non_unique.as_deref() == Some("0")))
                .map(|m| m.to_ascii_lowercase()),
            valid: true,
            ..Index::default()
        });
        index.columns.push(key);
    }
    Ok(())
}

fn foreign_keys<S: CatalogSource>(source: &mut S, schema: &mut Schema) -> Result<(), S::Error> {
    let sql = "SELECT CAST(r.TABLE_NAME AS CHAR) AS c0, CAST(r.CONSTRAINT_NAME AS CHAR) AS c1, \
               CAST(r.REFERENCED_TABLE_NAME AS CHAR) AS c2, CAST(r.UPDATE_RULE AS CHAR) AS c3, \
               CAST(r.DELETE_RULE AS CHAR) AS c4, \
               CAST(GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', ') AS CHAR) AS c5, \
               CAST(GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', ') AS CHAR) AS c6 \
               FROM information_schema.REFERENTIAL_CONSTRAINTS r JOIN information_schema.KEY_COLUMN_USAGE k \
                 ON k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME \
                 AND k.TABLE_NAME = r.TABLE_NAME \
               WHERE r.CONSTRAINT_SCHEMA = DATABASE() \
               GROUP BY r.TABLE_NAME, r.CONSTRAINT_NAME, r.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE";
    for [table, name, referenced, on_update, on_delete, columns, referenced_columns] in source.rows::<7>(sql)? {
        let Some(table) = schema.table_mut(&text(&table)) else { continue };
        let list =
            |v: &Option<String>| text(v).split(", ").filter(|c| !c.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let mut constraint = Constraint::new(ConstraintKind::ForeignKey, list(&columns));
        constraint.references = Some(References {
            table: text(&referenced),
            columns: list(&referenced_columns),
            on_delete: parse_action(&text(&on_delete)).unwrap_or(ForeignKeyAction::Restrict),
            on_update: parse_action(&text(&on_update)).unwrap_or(ForeignKeyAction::Restrict),
            deferrable: None,
        });
        table.constraints.insert(text(&name), constraint);
    }
    Ok(())
}

/// Check constraints: MariaDB names their table in `CHECK_CONSTRAINTS` (its names are unique
/// per table only); MySQL 8.0.16+ through `TABLE_CONSTRAINTS`. Older MySQL parses and ignores
/// CHECK, so there is nothing to read.
fn checks<S: CatalogSource>(source: &mut S, schema: &mut Schema, version: &str) -> Result<(), S::Error> {
    let sql = if version.contains("MariaDB") {
        "SELECT CAST(TABLE_NAME AS CHAR) AS c0, CAST(CONSTRAINT_NAME AS CHAR) AS c1, CAST(CHECK_CLAUSE AS CHAR) AS c2 \
         FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"
    } else if mysql_at_least(version, (8, 0, 16)) {
        "SELECT CAST(t.TABLE_NAME AS CHAR) AS c0, CAST(c.CONSTRAINT_NAME AS CHAR) AS c1, \
         CAST(c.CHECK_CLAUSE AS CHAR) AS c2 FROM information_schema.TABLE_CONSTRAINTS t \
         JOIN information_schema.CHECK_CONSTRAINTS c ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA \
           AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME \
         WHERE t.CONSTRAINT_SCHEMA = DATABASE() AND t.CONSTRAINT_TYPE = 'CHECK'"
    } else {
        return Ok(());
    };
    for [table, name, clause] in source.rows::<3>(sql)? {
        let Some(table) = schema.table_mut(&text(&table)) else { continue };
        table.constraints.insert(text(&name), Constraint::check(collapse(&text(&clause))));
    }
    Ok(())
}

/// MariaDB's JSON is `longtext` with a check named after the column, `json_valid(column)`:
/// the column is `Json` and the check is the type's, not a constraint of the chain.
fn mariadb_json(schema: &mut Schema) {
    for table in schema.tables_mut() {
        let json: Vec<String> = table
            .constraints
            .iter()
            .filter(|(name, c)| {
                let expr = c.expression.as_deref().unwrap_or_default().replace('`', "");
                c.kind == ConstraintKind::Check && expr == format!("json_valid({name})")
            })
            .map(|(name, _)| name.clone())
            .collect();
        for name in json {
            if let Some(column) = table.column_mut(&name).filter(|c| c.ty == ColumnType::Custom("longtext".into())) {
                column.ty = ColumnType::Json;
                column.collation = None;
                table.constraints.remove(&name);
            }
        }
    }
}

/// A MariaDB string default (`'it\\'s'`, backslash escapes) in standard SQL quoting
/// (`'it''s'`); anything else as it is.
fn standard_literal(default: &str) -> String {
    let Some(inner) = default.strip_prefix('\'').and_then(|d| d.strip_suffix('\'')) else {
        return default.to_string();
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            '\'' => {
                // A doubled quote is one.
                let _ = chars.next();
                out.push('\'');
            }
            c => out.push(c),
        }
    }
    format!("'{}'", out.replace('\'', "''"))
}

fn mysql_at_least(version: &str, wanted: (u32, u32, u32)) -> bool {
    let mut parts = version.split(|c: char| !c.is_ascii_digit()).map(|p| p.parse::<u32>().unwrap_or(0));
    let found = (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    found >= wanted
}

fn partitions<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT CAST(TABLE_NAME AS CHAR) AS c0, CAST(PARTITION_NAME AS CHAR) AS c1, CAST(PARTITION_METHOD AS CHAR) AS c2, \
         CAST(PARTITION_EXPRESSION AS CHAR) AS c3, CAST(PARTITION_DESCRIPTION AS CHAR) AS c4 \
         FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL AND {filter} \
         ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION"
    );
    for [table, name, method, expression, description] in source.rows::<5>(&sql)? {
        let Some(table) = schema.table_mut(&text(&table)) else { continue };
        let method = text(&method);
        table.partition_key = Some(format!("{method} ({})", text(&expression)));
        let bound = match (method.as_str(), description) {
            (m, Some(d)) if m.starts_with("RANGE") => format!("VALUES LESS THAN ({d})"),
            (m, Some(d)) if m.starts_with("LIST") => format!("VALUES IN ({d})"),
            _ => String::new(),
        };
        table.partitions.insert(text(&name), bound);
    }
    Ok(())
}

fn triggers_and_routines<S: CatalogSource>(
    source: &mut S,
    schema: &mut Schema,
    qualifier: &str,
) -> Result<(), S::Error> {
    let sql = "SELECT CAST(EVENT_OBJECT_TABLE AS CHAR) AS c0, CAST(TRIGGER_NAME AS CHAR) AS c1, \
               CAST(ACTION_TIMING AS CHAR) AS c2, CAST(EVENT_MANIPULATION AS CHAR) AS c3, \
               CAST(ACTION_STATEMENT AS CHAR) AS c4 \
               FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()";
    for [table, name, timing, event, statement] in source.rows::<5>(sql)? {
        let definition = format!(
            "{} {} FOR EACH ROW {}",
            text(&timing),
            text(&event),
            collapse(&text(&statement).replace(qualifier, ""))
        );
        schema.triggers.insert((text(&table), text(&name)), definition);
    }
    let sql = "SELECT CAST(ROUTINE_NAME AS CHAR) AS c0, CAST(ROUTINE_TYPE AS CHAR) AS c1, \
               CAST(DTD_IDENTIFIER AS CHAR) AS c2, CAST(ROUTINE_DEFINITION AS CHAR) AS c3 \
               FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()";
    for [name, kind, returns, body] in source.rows::<4>(sql)? {
        let mut definition = text(&kind);
        if let Some(returns) = returns {
            definition.push_str(&format!(" RETURNS {returns}"));
        }
        definition.push_str(&format!(" {}", collapse(&text(&body).replace(qualifier, ""))));
        schema.routines.insert(format!("{}()", text(&name)), definition);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(mysql_at_least("8.0.36", (8, 0, 16)));
        assert!(mysql_at_least("8.4.0-commercial", (8, 0, 16)));
        assert!(!mysql_at_least("8.0.15", (8, 0, 16)));
        assert!(!mysql_at_least("5.7.44-log", (8, 0, 16)));
    }
}
