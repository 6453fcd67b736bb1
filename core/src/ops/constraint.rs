//! Constraint ops: add (optionally `NOT VALID`), validate, drop; and the constraint kinds.

use serde::{Deserialize, Serialize};

use super::{IndexMethod, Irreversible};

/// `ON DELETE` / `ON UPDATE` action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ForeignKeyAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

/// `DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deferrable {
    /// `INITIALLY DEFERRED` when true.
    pub initially_deferred: bool,
}

/// `MATCH FULL|SIMPLE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum MatchType {
    Full,
    Simple,
}

/// A foreign key definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: String,
    /// Referenced columns.
    pub ref_columns: Vec<String>,
    /// `ON DELETE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_delete: Option<ForeignKeyAction>,
    /// `ON UPDATE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<ForeignKeyAction>,
    /// `DEFERRABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferrable: Option<Deferrable>,
    /// `MATCH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_type: Option<MatchType>,
}

/// One `EXCLUDE` element: `expr WITH operator`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludeElement {
    /// Column or expression.
    pub expr: String,
    /// Operator, e.g. `&&` or `=`.
    pub operator: String,
}

/// What a constraint constrains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ConstraintKind {
    /// `PRIMARY KEY (columns)` or `PRIMARY KEY USING INDEX name`.
    PrimaryKey {
        /// Key columns (empty with `using_index`).
        columns: Vec<String>,
        /// Promote an existing unique index (PostgreSQL).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        using_index: Option<String>,
    },
    /// `UNIQUE (columns)` or `UNIQUE USING INDEX name`.
    Unique {
        /// Unique columns (empty with `using_index`).
        columns: Vec<String>,
        /// Promote an existing unique index built `CONCURRENTLY` (PostgreSQL).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        using_index: Option<String>,
        /// `NULLS NOT DISTINCT`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        nulls_not_distinct: bool,
    },
    /// `CHECK (expr)`.
    Check {
        /// The boolean expression.
        expr: String,
    },
    /// `FOREIGN KEY (..) REFERENCES ..`.
    ForeignKey(ForeignKey),
    /// `EXCLUDE USING method (..)` (PostgreSQL).
    Exclude {
        /// Access method, usually gist.
        method: IndexMethod,
        /// Elements.
        elements: Vec<ExcludeElement>,
        /// Optional `WHERE`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        predicate: Option<String>,
    },
}

/// The type of a constraint without its definition: MySQL's `DROP` needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ConstraintType {
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclude,
}

/// A named constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    /// Constraint name.
    pub name: String,
    /// Its definition.
    pub kind: ConstraintKind,
}

impl Constraint {
    /// `PRIMARY KEY (columns)`.
    pub fn primary_key<S: Into<String>>(name: impl Into<String>, columns: impl IntoIterator<Item = S>) -> Self {
        Self {
            name: name.into(),
            kind: ConstraintKind::PrimaryKey {
                columns: columns.into_iter().map(Into::into).collect(),
                using_index: None,
            },
        }
    }

    /// `UNIQUE (columns)`.
    pub fn unique<S: Into<String>>(name: impl Into<String>, columns: impl IntoIterator<Item = S>) -> Self {
        Self {
            name: name.into(),
            kind: ConstraintKind::Unique {
                columns: columns.into_iter().map(Into::into).collect(),
                using_index: None,
                nulls_not_distinct: false,
            },
        }
    }

    /// `CHECK (expr)`.
    pub fn check(name: impl Into<String>, expr: impl Into<String>) -> Self {
        Self { name: name.into(), kind: ConstraintKind::Check { expr: expr.into() } }
    }

    /// `FOREIGN KEY (columns) REFERENCES ref_table (ref_columns)`.
    pub fn foreign_key<S: Into<String>, R: Into<String>>(
        name: impl Into<String>,
        columns: impl IntoIterator<Item = S>,
        ref_table: impl Into<String>,
        ref_columns: impl IntoIterator<Item = R>,
    ) -> Self {
        Self {
            name: name.into(),
            kind: ConstraintKind::ForeignKey(ForeignKey {
                columns: columns.into_iter().map(Into::into).collect(),
                ref_table: ref_table.into(),
                ref_columns: ref_columns.into_iter().map(Into::into).collect(),
                on_delete: None,
                on_update: None,
                deferrable: None,
                match_type: None,
            }),
        }
    }

    /// `EXCLUDE USING method (expr WITH op, ..)`.
    pub fn exclude(
        name: impl Into<String>,
        method: IndexMethod,
        elements: impl IntoIterator<Item = (String, String)>,
    ) -> Self {
        Self {
            name: name.into(),
            kind: ConstraintKind::Exclude {
                method,
                elements: elements.into_iter().map(|(expr, operator)| ExcludeElement { expr, operator }).collect(),
                predicate: None,
            },
        }
    }

    /// `USING INDEX name` for a unique or primary key constraint.
    pub fn using_index(mut self, index: impl Into<String>) -> Self {
        match &mut self.kind {
            ConstraintKind::PrimaryKey { using_index, .. } | ConstraintKind::Unique { using_index, .. } => {
                *using_index = Some(index.into())
            }
            _ => {}
        }
        self
    }

    /// `ON DELETE` of a foreign key.
    pub fn on_delete(mut self, action: ForeignKeyAction) -> Self {
        if let ConstraintKind::ForeignKey(fk) = &mut self.kind {
            fk.on_delete = Some(action);
        }
        self
    }

    /// `ON UPDATE` of a foreign key.
    pub fn on_update(mut self, action: ForeignKeyAction) -> Self {
        if let ConstraintKind::ForeignKey(fk) = &mut self.kind {
            fk.on_update = Some(action);
        }
        self
    }

