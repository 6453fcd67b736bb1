//! The per-dialect half of `schema::diesel`: the diesel SQL type that `diesel print-schema`
//! infers from each dialect's catalog for a model's [`ColumnType`], and how a custom SQL type is
//! declared for each backend.

use std::collections::BTreeSet;

use crate::ops::ColumnType;
use crate::Dialect;

/// A custom SQL type a schema needs (`mod sql_types`): its Rust name, its SQL name and schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SqlType {
    pub(crate) rust: String,
    pub(crate) name: String,
    pub(crate) schema: Option<String>,
}

/// A column's diesel type: the type without `Nullable`, and its `#[max_length]`.
pub(crate) struct DieselType {
    pub(crate) ty: String,
    pub(crate) max_length: Option<u32>,
}

/// Whether a single `INTEGER PRIMARY KEY` is the table's 64-bit rowid (SQLite).
pub(crate) fn has_rowid_keys(dialect: Dialect) -> bool {
    dialect == Dialect::Sqlite
}

/// The `#[diesel(..)]` attribute that names a custom SQL type for the backend.
pub(crate) fn sql_type_attribute(dialect: Dialect, t: &SqlType) -> String {
    match (dialect, &t.schema) {
        (Dialect::Postgres, Some(s)) => {
            format!("#[diesel(postgres_type(name = {}, schema = {}))]", rust_string(&t.name), rust_string(s))
        }
        (Dialect::Postgres, None) => format!("#[diesel(postgres_type(name = {}))]", rust_string(&t.name)),
        (Dialect::Mysql, _) => format!("#[diesel(mysql_type(name = {}))]", rust_string(&t.name)),
        (Dialect::Sqlite, _) => format!("#[diesel(sqlite_type(name = {}))]", rust_string(&t.name)),
    }
}

/// The column's diesel SQL type on `dialect`, without `Nullable`; records a custom type in
/// `sql_types`.
pub(crate) fn diesel_type(ty: &ColumnType, dialect: Dialect, sql_types: &mut BTreeSet<SqlType>) -> DieselType {
    let plain = |ty: &str| DieselType { ty: ty.to_string(), max_length: None };
    match dialect {
        Dialect::Postgres => match ty {
            ColumnType::SmallInt | ColumnType::SmallSerial => plain("Int2"),
            ColumnType::Integer | ColumnType::Serial => plain("Int4"),
            ColumnType::BigInt | ColumnType::BigSerial => plain("Int8"),
            ColumnType::Numeric(_) => plain("Numeric"),
            ColumnType::Real => plain("Float4"),
            ColumnType::Double => plain("Float8"),
            ColumnType::Boolean => plain("Bool"),
            ColumnType::Text => plain("Text"),
            ColumnType::Varchar(n) => DieselType { ty: "Varchar".into(), max_length: *n },
            ColumnType::Char(n) => DieselType { ty: "Bpchar".into(), max_length: Some(*n) },
            ColumnType::Bytes => plain("Bytea"),
            ColumnType::Uuid => plain("Uuid"),
            ColumnType::Json => plain("Json"),
            ColumnType::Jsonb => plain("Jsonb"),
            ColumnType::Date => plain("Date"),
            ColumnType::Time => plain("Time"),
            ColumnType::Timestamp => plain("Timestamp"),
            ColumnType::TimestampTz => plain("Timestamptz"),
            ColumnType::Interval => plain("Interval"),
            ColumnType::Array(inner) => {
                let inner = diesel_type(inner, dialect, sql_types);
                plain(&format!("Array<Nullable<{}>>", inner.ty))
            }
            ColumnType::Enum(name) => plain(&custom_type(name, sql_types)),
            ColumnType::Custom(spelling) => {
                let base = spelling.split('(').next().unwrap_or_default().trim();
                match PG_KNOWN.iter().find(|(sql, _)| *sql == base) {
                    Some((_, rust)) => plain(rust),
                    None => plain(&custom_type(base, sql_types)),
                }
            }
        },
        Dialect::Sqlite => plain(sqlite_type(ty)),
        Dialect::Mysql => mysql_type(ty, sql_types),
    }
}

