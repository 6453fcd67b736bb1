//! The schema model: one dialect-resolved description of a database's schema, with two sources.
//!
//! It is either folded from the chain's ops (`schema::fold`) or read from a live
//! catalog (`schema::read`), and `schema::diff` compares any two. Values are in
//! the ops' own terms, resolved for one dialect: a column type is an [`ColumnType`] as that
//! dialect really stores it (`Uuid` is `Char(36)` on MySQL, `Serial` is `Integer` with a default
//! or an identity), so the renderer and the Rust generators can read it directly.
//!
//! Expressions (defaults, checks, predicates, generated columns, view bodies) are text; two are
//! equal when their [`normalize`](super::normalize) forms are (docs/schema.md says exactly what
//! that undoes). Names are unqualified in the connection's default schema and `schema.name`
//! elsewhere. A name the catalog does not keep (SQLite's foreign keys and unique constraints,
//! MySQL's and SQLite's primary keys) is made up from the definition and starts with `(`, e.g.
//! `(user_id)`; the primary key's is empty. The diff pairs such a name with the other side's
//! constraint of the same definition.
//!
//! This file is shared with the macro crate (like `ops/`): it depends only on std, serde and
//! `crate::ops`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::chunked::{ChunkMap, ChunkSet};
use crate::ops::{ColumnType, ForeignKeyAction};

/// A database's schema: read from its catalog (without the runner's own tables and what the
/// server creates itself) or folded from the chain's ops for one dialect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Schema {
    /// Tables, partitioned tables and their partitions, by name. Shared (`Arc`, in a
    /// [`ChunkMap`]): a fold copies schemas at branch points, and a table no branch changes is
    /// never copied.
    pub tables: ChunkMap<String, Arc<Table>>,
    /// Views and materialized views, by name.
    pub views: ChunkMap<String, View>,
    /// Indexes that back no constraint (on MySQL, unique constraints too: MySQL has only the
    /// index), by (table or materialized view, index name).
    #[serde(with = "pair_keys")]
    pub indexes: ChunkMap<(String, String), Index>,
    /// Sequences, except those an identity column owns (the column says `identity`).
    pub sequences: ChunkMap<String, Sequence>,
    /// Enum types (PostgreSQL), with their labels in order.
    pub enums: BTreeMap<String, Vec<String>>,
    /// Extensions (PostgreSQL), with the schema they are installed in.
    pub extensions: BTreeMap<String, String>,
    /// Triggers by (table or view, trigger name), with their definition.
    #[serde(with = "pair_keys")]
    pub triggers: BTreeMap<(String, String), String>,
    /// Functions and procedures by signature (`name(argument types)`), with their definition.
    pub routines: BTreeMap<String, String>,
    /// The schemas other than the connection's default that exist (PostgreSQL). Objects in a
    /// schema the chain never creates are outside the comparison.
    pub namespaces: BTreeSet<String>,
    /// What raw SQL may have changed, as far as a fold can tell; always empty when read from a
    /// catalog.
    #[serde(default, skip_serializing_if = "Unknown::is_empty")]
    pub unknown: Unknown,
}

impl Schema {
    /// Whether the schema holds no object at all.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
            && self.views.is_empty()
            && self.indexes.is_empty()
            && self.sequences.is_empty()
            && self.enums.is_empty()
            && self.triggers.is_empty()
            && self.routines.is_empty()
    }

    /// The table named `name`, to change (copied first if another schema shares it).
    pub fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.get_mut(name).map(Arc::make_mut)
    }

    /// Every table, to change; each is copied first if another schema shares it, so prefer
    /// [`Schema::table_mut`] for the tables that do change.
    pub fn tables_mut(&mut self) -> impl Iterator<Item = &mut Table> {
        self.tables.values_mut().map(Arc::make_mut)
    }

    /// The part of the schema about `tables`: those tables with their indexes and triggers.
    pub fn only_tables(&self, tables: &BTreeSet<String>) -> Schema {
        Schema {
            tables: self
                .tables
                .iter()
                .filter(|(n, _)| tables.contains(*n))
                .map(|(n, t)| (n.clone(), t.clone()))
                .collect(),
            indexes: self
                .indexes
                .iter()
                .filter(|((t, _), _)| tables.contains(t))
                .map(|(k, i)| (k.clone(), i.clone()))
                .collect(),
            triggers: self
                .triggers
                .iter()
                .filter(|((t, _), _)| tables.contains(t))
                .map(|(k, d)| (k.clone(), d.clone()))
                .collect(),
            ..Schema::default()
        }
    }

    /// Whether raw SQL may have created, changed or dropped the object `name` (a table, view,
    /// index, sequence, enum type or extension), so that a fold cannot tell whether it exists.
    pub fn is_unknown(&self, name: &str) -> bool {
        self.unknown.everything || self.unknown.objects.contains(name)
    }
}

