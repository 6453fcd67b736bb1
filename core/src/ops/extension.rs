//! Database objects beside tables: extensions, enum types, sequences and comments.

use serde::{Deserialize, Serialize};

use super::Irreversible;

/// `CREATE EXTENSION [IF NOT EXISTS] name` (PostgreSQL).
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::CreateExtension(CreateExtension::new("pg_trgm").if_not_exists());
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"CREATE EXTENSION IF NOT EXISTS "pg_trgm""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateExtension {
    /// Extension name, e.g. `pg_trgm`.
    pub name: String,
    /// `IF NOT EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_not_exists: bool,
}

impl CreateExtension {
    /// Creates the named extension.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), if_not_exists: false }
    }

    /// `IF NOT EXISTS`.
    pub fn if_not_exists(mut self) -> Self {
        self.if_not_exists = true;
        self
    }

    /// The drop that undoes this (`IF EXISTS` when this was `IF NOT EXISTS`).
    pub fn reverse(&self) -> DropExtension {
        DropExtension { name: self.name.clone(), if_exists: self.if_not_exists, cascade: false }
    }
}

/// `DROP EXTENSION [IF EXISTS] name [CASCADE]`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::DropExtension(DropExtension::new("pg_trgm").if_exists());
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"DROP EXTENSION IF EXISTS "pg_trgm""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropExtension {
    /// Extension name.
    pub name: String,
    /// `IF EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_exists: bool,
    /// `CASCADE`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cascade: bool,
}

impl DropExtension {
    /// Drops the named extension.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), if_exists: false, cascade: false }
    }

    /// `IF EXISTS`.
    pub fn if_exists(mut self) -> Self {
        self.if_exists = true;
        self
    }

    /// The create that undoes this.
    pub fn reverse(&self) -> CreateExtension {
        CreateExtension { name: self.name.clone(), if_not_exists: self.if_exists }
    }
}

/// `CREATE TYPE name AS ENUM (..)` (PostgreSQL; MySQL uses inline `ENUM(..)` columns instead).
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::CreateEnum(CreateEnum::new("mood", ["sad", "ok", "happy"]));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"CREATE TYPE "mood" AS ENUM ('sad', 'ok', 'happy')"#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateEnum {
    /// Type name.
    pub name: String,
    /// Labels in order.
    pub values: Vec<String>,
}

impl CreateEnum {
    /// A new enum type.
    pub fn new<S: Into<String>>(name: impl Into<String>, values: impl IntoIterator<Item = S>) -> Self {
        Self { name: name.into(), values: values.into_iter().map(Into::into).collect() }
    }

    /// The drop that undoes this, carrying the labels.
    pub fn reverse(&self) -> DropEnum {
        DropEnum { name: self.name.clone(), if_exists: false, values: Some(self.values.clone()) }
    }
}

/// `DROP TYPE [IF EXISTS] name`. Reversible when it carries the labels.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::DropEnum(DropEnum::new("mood"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"DROP TYPE "mood""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropEnum {
    /// Type name.
    pub name: String,
    /// `IF EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_exists: bool,
    /// The labels it had.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
}

impl DropEnum {
    /// Drops the named type.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), if_exists: false, values: None }
    }

    /// The labels it had, which make the drop reversible.
    pub fn values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.values = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// The create that undoes this.
    pub fn reverse(&self) -> Result<CreateEnum, Irreversible> {
        match &self.values {
            Some(values) => Ok(CreateEnum { name: self.name.clone(), values: values.clone() }),
            None => Err(Irreversible {
                op: "drop_enum",
                hint: "give the labels with `.values([..])`, or write `down { .. }`",
            }),
        }
    }
}

/// `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']`. Irreversible: PostgreSQL
/// cannot remove an enum label.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::AddEnumValue(AddEnumValue::new("mood", "meh").after("sad"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"ALTER TYPE "mood" ADD VALUE 'meh' AFTER 'sad'"#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddEnumValue {
    /// Type name.
    pub name: String,
    /// The new label.
    pub value: String,
    /// `BEFORE 'label'`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// `AFTER 'label'`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// `IF NOT EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_not_exists: bool,
}

impl AddEnumValue {
    /// Adds `value` to the enum type `name`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self { name: name.into(), value: value.into(), before: None, after: None, if_not_exists: false }
    }

    /// `BEFORE 'label'`.
    pub fn before(mut self, label: impl Into<String>) -> Self {
        self.before = Some(label.into());
        self
    }

    /// `AFTER 'label'`.
    pub fn after(mut self, label: impl Into<String>) -> Self {
        self.after = Some(label.into());
        self
    }

    /// `IF NOT EXISTS`.
    pub fn if_not_exists(mut self) -> Self {
        self.if_not_exists = true;
        self
    }
}

