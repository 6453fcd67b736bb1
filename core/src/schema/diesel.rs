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
use crate::backend::diesel_types::{diesel_type, has_rowid_keys, rust_string, sql_type_attribute, DieselType, SqlType};
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
                && has_rowid_keys(dialect)
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
            let _ = writeln!(out, "    {}", sql_type_attribute(dialect, t));
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

/// diesel's schema.rs for the chain linked into this binary ([`crate::Registry::collect`]) at
/// `target` (`head`, a revision id or unique prefix, `LABEL@head`) on `dialect`: what
/// `migrate schema --diesel --at TARGET --dialect DIALECT` prints. For a test that keeps a
/// checked-in `src/schema.rs` fresh (docs/cli.md).
pub fn print_chain_schema(target: &str, dialect: Dialect, options: &DieselOptions) -> Result<String, ChainSchemaError> {
    let registry = crate::Registry::collect()?;
    let graph = crate::graph::RevisionGraph::build(registry.revisions().iter().copied())?;
    let revision = graph.resolve(target)?;
    let (schema, _) = super::chain::schema_at(&graph, &revision.id, dialect.name())?;
    Ok(print_schema(&schema, dialect, options))
}

/// Why [`print_chain_schema`] could not print the chain's schema.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChainSchemaError {
    /// The linked revisions could not be collected.
    #[error(transparent)]
    Registry(#[from] crate::RegistryError),
    /// The revision graph is broken or the target does not resolve.
    #[error(transparent)]
    Graph(#[from] crate::graph::GraphError),
    /// The chain's ops do not fold into a model.
    #[error(transparent)]
    Chain(#[from] super::chain::ChainError),
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

#[cfg(test)]
mod tests;
