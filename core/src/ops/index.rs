//! Index ops: create and drop, with every PostgreSQL index feature retort supports.

use serde::{Deserialize, Serialize};

use super::Irreversible;

/// Index access method (`USING ..`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum IndexMethod {
    Btree,
    Hash,
    Gin,
    Gist,
    Brin,
    Spgist,
}

impl IndexMethod {
    /// The SQL keyword.
    pub fn as_sql(self) -> &'static str {
        match self {
            Self::Btree => "btree",
            Self::Hash => "hash",
            Self::Gin => "gin",
            Self::Gist => "gist",
            Self::Brin => "brin",
            Self::Spgist => "spgist",
        }
    }
}

/// Sort order of an index column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum SortOrder {
    Asc,
    Desc,
}

/// `NULLS FIRST|LAST` of an index column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum NullsOrder {
    First,
    Last,
}

/// What an index column indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexTarget {
    /// A column by name.
    Column(String),
    /// An expression, e.g. `lower(email)`.
    Expr(String),
}

/// One element of an index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndexColumn {
    /// Column or expression.
    pub target: IndexTarget,
    /// `ASC|DESC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// `NULLS FIRST|LAST`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls: Option<NullsOrder>,
    /// Operator class, e.g. `gin_trgm_ops`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
}

impl IndexColumn {
    /// A plain column.
    pub fn column(name: impl Into<String>) -> Self {
        Self { target: IndexTarget::Column(name.into()), order: None, nulls: None, opclass: None }
    }

    /// An expression.
    pub fn expr(sql: impl Into<String>) -> Self {
        Self { target: IndexTarget::Expr(sql.into()), order: None, nulls: None, opclass: None }
    }

    /// `ASC`.
    pub fn asc(mut self) -> Self {
        self.order = Some(SortOrder::Asc);
        self
    }

    /// `DESC`.
    pub fn desc(mut self) -> Self {
        self.order = Some(SortOrder::Desc);
        self
    }

    /// `NULLS FIRST`.
    pub fn nulls_first(mut self) -> Self {
        self.nulls = Some(NullsOrder::First);
        self
    }

    /// `NULLS LAST`.
    pub fn nulls_last(mut self) -> Self {
        self.nulls = Some(NullsOrder::Last);
        self
    }

    /// Operator class.
    pub fn opclass(mut self, opclass: impl Into<String>) -> Self {
        self.opclass = Some(opclass.into());
        self
    }
}

impl From<&str> for IndexColumn {
    fn from(name: &str) -> Self {
        IndexColumn::column(name)
    }
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table [USING m] (..) [INCLUDE (..)] [WHERE ..]`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::CreateIndex(CreateIndex::new("ix_users_email").on("users", [IndexColumn::column("email").desc()]).unique().where_("deleted_at IS NULL").concurrently());
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [
///     r#"CREATE UNIQUE INDEX CONCURRENTLY "ix_users_email" ON "users" ("email" DESC) WHERE deleted_at IS NULL"#,
/// ]);
/// assert_eq!(sql(Dialect::Sqlite).unwrap(), [
///     r#"CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email" DESC) WHERE deleted_at IS NULL"#,
/// ]);
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateIndex {
    /// Index name.
    pub name: String,
    /// Table name.
    pub table: String,
    /// Indexed columns or expressions, in order.
    pub columns: Vec<IndexColumn>,
    /// `UNIQUE`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique: bool,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15+).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
    /// Access method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<IndexMethod>,
    /// Partial index predicate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Covering columns (`INCLUDE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// `CONCURRENTLY` (PostgreSQL; requires `transaction: none`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub concurrently: bool,
    /// `IF NOT EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_not_exists: bool,
    /// `ON ONLY` the partitioned parent (the index is completed by attaching partition indexes).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only: bool,
}

