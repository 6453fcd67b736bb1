//! An op in full for `show`: every field of its data, written as an indented outline (nested
//! values on one line when they fit, one field a line when they do not). Read from the op's
//! serialized form, so a field added to an op shows up here without a change.

use std::fmt;

use retort::ops::Op;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A serialized value with its fields in the order the op declares them (`serde_json::Value`
/// sorts them, which would put a column's `name` after its `default`).
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

type Map = Vec<(String, Value)>;

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(Value::Object(fields))
    }
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Lines longer than this are broken into one field a line.
const WIDTH: usize = 100;

/// The fields of `op` as lines (without indentation of their own), the op's tag and the
/// `.only(..)` wrapper left out: the summary line above them names both.
pub fn fields(op: &Op) -> Vec<String> {
    let op = match op {
        Op::Only(only) => &*only.op,
        op => op,
    };
    let mut lines = Vec::new();
    let value = serde_json::to_string(op).and_then(|json| serde_json::from_str::<Value>(&json));
    if let Ok(Value::Object(map)) = value {
        for (key, value) in map.iter().filter(|(k, _)| k.as_str() != "op") {
            field(&mut lines, 0, key, value);
        }
    }
    lines
}

/// `key: value`, or `key:` and the value's fields below it, at `depth`.
fn field(lines: &mut Vec<String>, depth: usize, key: &str, value: &Value) {
    let indent = "  ".repeat(depth);
    match value {
        Value::String(s) if s.contains('\n') => {
            lines.push(format!("{indent}{key}: |"));
            lines.extend(s.trim_end().lines().map(|l| format!("{indent}  {l}")));
        }
        Value::String(s) => lines.push(format!("{indent}{key}: {}", plain(s))),
        Value::Object(_) | Value::Array(_) => {
            let flow = flow(value);
            if indent.len() + key.len() + 2 + flow.chars().count() <= WIDTH && !flow.contains('\n') {
                lines.push(format!("{indent}{key}: {flow}"));
            } else {
                lines.push(format!("{indent}{key}:"));
                block(lines, depth + 1, value);
            }
        }
        scalar => lines.push(format!("{indent}{key}: {}", flow(scalar))),
    }
}

/// A value too long for one line: an object's fields one a line, an array's items as `- ` items.
fn block(lines: &mut Vec<String>, depth: usize, value: &Value) {
    let indent = "  ".repeat(depth);
    match value {
        Value::Object(map) => fields_of(lines, depth, map),
        Value::Array(items) => {
            for item in items {
                let flow = flow(item);
                match item {
                    Value::Object(map) if indent.len() + 2 + flow.chars().count() > WIDTH || flow.contains('\n') => {
                        // The item's first field goes on the `- ` line, the others under it.
                        let mut inner = Vec::new();
                        fields_of(&mut inner, depth + 1, map);
                        let mut inner = inner.into_iter();
                        if let Some(first) = inner.next() {
                            lines.push(format!("{indent}- {}", first.trim_start()));
                        }
                        lines.extend(inner);
                    }
                    _ => lines.push(format!("{indent}- {flow}")),
                }
            }
        }
        scalar => lines.push(format!("{indent}{}", flow(scalar))),
    }
}

fn fields_of(lines: &mut Vec<String>, depth: usize, map: &Map) {
    for (key, value) in map {
        field(lines, depth, key, value);
    }
}

/// A value on one line: `{name: id, ty: uuid}`, `[a, b]`; strings quoted where a comma or a
/// bracket in them would read as structure.
fn flow(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quoted_if_needed(s),
        Value::Array(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            format!("{{{}}}", map.iter().map(|(k, v)| format!("{k}: {}", flow(v))).collect::<Vec<_>>().join(", "))
        }
    }
}

/// A string standing alone after `key: `: as it is, unless it would not read back as itself.
fn plain(s: &str) -> String {
    if s.is_empty() || s.trim() != s || s == "none" {
        json_string(s)
    } else {
        s.to_string()
    }
}

fn quoted_if_needed(s: &str) -> String {
    if s.is_empty() || s.trim() != s || s == "none" || s.contains(['"', ',', ':', '{', '}', '[', ']', '\n']) {
        json_string(s)
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort::ops::{AddColumn, Column, ColumnType, CreateTable, Execute, OnlyOn, ServerDefault};

    #[test]
    fn every_field_of_a_column_is_shown_on_one_line_when_it_fits() {
        let column = Column::new("seen_at", ColumnType::Varchar(Some(8))).not_null().default(ServerDefault::Now);
        let lines = fields(&Op::AddColumn(AddColumn::new("users", column)));
        assert_eq!(
            lines,
            ["table: users", "column: {name: seen_at, ty: {varchar: 8}, nullable: false, default: now}",]
        );
    }

    #[test]
    fn long_values_break_into_one_field_a_line() {
        let columns = [
            Column::new("id", ColumnType::BigInt).primary_key(),
            Column::new("email", ColumnType::Text)
                .not_null()
                .unique()
                .comment("as typed at sign-up, compared case-insensitively by the login form, never shown to others"),
        ];
        let only = Op::Only(OnlyOn {
            dialects: vec!["postgres".into()],
            op: Box::new(Op::CreateTable(CreateTable::new("users", columns))),
        });
        let text = fields(&only).join("\n");
        let expected = "\
name: users
columns:
  - {name: id, ty: big_int, nullable: false, primary_key: true}
  - name: email
    ty: text
    nullable: false
    unique: true
    comment: as typed at sign-up, compared case-insensitively by the login form, never shown to others";
        assert_eq!(text, expected);
    }

    #[test]
    fn strings_that_would_read_as_structure_are_quoted() {
        let column = Column::new("status", ColumnType::Text).check("status IN ('a', 'b')").comment("");
        let lines = fields(&Op::AddColumn(AddColumn::new("posts", column)));
        assert_eq!(lines[1], r#"column: {name: status, ty: text, check: "status IN ('a', 'b')", comment: ""}"#);
    }

    #[test]
    fn sql_keeps_its_lines() {
        let lines = fields(&Op::Execute(Execute::new("CREATE FUNCTION f()\nRETURNS trigger")));
        assert_eq!(lines[..3], ["sql: |", "  CREATE FUNCTION f()", "  RETURNS trigger"]);
    }
}