/// `CREATE SEQUENCE`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::CreateSequence(CreateSequence::new("order_no").start(1000).increment(10));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"CREATE SEQUENCE "order_no" INCREMENT BY 10 START WITH 1000"#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSequence {
    /// Sequence name.
    pub name: String,
    /// `START WITH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// `INCREMENT BY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    /// `MINVALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// `MAXVALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// `CACHE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    /// `CYCLE`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cycle: bool,
    /// `OWNED BY table.column`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<(String, String)>,
}

impl CreateSequence {
    /// A new sequence with the server's defaults.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            start: None,
            increment: None,
            min: None,
            max: None,
            cache: None,
            cycle: false,
            owned_by: None,
        }
    }

    /// `START WITH`.
    pub fn start(mut self, v: i64) -> Self {
        self.start = Some(v);
        self
    }

    /// `INCREMENT BY`.
    pub fn increment(mut self, v: i64) -> Self {
        self.increment = Some(v);
        self
    }

    /// `MINVALUE`.
    pub fn min_value(mut self, v: i64) -> Self {
        self.min = Some(v);
        self
    }

    /// `MAXVALUE`.
    pub fn max_value(mut self, v: i64) -> Self {
        self.max = Some(v);
        self
    }

    /// `CACHE`.
    pub fn cache(mut self, v: i64) -> Self {
        self.cache = Some(v);
        self
    }

    /// `CYCLE`.
    pub fn cycle(mut self) -> Self {
        self.cycle = true;
        self
    }

    /// `OWNED BY table.column`.
    pub fn owned_by(mut self, table: impl Into<String>, column: impl Into<String>) -> Self {
        self.owned_by = Some((table.into(), column.into()));
        self
    }

    /// The drop that undoes this, carrying the definition.
    pub fn reverse(&self) -> DropSequence {
        DropSequence { name: self.name.clone(), if_exists: false, definition: Some(Box::new(self.clone())) }
    }
}

/// `DROP SEQUENCE`. Reversible when it carries the definition.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::DropSequence(DropSequence::new("order_no"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"DROP SEQUENCE "order_no""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropSequence {
    /// Sequence name.
    pub name: String,
    /// `IF EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_exists: bool,
    /// The sequence as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Box<CreateSequence>>,
}

impl DropSequence {
    /// Drops the named sequence.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), if_exists: false, definition: None }
    }

    /// The old definition, which makes the drop reversible.
    pub fn definition(mut self, seq: CreateSequence) -> Self {
        self.definition = Some(Box::new(seq));
        self
    }

    /// The create that undoes this.
    pub fn reverse(&self) -> Result<CreateSequence, Irreversible> {
        self.definition.as_deref().cloned().ok_or(Irreversible {
            op: "drop_sequence",
            hint: "give the old definition with `.definition(create_sequence(..))`, or write `down { .. }`",
        })
    }
}

/// What a comment is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentTarget {
    /// A table.
    Table(String),
    /// A column of a table.
    Column(String, String),
}

/// `COMMENT ON TABLE|COLUMN .. IS ..`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::SetComment(SetComment::table("users", Some("people's accounts".into())));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"COMMENT ON TABLE "users" IS E'people\'s accounts'"#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"ALTER TABLE `users` COMMENT = 'people\'s accounts'"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetComment {
    /// Table or column.
    pub target: CommentTarget,
    /// The new comment (`None` removes it).
    pub comment: Option<String>,
    /// The old comment, when known (`Some(None)`: there was none).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "super::types::present")]
    pub from: Option<Option<String>>,
}

impl SetComment {
    /// Comments on a table.
    pub fn table(table: impl Into<String>, comment: Option<String>) -> Self {
        Self { target: CommentTarget::Table(table.into()), comment, from: None }
    }

    /// Comments on a column.
    pub fn column(table: impl Into<String>, column: impl Into<String>, comment: Option<String>) -> Self {
        Self { target: CommentTarget::Column(table.into(), column.into()), comment, from: None }
    }

    /// The old comment, which makes the change reversible.
    pub fn from(mut self, old: Option<String>) -> Self {
        self.from = Some(old);
        self
    }

    /// The comment change back.
    pub fn reverse(&self) -> Result<SetComment, Irreversible> {
        match &self.from {
            Some(old) => {
                Ok(SetComment { target: self.target.clone(), comment: old.clone(), from: Some(self.comment.clone()) })
            }
            None => Err(Irreversible {
                op: "set_comment",
                hint: "give the old comment with `.from(\"..\")` or `.from_none()`, or write `down { .. }`",
            }),
        }
    }
}
