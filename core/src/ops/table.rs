//! Table ops: create, drop, rename.

use serde::{Deserialize, Serialize};

use super::{Column, Constraint, Irreversible, PartitionBy};

/// `CREATE TABLE`. Reversed by a `drop_table` that carries this definition, so the pair
/// round-trips.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateTable {
    /// Table name.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<Column>,
    /// Composite primary key; single-column keys are marked on the column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub primary_key: Vec<String>,
    /// Table constraints (unique, check, foreign keys, exclude).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    /// `IF NOT EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_not_exists: bool,
    /// Table comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `PARTITION BY` (PostgreSQL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<PartitionBy>,
}

impl CreateTable {
    /// A new table with these columns.
    pub fn new(name: impl Into<String>, columns: impl IntoIterator<Item = Column>) -> Self {
        Self {
            name: name.into(),
            columns: columns.into_iter().collect(),
            primary_key: Vec::new(),
            constraints: Vec::new(),
            if_not_exists: false,
            comment: None,
            partition_by: None,
        }
    }

    /// Composite primary key over these columns.
    pub fn primary_key<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.primary_key = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a table constraint.
    pub fn constraint(mut self, constraint: Constraint) -> Self {
        self.constraints.push(constraint);
        self
    }

    /// `IF NOT EXISTS`.
    pub fn if_not_exists(mut self) -> Self {
        self.if_not_exists = true;
        self
    }

    /// Table comment.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// `PARTITION BY strategy (columns)`.
    pub fn partition_by(mut self, by: PartitionBy) -> Self {
        self.partition_by = Some(by);
        self
    }

    /// The `drop_table` that undoes this, carrying the definition.
    pub fn reverse(&self) -> DropTable {
        DropTable {
            name: self.name.clone(),
            if_exists: false,
            cascade: false,
            definition: Some(Box::new(self.clone())),
        }
    }

    /// The primary key columns, whether declared on the table or on columns.
    pub fn primary_key_columns(&self) -> Vec<&str> {
        if !self.primary_key.is_empty() {
            return self.primary_key.iter().map(String::as_str).collect();
        }
        self.columns.iter().filter(|c| c.primary_key).map(|c| c.name.as_str()).collect()
    }
}

/// `DROP TABLE`. Reversible only when it carries the table's full definition
/// (`drop_table("t").definition(create_table(..))`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DropTable {
    /// Table name.
    pub name: String,
    /// `IF EXISTS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub if_exists: bool,
    /// `CASCADE` (PostgreSQL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cascade: bool,
    /// The table as it was, so that the drop can be undone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Box<CreateTable>>,
}

impl DropTable {
    /// Drops the named table.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), if_exists: false, cascade: false, definition: None }
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

    /// The table's definition, which makes the drop reversible.
    pub fn definition(mut self, table: CreateTable) -> Self {
        self.definition = Some(Box::new(table));
        self
    }

    /// The `create_table` that undoes this.
    pub fn reverse(&self) -> Result<CreateTable, Irreversible> {
        self.definition.as_deref().cloned().ok_or(Irreversible {
            op: "drop_table",
            hint: "give the old definition with `.definition(create_table(..))`, or write `down { .. }`",
        })
    }
}

/// `ALTER TABLE .. RENAME TO ..`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameTable {
    /// Current name.
    pub from: String,
    /// New name.
    pub to: String,
}

impl RenameTable {
    /// Renames `from` to `to`.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self { from: from.into(), to: to.into() }
    }

    /// The rename back.
    pub fn reverse(&self) -> RenameTable {
        RenameTable { from: self.to.clone(), to: self.from.clone() }
    }
}
