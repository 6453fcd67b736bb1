//! SQLite's move-and-copy rebuild, the extension statement for every `ALTER` SQLite lacks
//! (<https://www.sqlite.org/lang_altertable.html#otheralter>): create the new definition under
//! a temporary name, copy the rows, drop the old table, rename the new one, re-create the
//! indexes and triggers the drop took with it.

use sea_query::{QuotedBuilder, SqliteQueryBuilder};

use super::TableDef;
use crate::backend::{quote_ident, Dialect};

/// The rebuild of one table.
#[derive(Debug, Clone)]
pub(crate) struct TableRebuildStatement<'a> {
    /// The table as it is.
    pub old: &'a TableDef,
    /// The table as it will be (same name).
    pub new: &'a TableDef,
    /// `(new column, expression over the old table's columns)` for every copied column.
    pub copy: Vec<(String, String)>,
}

/// The name the new definition is created under before it replaces the old table.
pub(crate) fn temp_name(table: &str) -> String {
    format!("_retort_new_{table}")
}

/// Writes the rebuild. Only SQLite has (and needs) it.
pub(crate) trait TableRebuildBuilder: QuotedBuilder {
    /// The statements, in order.
    fn prepare_table_rebuild(&self, s: &TableRebuildStatement<'_>) -> Vec<String> {
        let q = |n: &str| quote_ident(Dialect::Sqlite, n);
        let table = &s.old.name;
        let temp = temp_name(table);
        let mut out = vec![
            // With the legacy behaviour, RENAME does not re-check (and fail on) views that
            // name the table while it is briefly missing, nor rewrite references to it.
            "PRAGMA legacy_alter_table = ON".to_string(),
            s.new.to_create_sql(&temp),
        ];
        if !s.copy.is_empty() {
            let cols = s.copy.iter().map(|(c, _)| q(c)).collect::<Vec<_>>().join(", ");
            let exprs = s.copy.iter().map(|(_, e)| e.as_str()).collect::<Vec<_>>().join(", ");
            out.push(format!("INSERT INTO {} ({cols}) SELECT {exprs} FROM {}", q(&temp), q(table)));
        }
        out.push(format!("DROP TABLE {}", q(table)));
        out.push(format!("ALTER TABLE {} RENAME TO {}", q(&temp), q(table)));
        out.push("PRAGMA legacy_alter_table = OFF".to_string());
        out.extend(s.new.indexes.iter().cloned());
        out.extend(s.new.triggers.iter().cloned());
        out
    }
}

impl TableRebuildBuilder for SqliteQueryBuilder {}

impl TableRebuildStatement<'_> {
    /// The statements.
    pub(crate) fn to_statements(&self) -> Vec<String> {
        SqliteQueryBuilder.prepare_table_rebuild(self)
    }
}
