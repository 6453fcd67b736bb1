//! Reading a SQLite table's current definition from the database: `sqlite_master` for the
//! `CREATE TABLE`, index and trigger statements, `pragma_table_info` to check the parse, and
//! `pragma_foreign_keys` / `pragma_foreign_key_list` for the foreign-key facts. The one place
//! the backend does I/O.

use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl, SqliteConnection};

use super::TableDef;
use crate::backend::RenderError;

#[derive(QueryableByName)]
struct TextRow {
    #[diesel(sql_type = Text)]
    value: String,
}

#[derive(QueryableByName)]
struct IntRow {
    #[diesel(sql_type = BigInt)]
    value: i64,
}

fn texts(conn: &mut SqliteConnection, table: &str, sql: &str) -> Result<Vec<String>, RenderError> {
    diesel::sql_query(sql)
        .bind::<Text, _>(table)
        .load::<TextRow>(conn)
        .map(|rows| rows.into_iter().map(|r| r.value).collect())
        .map_err(|source| RenderError::Introspect { table: table.to_string(), source })
}

/// Reads `table`'s current definition, for the rebuild recipe (see
/// [`super::super::needs_table_definition`]).
///
/// The parse is checked against `pragma_table_info`: if the column names disagree, the table
/// is reported as unparsable rather than rebuilt from a wrong definition.
pub fn introspect_table(conn: &mut SqliteConnection, table: &str) -> Result<TableDef, RenderError> {
    let create = texts(conn, table, "SELECT sql AS value FROM sqlite_master WHERE type = 'table' AND name = ?")?;
    let Some(create) = create.into_iter().next() else {
        return Err(RenderError::UnknownTable { table: table.to_string() });
    };
    let mut def = TableDef::parse(&create)?;
    let pragma_columns = texts(conn, table, "SELECT name AS value FROM pragma_table_xinfo(?) ORDER BY cid")?;
    let parsed_columns: Vec<&str> = def.columns.iter().map(|c| c.name.as_str()).collect();
    if pragma_columns != parsed_columns {
        return Err(RenderError::UnparsableTable {
            table: table.to_string(),
            reason: format!("parsed columns {parsed_columns:?} but SQLite reports {pragma_columns:?}"),
        });
    }
    def.indexes = texts(
        conn,
        table,
        "SELECT sql AS value FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
    )?;
    def.triggers = texts(
        conn,
        table,
        "SELECT sql AS value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
    )?;
    def.referenced_by = texts(
        conn,
        table,
        "SELECT DISTINCT m.name AS value FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
         WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE ORDER BY m.name",
    )?;
    let enforced = diesel::sql_query("SELECT foreign_keys AS value FROM pragma_foreign_keys")
        .load::<IntRow>(conn)
        .map_err(|source| RenderError::Introspect { table: table.to_string(), source })?;
    def.foreign_keys_enforced = enforced.first().is_some_and(|r| r.value != 0);
    Ok(def)
}
