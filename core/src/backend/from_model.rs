//! Table definitions taken from the chain's schema model instead of the live catalog: SQLite's
//! rebuild recipe and MySQL's `MODIFY COLUMN` then render the same SQL online and offline
//! (`--sql`), and MySQL column changes keep every part of the column they do not change.
//!
//! The model is folded op by op by the runner (`runner/prepare.rs`), so the definition an op
//! gets is the table as the ops before it left it. A table the model does not know (never
//! created by the chain, or touched by raw SQL) has no definition here: the runner then reads
//! the live one, and offline rendering refuses.

use std::sync::Arc;

use super::quote::{ident_list, quote_ident, quote_literal};
use super::renderer::Renderer;
use super::{mysql, sqlite, Dialect, KeyColumns, RenderError, TableColumn, TableDef};
use crate::schema::{action_sql, Column, ConstraintKind, Schema, Table};

/// The definition of `table` as the model holds it, for `dialect` (SQLite or MySQL), or `None`
/// when the model does not know the table.
pub fn table_definition(schema: &Schema, table: &str, dialect: Dialect) -> Option<Result<TableDef, RenderError>> {
    if schema.is_unknown(table) {
        return None;
    }
    let model = schema.tables.get(table)?;
    Some(match dialect {
        Dialect::Sqlite => sqlite_definition(schema, table, model),
        Dialect::Mysql => mysql_definition(schema, table, model),
        Dialect::Postgres => Ok(TableDef::new(table)),
    })
}

/// A default the model holds as SQL text, as a column definition writes it: literals and the
/// current-timestamp keywords bare, other expressions parenthesized (SQLite and MySQL 8 require
/// it).
pub(crate) fn default_sql(dialect: Dialect, text: &str) -> String {
    let t = text.trim();
    if t.eq_ignore_ascii_case("now()") || t.eq_ignore_ascii_case("current_timestamp") {
        return match dialect {
            Dialect::Mysql => "CURRENT_TIMESTAMP(6)".into(),
            _ => "CURRENT_TIMESTAMP".into(),
        };
    }
    let upper = t.to_ascii_uppercase();
    let literal = (t.len() >= 2 && t.starts_with('\'') && t.ends_with('\''))
        || t.parse::<f64>().is_ok()
        || matches!(upper.as_str(), "NULL" | "TRUE" | "FALSE" | "CURRENT_DATE" | "CURRENT_TIME")
        || upper.starts_with("CURRENT_TIMESTAMP");
    if literal && dialect == Dialect::Mysql && t.starts_with('\'') {
        // The model quotes the standard way; MySQL's parser also reads backslash escapes.
        t.replace('\\', r"\\")
    } else if literal {
        t.to_string()
    } else {
        format!("({t})")
    }
}

/// An index element as the model holds it (`email`, `created_at DESC`, `lower(email)`), with a
/// plain column name quoted.
fn index_element(dialect: Dialect, element: &str) -> String {
    let (head, tail) = match element.rsplit_once(' ') {
        Some((head, dir)) if dir.eq_ignore_ascii_case("asc") || dir.eq_ignore_ascii_case("desc") => {
            (head, format!(" {}", dir.to_ascii_uppercase()))
        }
        _ => (element, String::new()),
    };
    if is_name(head) {
        format!("{}{tail}", quote_ident(dialect, head))
    } else {
        element.to_string()
    }
}