/// PostgreSQL types diesel knows that have no [`ColumnType`] of their own.
const PG_KNOWN: &[(&str, &str)] = &[
    ("inet", "Inet"),
    ("cidr", "Cidr"),
    ("macaddr", "Macaddr"),
    ("macaddr8", "Macaddr8"),
    ("citext", "Citext"),
    ("money", "Money"),
    ("oid", "Oid"),
    ("int4range", "Int4range"),
    ("int8range", "Int8range"),
    ("daterange", "Daterange"),
    ("numrange", "Numrange"),
    ("tsrange", "Tsrange"),
    ("tstzrange", "Tstzrange"),
    ("pg_lsn", "PgLsn"),
];

/// Records the custom PostgreSQL type `name` (`mood`, `app.mood`) and returns its Rust name.
fn custom_type(name: &str, sql_types: &mut BTreeSet<SqlType>) -> String {
    let (schema, base) = match name.split_once('.') {
        Some((s, b)) => (Some(s.trim_matches('"').to_string()), b.trim_matches('"')),
        None => (None, name.trim_matches('"')),
    };
    let rust = upper_camel(base);
    sql_types.insert(SqlType { rust: rust.clone(), name: base.to_string(), schema });
    rust
}

/// diesel's SQLite inference over the type retort declares for `ty`.
fn sqlite_type(ty: &ColumnType) -> &'static str {
    match ty {
        ColumnType::SmallInt => "SmallInt",
        ColumnType::Integer | ColumnType::SmallSerial | ColumnType::Serial | ColumnType::BigSerial => "Integer",
        ColumnType::BigInt => "BigInt",
        // diesel reads NUMERIC and DECIMAL as `Double`.
        ColumnType::Numeric(_) | ColumnType::Double => "Double",
        ColumnType::Real => "Float",
        ColumnType::Boolean => "Bool",
        ColumnType::Text
        | ColumnType::Varchar(_)
        | ColumnType::Char(_)
        | ColumnType::Uuid
        | ColumnType::Json
        | ColumnType::Jsonb
        | ColumnType::Enum(_) => "Text",
        ColumnType::Bytes => "Binary",
        ColumnType::Date => "Date",
        ColumnType::Time => "Time",
        ColumnType::Timestamp => "Timestamp",
        // Declared `timestamptz`: diesel's own inference gives up on it; diesel 2 has the type.
        ColumnType::TimestampTz => "TimestamptzSqlite",
        // Neither exists on SQLite (the renderer refuses them); as the declared text would read.
        ColumnType::Interval | ColumnType::Array(_) => "Binary",
        ColumnType::Custom(spelling) => sqlite_spelling(spelling),
    }
}

/// diesel's SQLite rules over a declared type (`determine_column_type`).
fn sqlite_spelling(spelling: &str) -> &'static str {
    let t = spelling.to_ascii_lowercase();
    if matches!(t.as_str(), "boolean" | "bool" | "bit") {
        "Bool"
    } else if matches!(t.as_str(), "int2" | "smallint" | "tinyint") {
        "SmallInt"
    } else if matches!(t.as_str(), "int8" | "bigint") {
        "BigInt"
    } else if t.contains("int") {
        "Integer"
    } else if t.contains("clob") || t.contains("char") || t.contains("text") {
        "Text"
    } else if t.contains("blob") || t.is_empty() {
        "Binary"
    } else if t.contains("float") || t.contains("real") {
        "Float"
    } else if t.contains("double") || t.contains("num") || t.contains("dec") {
        "Double"
    } else if t == "datetime" || t == "timestamp" {
        "Timestamp"
    } else if t == "date" {
        "Date"
    } else if t == "time" {
        "Time"
    } else {
        "Binary"
    }
}