/// What raw SQL (`execute(..)`) may have changed: the objects its statements name, or everything
/// when a statement's effect cannot be told from its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unknown {
    /// A statement whose effect cannot be told ran: any object may differ from the model.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub everything: bool,
    /// The objects raw SQL created, altered or dropped, by name (tables, views, indexes, ...).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub objects: BTreeSet<String>,
    /// The objects the chain's ops created, dropped or renamed, by name. An object outside it
    /// may predate the chain (a chain adopted onto an existing database), so an op on it that
    /// the model lacks is a warning, not an error. Not compared by the diff.
    #[serde(default, skip_serializing_if = "ChunkSet::is_empty")]
    pub seen: ChunkSet<String>,
}

impl Unknown {
    /// Whether nothing is unknown.
    pub fn is_empty(&self) -> bool {
        !self.everything && self.objects.is_empty() && self.seen.is_empty()
    }
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Table {
    /// Columns in their catalog order.
    pub columns: Vec<Column>,
    /// Primary key, unique, foreign key, check and exclusion constraints, by name.
    pub constraints: BTreeMap<String, Constraint>,
    /// The table's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// How a partitioned table is partitioned, `STRATEGY (key, ..)`: `RANGE (occurred_at)`;
    /// `None` for others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_key: Option<String>,
    /// The partitions of a partitioned table, by name, with their bound
    /// (`FOR VALUES FROM (..) TO (..)`, `VALUES LESS THAN (..)`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub partitions: BTreeMap<String, String>,
}

impl Table {
    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The column named `name`, to change.
    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// The primary key constraint, whatever its name.
    pub fn primary_key(&self) -> Option<(&String, &Constraint)> {
        self.constraints.iter().find(|(_, c)| c.kind == ConstraintKind::PrimaryKey)
    }
}

/// How a column gets its values without being given one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// `GENERATED ALWAYS AS IDENTITY` (PostgreSQL).
    Always,
    /// `GENERATED BY DEFAULT AS IDENTITY` (PostgreSQL).
    ByDefault,
    /// `AUTO_INCREMENT` (MySQL) or `AUTOINCREMENT` (SQLite).
    AutoIncrement,
}

impl Identity {
    /// The SQL words: `ALWAYS`, `BY DEFAULT`, `AUTO_INCREMENT`.
    pub fn as_sql(self) -> &'static str {
        match self {
            Identity::Always => "ALWAYS",
            Identity::ByDefault => "BY DEFAULT",
            Identity::AutoIncrement => "AUTO_INCREMENT",
        }
    }
}

/// A generated column's expression and storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The expression.
    pub expr: String,
    /// `STORED` when true, `VIRTUAL` otherwise.
    pub stored: bool,
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// The type as the dialect stores it.
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The default expression (compared normalized).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// An identity or auto-increment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// The properties of an identity's sequence (PostgreSQL), as [`Sequence`] has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_sequence: Option<Sequence>,
    /// The expression of a generated column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Generated>,
    /// A collation other than the type's (or table's) default; on MySQL, other than its
    /// character set's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// A character set other than the table's (MySQL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// The column's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Column {
    /// A column of type `ty`, nullable, with nothing else set.
    pub fn new(name: impl Into<String>, ty: ColumnType) -> Column {
        Column {
            name: name.into(),
            ty,
            nullable: true,
            default: None,
            identity: None,
            identity_sequence: None,
            generated: None,
            collation: None,
            charset: None,
            comment: None,
        }
    }
}

