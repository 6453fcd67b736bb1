//! The DSL's shared vocabulary: column types, literal values, defaults and the bare words
//! (`Cascade`, `Gin`, `Range`, `PrimaryKey`) that several op families use.

use super::cx::{Chain, Cx};
use super::expr::{Expr, ExprKind};
use crate::ops::{ColumnType, ConstraintType, ForeignKeyAction, IndexMethod, PartitionStrategy, ServerDefault, Value};

/// Types written as a bare word.
const PLAIN_TYPES: &[(&str, ColumnType)] = &[
    ("SmallInt", ColumnType::SmallInt),
    ("Integer", ColumnType::Integer),
    ("BigInt", ColumnType::BigInt),
    ("SmallSerial", ColumnType::SmallSerial),
    ("Serial", ColumnType::Serial),
    ("BigSerial", ColumnType::BigSerial),
    ("Numeric", ColumnType::Numeric(None)),
    ("Real", ColumnType::Real),
    ("Double", ColumnType::Double),
    ("Boolean", ColumnType::Boolean),
    ("Text", ColumnType::Text),
    ("Varchar", ColumnType::Varchar(None)),
    ("Bytes", ColumnType::Bytes),
    ("Uuid", ColumnType::Uuid),
    ("Json", ColumnType::Json),
    ("Jsonb", ColumnType::Jsonb),
    ("Date", ColumnType::Date),
    ("Time", ColumnType::Time),
    ("Timestamp", ColumnType::Timestamp),
    ("TimestampTz", ColumnType::TimestampTz),
    ("Interval", ColumnType::Interval),
];

/// Every type word, for suggestions.
const TYPE_WORDS: &[&str] = &[
    "SmallInt",
    "Integer",
    "BigInt",
    "SmallSerial",
    "Serial",
    "BigSerial",
    "Numeric",
    "Real",
    "Double",
    "Boolean",
    "Text",
    "Varchar",
    "Char",
    "Bytes",
    "Uuid",
    "Json",
    "Jsonb",
    "Date",
    "Time",
    "Timestamp",
    "TimestampTz",
    "Interval",
    "Array",
    "Enum",
    "custom",
];

pub(super) const FK_ACTIONS: &[(&str, ForeignKeyAction)] = &[
    ("NoAction", ForeignKeyAction::NoAction),
    ("Restrict", ForeignKeyAction::Restrict),
    ("Cascade", ForeignKeyAction::Cascade),
    ("SetNull", ForeignKeyAction::SetNull),
    ("SetDefault", ForeignKeyAction::SetDefault),
];

pub(super) const INDEX_METHODS: &[(&str, IndexMethod)] = &[
    ("Btree", IndexMethod::Btree),
    ("Hash", IndexMethod::Hash),
    ("Gin", IndexMethod::Gin),
    ("Gist", IndexMethod::Gist),
    ("Brin", IndexMethod::Brin),
    ("Spgist", IndexMethod::Spgist),
];

pub(super) const PARTITION_STRATEGIES: &[(&str, PartitionStrategy)] =
    &[("Range", PartitionStrategy::Range), ("List", PartitionStrategy::List), ("Hash", PartitionStrategy::Hash)];

pub(super) const CONSTRAINT_TYPES: &[(&str, ConstraintType)] = &[
    ("PrimaryKey", ConstraintType::PrimaryKey),
    ("Unique", ConstraintType::Unique),
    ("Check", ConstraintType::Check),
    ("ForeignKey", ConstraintType::ForeignKey),
    ("Exclude", ConstraintType::Exclude),
];

pub(super) const DIALECTS: &[(&str, &str)] = &[("postgres", "postgres"), ("sqlite", "sqlite"), ("mysql", "mysql")];

/// A column type: `BigInt`, `Varchar(50)`, `Numeric(10, 2)`, `Array(Text)`, `Enum("mood")`, `custom("tsvector")`.
/// Rust types written where a column type belongs, and the column type that stores them (as
/// diesel maps them).
const RUST_TYPES: &[(&str, &str)] = &[
    ("i16", "SmallInt"),
    ("i32", "Integer"),
    ("i64", "BigInt"),
    ("f32", "Real"),
    ("f64", "Double"),
    ("bool", "Boolean"),
    ("String", "Text"),
    ("str", "Text"),
    ("u8", "Bytes"),
    ("Decimal", "Numeric(precision, scale)"),
    ("BigDecimal", "Numeric(precision, scale)"),
    ("NaiveDate", "Date"),
    ("NaiveTime", "Time"),
    ("NaiveDateTime", "Timestamp"),
    ("DateTime", "TimestampTz"),
    ("OffsetDateTime", "TimestampTz"),
    ("PrimitiveDateTime", "Timestamp"),
    ("Value", "Jsonb"),
];

