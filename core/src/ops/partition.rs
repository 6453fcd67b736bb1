//! Declarative partitioning (PostgreSQL): partition keys, bounds, create, attach, detach.

use serde::{Deserialize, Serialize};

use super::{Irreversible, Value};

/// Partitioning strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum PartitionStrategy {
    Range,
    List,
    Hash,
}

/// `PARTITION BY strategy (columns)` on `create_table`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionBy {
    /// Strategy.
    pub strategy: PartitionStrategy,
    /// Key columns or expressions.
    pub columns: Vec<String>,
}

/// A partition's bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartitionBound {
    /// `FOR VALUES FROM (..) TO (..)`.
    Range {
        /// Inclusive lower bound, one value per key column.
        from: Vec<Value>,
        /// Exclusive upper bound.
        to: Vec<Value>,
    },
    /// `FOR VALUES IN (..)`.
    List(Vec<Value>),
    /// `FOR VALUES WITH (MODULUS m, REMAINDER r)`.
    Hash {
        /// Modulus.
        modulus: u32,
        /// Remainder.
        remainder: u32,
    },
    /// `DEFAULT`.
    Default,
}

/// Creates a partition of `parent`.
///
/// With `standalone` (the default the DSL writes, SAFETY rule `partition-create`), it is created
/// as a plain table `LIKE parent`, given a `CHECK` matching the bound so that the attach can skip
/// its scan, and then attached: the parent is locked only for the short `ATTACH`, not for the
/// whole `CREATE TABLE .. PARTITION OF`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::CreatePartition(
///     CreatePartition::new(
///         "events_2026_01",
///         "events",
///         PartitionBound::Range { from: vec![Value::Str("2026-01-01".into())], to: vec![Value::Str("2026-02-01".into())] },
///     )
///     .standalone("created_at"),
/// );
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [
///     r#"CREATE TABLE "events_2026_01" (LIKE "events" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"#,
///     r#"ALTER TABLE "events_2026_01" ADD CONSTRAINT "events_2026_01_retort_bound" CHECK ("created_at" IS NOT NULL AND "created_at" >= '2026-01-01' AND "created_at" < '2026-02-01')"#,
///     r#"ALTER TABLE "events" ATTACH PARTITION "events_2026_01" FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')"#,
///     r#"ALTER TABLE "events_2026_01" DROP CONSTRAINT "events_2026_01_retort_bound""#,
/// ]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatePartition {
    /// Partition table name.
    pub name: String,
    /// Partitioned parent.
    pub parent: String,
    /// Bound.
    pub bound: PartitionBound,
    /// Create standalone, then attach (the safe recipe).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub standalone: bool,
    /// The parent's range key column, which the standalone recipe's CHECK constrains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl CreatePartition {
    /// `CREATE TABLE name PARTITION OF parent FOR VALUES ..`.
    pub fn new(name: impl Into<String>, parent: impl Into<String>, bound: PartitionBound) -> Self {
        Self { name: name.into(), parent: parent.into(), bound, standalone: false, key: None }
    }

    /// Create as a standalone table and attach it (`key` is the range or list key column).
    pub fn standalone(mut self, key: impl Into<String>) -> Self {
        self.standalone = true;
        self.key = Some(key.into());
        self
    }

    /// The detach-and-drop that undoes this.
    pub fn reverse(&self) -> DetachPartition {
        DetachPartition {
            parent: self.parent.clone(),
            name: self.name.clone(),
            concurrently: false,
            bound: Some(self.bound.clone()),
            drop: true,
            created: Some(Box::new(self.clone())),
        }
    }
}

