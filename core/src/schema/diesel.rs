//! diesel's `schema.rs` from the chain's model, without a database: what `diesel print-schema`
//! prints for the database the chain builds.
//!
//! [`print_schema`] writes, for each table with a primary key (sorted by name), a
//! `diesel::table!` with the types diesel's print-schema infers from that dialect's catalog
//! (PostgreSQL `Int4`, `Varchar` with `#[max_length = ..]`, `Array<Nullable<..>>`; SQLite
//! `Integer`, `Binary`, `Float`; MySQL `Datetime`, `Decimal`, `Unsigned<..>`), a
//! `diesel::joinable!` for each foreign key diesel would join on, and one
//! `diesel::allow_tables_to_appear_in_same_query!`. PostgreSQL enum types (and other types
//! diesel does not know) get a `pub mod sql_types` definition, as diesel 2.x writes them. The
//! output is stable: two models with the same tables print the same text, so a test can compare
//! it with `src/schema.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::{ConstraintKind, Schema, Table};
use crate::ops::ColumnType;
use crate::Dialect;

/// The first line of the output.
pub const HEADER: &str = "// @generated automatically by retort from the migration chain (`migrate schema --diesel`).";

/// What [`print_schema`] writes besides the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DieselOptions {
    /// Write the tables' and columns' comments as `///` doc comments (diesel's
    /// `--with-docs-config only-database-comments`). Default: true.
    pub doc_comments: bool,
    /// The derives of each generated SQL type in `mod sql_types`. Default: diesel's,
    /// `diesel::query_builder::QueryId, Clone, diesel::sql_types::SqlType`.
    pub sql_type_derives: Vec<String>,
    /// SQLite: print a table's `INTEGER PRIMARY KEY` (its rowid, 64 bits) as `BigInt`, as
    /// diesel's `--sqlite-integer-primary-key-is-bigint` does, so that it joins with `BigInt`
    /// foreign keys. Default: false, as diesel (`Integer`).
    pub sqlite_integer_primary_key_is_bigint: bool,
}

impl Default for DieselOptions {
    fn default() -> Self {
        DieselOptions {
            doc_comments: true,
            sql_type_derives: ["diesel::query_builder::QueryId", "Clone", "diesel::sql_types::SqlType"]
                .map(String::from)
                .to_vec(),
            sqlite_integer_primary_key_is_bigint: false,
        }
    }
}

/// A custom SQL type the schema needs (`mod sql_types`): its Rust name and its PostgreSQL name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SqlType {
    rust: String,
    name: String,
    schema: Option<String>,
}

/// A column's diesel type: the type without `Nullable`, and its `#[max_length]`.
struct DieselType {
    ty: String,
    max_length: Option<u32>,
}

