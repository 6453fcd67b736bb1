//! Reading a MySQL/MariaDB table's columns, indexes and foreign keys from `information_schema`:
//! what the renderer needs to drop an index a foreign key depends on and to emulate the
//! `IF [NOT] EXISTS` forms MySQL lacks.

use diesel::sql_types::Text;
use diesel::{MysqlConnection, QueryableByName, RunQueryDsl};

use crate::backend::sqlite::{KeyColumns, TableColumn, TableDef};
use crate::backend::RenderError;

#[derive(QueryableByName)]
struct PairRow {
    #[diesel(sql_type = Text)]
    a: String,
    #[diesel(sql_type = Text)]
    b: String,
}

/// `(a, b)` rows of a query binding the table name once.
fn pairs(conn: &mut MysqlConnection, table: &str, sql: &str) -> Result<Vec<(String, String)>, RenderError> {
    diesel::sql_query(sql)
        .bind::<Text, _>(table)
        .load::<PairRow>(conn)
        .map(|rows| rows.into_iter().map(|r| (r.a, r.b)).collect())
        .map_err(|source| RenderError::Introspect { table: table.to_string(), source })
}

/// Groups `(name, column)` rows, already ordered by name then position, into keys.
fn keys(rows: Vec<(String, String)>) -> Vec<KeyColumns> {
    let mut out: Vec<KeyColumns> = Vec::new();
    for (name, column) in rows {
        match out.last_mut() {
            Some(last) if last.name == name => last.columns.push(column),
            _ => out.push(KeyColumns { name, columns: vec![column] }),
        }
    }
    out
}

/// Reads `table`'s columns (name and `COLUMN_TYPE`), indexes and foreign keys in the
/// connection's current database, for the ops [`super::super::needs_table_definition`] names on
/// MySQL. The runner fills [`super::super::RenderContext::tables`] with it, as with SQLite's
/// [`super::super::introspect_table`].
///
/// A table that does not exist has no columns, indexes or keys (not `UnknownTable`): MySQL's
/// runner reads definitions before a revision's first statement, when a table an earlier op of
/// the same revision creates is not there yet, and what the renderer asks (is this column or
/// index there, does a foreign key need this index) has the answer "no" for it, which renders the
/// plain statement.
pub fn introspect_mysql_table(conn: &mut MysqlConnection, table: &str) -> Result<TableDef, RenderError> {
    // CASTs: MySQL 8 reports some information_schema columns as binary strings.
    let columns = pairs(
        conn,
        table,
        "SELECT CAST(COLUMN_NAME AS CHAR) AS a, CAST(COLUMN_TYPE AS CHAR) AS b FROM information_schema.COLUMNS \
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
    )?;
    let indexes = pairs(
        conn,
        table,
        "SELECT CAST(INDEX_NAME AS CHAR) AS a, CAST(IFNULL(COLUMN_NAME, '') AS CHAR) AS b \
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? \
         ORDER BY INDEX_NAME, SEQ_IN_INDEX",
    )?;
    let foreign_keys = pairs(
        conn,
        table,
        "SELECT CAST(CONSTRAINT_NAME AS CHAR) AS a, CAST(COLUMN_NAME AS CHAR) AS b \
         FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? \
         AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION",
    )?;
    let mut def = TableDef::new(table);
    def.columns = columns.into_iter().map(|(name, ty)| TableColumn { name, ty, clauses: Vec::new() }).collect();
    def.index_columns = keys(indexes);
    def.foreign_keys = keys(foreign_keys);
    Ok(def)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_group_into_keys_in_order() {
        let rows = [("fk_a", "a"), ("fk_a", "b"), ("ix", "c")].map(|(n, c)| (n.to_string(), c.to_string()));
        assert_eq!(keys(rows.to_vec()), [KeyColumns::new("fk_a", ["a", "b"]), KeyColumns::new("ix", ["c"])]);
    }
}
