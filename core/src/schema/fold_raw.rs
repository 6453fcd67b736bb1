//! Raw SQL in a fold: `execute(..)` is opaque, so what its statements name becomes unknown.
//!
//! Each statement is read only far enough to tell what it changes: data (`INSERT`, `UPDATE`,
//! `DELETE`, `SELECT`) changes no schema; `CREATE`/`ALTER`/`DROP` of a table, view, index,
//! sequence, type, trigger or function names its object (and the table of an index or trigger).
//! Anything else (`DO` blocks, procedure calls, statements the reader does not know) makes
//! everything unknown from there on. Checks on unknown objects are warnings, never errors.

use super::model::Schema;

/// Marks what the statements of `sql` may change as unknown in `schema`.
pub fn execute(schema: &mut Schema, sql: &str) {
    for statement in statements(sql) {
        match touched(&statement) {
            Touched::Nothing => {}
            Touched::Objects(names) => schema.unknown.objects.extend(names),
            Touched::Anything => schema.unknown.everything = true,
        }
    }
}

/// What one statement may change.
#[derive(Debug, PartialEq, Eq)]
pub enum Touched {
    /// No schema object (data statements, session settings).
    Nothing,
    /// The named objects.
    Objects(Vec<String>),
    /// It cannot be told.
    Anything,
}

/// `sql` split at the semicolons outside quotes, comments and dollar-quoted bodies.
fn statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    let mut quote: Option<char> = None;
    let mut dollar: Option<String> = None;
    while i < chars.len() {
        let c = chars[i];
        if let Some(tag) = &dollar {
            if sql[char_offset(sql, i)..].starts_with(tag.as_str()) {
                current.push_str(tag);
                i += tag.chars().count();
                dollar = None;
                continue;
            }
        } else if let Some(q) = quote {
            if c == q {
                quote = None;
            }
        } else if c == '\'' || c == '"' || c == '`' {
            quote = Some(c);
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        } else if c == '$' {
            let rest: String = chars[i + 1..].iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect();
            if chars.get(i + 1 + rest.chars().count()) == Some(&'$') {
                let tag = format!("${rest}$");
                current.push_str(&tag);
                i += tag.chars().count();
                dollar = Some(tag);
                continue;
            }
        } else if c == ';' {
            if !current.trim().is_empty() {
                out.push(current.trim().to_string());
            }
            current.clear();
            i += 1;
            continue;
        }
        current.push(c);
        i += 1;
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

fn char_offset(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// The words of a statement, lower case, identifiers unquoted and unqualified.
fn words(statement: &str) -> Vec<String> {
    statement
        .split(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.rsplit('.').next().unwrap_or(w);
            w.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']' || c == ';').to_string()
        })
        .collect()
}

/// What `statement` may change.
pub fn touched(statement: &str) -> Touched {
    let words = words(statement);
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let first = lower.first().map(String::as_str).unwrap_or_default();
    match first {
        "insert" | "update" | "delete" | "select" | "with" | "set" | "analyze" | "vacuum" | "notify" | "pragma"
        | "refresh" | "grant" | "revoke" | "lock" | "truncate" | "comment" => {
            // COMMENT ON changes a comment, GRANT privileges: neither is a modeled object
            // apart from comments, which name their object.
            if first == "comment" {
                return object_after(&words, &lower, &["on"], 1)
                    .map_or(Touched::Anything, |n| Touched::Objects(vec![n]));
            }
            Touched::Nothing
        }
        "create" | "alter" | "drop" => {
            const KINDS: &[&str] = &[
                "table",
                "view",
                "index",
                "sequence",
                "type",
                "trigger",
                "function",
                "procedure",
                "extension",
                "schema",
                "domain",
            ];
            let Some(at) = lower.iter().position(|w| KINDS.contains(&w.as_str())) else { return Touched::Anything };
            let kind = lower[at].as_str();
            // Skip IF [NOT] EXISTS, CONCURRENTLY and ONLY to the name.
            let mut i = at + 1;
            while i < lower.len() && matches!(lower[i].as_str(), "if" | "not" | "exists" | "concurrently" | "only") {
                i += 1;
            }
            let Some(name) = words.get(i).cloned() else { return Touched::Anything };
            // An index or trigger changes no column of its table: only its own name is unknown.
            let mut names = vec![name];
            if matches!(kind, "function" | "procedure" | "schema" | "domain") && first != "drop" {
                // Functions and schemas are beyond the model, and a schema holds anything.
                return if kind == "schema" { Touched::Anything } else { Touched::Objects(names) };
            }
            if kind == "table" && first == "alter" && lower.iter().any(|w| w == "rename") {
                // The new name too.
                if let Some(to) = lower.iter().position(|w| w == "to") {
                    if let Some(new) = words.get(to + 1) {
                        names.push(new.clone());
                    }
                }
            }
            if kind == "table" && first == "create" && lower.iter().any(|w| w == "partition") {
                if let Some(of) = lower.iter().position(|w| w == "of") {
                    if let Some(parent) = words.get(of + 1) {
                        names.push(parent.clone());
                    }
                }
            }
            Touched::Objects(names)
        }
        "rename" => {
            // MySQL: RENAME TABLE a TO b.
            let names = words.iter().skip(2).filter(|w| !w.eq_ignore_ascii_case("to")).cloned().collect();
            Touched::Objects(names)
        }
        "begin" | "commit" | "rollback" | "start" | "savepoint" | "release" => Touched::Nothing,
        _ => Touched::Anything,
    }
}

fn object_after(words: &[String], lower: &[String], after: &[&str], skip: usize) -> Option<String> {
    let at = lower.iter().position(|w| after.contains(&w.as_str()))?;
    words.get(at + skip + 1).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_statements_change_nothing_and_ddl_names_its_objects() {
        assert_eq!(touched("UPDATE users SET a = 1"), Touched::Nothing);
        assert_eq!(touched("INSERT INTO roles VALUES (1)"), Touched::Nothing);
        assert_eq!(touched("CREATE TABLE IF NOT EXISTS \"audit\" (id int)"), Touched::Objects(vec!["audit".into()]));
        assert_eq!(
            touched("CREATE UNIQUE INDEX CONCURRENTLY ix ON public.users (lower(email))"),
            Touched::Objects(vec!["ix".into()])
        );
        assert_eq!(
            touched("ALTER TABLE users RENAME TO people"),
            Touched::Objects(vec!["users".into(), "people".into()])
        );
        assert_eq!(touched("DO $$ BEGIN PERFORM 1; END $$"), Touched::Anything);
        assert_eq!(touched("CALL refresh_all()"), Touched::Anything);
    }

    #[test]
    fn statements_split_outside_quotes_and_bodies() {
        let sql = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; INSERT INTO t VALUES (';')";
        assert_eq!(statements(sql).len(), 2);
        let mut schema = Schema::default();
        execute(&mut schema, "UPDATE t SET a = 1; CREATE VIEW v AS SELECT 1");
        assert!(schema.is_unknown("v") && !schema.is_unknown("t") && !schema.unknown.everything);
    }
}