/// diesel's MySQL inference over the type retort declares for `ty`.
fn mysql_type(ty: &ColumnType, sql_types: &mut BTreeSet<SqlType>) -> DieselType {
    let plain = |ty: &str| DieselType { ty: ty.to_string(), max_length: None };
    match ty {
        ColumnType::SmallInt | ColumnType::SmallSerial => plain("Smallint"),
        ColumnType::Integer | ColumnType::Serial => plain("Integer"),
        ColumnType::BigInt | ColumnType::BigSerial => plain("Bigint"),
        ColumnType::Numeric(_) => plain("Decimal"),
        ColumnType::Real => plain("Float"),
        ColumnType::Double => plain("Double"),
        ColumnType::Boolean => plain("Bool"),
        ColumnType::Text | ColumnType::Enum(_) => plain("Text"),
        ColumnType::Varchar(n) => DieselType { ty: "Varchar".into(), max_length: *n },
        ColumnType::Char(n) => DieselType { ty: "Char".into(), max_length: Some(*n) },
        ColumnType::Uuid => DieselType { ty: "Char".into(), max_length: Some(36) },
        ColumnType::Bytes => plain("Blob"),
        ColumnType::Json | ColumnType::Jsonb => plain("Json"),
        ColumnType::Date => plain("Date"),
        ColumnType::Time => plain("Time"),
        ColumnType::Timestamp => plain("Datetime"),
        ColumnType::TimestampTz => plain("Timestamp"),
        ColumnType::Interval | ColumnType::Array(_) => plain("Blob"),
        ColumnType::Custom(spelling) => mysql_spelling(spelling, sql_types),
    }
}

/// diesel's MySQL rules over a column type (`determine_type_name`): `tinyint(1)` is `Bool`,
/// `int..` is `Integer`, else the name before `(` in upper camel case, in `Unsigned<..>` when
/// unsigned.
fn mysql_spelling(spelling: &str, sql_types: &mut BTreeSet<SqlType>) -> DieselType {
    let t = spelling.trim().to_ascii_lowercase();
    let unsigned = t.contains("unsigned");
    let t = t.replace("unsigned", "").replace("zerofill", "");
    let t = t.trim();
    let max_length = t
        .find('(')
        .and_then(|open| t[open + 1..].trim_end_matches(')').trim().parse().ok())
        .filter(|_| t.contains("char") || t.contains("binary"));
    let base = if t == "tinyint(1)" {
        "bool"
    } else if t.starts_with("int") {
        "integer"
    } else {
        t.split('(').next().unwrap_or_default().trim()
    };
    let mut rust = upper_camel(base);
    if !MYSQL_KNOWN.contains(&rust.as_str()) {
        sql_types.insert(SqlType { rust: rust.clone(), name: upper_first(base), schema: None });
    }
    if unsigned {
        rust = format!("Unsigned<{rust}>");
    }
    DieselType { ty: rust, max_length }
}

/// The MySQL types diesel provides (print-schema's list).
const MYSQL_KNOWN: &[&str] = &[
    "Bool",
    "Integer",
    "Smallint",
    "SmallInt",
    "Bigint",
    "BigInt",
    "Binary",
    "Text",
    "Double",
    "Float",
    "Numeric",
    "Timestamp",
    "Date",
    "Time",
    "Decimal",
    "Varchar",
    "VarChar",
    "Char",
    "Tinytext",
    "Mediumtext",
    "Longtext",
    "Tinyblob",
    "Blob",
    "Mediumblob",
    "Longblob",
    "Varbinary",
    "Bit",
    "TinyInt",
    "Tinyint",
    "Datetime",
    "Json",
];

/// `mood_kind` → `MoodKind`, as diesel names a type.
fn upper_camel(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()).map(upper_first).collect()
}

fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A Rust string literal: raw (`r#".."#`) when the text has a quote, as diesel writes them.
pub(crate) fn rust_string(text: &str) -> String {
    if text.contains('"') || text.contains('\\') {
        let hashes = "#".repeat(text.matches('#').count() + 1);
        format!("r{hashes}\"{text}\"{hashes}")
    } else {
        format!("\"{text}\"")
    }
}