fn sqlite_definition(schema: &Schema, name: &str, table: &Table) -> Result<TableDef, RenderError> {
    const D: Dialect = Dialect::Sqlite;
    let r = sqlite::Sqlite;
    let key = table.primary_key();
    // AUTOINCREMENT exists only on an inline `INTEGER PRIMARY KEY`.
    let inline_key = key.and_then(|(_, k)| match k.columns.as_slice() {
        [one] if table.column(one).is_some_and(|c| c.identity.is_some()) => Some(one.as_str()),
        _ => None,
    });
    let mut items = Vec::new();
    for col in &table.columns {
        let mut sql = format!("{} {}", quote_ident(D, &col.name), r.column_type("alter_column", &col.ty)?);
        if !col.nullable {
            sql.push_str(" NOT NULL");
        }
        if inline_key == Some(col.name.as_str()) {
            sql.push_str(" PRIMARY KEY AUTOINCREMENT");
        }
        if let Some(c) = &col.collation {
            sql.push_str(&format!(" COLLATE {c}"));
        }
        match (&col.generated, &col.default) {
            (Some(g), _) => {
                let storage = if g.stored { "STORED" } else { "VIRTUAL" };
                sql.push_str(&format!(" GENERATED ALWAYS AS ({}) {storage}", g.expr));
            }
            (None, Some(d)) => sql.push_str(&format!(" DEFAULT {}", default_sql(D, d))),
            (None, None) => {}
        }
        items.push(sql);
    }
    // Keys in the order of their first column, the primary key first at a tie, as inline
    // declarations would have them: SQLite numbers its automatic indexes in that order, and a
    // rebuild should not renumber them.
    let position = |c: &crate::schema::Constraint| {
        let first = c.columns.first().and_then(|f| table.columns.iter().position(|col| &col.name == f));
        match c.kind {
            ConstraintKind::PrimaryKey => (0, first.unwrap_or(0), 0),
            ConstraintKind::Unique => (0, first.unwrap_or(usize::MAX), 1),
            _ => (1, 0, 0),
        }
    };
    let mut constraints: Vec<(&String, &crate::schema::Constraint)> = table.constraints.iter().collect();
    constraints.sort_by_key(|(name, c)| (position(c), (*name).clone()));
    for (cname, c) in constraints {
        if c.kind == ConstraintKind::PrimaryKey && inline_key.is_some() {
            continue;
        }
        let prefix = if cname.is_empty() || cname.starts_with('(') {
            String::new()
        } else {
            format!("CONSTRAINT {} ", quote_ident(D, cname))
        };
        let body = match c.kind {
            ConstraintKind::PrimaryKey => format!("PRIMARY KEY ({})", ident_list(D, &c.columns)),
            ConstraintKind::Unique => format!("UNIQUE ({})", ident_list(D, &c.columns)),
            ConstraintKind::Check => format!("CHECK ({})", c.expression.as_deref().unwrap_or("1")),
            ConstraintKind::ForeignKey => match &c.references {
                Some(to) => {
                    let columns = if to.columns.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", ident_list(D, &to.columns))
                    };
                    let deferrable = match to.deferrable {
                        Some(true) => " DEFERRABLE INITIALLY DEFERRED",
                        Some(false) => " DEFERRABLE",
                        None => "",
                    };
                    format!(
                        "FOREIGN KEY ({}) REFERENCES {}{columns} ON DELETE {} ON UPDATE {}{deferrable}",
                        ident_list(D, &c.columns),
                        quote_ident(D, &to.table),
                        action_sql(to.on_delete),
                        action_sql(to.on_update)
                    )
                }
                None => continue,
            },
            ConstraintKind::Exclusion => continue,
        };
        items.push(format!("{prefix}{body}"));
    }
    let create = format!("CREATE TABLE {} ({})", quote_ident(D, name), items.join(", "));
    let mut def = TableDef::parse(&create)?;
    def.indexes = schema
        .indexes
        .iter()
        .filter(|((t, _), _)| t == name)
        .map(|((t, index), i)| {
            let elements: Vec<String> = i.columns.iter().map(|e| index_element(D, e)).collect();
            let mut sql = format!(
                "CREATE {}INDEX {} ON {} ({})",
                if i.unique { "UNIQUE " } else { "" },
                quote_ident(D, index),
                quote_ident(D, t),
                elements.join(", ")
            );
            if let Some(p) = &i.predicate {
                sql.push_str(&format!(" WHERE {p}"));
            }
            sql
        })
        .collect();
    def.triggers = schema.triggers.iter().filter(|((t, _), _)| t == name).map(|(_, sql)| sql.clone()).collect();
    def.referenced_by = referenced_by(schema, name);
    def.model = Some(Arc::new(table.clone()));
    Ok(def)
}

/// The tables with a foreign key to `name` (itself too, when it references itself).
fn referenced_by(schema: &Schema, name: &str) -> Vec<String> {
    schema
        .tables
        .iter()
        .filter(|(_, t)| {
            t.constraints.values().any(|c| c.references.as_ref().is_some_and(|r| r.table.eq_ignore_ascii_case(name)))
        })
        .map(|(n, _)| n.clone())
        .collect()
}

