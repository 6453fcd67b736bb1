//! The schema model: a dialect-neutral snapshot of what a database's catalog says its schema is.
//!
//! Values are kept as the catalog spells them (`character varying(255)` on PostgreSQL,
//! `varchar(255)` on MySQL, the declared type on SQLite): a snapshot is only ever compared with
//! another one taken on the same server, so translating them would only add ways to be wrong.
//! Names are unqualified in the connection's default schema and `schema.name` elsewhere.
//!
//! A name that the catalog does not give (SQLite's foreign keys and unique constraints, a
//! primary key on MySQL or SQLite) is made up from the definition and starts with `(`, e.g.
//! `(user_id)`; the primary key's is empty. [`crate::schema::Drift`] prints such names bare.

use std::collections::{BTreeMap, BTreeSet};

/// A database's schema, as read from its catalog by [`crate::schema::read`], without the
/// runner's own tables and without what the server creates itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Schema {
    /// Tables, partitioned tables and their partitions, by name.
    pub tables: BTreeMap<String, Table>,
    /// Views and materialized views, by name.
    pub views: BTreeMap<String, View>,
    /// Indexes that back no constraint, by (table or materialized view, index name).
    pub indexes: BTreeMap<(String, String), Index>,
    /// Sequences, except those an identity column owns (the column says `identity`).
    pub sequences: BTreeMap<String, Sequence>,
    /// Enum types (PostgreSQL), with their labels in order.
    pub enums: BTreeMap<String, Vec<String>>,
    /// Extensions (PostgreSQL), with the schema they are installed in.
    pub extensions: BTreeMap<String, String>,
    /// Triggers by (table or view, trigger name), with their definition.
    pub triggers: BTreeMap<(String, String), String>,
    /// Functions and procedures by signature (`name(argument types)`), with their definition.
    pub routines: BTreeMap<String, String>,
    /// The schemas other than the connection's default that exist (PostgreSQL). Objects in a
    /// schema the chain never creates are outside the comparison.
    pub namespaces: BTreeSet<String>,
}

impl Schema {
    /// Whether the snapshot holds no object at all.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
            && self.views.is_empty()
            && self.indexes.is_empty()
            && self.sequences.is_empty()
            && self.enums.is_empty()
            && self.triggers.is_empty()
            && self.routines.is_empty()
    }
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Table {
    /// Columns in their catalog order.
    pub columns: Vec<Column>,
    /// Primary key, unique, foreign key, check and exclusion constraints, by name.
    pub constraints: BTreeMap<String, Constraint>,
    /// The table's comment.
    pub comment: Option<String>,
    /// How a partitioned table is partitioned (`RANGE (occurred_at)`); `None` for others.
    pub partition_key: Option<String>,
    /// The partitions of a partitioned table, by name, with their bound
    /// (`FOR VALUES FROM (..) TO (..)`, `VALUES LESS THAN (..)`).
    pub partitions: BTreeMap<String, String>,
}

impl Table {
    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// A column of a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// The type as the catalog spells it (`text`, `character varying(255)`, `bigint(20)`).
    pub data_type: String,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The default expression as the catalog spells it.
    pub default: Option<String>,
    /// `ALWAYS`, `BY DEFAULT` (PostgreSQL identity), `AUTO_INCREMENT` or `AUTOINCREMENT`.
    pub identity: Option<String>,
    /// The expression of a generated column, with `STORED` or `VIRTUAL`.
    pub generated: Option<String>,
    /// A collation other than the type's (or table's) default.
    pub collation: Option<String>,
    /// The column's comment.
    pub comment: Option<String>,
}

impl Column {
    /// A column of `data_type`, nullable, with nothing else set.
    pub fn new(name: impl Into<String>, data_type: impl Into<String>) -> Column {
        Column { name: name.into(), data_type: data_type.into(), nullable: true, ..Column::default() }
    }
}

/// What a table constraint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConstraintKind {
    /// `PRIMARY KEY`.
    PrimaryKey,
    /// `UNIQUE` (on MySQL, unique indexes are indexes).
    Unique,
    /// `FOREIGN KEY .. REFERENCES`.
    ForeignKey,
    /// `CHECK`.
    Check,
    /// `EXCLUDE` (PostgreSQL).
    Exclusion,
}

impl ConstraintKind {
    /// How messages name it: `primary key`, `unique constraint`, ...
    pub fn name(self) -> &'static str {
        match self {
            ConstraintKind::PrimaryKey => "primary key",
            ConstraintKind::Unique => "unique constraint",
            ConstraintKind::ForeignKey => "foreign key",
            ConstraintKind::Check => "check constraint",
            ConstraintKind::Exclusion => "exclusion constraint",
        }
    }
}

/// A table constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Constraint {
    /// What it is.
    pub kind: ConstraintKind,
    /// Its definition as the catalog spells it, without `CONSTRAINT name` and `NOT VALID`:
    /// `PRIMARY KEY (id)`, `FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`,
    /// `CHECK (status <> '')`.
    pub definition: String,
    /// Whether existing rows were checked (`false` for PostgreSQL's `NOT VALID`).
    pub validated: bool,
}

impl Constraint {
    /// A validated constraint.
    pub fn new(kind: ConstraintKind, definition: impl Into<String>) -> Constraint {
        Constraint { kind, definition: definition.into(), validated: true }
    }
}

/// An index that backs no constraint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Index {
    /// Key columns or expressions, with their ordering and operator class as spelled by the
    /// catalog (`user_id`, `last_seen_at DESC`, `lower(email)`, `title gin_trgm_ops`).
    pub columns: Vec<String>,
    /// Non-key columns (`INCLUDE`).
    pub include: Vec<String>,
    /// Whether the index is unique.
    pub unique: bool,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15+).
    pub nulls_not_distinct: bool,
    /// The access method when it is not the default b-tree (`gin`, `HASH`, `FULLTEXT`).
    pub method: Option<String>,
    /// The predicate of a partial index.
    pub predicate: Option<String>,
    /// Whether the index is usable: PostgreSQL marks a failed `CREATE INDEX CONCURRENTLY`
    /// invalid, and a partitioned index until every partition has its own.
    pub valid: bool,
}

/// A view or materialized view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct View {
    /// Whether it is a materialized view.
    pub materialized: bool,
    /// Its query (or statement) as the catalog spells it, whitespace collapsed.
    pub definition: String,
    /// Its comment.
    pub comment: Option<String>,
}

/// A sequence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Sequence {
    /// Its properties as the catalog spells them, by name: `type`, `start`, `increment`,
    /// `min`, `max`, `cycle`. Never its current value, which data changes.
    pub properties: BTreeMap<String, String>,
}