impl CreateIndex {
    /// A new index; name its table and columns with `.on(..)`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            table: String::new(),
            columns: Vec::new(),
            unique: false,
            nulls_not_distinct: false,
            method: None,
            predicate: None,
            include: Vec::new(),
            concurrently: false,
            if_not_exists: false,
            only: false,
        }
    }

    /// The table and the indexed columns.
    pub fn on<C: Into<IndexColumn>>(mut self, table: impl Into<String>, columns: impl IntoIterator<Item = C>) -> Self {
        self.table = table.into();
        self.columns = columns.into_iter().map(Into::into).collect();
        self
    }

    /// `UNIQUE`.
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }

    /// `NULLS NOT DISTINCT`.
    pub fn nulls_not_distinct(mut self) -> Self {
        self.nulls_not_distinct = true;
        self
    }

    /// `USING method`.
    pub fn using(mut self, method: IndexMethod) -> Self {
        self.method = Some(method);
        self
    }

    /// Partial index: `WHERE predicate`.
    pub fn where_(mut self, predicate: impl Into<String>) -> Self {
        self.predicate = Some(predicate.into());
        self
    }

    /// `INCLUDE (columns)`.
    pub fn include<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.include = columns.into_iter().map(Into::into).collect();
        self
    }

    /// `CONCURRENTLY`.
    pub fn concurrently(mut self) -> Self {
        self.concurrently = true;
        self
    }

    /// `IF NOT EXISTS`.
    pub fn if_not_exists(mut self) -> Self {
        self.if_not_exists = true;
        self
    }

    /// `ON ONLY` the partitioned parent.
    pub fn only(mut self) -> Self {
        self.only = true;
        self
    }

    /// The `drop_index` that undoes this (concurrently if this was).
    pub fn reverse(&self) -> DropIndex {
        DropIndex {
            name: self.name.clone(),
            table: Some(self.table.clone()),
            concurrently: self.concurrently,
            if_exists: false,
            definition: Some(Box::new(self.clone())),
        }
    }
}

/// `DROP INDEX [CONCURRENTLY] [IF EXISTS] name`. Reversible when it carries the definition.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::DropIndex(DropIndex::new("ix_users_email").on("users"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"DROP INDEX "ix_users_email""#]);
/// assert_eq!(sql(Dialect::Sqlite).unwrap(), [r#"DROP INDEX "ix_users_email""#]);
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"DROP INDEX `ix_users_email` ON `users`"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropIndex {
    /// Index name.
    pub name: String,
    /// Table (required by MySQL's `DROP INDEX .. ON table`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// `CONCURRENTLY`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub concurrently: bool,
    /// `IF EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_exists: bool,
    /// The index as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Box<CreateIndex>>,
}

impl DropIndex {
    /// Drops the named index.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), table: None, concurrently: false, if_exists: false, definition: None }
    }

    /// The index's table (needed on MySQL).
    pub fn on(mut self, table: impl Into<String>) -> Self {
        self.table = Some(table.into());
        self
    }

    /// `CONCURRENTLY`.
    pub fn concurrently(mut self) -> Self {
        self.concurrently = true;
        self
    }

    /// `IF EXISTS`.
    pub fn if_exists(mut self) -> Self {
        self.if_exists = true;
        self
    }

    /// The old definition, which makes the drop reversible.
    pub fn definition(mut self, index: CreateIndex) -> Self {
        if self.table.is_none() {
            self.table = Some(index.table.clone());
        }
        self.definition = Some(Box::new(index));
        self
    }

    /// The `create_index` that undoes this.
    pub fn reverse(&self) -> Result<CreateIndex, Irreversible> {
        match &self.definition {
            Some(def) => {
                let mut def = (**def).clone();
                def.concurrently = self.concurrently;
                Ok(def)
            }
            None => Err(Irreversible {
                op: "drop_index",
                hint: "give the old definition with `.definition(create_index(..).on(..))`, or write `down { .. }`",
            }),
        }
    }
}
