//! Data ops: raw SQL, bulk inserts and batched backfills. None is reversible from its own data.

use super::Op;
use serde::{Deserialize, Serialize};

use super::Value;

/// Raw SQL, run as written. The typed safety rules cannot see inside it.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::Execute(Execute::new("UPDATE users SET active = true"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"UPDATE users SET active = true"#]);
/// assert_eq!(sql(Dialect::Sqlite).unwrap(), [r#"UPDATE users SET active = true"#]);
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"UPDATE users SET active = true"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Execute {
    /// The SQL text (one or more statements).
    pub sql: String,
    /// What the SQL does to the schema, declared by the author as typed ops: the chain's
    /// model folds these instead of taking what the SQL names as unknown. They are never
    /// rendered or run; the SQL is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Op>,
}

impl Execute {
    /// Runs `sql`.
    pub fn new(sql: impl Into<String>) -> Self {
        Self { sql: sql.into(), effects: Vec::new() }
    }

    /// Declares what `sql` does to the schema (`execute(..).effects([..])`).
    pub fn effects(mut self, ops: impl IntoIterator<Item = Op>) -> Self {
        self.effects = ops.into_iter().collect();
        self
    }
}

/// `INSERT INTO table (columns) VALUES ..` of literal rows, e.g. reference data.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::BulkInsert(BulkInsert::new("roles", ["id", "name"], vec![vec![Value::Int(1), Value::Str("admin".into())], vec![Value::Int(2), Value::Str("it's me".into())]]));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"INSERT INTO "roles" ("id", "name") VALUES (1, 'admin'), (2, E'it\'s me')"#]);
/// assert_eq!(sql(Dialect::Sqlite).unwrap(), [r#"INSERT INTO "roles" ("id", "name") VALUES (1, 'admin'), (2, 'it''s me')"#]);
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"INSERT INTO `roles` (`id`, `name`) VALUES (1, 'admin'), (2, 'it\'s me')"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkInsert {
    /// Table name.
    pub table: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl BulkInsert {
    /// Inserts `rows` into `table`.
    pub fn new<S: Into<String>>(
        table: impl Into<String>,
        columns: impl IntoIterator<Item = S>,
        rows: Vec<Vec<Value>>,
    ) -> Self {
        Self { table: table.into(), columns: columns.into_iter().map(Into::into).collect(), rows }
    }
}

/// A batched `UPDATE`: keyset pagination by `key` (never OFFSET), one transaction per batch,
/// batch size adapting toward `target_batch_ms`, resumable from the last key.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::Backfill(Backfill::new("users").set("email_lower", "lower(email)").where_("email_lower IS NULL"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"UPDATE "users" SET "email_lower" = lower(email) WHERE email_lower IS NULL"#]);
/// assert_eq!(sql(Dialect::Sqlite).unwrap(), [r#"UPDATE "users" SET "email_lower" = lower(email) WHERE email_lower IS NULL"#]);
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"UPDATE `users` SET `email_lower` = lower(email) WHERE email_lower IS NULL"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backfill {
    /// Table name.
    pub table: String,
    /// `column = expression` assignments.
    pub set: Vec<(String, String)>,
    /// Only rows matching this predicate (e.g. `new_col IS NULL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Keyset column (the primary key).
    pub key: String,
    /// Starting batch size.
    pub batch_size: u32,
    /// Target duration of one batch, in milliseconds.
    pub target_batch_ms: u32,
    /// Pause between batches, in milliseconds.
    #[serde(default)]
    pub sleep_ms: u32,
}

impl Backfill {
    /// A backfill of `table` keyed by `id`, 1,000 rows per batch to start, aiming at 200 ms per batch.
    pub fn new(table: impl Into<String>) -> Self {
        Self {
            table: table.into(),
            set: Vec::new(),
            predicate: None,
            key: "id".into(),
            batch_size: 1000,
            target_batch_ms: 200,
            sleep_ms: 0,
        }
    }

    /// `SET column = expr`.
    pub fn set(mut self, column: impl Into<String>, expr: impl Into<String>) -> Self {
        self.set.push((column.into(), expr.into()));
        self
    }

    /// Only rows matching `predicate`.
    pub fn where_(mut self, predicate: impl Into<String>) -> Self {
        self.predicate = Some(predicate.into());
        self
    }

    /// Keyset column.
    pub fn key(mut self, column: impl Into<String>) -> Self {
        self.key = column.into();
        self
    }

    /// Starting batch size.
    pub fn batch_size(mut self, n: u32) -> Self {
        self.batch_size = n;
        self
    }

    /// Target batch duration.
    pub fn target_batch_ms(mut self, ms: u32) -> Self {
        self.target_batch_ms = ms;
        self
    }

    /// Pause between batches.
    pub fn sleep_ms(mut self, ms: u32) -> Self {
        self.sleep_ms = ms;
        self
    }
}
