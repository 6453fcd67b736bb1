//! Column types, literal values and server defaults shared by every op family.

use serde::{Deserialize, Serialize};

/// A column type, named the way PostgreSQL names it; each backend maps it to its nearest type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// 16-bit integer.
    SmallInt,
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    BigInt,
    /// `smallserial`: 16-bit integer fed by a sequence.
    SmallSerial,
    /// `serial`: 32-bit integer fed by a sequence.
    Serial,
    /// `bigserial`: 64-bit integer fed by a sequence.
    BigSerial,
    /// Exact decimal; `None` means unconstrained precision.
    Numeric(Option<(u32, u32)>),
    /// 32-bit float.
    Real,
    /// 64-bit float.
    Double,
    /// Boolean.
    Boolean,
    /// Unbounded text.
    Text,
    /// Variable-length string with an optional length limit.
    Varchar(Option<u32>),
    /// Fixed-length string.
    Char(u32),
    /// Binary data (`bytea`, `BLOB`).
    Bytes,
    /// UUID (`uuid` on PostgreSQL, `CHAR(36)` elsewhere).
    Uuid,
    /// JSON stored as text.
    Json,
    /// Binary JSON (PostgreSQL); `JSON` elsewhere.
    Jsonb,
    /// Calendar date.
    Date,
    /// Time of day.
    Time,
    /// Timestamp without time zone.
    Timestamp,
    /// Timestamp with time zone.
    TimestampTz,
    /// Time interval (PostgreSQL).
    Interval,
    /// Array of another type (PostgreSQL).
    Array(Box<ColumnType>),
    /// A named enum type created with `create_enum`.
    Enum(String),
    /// Any other type, written as the database spells it, e.g. `custom("tsvector")`.
    Custom(String),
}

impl ColumnType {
    /// Whether the type is an auto-incrementing serial kind.
    pub fn is_serial(&self) -> bool {
        matches!(self, Self::SmallSerial | Self::Serial | Self::BigSerial)
    }

    /// Whether changing a column from `self` to `to` can skip the table rewrite on PostgreSQL
    /// (widening a varchar, varchar to text, removing a length limit).
    pub fn is_safe_widening_to(&self, to: &ColumnType) -> bool {
        match (self, to) {
            (Self::Varchar(Some(a)), Self::Varchar(Some(b))) => b >= a,
            (Self::Varchar(_), Self::Varchar(None) | Self::Text) => true,
            (Self::Numeric(Some((p1, s1))), Self::Numeric(Some((p2, s2)))) => s1 == s2 && p2 >= p1,
            (Self::Numeric(_), Self::Numeric(None)) => true,
            (a, b) => a == b,
        }
    }
}

/// A literal value, used in defaults, partition bounds and bulk inserts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string, always rendered as an escaped literal.
    Str(String),
}

/// A server-side column default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerDefault {
    /// A literal value.
    Value(Value),
    /// The current timestamp (`now()` / `CURRENT_TIMESTAMP`): evaluated once per statement,
    /// so adding a column with it does not rewrite the table.
    Now,
    /// Any SQL expression. `volatile` marks expressions evaluated per row (`gen_random_uuid()`,
    /// `random()`, `clock_timestamp()`), which force a table rewrite when a column is added.
    Expr {
        /// The SQL text.
        sql: String,
        /// Whether the expression is evaluated per row.
        volatile: bool,
    },
}

impl ServerDefault {
    /// An expression default, marked volatile when it calls a function known to be volatile.
    pub fn expr(sql: impl Into<String>) -> Self {
        let sql = sql.into();
        let volatile = is_known_volatile(&sql);
        Self::Expr { sql, volatile }
    }

    /// Whether adding a column with this default rewrites every row.
    pub fn is_volatile(&self) -> bool {
        matches!(self, Self::Expr { volatile: true, .. })
    }
}

/// Functions whose result differs per row: a default calling one of them rewrites the table.
const VOLATILE_FUNCTIONS: &[&str] = &[
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v4",
    "random",
    "clock_timestamp",
    "timeofday",
    "nextval",
    "uuid()",
    "rand()",
];

fn is_known_volatile(sql: &str) -> bool {
    let lower = sql.to_ascii_lowercase();
    VOLATILE_FUNCTIONS.iter().any(|f| lower.contains(f))
}

/// An identity column (`GENERATED ALWAYS|BY DEFAULT AS IDENTITY`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identity {
    /// `ALWAYS` when true, `BY DEFAULT` otherwise.
    pub always: bool,
    /// The options of its sequence (PostgreSQL); none given is the server's defaults.
    #[serde(default, skip_serializing_if = "SequenceOptions::is_default")]
    pub options: SequenceOptions,
}

impl Identity {
    /// `GENERATED BY DEFAULT AS IDENTITY` with the server's sequence defaults.
    pub fn by_default() -> Self {
        Identity { always: false, options: SequenceOptions::default() }
    }

    /// `GENERATED ALWAYS AS IDENTITY` with the server's sequence defaults.
    pub fn always() -> Self {
        Identity { always: true, options: SequenceOptions::default() }
    }
}

/// A sequence's options as a migration states them; `None` is the server's default (or, in an
/// `alter_column`, unchanged).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SequenceOptions {
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
    /// `CYCLE` (`Some(false)`: `NO CYCLE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<bool>,
}

impl SequenceOptions {
    /// Whether no option is given.
    pub fn is_default(&self) -> bool {
        *self == SequenceOptions::default()
    }

    /// The options as PostgreSQL's sequence clauses (`START WITH 10 INCREMENT BY 2 ..`), the
    /// ones given only.
    pub fn clauses(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut push = |word: &str, v: Option<i64>| {
            if let Some(v) = v {
                out.push(format!("{word} {v}"));
            }
        };
        push("START WITH", self.start);
        push("INCREMENT BY", self.increment);
        push("MINVALUE", self.min);
        push("MAXVALUE", self.max);
        push("CACHE", self.cache);
        match self.cycle {
            Some(true) => out.push("CYCLE".into()),
            Some(false) => out.push("NO CYCLE".into()),
            None => {}
        }
        out
    }
}

/// Deserializes a present field as `Some`, so that `Some(None)` (a known "nothing") survives a
/// round trip as `null` instead of collapsing into an absent `None` (an unknown state).
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}