/// `ALTER TABLE parent ATTACH PARTITION name FOR VALUES ..`.
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::AttachPartition(AttachPartition::new("events", "events_eu", PartitionBound::List(vec![Value::Str("eu".into())])));
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"ALTER TABLE "events" ATTACH PARTITION "events_eu" FOR VALUES IN ('eu')"#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachPartition {
    /// Partitioned parent.
    pub parent: String,
    /// Table to attach.
    pub name: String,
    /// Bound.
    pub bound: PartitionBound,
    /// This undoes a `detach_partition(..).concurrently()`, which left the partition constraint
    /// behind on the table as a CHECK constraint: drop it once attached (PostgreSQL), so the
    /// catalog is back to what it was before the detach.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undoes_concurrent_detach: bool,
}

impl AttachPartition {
    /// Attaches `name` to `parent`.
    pub fn new(parent: impl Into<String>, name: impl Into<String>, bound: PartitionBound) -> Self {
        Self { parent: parent.into(), name: name.into(), bound, undoes_concurrent_detach: false }
    }

    /// Drops the CHECK constraint a concurrent detach left behind, once attached.
    pub fn undoes_concurrent_detach(mut self) -> Self {
        self.undoes_concurrent_detach = true;
        self
    }

    /// The detach that undoes this (concurrent again when this undid a concurrent one).
    pub fn reverse(&self) -> DetachPartition {
        DetachPartition {
            parent: self.parent.clone(),
            name: self.name.clone(),
            concurrently: self.undoes_concurrent_detach,
            bound: Some(self.bound.clone()),
            drop: false,
            created: None,
        }
    }
}

/// `ALTER TABLE parent DETACH PARTITION name [CONCURRENTLY]`, optionally followed by a drop of
/// the detached table (the inverse of `create_partition`).
///
/// Rendered offline, per dialect:
///
/// ```
/// use retort::backend::{render, RenderContext, RenderError};
/// use retort::ops::*;
/// use retort::Dialect;
/// let op = Op::DetachPartition(DetachPartition::new("events", "events_2025").concurrently());
/// let sql = |d| render(&op, d, &RenderContext::default());
/// assert_eq!(sql(Dialect::Postgres).unwrap(), [r#"ALTER TABLE "events" DETACH PARTITION "events_2025" CONCURRENTLY"#]);
/// assert!(matches!(sql(Dialect::Sqlite), Err(RenderError::Unsupported { .. })));
/// assert!(matches!(sql(Dialect::Mysql), Err(RenderError::Unsupported { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetachPartition {
    /// Partitioned parent.
    pub parent: String,
    /// Partition name.
    pub name: String,
    /// `CONCURRENTLY` (PostgreSQL 14+, requires `transaction: none`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub concurrently: bool,
    /// The partition's bound, which makes the detach reversible (re-attach).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<PartitionBound>,
    /// Drop the table after detaching it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// When this undoes a `create_partition`, that op, so that reversing re-creates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Box<CreatePartition>>,
}

impl DetachPartition {
    /// Detaches `name` from `parent`.
    pub fn new(parent: impl Into<String>, name: impl Into<String>) -> Self {
        Self { parent: parent.into(), name: name.into(), concurrently: false, bound: None, drop: false, created: None }
    }

    /// `CONCURRENTLY`.
    pub fn concurrently(mut self) -> Self {
        self.concurrently = true;
        self
    }

    /// The bound, which makes the detach reversible.
    pub fn bound(mut self, bound: PartitionBound) -> Self {
        self.bound = Some(bound);
        self
    }

    /// The attach (or re-create) that undoes this.
    pub fn reverse(&self) -> Result<AttachPartition, Irreversible> {
        if self.drop {
            return Err(Irreversible {
                op: "detach_partition",
                hint: "a dropped partition's rows are gone; write `down { .. }` or declare `irreversible`",
            });
        }
        match &self.bound {
            Some(bound) => Ok(AttachPartition {
                parent: self.parent.clone(),
                name: self.name.clone(),
                bound: bound.clone(),
                undoes_concurrent_detach: self.concurrently,
            }),
            None => Err(Irreversible {
                op: "detach_partition",
                hint: "give the bound with `.bound(range(..))` so it can be re-attached, or write `down { .. }`",
            }),
        }
    }
}