/// An index element's column, or an empty string for an expression (as `information_schema`
/// reports it).
fn key_column(element: &str) -> String {
    let first = element.split(' ').next().unwrap_or_default();
    let name = match first.split_once('(') {
        // A prefix index, `name(10)`: the column.
        Some((name, rest)) if rest.trim_end_matches(')').chars().all(|c| c.is_ascii_digit()) => name,
        Some(_) => return String::new(),
        None => first,
    };
    if is_name(name) {
        name.to_string()
    } else {
        String::new()
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

fn mysql_definition(schema: &Schema, name: &str, table: &Table) -> Result<TableDef, RenderError> {
    let r = mysql::Mysql;
    let mut def = TableDef::new(name);
    for col in &table.columns {
        def.columns.push(TableColumn {
            name: col.name.clone(),
            ty: r.column_type("alter_column", &col.ty)?,
            clauses: Vec::new(),
        });
    }
    let mut indexes: Vec<KeyColumns> = Vec::new();
    if let Some((_, key)) = table.primary_key() {
        indexes.push(KeyColumns::new("PRIMARY", key.columns.iter().cloned()));
    }
    for ((t, index), i) in &schema.indexes {
        if t == name {
            indexes.push(KeyColumns::new(index.clone(), i.columns.iter().map(|e| key_column(e))));
        }
    }
    for (cname, c) in &table.constraints {
        if c.kind == ConstraintKind::Unique {
            indexes.push(KeyColumns::new(cname.clone(), c.columns.iter().cloned()));
        }
    }
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    def.index_columns = indexes;
    def.foreign_keys = table
        .constraints
        .iter()
        .filter(|(_, c)| c.kind == ConstraintKind::ForeignKey)
        .map(|(n, c)| KeyColumns::new(n.clone(), c.columns.iter().cloned()))
        .collect();
    def.referenced_by = referenced_by(schema, name);
    def.model = Some(Arc::new(table.clone()));
    Ok(def)
}

/// MySQL's `MODIFY COLUMN` body for `col` as it is after an `alter_column`: the whole column,
/// since MySQL replaces the definition with what the statement says.
pub(crate) fn mysql_column_sql(col: &Column) -> Result<String, RenderError> {
    const D: Dialect = Dialect::Mysql;
    let r = mysql::Mysql;
    let mut sql = format!("{} {}", quote_ident(D, &col.name), r.column_type("alter_column", &col.ty)?);
    if let Some(c) = &col.charset {
        sql.push_str(&format!(" CHARACTER SET {c}"));
    }
    if let Some(c) = &col.collation {
        sql.push_str(&format!(" COLLATE {c}"));
    }
    if let Some(g) = &col.generated {
        let storage = if g.stored { "STORED" } else { "VIRTUAL" };
        sql.push_str(&format!(" GENERATED ALWAYS AS ({}) {storage}", g.expr));
    } else {
        sql.push_str(if col.nullable { " NULL" } else { " NOT NULL" });
        if let Some(d) = &col.default {
            sql.push_str(&format!(" DEFAULT {}", default_sql(D, d)));
        }
    }
    if col.identity.is_some() {
        sql.push_str(" AUTO_INCREMENT");
    }
    if let Some(c) = &col.comment {
        sql.push_str(&format!(" COMMENT {}", quote_literal(D, c.as_str())));
    }
    Ok(sql)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_keep_literals_bare_and_wrap_expressions() {
        assert_eq!(default_sql(Dialect::Sqlite, "'a'"), "'a'");
        assert_eq!(default_sql(Dialect::Mysql, r"'C:\t ''x'''"), r"'C:\\t ''x'''");
        assert_eq!(default_sql(Dialect::Sqlite, r"'C:\t'"), r"'C:\t'");
        assert_eq!(default_sql(Dialect::Sqlite, "-1.5"), "-1.5");
        assert_eq!(default_sql(Dialect::Sqlite, "now()"), "CURRENT_TIMESTAMP");
        assert_eq!(default_sql(Dialect::Mysql, "now()"), "CURRENT_TIMESTAMP(6)");
        assert_eq!(default_sql(Dialect::Mysql, "uuid()"), "(uuid())");
    }

    #[test]
    fn index_elements_quote_plain_columns_only() {
        assert_eq!(index_element(Dialect::Sqlite, "email"), "\"email\"");
        assert_eq!(index_element(Dialect::Sqlite, "created_at desc"), "\"created_at\" DESC");
        assert_eq!(index_element(Dialect::Sqlite, "lower(email)"), "lower(email)");
        assert_eq!(key_column("name(10)"), "name");
        assert_eq!(key_column("lower(email)"), "");
        assert_eq!(key_column("email"), "email");
    }
}
