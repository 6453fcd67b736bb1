//! Identifier and literal quoting through sea-query's own machinery, and the glue that turns
//! sea-query statements into strings for a [`Dialect`].

use sea_query::{
    DynIden, MysqlQueryBuilder, PostgresQueryBuilder, QueryBuilder, QuotedBuilder, SchemaStatementBuilder,
    SqliteQueryBuilder,
};

use super::{Dialect, RenderError};
use crate::ops::{OpKind, Value};

/// A literal for [`quote_literal`]: a string or one of the op model's values.
#[derive(Debug, Clone, Copy)]
pub enum Literal<'a> {
    /// A string.
    Str(&'a str),
    /// A value.
    Value(&'a Value),
}

impl<'a> From<&'a str> for Literal<'a> {
    fn from(s: &'a str) -> Self {
        Literal::Str(s)
    }
}

impl<'a> From<&'a String> for Literal<'a> {
    fn from(s: &'a String) -> Self {
        Literal::Str(s)
    }
}

impl<'a> From<&'a Value> for Literal<'a> {
    fn from(v: &'a Value) -> Self {
        Literal::Value(v)
    }
}

/// Quotes an identifier for the dialect (`"a""b"` on PostgreSQL and SQLite, `` `a``b` `` on
/// MySQL), whatever characters it holds.
///
/// ```
/// use retort::backend::quote_ident;
/// use retort::Dialect;
/// assert_eq!(quote_ident(Dialect::Postgres, r#"odd "name""#), r#""odd ""name""""#);
/// assert_eq!(quote_ident(Dialect::Mysql, "a`b"), "`a``b`");
/// ```
pub fn quote_ident(dialect: Dialect, name: &str) -> String {
    let mut sql = String::with_capacity(name.len() + 2);
    // An owned identifier is always escaped by sea-query; a borrowed static one is not.
    let iden = DynIden::from(name.to_string());
    match dialect {
        Dialect::Postgres => PostgresQueryBuilder.prepare_iden(&iden, &mut sql),
        Dialect::Sqlite => SqliteQueryBuilder.prepare_iden(&iden, &mut sql),
        Dialect::Mysql => MysqlQueryBuilder.prepare_iden(&iden, &mut sql),
    }
    sql
}

/// Quotes a literal for the dialect: strings are escaped (on MySQL backslashes too, on
/// PostgreSQL as an `E'..'` string when they hold a backslash or control character), numbers
/// and booleans are written as such, `Null` is `NULL`. Non-finite floats become the strings
/// `'NaN'`, `'Infinity'`, `'-Infinity'`, which PostgreSQL casts to float.
///
/// ```
/// use retort::backend::quote_literal;
/// use retort::ops::Value;
/// use retort::Dialect;
/// assert_eq!(quote_literal(Dialect::Postgres, "it's"), "E'it\\'s'");
/// assert_eq!(quote_literal(Dialect::Sqlite, "it's"), "'it''s'");
/// assert_eq!(quote_literal(Dialect::Mysql, r"a\b"), r"'a\\b'");
/// assert_eq!(quote_literal(Dialect::Mysql, &Value::Int(-3)), "-3");
/// ```
pub fn quote_literal<'a>(dialect: Dialect, value: impl Into<Literal<'a>>) -> String {
    let value = match value.into() {
        Literal::Str(s) => sea_query::Value::String(Some(s.to_string())),
        Literal::Value(v) => to_sea_value(v),
    };
    match dialect {
        Dialect::Postgres => PostgresQueryBuilder.value_to_string(&value),
        Dialect::Sqlite => SqliteQueryBuilder.value_to_string(&value),
        Dialect::Mysql => MysqlQueryBuilder.value_to_string(&value),
    }
}

/// The sea-query value for an op value.
pub(crate) fn to_sea_value(v: &Value) -> sea_query::Value {
    match v {
        Value::Null => sea_query::Value::String(None),
        Value::Bool(b) => sea_query::Value::Bool(Some(*b)),
        Value::Int(i) => sea_query::Value::BigInt(Some(*i)),
        Value::Float(f) if f.is_finite() => sea_query::Value::Double(Some(*f)),
        Value::Float(f) if f.is_nan() => sea_query::Value::String(Some("NaN".into())),
        Value::Float(f) if *f > 0.0 => sea_query::Value::String(Some("Infinity".into())),
        Value::Float(_) => sea_query::Value::String(Some("-Infinity".into())),
        Value::Str(s) => sea_query::Value::String(Some(s.clone())),
    }
}

/// A literal inside a rendered op: like [`quote_literal`], but a non-finite float is an error,
/// since only PostgreSQL would read the string it turns into as a number.
pub(crate) fn literal(dialect: Dialect, op: OpKind, v: &Value) -> Result<String, RenderError> {
    if let Value::Float(f) = v {
        if !f.is_finite() {
            return Err(RenderError::invalid(op, format!("the float {f} has no SQL literal; use a finite number")));
        }
    }
    Ok(quote_literal(dialect, v))
}

/// A comma-separated list of quoted identifiers.
pub(crate) fn ident_list(dialect: Dialect, names: &[String]) -> String {
    names.iter().map(|n| quote_ident(dialect, n)).collect::<Vec<_>>().join(", ")
}

/// An owned sea-query identifier (owned ones are always escaped when written).
pub(crate) fn iden(name: &str) -> DynIden {
    DynIden::from(name.to_string())
}

/// An index or foreign-key name prepared for sea-query, which writes those names between
/// quotes without escaping them (sea-query 1.0.2, `prepare_index_create_statement`,
/// `prepare_foreign_key_*`): doubling the quote character here makes its output correct.
pub(crate) fn sea_name(dialect: Dialect, name: &str) -> String {
    let q = match dialect {
        Dialect::Mysql => "`",
        Dialect::Postgres | Dialect::Sqlite => "\"",
    };
    name.replace(q, &format!("{q}{q}"))
}

/// Renders a sea-query schema statement for the dialect.
pub(crate) fn build(dialect: Dialect, stmt: &impl SchemaStatementBuilder) -> String {
    match dialect {
        Dialect::Postgres => stmt.build(PostgresQueryBuilder),
        Dialect::Sqlite => stmt.build(SqliteQueryBuilder),
        Dialect::Mysql => stmt.build(MysqlQueryBuilder),
    }
}