/// What a table constraint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// What a foreign key references and does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct References {
    /// The referenced table.
    pub table: String,
    /// The referenced columns; empty when the key names none (SQLite: the primary key).
    pub columns: Vec<String>,
    /// `ON DELETE`, as the dialect reports an unspecified one (`NO ACTION`; `RESTRICT` on MySQL).
    pub on_delete: ForeignKeyAction,
    /// `ON UPDATE`, likewise.
    pub on_update: ForeignKeyAction,
    /// `DEFERRABLE`, and `INITIALLY DEFERRED` when true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferrable: Option<bool>,
}

/// A table constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Constraint {
    /// What it is.
    pub kind: ConstraintKind,
    /// The key columns of a primary key, unique constraint or foreign key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// What a foreign key references.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<References>,
    /// A check's expression, an exclusion constraint's definition after `EXCLUDE`, or a
    /// definition the reader could not take apart (compared normalized).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// `NULLS NOT DISTINCT` of a unique constraint.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
    /// Whether existing rows were checked (`false` for PostgreSQL's `NOT VALID`).
    pub validated: bool,
}

impl Constraint {
    /// A validated constraint of `kind` over `columns`.
    pub fn new<S: Into<String>>(kind: ConstraintKind, columns: impl IntoIterator<Item = S>) -> Constraint {
        Constraint {
            kind,
            columns: columns.into_iter().map(Into::into).collect(),
            references: None,
            expression: None,
            nulls_not_distinct: false,
            validated: true,
        }
    }

    /// A validated check constraint.
    pub fn check(expr: impl Into<String>) -> Constraint {
        Constraint { expression: Some(expr.into()), ..Constraint::new::<String>(ConstraintKind::Check, []) }
    }

    /// The definition as one line, without `CONSTRAINT name` and `NOT VALID`, in a fixed
    /// spelling: `PRIMARY KEY (id)`, `FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE
    /// CASCADE ON UPDATE NO ACTION`, `CHECK (age >= 0)`. Expressions are normalized, so two
    /// equal constraints have the same definition.
    pub fn definition(&self) -> String {
        let columns = self.columns.join(", ");
        match self.kind {
            ConstraintKind::PrimaryKey => format!("PRIMARY KEY ({columns})"),
            ConstraintKind::Unique => {
                let nulls = if self.nulls_not_distinct { " NULLS NOT DISTINCT" } else { "" };
                format!("UNIQUE{nulls} ({columns})")
            }
            ConstraintKind::ForeignKey => match &self.references {
                Some(r) => {
                    let to = if r.columns.is_empty() { String::new() } else { format!(" ({})", r.columns.join(", ")) };
                    let deferrable = match r.deferrable {
                        Some(true) => " DEFERRABLE INITIALLY DEFERRED",
                        Some(false) => " DEFERRABLE",
                        None => "",
                    };
                    format!(
                        "FOREIGN KEY ({columns}) REFERENCES {}{to} ON DELETE {} ON UPDATE {}{deferrable}",
                        r.table,
                        action_sql(r.on_delete),
                        action_sql(r.on_update)
                    )
                }
                None => format!("FOREIGN KEY ({columns}) {}", self.expression.as_deref().unwrap_or_default()),
            },
            ConstraintKind::Check => {
                format!("CHECK ({})", super::normalize::expression(self.expression.as_deref().unwrap_or_default()))
            }
            ConstraintKind::Exclusion => {
                format!("EXCLUDE {}", super::normalize::expression(self.expression.as_deref().unwrap_or_default()))
            }
        }
    }
}

/// `NO ACTION`, `CASCADE`, ...
pub fn action_sql(action: ForeignKeyAction) -> &'static str {
    match action {
        ForeignKeyAction::NoAction => "NO ACTION",
        ForeignKeyAction::Restrict => "RESTRICT",
        ForeignKeyAction::Cascade => "CASCADE",
        ForeignKeyAction::SetNull => "SET NULL",
        ForeignKeyAction::SetDefault => "SET DEFAULT",
    }
}