/// diesel's `schema.rs` for `schema` on `dialect`, as `diesel print-schema` would print it for
/// the database the model describes. Tables outside the default schema (`app.users`) are left
/// out, as `diesel print-schema` without `--schema` does; a table without a primary key gets a
/// comment instead of a `table!` (diesel needs a key).
pub fn print_schema(schema: &Schema, dialect: Dialect, options: &DieselOptions) -> String {
    let tables: Vec<(&String, &Table)> =
        schema.tables.iter().filter(|(name, _)| !name.contains('.')).map(|(n, t)| (n, &**t)).collect();
    let keyed: BTreeMap<&str, (&Table, Vec<String>)> =
        tables.iter().filter_map(|(name, t)| primary_key(t).map(|pk| (name.as_str(), (*t, pk)))).collect();

    // Types first: `mod sql_types` comes before the tables.
    let mut sql_types = BTreeSet::new();
    let mut columns: BTreeMap<&str, Vec<DieselType>> = BTreeMap::new();
    for (name, (table, pk)) in &keyed {
        let rowid = |c: &super::Column| {
            options.sqlite_integer_primary_key_is_bigint
                && dialect == Dialect::Sqlite
                && c.ty == ColumnType::Integer
                && pk.as_slice() == [c.name.clone()]
        };
        let types = table
            .columns
            .iter()
            .map(|c| match rowid(c) {
                true => DieselType { ty: "BigInt".into(), max_length: None },
                false => diesel_type(&c.ty, dialect, &mut sql_types),
            })
            .collect();
        columns.insert(name, types);
    }

    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str("\n\n");
    if !sql_types.is_empty() {
        out.push_str("pub mod sql_types {\n");
        for (i, t) in sql_types.iter().enumerate() {
            if i != 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "    #[derive({})]", options.sql_type_derives.join(", "));
            match (&t.schema, dialect) {
                (Some(s), Dialect::Postgres) => {
                    let _ = writeln!(
                        out,
                        "    #[diesel(postgres_type(name = {}, schema = {}))]",
                        rust_string(&t.name),
                        rust_string(s)
                    );
                }
                (None, Dialect::Postgres) => {
                    let _ = writeln!(out, "    #[diesel(postgres_type(name = {}))]", rust_string(&t.name));
                }
                (_, Dialect::Mysql) => {
                    let _ = writeln!(out, "    #[diesel(mysql_type(name = {}))]", rust_string(&t.name));
                }
                (_, Dialect::Sqlite) => {
                    let _ = writeln!(out, "    #[diesel(sqlite_type(name = {}))]", rust_string(&t.name));
                }
            }
            let _ = writeln!(out, "    pub struct {};", t.rust);
        }
        out.push_str("}\n\n");
    }

    let mut first = true;
    for (name, table) in &tables {
        if !std::mem::take(&mut first) {
            out.push('\n');
        }
        let Some((_, pk)) = keyed.get(name.as_str()) else {
            let _ = writeln!(
                out,
                "// The table `{name}` has no primary key: diesel's `table!` needs one, so it is left out."
            );
            continue;
        };
        table_block(&mut out, name, table, pk, &columns[name.as_str()], &sql_types, options);
    }

    let joins = joinables(&keyed);
    if !joins.is_empty() {
        out.push('\n');
        for (child, parent, column) in &joins {
            let (child_type, parent_type) = (column_type(&keyed, &columns, child, column), {
                let pk = &keyed[parent.as_str()].1[0];
                column_type(&keyed, &columns, parent, pk)
            });
            if child_type == parent_type {
                let _ = writeln!(
                    out,
                    "diesel::joinable!({} -> {} ({}));",
                    rust_name(child),
                    rust_name(parent),
                    rust_name(column)
                );
            } else {
                // diesel would print the join, which does not compile: `eq` needs one SQL type.
                let _ = writeln!(
                    out,
                    "// No joinable!({child} -> {parent} ({column})): {child}.{column} is {} but {parent}'s key is {}.",
                    child_type.unwrap_or_default(),
                    parent_type.unwrap_or_default()
                );
            }
        }
    }

    if keyed.len() >= 2 {
        out.push('\n');
        let names: Vec<String> = keyed.keys().map(|n| rust_name(n)).collect();
        let one_line = format!("diesel::allow_tables_to_appear_in_same_query!({},);", names.join(", "));
        // rustfmt's layout of the call, so that formatting the file keeps it fresh.
        if one_line.len() <= 100 {
            out.push_str(&one_line);
            out.push('\n');
        } else {
            out.push_str("diesel::allow_tables_to_appear_in_same_query!(\n");
            for n in &names {
                let _ = writeln!(out, "    {n},");
            }
            out.push_str(");\n");
        }
    }
    out
}

/// The diesel type (without `Nullable`) of `table.column`.
fn column_type<'a>(
    keyed: &BTreeMap<&str, (&Table, Vec<String>)>,
    columns: &'a BTreeMap<&str, Vec<DieselType>>,
    table: &str,
    column: &str,
) -> Option<&'a str> {
    let position = keyed.get(table)?.0.columns.iter().position(|c| c.name == column)?;
    Some(columns.get(table)?.get(position)?.ty.as_str())
}