    /// `DEFERRABLE` (`INITIALLY DEFERRED` when `initially_deferred`).
    pub fn deferrable(mut self, initially_deferred: bool) -> Self {
        if let ConstraintKind::ForeignKey(fk) = &mut self.kind {
            fk.deferrable = Some(Deferrable { initially_deferred });
        }
        self
    }

    /// `MATCH FULL|SIMPLE`.
    pub fn match_type(mut self, m: MatchType) -> Self {
        if let ConstraintKind::ForeignKey(fk) = &mut self.kind {
            fk.match_type = Some(m);
        }
        self
    }

    /// `WHERE` of an exclude constraint.
    pub fn where_(mut self, pred: impl Into<String>) -> Self {
        if let ConstraintKind::Exclude { predicate, .. } = &mut self.kind {
            *predicate = Some(pred.into());
        }
        self
    }

    /// The constraint's type.
    pub fn constraint_type(&self) -> ConstraintType {
        match self.kind {
            ConstraintKind::PrimaryKey { .. } => ConstraintType::PrimaryKey,
            ConstraintKind::Unique { .. } => ConstraintType::Unique,
            ConstraintKind::Check { .. } => ConstraintType::Check,
            ConstraintKind::ForeignKey(_) => ConstraintType::ForeignKey,
            ConstraintKind::Exclude { .. } => ConstraintType::Exclude,
        }
    }

    /// The table a foreign key points at.
    pub fn referenced_table(&self) -> Option<&str> {
        match &self.kind {
            ConstraintKind::ForeignKey(fk) => Some(&fk.ref_table),
            _ => None,
        }
    }
}

/// `ALTER TABLE .. ADD CONSTRAINT .. [NOT VALID]`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::AddConstraint(AddConstraint::new("users", Constraint::foreign_key("fk_users_org", ["org_id"], "orgs", ["id"])).not_valid());
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [
///     r#"ALTER TABLE "users" ADD CONSTRAINT "fk_users_org" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") NOT VALID"#,
/// ]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddConstraint {
    /// Table name.
    pub table: String,
    /// The constraint.
    pub constraint: Constraint,
    /// `NOT VALID` (check and foreign key on PostgreSQL): skip the scan of existing rows.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
}

impl AddConstraint {
    /// Adds `constraint` to `table`.
    pub fn new(table: impl Into<String>, constraint: Constraint) -> Self {
        Self { table: table.into(), constraint, not_valid: false }
    }

    /// `NOT VALID`.
    pub fn not_valid(mut self) -> Self {
        self.not_valid = true;
        self
    }

    /// The `drop_constraint` that undoes this.
    pub fn reverse(&self) -> DropConstraint {
        DropConstraint {
            table: self.table.clone(),
            name: self.constraint.name.clone(),
            constraint_type: self.constraint.constraint_type(),
            if_exists: false,
            definition: Some(self.constraint.clone()),
            not_valid: self.not_valid,
        }
    }
}

/// `ALTER TABLE .. DROP CONSTRAINT`. Reversible when it carries the definition.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::DropConstraint(DropConstraint::new("users", "fk_users_org", ConstraintType::ForeignKey));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"ALTER TABLE "users" DROP CONSTRAINT "fk_users_org""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::NeedsConnection { .. }))); // SQLite rebuilds the table: needs its live definition
/// assert_eq!(sql(Dialect::Mysql).unwrap(), [r#"ALTER TABLE `users` DROP FOREIGN KEY `fk_users_org`"#]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropConstraint {
    /// Table name.
    pub table: String,
    /// Constraint name.
    pub name: String,
    /// Its type (MySQL spells the drop per type).
    pub constraint_type: ConstraintType,
    /// `IF EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_exists: bool,
    /// The constraint as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Constraint>,
    /// Re-add it `NOT VALID` when reversed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
}

impl DropConstraint {
    /// Drops the named constraint of the given type.
    pub fn new(table: impl Into<String>, name: impl Into<String>, constraint_type: ConstraintType) -> Self {
        Self {
            table: table.into(),
            name: name.into(),
            constraint_type,
            if_exists: false,
            definition: None,
            not_valid: false,
        }
    }

    /// `IF EXISTS`.
    pub fn if_exists(mut self) -> Self {
        self.if_exists = true;
        self
    }

    /// The old definition, which makes the drop reversible.
    pub fn definition(mut self, constraint: Constraint) -> Self {
        self.constraint_type = constraint.constraint_type();
        self.definition = Some(constraint);
        self
    }

    /// The `add_constraint` that undoes this.
    pub fn reverse(&self) -> Result<AddConstraint, Irreversible> {
        match &self.definition {
            Some(c) => {
                Ok(AddConstraint { table: self.table.clone(), constraint: c.clone(), not_valid: self.not_valid })
            }
            None => Err(Irreversible {
                op: "drop_constraint",
                hint: "give the old definition with `.definition(..)`, or write `down { .. }`",
            }),
        }
    }
}

/// `ALTER TABLE .. VALIDATE CONSTRAINT`: the second half of the `NOT VALID` recipe. Takes only a
/// SHARE UPDATE EXCLUSIVE lock, so writes continue while it scans. Nothing to undo.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::ValidateConstraint(ValidateConstraint::new("users", "fk_users_org"));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"ALTER TABLE "users" VALIDATE CONSTRAINT "fk_users_org""#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidateConstraint {
    /// Table name.
    pub table: String,
    /// Constraint name.
    pub name: String,
}

impl ValidateConstraint {
    /// Validates `table.name`.
    pub fn new(table: impl Into<String>, name: impl Into<String>) -> Self {
        Self { table: table.into(), name: name.into() }
    }
}