/// The action a catalog spells `spelling` (`NO ACTION`, `CASCADE`, `SET NULL`, ...).
pub fn parse_action(spelling: &str) -> Option<ForeignKeyAction> {
    Some(match spelling.trim().to_ascii_uppercase().as_str() {
        "NO ACTION" | "" => ForeignKeyAction::NoAction,
        "RESTRICT" => ForeignKeyAction::Restrict,
        "CASCADE" => ForeignKeyAction::Cascade,
        "SET NULL" => ForeignKeyAction::SetNull,
        "SET DEFAULT" => ForeignKeyAction::SetDefault,
        _ => return None,
    })
}

/// An index that backs no constraint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Index {
    /// Key columns or expressions, with their ordering and operator class (`user_id`,
    /// `last_seen_at DESC`, `lower(email)`, `title gin_trgm_ops`); compared normalized.
    pub columns: Vec<String>,
    /// Non-key columns (`INCLUDE`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Whether the index is unique.
    pub unique: bool,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15+).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
    /// The access method when it is not the default b-tree, lower case (`gin`, `hash`,
    /// `fulltext`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The predicate of a partial index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Whether the index is usable: PostgreSQL marks a failed `CREATE INDEX CONCURRENTLY`
    /// invalid, and a partitioned index until every partition has its own.
    pub valid: bool,
}

/// A view or materialized view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct View {
    /// Whether it is a materialized view.
    pub materialized: bool,
    /// Its query (compared normalized; see docs/schema.md for what the server rewrites).
    pub definition: String,
    /// Its comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A sequence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sequence {
    /// Its properties by name: `type`, `start`, `increment`, `min`, `max`, `cycle`, `cache`.
    /// Never its current value, which data changes. A property a side does not know is absent.
    pub properties: BTreeMap<String, String>,
}

/// Maps keyed by `(table, name)` serialize as a list of `{table, name, value}` objects, since
/// JSON object keys are strings.
mod pair_keys {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Entry<V> {
        table: String,
        name: String,
        #[serde(flatten)]
        value: Wrapped<V>,
    }

    #[derive(Serialize, Deserialize)]
    struct Wrapped<V> {
        definition: V,
    }

