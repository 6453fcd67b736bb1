//! Views and materialized views: create, drop, rename, refresh.

use serde::{Deserialize, Serialize};

use super::Irreversible;

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS query [WITH [NO] DATA]`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::CreateView(CreateView::new("adults", "SELECT id FROM users WHERE age >= 18"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"CREATE VIEW "adults" AS SELECT id FROM users WHERE age >= 18"#]);
/// assert_eq!(sql(Dialect::Sqlite).unwrap(), [r#"CREATE VIEW "adults" AS SELECT id FROM users WHERE age >= 18"#]);
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"CREATE VIEW `adults` AS SELECT id FROM users WHERE age >= 18"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateView {
    /// View name.
    pub name: String,
    /// The `SELECT`.
    pub query: String,
    /// Materialized (PostgreSQL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materialized: bool,
    /// `OR REPLACE` (plain views only). Such a create replaces a view whose old query this op
    /// does not know, so it reverses only when `replaces` carries the old query.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub or_replace: bool,
    /// The query of the view this one replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// `WITH NO DATA` for a materialized view (filled by a later refresh).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_no_data: bool,
}

impl CreateView {
    /// A plain view.
    pub fn new(name: impl Into<String>, query: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            query: query.into(),
            materialized: false,
            or_replace: false,
            replaces: None,
            with_no_data: false,
        }
    }

    /// A materialized view.
    pub fn materialized(name: impl Into<String>, query: impl Into<String>) -> Self {
        Self { materialized: true, ..Self::new(name, query) }
    }

    /// `OR REPLACE`.
    pub fn or_replace(mut self) -> Self {
        self.or_replace = true;
        self
    }

    /// The old query this replaces, which makes `or_replace` reversible.
    pub fn replaces(mut self, query: impl Into<String>) -> Self {
        self.or_replace = true;
        self.replaces = Some(query.into());
        self
    }

    /// `WITH NO DATA`.
    pub fn with_no_data(mut self) -> Self {
        self.with_no_data = true;
        self
    }

    /// The drop (or the replace back) that undoes this.
    pub fn reverse(&self) -> Result<DropView, Irreversible> {
        if self.or_replace && self.replaces.is_some() {
            // The inverse of replacing is replacing back, which a DropView carrying its
            // definition and `replace` expresses without a second op type.
            return Ok(DropView {
                name: self.name.clone(),
                materialized: self.materialized,
                if_exists: false,
                cascade: false,
                definition: Some(Box::new(self.clone())),
            });
        }
        if self.or_replace {
            return Err(Irreversible {
                op: "create_view",
                hint: "`or_replace` overwrites a view whose old query is unknown; give it with `.replaces(\"SELECT ..\")`, or write `down { .. }`",
            });
        }
        Ok(DropView {
            name: self.name.clone(),
            materialized: self.materialized,
            if_exists: false,
            cascade: false,
            definition: Some(Box::new(self.clone())),
        })
    }
}

/// `DROP [MATERIALIZED] VIEW`. Reversible when it carries the definition. When the definition
/// is an `or_replace` with `replaces`, this op means "replace back" and renders as
/// `CREATE OR REPLACE VIEW name AS <replaces>`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::DropView(DropView::new("adults").if_exists());
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"DROP VIEW IF EXISTS "adults""#]);
/// assert_eq!(sql(Dialect::Sqlite).unwrap(), [r#"DROP VIEW IF EXISTS "adults""#]);
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"DROP VIEW IF EXISTS `adults`"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropView {
    /// View name.
    pub name: String,
    /// Materialized.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materialized: bool,
    /// `IF EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_exists: bool,
    /// `CASCADE`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cascade: bool,
    /// The view as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Box<CreateView>>,
}

impl DropView {
    /// Drops the named view.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), materialized: false, if_exists: false, cascade: false, definition: None }
    }

    /// Drops the named materialized view.
    pub fn materialized(name: impl Into<String>) -> Self {
        Self { materialized: true, ..Self::new(name) }
    }

    /// `IF EXISTS`.
    pub fn if_exists(mut self) -> Self {
        self.if_exists = true;
        self
    }

    /// `CASCADE`.
    pub fn cascade(mut self) -> Self {
        self.cascade = true;
        self
    }

    /// The old definition, which makes the drop reversible.
    pub fn definition(mut self, view: CreateView) -> Self {
        self.materialized = view.materialized;
        self.definition = Some(Box::new(view));
        self
    }

    /// Whether this op replaces the view back rather than dropping it.
    pub fn is_replace_back(&self) -> bool {
        self.definition.as_ref().is_some_and(|d| d.or_replace && d.replaces.is_some())
    }

    /// The create that undoes this.
    pub fn reverse(&self) -> Result<CreateView, Irreversible> {
        self.definition.as_deref().cloned().ok_or(Irreversible {
            op: "drop_view",
            hint: "give the old definition with `.definition(create_view(..))`, or write `down { .. }`",
        })
    }
}

/// `ALTER [MATERIALIZED] VIEW .. RENAME TO ..`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::RenameView(RenameView::new("adults", "grown_ups"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"ALTER VIEW "adults" RENAME TO "grown_ups""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"RENAME TABLE `adults` TO `grown_ups`"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameView {
    /// Current name.
    pub from: String,
    /// New name.
    pub to: String,
    /// Materialized.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materialized: bool,
}

impl RenameView {
    /// Renames a view.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self { from: from.into(), to: to.into(), materialized: false }
    }

    /// It is a materialized view.
    pub fn materialized(mut self) -> Self {
        self.materialized = true;
        self
    }

    /// The rename back.
    pub fn reverse(&self) -> RenameView {
        RenameView { from: self.to.clone(), to: self.from.clone(), materialized: self.materialized }
    }
}

/// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] name`. `CONCURRENTLY` keeps readers going but needs
/// a unique index on the view. Nothing to undo.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::RefreshMaterializedView(RefreshMaterializedView::new("user_stats").concurrently());
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"REFRESH MATERIALIZED VIEW CONCURRENTLY "user_stats""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshMaterializedView {
    /// View name.
    pub name: String,
    /// `CONCURRENTLY`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub concurrently: bool,
}

impl RefreshMaterializedView {
    /// Refreshes the named materialized view.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), concurrently: false }
    }

    /// `CONCURRENTLY`.
    pub fn concurrently(mut self) -> Self {
        self.concurrently = true;
        self
    }
}