pub(super) fn column_type(cx: &mut Cx<'_>, e: &Expr) -> Option<ColumnType> {
    const WHAT: &str = "the column type";
    match &e.kind {
        ExprKind::Ident(name) => match PLAIN_TYPES.iter().find(|(n, _)| n == name) {
            Some((_, ty)) => Some(ty.clone()),
            None if name == "Char" => {
                cx.err(e.span, "`Char` needs its length: write `Char(2)`");
                None
            }
            None => {
                match RUST_TYPES.iter().find(|(rust, _)| rust == name) {
                    Some((rust, ours)) => {
                        cx.err(e.span, format!("`{rust}` is a Rust type; the column type it maps to is `{ours}`"))
                    }
                    None => cx.unknown(e.span, "column type", name, TYPE_WORDS),
                }
                None
            }
        },
        ExprKind::Call { .. } => {
            let c = Chain::of(e)?;
            if let Some(m) = c.methods.first() {
                cx.err(
                    m.name_span,
                    "a column type takes no methods; put `.not_null()`, `.default(..)` etc. on `column(..)`",
                );
                return None;
            }
            let call = c.head;
            match call.name {
                "Numeric" => {
                    let [p, s] = cx.args(&call, "Numeric(precision, scale)")?;
                    Some(ColumnType::Numeric(Some((cx.u32(p, "the precision")?, cx.u32(s, "the scale")?))))
                }
                "Varchar" => {
                    let [n] = cx.args(&call, "Varchar(length)")?;
                    Some(ColumnType::Varchar(Some(cx.u32(n, "the length")?)))
                }
                "Char" => {
                    let [n] = cx.args(&call, "Char(length)")?;
                    Some(ColumnType::Char(cx.u32(n, "the length")?))
                }
                "Array" => {
                    let [inner] = cx.args(&call, "Array(Text)")?;
                    Some(ColumnType::Array(Box::new(column_type(cx, inner)?)))
                }
                "Enum" => {
                    let [name] = cx.args(&call, "Enum(\"type_name\")")?;
                    Some(ColumnType::Enum(cx.string(name, "the enum type name")?))
                }
                "custom" => {
                    let [name] = cx.args(&call, "custom(\"tsvector\")")?;
                    Some(ColumnType::Custom(cx.string(name, "the type as the database spells it")?))
                }
                other if PLAIN_TYPES.iter().any(|(n, _)| *n == other) => {
                    cx.err(call.span, format!("`{other}` takes no arguments; write `{other}`"));
                    None
                }
                other => {
                    cx.unknown(call.name_span, "column type", other, TYPE_WORDS);
                    None
                }
            }
        }
        _ => {
            cx.err(e.span, format!("expected {WHAT} (e.g. `BigInt`, `Text`, `Varchar(50)`), found {}", e.describe()));
            None
        }
    }
}

/// A literal value: `"text"`, `42`, `-1`, `1.5`, `true`, `false`, `null`.
pub(super) fn value(cx: &mut Cx<'_>, e: &Expr) -> Option<Value> {
    match &e.kind {
        ExprKind::Str(s) => Some(Value::Str(s.clone())),
        ExprKind::Int(i) => Some(Value::Int(*i)),
        ExprKind::Float(x) => Some(Value::Float(*x)),
        ExprKind::Bool(b) => Some(Value::Bool(*b)),
        ExprKind::Ident(w) if w == "null" => Some(Value::Null),
        _ => {
            cx.err(
                e.span,
                format!("expected a literal value (`\"text\"`, `42`, `1.5`, `true`, `null`), found {}", e.describe()),
            );
            None
        }
    }
}

/// A server default: a literal, `now()`, `sql("expr")` (volatility detected) or `sql_volatile("expr")`.
pub(super) fn default(cx: &mut Cx<'_>, e: &Expr) -> Option<ServerDefault> {
    if let ExprKind::Call { .. } = &e.kind {
        let call = Chain::of(e)?.head;
        return match call.name {
            "now" => cx.args::<0>(&call, "now()").map(|_| ServerDefault::Now),
            "sql" => {
                let [sql] = cx.args(&call, "sql(\"gen_random_uuid()\")")?;
                Some(ServerDefault::expr(cx.string(sql, "the SQL expression")?))
            }
            "sql_volatile" => {
                let [sql] = cx.args(&call, "sql_volatile(\"my_fn()\")")?;
                Some(ServerDefault::Expr { sql: cx.string(sql, "the SQL expression")?, volatile: true })
            }
            other => {
                cx.unknown(call.name_span, "default", other, &["now", "sql", "sql_volatile"]);
                None
            }
        };
    }
    match &e.kind {
        ExprKind::Ident(w) if w != "null" => {
            cx.err(
                e.span,
                format!("expected a default value, found `{w}`; write a literal (`\"text\"`, `0`, `true`, `null`), `now()`, or an SQL expression as `sql(\"..\")`"),
            );
            None
        }
        _ => value(cx, e).map(ServerDefault::Value),
    }
}

/// `.only([postgres, mysql])`'s dialect list.
pub(super) fn dialects(cx: &mut Cx<'_>, e: &Expr) -> Option<Vec<String>> {
    cx.list(e, "the dialects", |cx, d| cx.word(d, "dialect", DIALECTS).map(str::to_string))
}
