//! MySQL/MariaDB statements sea-query lacks, as extension types with a builder trait that only
//! `MysqlQueryBuilder` implements: `ALTER COLUMN .. SET/DROP DEFAULT`, the per-type `DROP`s
//! (`DROP PRIMARY KEY`, `DROP INDEX`, `DROP CONSTRAINT`), `ADD` of keys and checks, MariaDB's
//! `IF [NOT] EXISTS` forms, table comments, and the drop of an index foreign keys need.

use sea_query::{MysqlQueryBuilder, QuotedBuilder};

use crate::backend::{quote_ident, quote_literal, Dialect, KeyColumns};

const MY: Dialect = Dialect::Mysql;

fn q(name: &str) -> String {
    quote_ident(MY, name)
}

/// What an `ALTER TABLE .. DROP` removes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DropTarget<'a> {
    /// `DROP COLUMN`.
    Column(&'a str),
    /// `DROP FOREIGN KEY`.
    ForeignKey(&'a str),
    /// `DROP INDEX` (also unique constraints, which MySQL keeps as indexes).
    Index(&'a str),
    /// `DROP CONSTRAINT` (check constraints; MySQL 8.0.19+, MariaDB 10.2+).
    Constraint(&'a str),
    /// `DROP PRIMARY KEY`.
    PrimaryKey,
}

/// MySQL-only table statements.
#[derive(Debug, Clone)]
pub(crate) enum MysqlStatement<'a> {
    /// `ALTER TABLE t ALTER COLUMN c SET DEFAULT x` / `DROP DEFAULT`.
    ColumnDefault { table: &'a str, column: &'a str, default: Option<String> },
    /// `ALTER TABLE t ADD <definition>`.
    Add { table: &'a str, definition: String },
    /// `ALTER TABLE t DROP [..] [IF EXISTS] name` (IF EXISTS is MariaDB's).
    Drop { table: &'a str, target: DropTarget<'a>, if_exists: bool },
    /// `ALTER TABLE t COMMENT = '..'`.
    TableComment { table: &'a str, comment: &'a str },
    /// `ALTER TABLE t DROP INDEX ix, ADD INDEX fk (cols), ..`: drops an index that foreign keys
    /// need while giving them the index MySQL would have made for them (named after each key).
    DropIndexKeepingForeignKeys { table: &'a str, index: &'a str, keep: Vec<&'a KeyColumns> },
}

/// Writes [`MysqlStatement`]s.
pub(crate) trait MysqlExtBuilder: QuotedBuilder {
    /// Writes the statement.
    fn prepare_mysql_statement(&self, s: &MysqlStatement<'_>, sql: &mut String) {
        match s {
            MysqlStatement::ColumnDefault { table, column, default: Some(d) } => {
                sql.push_str(&format!("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {d}", q(table), q(column)));
            }
            MysqlStatement::ColumnDefault { table, column, default: None } => {
                sql.push_str(&format!("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT", q(table), q(column)));
            }
            MysqlStatement::Add { table, definition } => {
                sql.push_str(&format!("ALTER TABLE {} ADD {definition}", q(table)));
            }
            MysqlStatement::Drop { table, target, if_exists } => {
                let ie = if *if_exists { "IF EXISTS " } else { "" };
                let what = match target {
                    DropTarget::Column(n) => format!("COLUMN {ie}{}", q(n)),
                    DropTarget::ForeignKey(n) => format!("FOREIGN KEY {ie}{}", q(n)),
                    DropTarget::Index(n) => format!("INDEX {ie}{}", q(n)),
                    DropTarget::Constraint(n) => format!("CONSTRAINT {ie}{}", q(n)),
                    DropTarget::PrimaryKey => "PRIMARY KEY".into(),
                };
                sql.push_str(&format!("ALTER TABLE {} DROP {what}", q(table)));
            }
            MysqlStatement::TableComment { table, comment } => {
                sql.push_str(&format!("ALTER TABLE {} COMMENT = {}", q(table), quote_literal(MY, *comment)));
            }
            MysqlStatement::DropIndexKeepingForeignKeys { table, index, keep } => {
                sql.push_str(&format!("ALTER TABLE {} DROP INDEX {}", q(table), q(index)));
                for fk in keep {
                    let cols = fk.columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ");
                    sql.push_str(&format!(", ADD INDEX {} ({cols})", q(&fk.name)));
                }
            }
        }
    }
}

impl MysqlExtBuilder for MysqlQueryBuilder {}

impl MysqlStatement<'_> {
    /// The statement as SQL.
    pub(crate) fn to_sql(&self) -> String {
        let mut sql = String::new();
        MysqlQueryBuilder.prepare_mysql_statement(self, &mut sql);
        sql
    }
}