/// One `diesel::table! { .. }` block.
fn table_block(
    out: &mut String,
    name: &str,
    table: &Table,
    pk: &[String],
    types: &[DieselType],
    sql_types: &BTreeSet<SqlType>,
    options: &DieselOptions,
) {
    out.push_str("diesel::table! {\n");
    let used: BTreeSet<&str> =
        sql_types.iter().filter(|t| types.iter().any(|d| mentions(&d.ty, &t.rust))).map(|t| t.rust.as_str()).collect();
    if !used.is_empty() {
        out.push_str("    use diesel::sql_types::*;\n");
        for t in &used {
            let _ = writeln!(out, "    use super::sql_types::{t};");
        }
        out.push('\n');
    }
    if options.doc_comments {
        if let Some(comment) = &table.comment {
            doc_comment(out, "    ", comment);
        }
    }
    let rust = rust_name(name);
    if rust != name {
        let _ = writeln!(out, "    #[sql_name = {}]", rust_string(name));
    }
    let keys: Vec<String> = pk.iter().map(|c| rust_name(c)).collect();
    let _ = writeln!(out, "    {rust} ({}) {{", keys.join(", "));
    for (column, ty) in table.columns.iter().zip(types) {
        if options.doc_comments {
            if let Some(comment) = &column.comment {
                doc_comment(out, "        ", comment);
            }
        }
        let rust = rust_name(&column.name);
        if rust != column.name {
            let _ = writeln!(out, "        #[sql_name = {}]", rust_string(&column.name));
        }
        if let Some(n) = ty.max_length {
            let _ = writeln!(out, "        #[max_length = {n}]");
        }
        let full = if column.nullable { format!("Nullable<{}>", ty.ty) } else { ty.ty.clone() };
        let _ = writeln!(out, "        {rust} -> {full},");
    }
    out.push_str("    }\n}\n");
}

/// Whether the type `ty` (`Nullable<Array<Mood>>`) names the Rust type `name`.
fn mentions(ty: &str, name: &str) -> bool {
    ty.split(['<', '>', ',', ' ']).any(|part| part == name)
}

/// `/// line` for each line of a comment, as diesel writes them (lines trimmed).
fn doc_comment(out: &mut String, indent: &str, comment: &str) {
    for line in comment.lines() {
        let line = line.trim();
        let space = if line.is_empty() { "" } else { " " };
        let _ = writeln!(out, "{indent}///{space}{line}");
    }
}

/// The primary key columns, when the table has a key diesel can use.
fn primary_key(table: &Table) -> Option<Vec<String>> {
    let (_, pk) = table.primary_key()?;
    (!pk.columns.is_empty()).then(|| pk.columns.clone())
}

/// diesel's rule for `joinable!`: a single-column foreign key to another table whose single
/// primary key column it references; a pair of tables joined by two such keys gets none (diesel
/// could not tell which to join on). Sorted by (child, parent).
fn joinables(keyed: &BTreeMap<&str, (&Table, Vec<String>)>) -> Vec<(String, String, String)> {
    let mut found: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (child, (table, _)) in keyed {
        for c in table.constraints.values().filter(|c| c.kind == ConstraintKind::ForeignKey) {
            let Some(r) = &c.references else { continue };
            let Some((_, parent_pk)) = keyed.get(r.table.as_str()) else { continue };
            let referenced: &[String] = if r.columns.is_empty() { parent_pk } else { &r.columns };
            if c.columns.len() == 1 && parent_pk.len() == 1 && referenced == parent_pk.as_slice() && r.table != *child {
                found.entry((child.to_string(), r.table.clone())).or_default().push(c.columns[0].clone());
            }
        }
    }
    found
        .into_iter()
        .filter(|(_, columns)| columns.len() == 1)
        .map(|((child, parent), mut columns)| (child, parent, columns.remove(0)))
        .collect()
}

/// The column's diesel SQL type on `dialect`, without `Nullable`; records a custom type in
/// `sql_types`.
fn diesel_type(ty: &ColumnType, dialect: Dialect, sql_types: &mut BTreeSet<SqlType>) -> DieselType {
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

/// The Rust identifier diesel uses for a table or column name: characters that cannot be in an
/// identifier become `_`, a leading digit gets a `_` in front, and a Rust keyword gets a `_`
/// after (`type` → `type_`, written with `#[sql_name = "type"]`).
pub fn rust_name(sql: &str) -> String {
    let mut name: String = sql.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Rust's keywords, strict and reserved (2021 edition and later).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// A Rust string literal: raw (`r#".."#`) when the text has a quote, as diesel writes them.
fn rust_string(text: &str) -> String {
    if text.contains('"') || text.contains('\\') {
        let hashes = "#".repeat(text.matches('#').count() + 1);
        format!("r{hashes}\"{text}\"{hashes}")
    } else {
        format!("\"{text}\"")
    }
}

#[cfg(test)]
mod tests;