    pub(super) fn serialize<'a, M, S: Serializer, V: Serialize + Clone + 'a>(
        map: &'a M,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        &'a M: IntoIterator<Item = (&'a (String, String), &'a V)>,
    {
        let entries: Vec<Entry<V>> = map
            .into_iter()
            .map(|((table, name), v)| Entry {
                table: table.clone(),
                name: name.clone(),
                value: Wrapped { definition: v.clone() },
            })
            .collect();
        entries.serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>, V: Deserialize<'de>, M>(deserializer: D) -> Result<M, D::Error>
    where
        M: FromIterator<((String, String), V)>,
    {
        let entries: Vec<Entry<V>> = Vec::deserialize(deserializer)?;
        Ok(entries.into_iter().map(|e| ((e.table, e.name), e.value.definition)).collect())
    }
}

/// A type as messages and `show --schema` print it, in PostgreSQL's words: `varchar(255)`,
/// `bigint`, `timestamptz`, `integer[]`, a custom type as written.
pub fn type_sql(ty: &ColumnType) -> String {
    use ColumnType as T;
    match ty {
        T::SmallInt => "smallint".into(),
        T::Integer => "integer".into(),
        T::BigInt => "bigint".into(),
        T::SmallSerial => "smallserial".into(),
        T::Serial => "serial".into(),
        T::BigSerial => "bigserial".into(),
        T::Numeric(Some((p, s))) => format!("numeric({p}, {s})"),
        T::Numeric(None) => "numeric".into(),
        T::Real => "real".into(),
        T::Double => "double precision".into(),
        T::Boolean => "boolean".into(),
        T::Text => "text".into(),
        T::Varchar(Some(n)) => format!("varchar({n})"),
        T::Varchar(None) => "varchar".into(),
        T::Char(n) => format!("char({n})"),
        T::Bytes => "bytes".into(),
        T::Uuid => "uuid".into(),
        T::Json => "json".into(),
        T::Jsonb => "jsonb".into(),
        T::Date => "date".into(),
        T::Time => "time".into(),
        T::Timestamp => "timestamp".into(),
        T::TimestampTz => "timestamptz".into(),
        T::Interval => "interval".into(),
        T::Array(inner) => format!("{}[]", type_sql(inner)),
        T::Enum(name) => format!("enum {name}"),
        T::Custom(sql) => sql.clone(),
    }
}

/// The type a catalog (or a `custom(..)` type) spells `spelling` on `dialect` (`postgres`,
/// `sqlite`, `mysql`): `character varying(255)` is `Varchar(Some(255))`, MariaDB's
/// `bigint(20)` is `BigInt`, MySQL's `tinyint(1)` is `Boolean`, `datetime(6)` is `Timestamp`.
/// A spelling with no [`ColumnType`] of its own is `Custom`, lower-cased outside quotes.
pub fn type_from_spelling(spelling: &str, dialect: &str) -> ColumnType {
    use ColumnType as T;
    let spelling = canonical_spelling(spelling);
    let s = spelling.as_str();
    if let Some(inner) = s.strip_suffix("[]") {
        return T::Array(Box::new(type_from_spelling(inner, dialect)));
    }
    let (base, args) = match s.find('(') {
        Some(open) if s.ends_with(')') => (s[..open].trim(), Some(&s[open + 1..s.len() - 1])),
        _ => (s, None),
    };
    let numbers: Vec<u32> =
        args.map(|a| a.split(',').filter_map(|n| n.trim().parse().ok()).collect()).unwrap_or_default();
    let mysql = dialect == "mysql";
    let custom = || T::Custom(spelling.clone());
    match (base, numbers.as_slice()) {
        ("tinyint", [1]) if mysql => T::Boolean,
        ("boolean" | "bool", []) => T::Boolean,
        ("smallint" | "int2", _) if args.is_none() || mysql => T::SmallInt,
        ("integer" | "int" | "int4", _) if args.is_none() || mysql => T::Integer,
        ("bigint" | "int8", _) if args.is_none() || mysql => T::BigInt,
        ("numeric" | "decimal", [p, s]) => T::Numeric(Some((*p, *s))),
        ("numeric" | "decimal", []) if args.is_none() => T::Numeric(None),
        ("real" | "float4", []) => T::Real,
        ("float", []) if mysql => T::Real,
        ("double precision" | "double" | "float8", []) => T::Double,
        ("text", []) => T::Text,
        ("character varying" | "varchar", [n]) => T::Varchar(Some(*n)),
        ("character varying" | "varchar", []) if args.is_none() => T::Varchar(None),
        ("character" | "char" | "bpchar", [n]) => T::Char(*n),
        ("bytea", []) => T::Bytes,
        ("blob", []) if dialect != "postgres" => T::Bytes,
        ("uuid", []) => T::Uuid,
        ("json", []) => T::Json,
        ("jsonb", []) => T::Jsonb,
        ("date", []) => T::Date,
        ("time" | "time without time zone", []) if !mysql => T::Time,
        ("time", [6]) if mysql => T::Time,
        ("timestamp" | "timestamp without time zone", []) if !mysql => T::Timestamp,
        ("datetime", [6]) if mysql => T::Timestamp,
        ("timestamp with time zone" | "timestamptz", []) if !mysql => T::TimestampTz,
        ("timestamp", [6]) if mysql => T::TimestampTz,
        ("interval", []) if dialect == "postgres" => T::Interval,
        _ => custom(),
    }
}

/// Lower case outside quotes, single spaces, none after `(` or before `)` and `,`.
fn canonical_spelling(spelling: &str) -> String {
    let mut out = String::new();
    let mut quote = None;
    for c in spelling.trim().chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c.is_whitespace() => {
                if !out.ends_with([' ', '(', ',']) {
                    out.push(' ');
                }
            }
            None if c == ')' || c == ',' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(c);
            }
            None => out.extend(c.to_lowercase()),
        }
    }
    out.trim().to_string()
}
