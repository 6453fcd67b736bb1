//! A SQLite table's current definition, parsed from its stored `CREATE TABLE` statement into
//! columns and constraint clauses that keep their original SQL text, so that the rebuild
//! recipe changes only what the op changes and writes everything else back verbatim.

use crate::backend::{quote_ident, Dialect, RenderError};

/// What a column constraint clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClauseKind {
    /// `NOT NULL`.
    NotNull,
    /// `NULL`.
    Null,
    /// `DEFAULT ..`.
    Default,
    /// `PRIMARY KEY ..`.
    PrimaryKey,
    /// `UNIQUE ..`.
    Unique,
    /// `CHECK (..)`.
    Check,
    /// `REFERENCES ..`.
    References,
    /// `COLLATE ..`.
    Collate,
    /// `GENERATED ALWAYS AS (..)` / `AS (..)`.
    Generated,
}

/// One column constraint clause, with its text as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnClause {
    /// What it is.
    pub kind: ClauseKind,
    /// Its name, from `CONSTRAINT name ..`.
    pub name: Option<String>,
    /// The SQL text, including any `CONSTRAINT name` prefix.
    pub sql: String,
}

/// A column of a [`TableDef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableColumn {
    /// The column name, unquoted.
    pub name: String,
    /// The declared type as written (may be empty: SQLite allows untyped columns).
    pub ty: String,
    /// Constraint clauses in order.
    pub clauses: Vec<ColumnClause>,
}

impl TableColumn {
    /// Whether the column is generated (and so cannot be copied into).
    pub fn is_generated(&self) -> bool {
        self.clauses.iter().any(|c| c.kind == ClauseKind::Generated)
    }

    /// The column definition as SQL.
    pub fn to_sql(&self) -> String {
        let mut sql = quote_ident(Dialect::Sqlite, &self.name);
        if !self.ty.is_empty() {
            sql.push(' ');
            sql.push_str(&self.ty);
        }
        for c in &self.clauses {
            sql.push(' ');
            sql.push_str(&c.sql);
        }
        sql
    }
}

/// A table constraint of a [`TableDef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableConstraint {
    /// Its name, from `CONSTRAINT name ..`.
    pub name: Option<String>,
    /// The SQL text as stored.
    pub sql: String,
}

/// A named index or foreign key and its columns, in key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyColumns {
    /// The index or constraint name.
    pub name: String,
    /// Its columns in order (an expression part of an index is an empty string).
    pub columns: Vec<String>,
}

impl KeyColumns {
    /// A named key over `columns`.
    pub fn new(name: impl Into<String>, columns: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self { name: name.into(), columns: columns.into_iter().map(Into::into).collect() }
    }
}

/// A table's current definition. On SQLite: what the rebuild recipe (create new table, copy,
/// drop, rename, re-create indexes and triggers) needs, filled at run time by
/// [`super::introspect_table`], or offline from a known `CREATE TABLE` with
/// [`TableDef::parse`] / [`TableDef::from_create_table`]. On MySQL: the column names and types,
/// indexes and foreign keys, filled by [`crate::backend::introspect_mysql_table`] (no
/// constraints, options, index statements or triggers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDef {
    /// Table name, unquoted.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<TableColumn>,
    /// Table constraints in order.
    pub constraints: Vec<TableConstraint>,
    /// Table options after the column list (`WITHOUT ROWID`, `STRICT`), as written.
    pub options: String,
    /// `CREATE INDEX` statements of the table's explicit indexes (re-created after a rebuild).
    pub indexes: Vec<String>,
    /// `CREATE TRIGGER` statements on the table (dropped with it, so re-created).
    pub triggers: Vec<String>,
    /// Whether `PRAGMA foreign_keys` was on when the definition was read: dropping a table
    /// that others reference would then fire their `ON DELETE` actions.
    pub foreign_keys_enforced: bool,
    /// Tables with foreign keys to this one.
    pub referenced_by: Vec<String>,
    /// Indexes with their columns (MySQL; SQLite's are the statements in `indexes`).
    pub index_columns: Vec<KeyColumns>,
    /// Foreign keys with their columns (MySQL).
    pub foreign_keys: Vec<KeyColumns>,
    /// The table as the chain's schema model holds it, when the definition comes from the
    /// model (`None` when it was read from the live table): MySQL's `MODIFY COLUMN` restates
    /// the parts of a column an `alter_column` does not change from it.
    pub model: Option<std::sync::Arc<crate::schema::Table>>,
}

impl TableDef {
    /// An empty definition of table `name`, to fill field by field.
    pub fn new(name: impl Into<String>) -> TableDef {
        TableDef {
            name: name.into(),
            columns: Vec::new(),
            constraints: Vec::new(),
            options: String::new(),
            indexes: Vec::new(),
            triggers: Vec::new(),
            foreign_keys_enforced: false,
            referenced_by: Vec::new(),
            index_columns: Vec::new(),
            foreign_keys: Vec::new(),
            model: None,
        }
    }

    /// Parses a `CREATE TABLE` statement (as stored in `sqlite_master.sql`). Indexes,
    /// triggers and the foreign-key facts are left empty.
    pub fn parse(create_sql: &str) -> Result<TableDef, RenderError> {
        let fail = |table: &str, reason: &str| RenderError::UnparsableTable {
            table: table.to_string(),
            reason: reason.to_string(),
        };
        let toks = tokenize(create_sql).map_err(|r| fail("?", &r))?;
        let mut i = 0;
        let word = |i: usize, w: &str| toks.get(i).is_some_and(|t| t.is_word(w));
        if !word(i, "CREATE") {
            return Err(fail("?", "the statement does not start with CREATE"));
        }
        i += 1;
        if word(i, "TEMP") || word(i, "TEMPORARY") {
            i += 1;
        }
        if !word(i, "TABLE") {
            return Err(fail("?", "not a CREATE TABLE statement"));
        }
        i += 1;
        if word(i, "IF") && word(i + 1, "NOT") && word(i + 2, "EXISTS") {
            i += 3;
        }
        let mut name = toks.get(i).and_then(Tok::name).ok_or_else(|| fail("?", "no table name"))?;
        i += 1;
        if toks.get(i).is_some_and(|t| t.is_punct('.')) {
            name = toks.get(i + 1).and_then(Tok::name).ok_or_else(|| fail("?", "no table name after the schema"))?;
            i += 2;
        }
        if !toks.get(i).is_some_and(|t| t.is_punct('(')) {
            return Err(fail(&name, "no column list (CREATE TABLE .. AS SELECT is not supported)"));
        }
        let open = i;
        let close = matching_paren(&toks, open).ok_or_else(|| fail(&name, "unbalanced parentheses"))?;
        let options = create_sql[toks[close].end..].trim().trim_end_matches(';').trim().to_string();
        let mut def = TableDef { options, ..TableDef::new(name.clone()) };
        for item in split_top_level(&toks, open + 1, close) {
            let first = &toks[item.0];
            let is_constraint =
                ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].iter().any(|w| first.is_word(w));
            if is_constraint {
                let cname = if first.is_word("CONSTRAINT") { toks.get(item.0 + 1).and_then(Tok::name) } else { None };
                def.constraints.push(TableConstraint { name: cname, sql: slice(create_sql, &toks, item).to_string() });
            } else {
                def.columns.push(parse_column(create_sql, &toks, item).map_err(|r| fail(&name, &r))?);
            }
        }
        if def.columns.is_empty() {
            return Err(fail(&name, "no columns"));
        }
        Ok(def)
    }

    /// The definition a `create_table` op creates on SQLite (its old state, when a migration
    /// chain knows it without a connection).
    pub fn from_create_table(op: &crate::ops::CreateTable) -> Result<TableDef, RenderError> {
        let sql =
            crate::backend::render(&crate::ops::Op::CreateTable(op.clone()), Dialect::Sqlite, &Default::default())?;
        let first = sql.first().ok_or_else(|| RenderError::invalid("create_table", "rendered no statement"))?;
        TableDef::parse(first)
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&TableColumn> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .or_else(|| self.columns.iter().find(|c| c.name.eq_ignore_ascii_case(name)))
    }

    /// `CREATE TABLE "name" (..) options` for this definition under another name.
    pub fn to_create_sql(&self, name: &str) -> String {
        let items: Vec<String> = self
            .columns
            .iter()
            .map(TableColumn::to_sql)
            .chain(self.constraints.iter().map(|c| c.sql.clone()))
            .collect();
        let mut sql = format!("CREATE TABLE {} ({})", quote_ident(Dialect::Sqlite, name), items.join(", "));
        if !self.options.is_empty() {
            sql.push(' ');
            sql.push_str(&self.options);
        }
        sql
    }
}

/// Whether `sql` names the identifier `name` (quoted or not, ASCII case-insensitively, as
/// SQLite compares identifiers).
pub(crate) fn mentions(sql: &str, name: &str) -> bool {
    tokenize(sql).is_ok_and(|toks| {
        toks.iter().any(|t| matches!(t.kind, Kind::Word | Kind::Quoted) && t.value.eq_ignore_ascii_case(name))
    })
}

// ---- tokenizer --------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// A bare word: keyword or unquoted identifier.
    Word,
    /// A quoted identifier; `value` is unquoted.
    Quoted,
    /// A string literal.
    Str,
    /// A number or other run of literal characters.
    Other,
    /// A single punctuation character.
    Punct(char),
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// The identifier value (unquoted) or the word/text itself.
    value: String,
}

impl Tok {
    fn is_word(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.value.eq_ignore_ascii_case(w)
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// An identifier: quoted, bare, or (as SQLite allows) a string literal.
    fn name(&self) -> Option<String> {
        matches!(self.kind, Kind::Word | Kind::Quoted | Kind::Str).then(|| self.value.clone())
    }
}

fn tokenize(sql: &str) -> Result<Vec<Tok>, String> {
    let bytes = sql.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if sql[i..].starts_with("--") {
            i = sql[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
        } else if sql[i..].starts_with("/*") {
            i = sql[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
        } else if matches!(c, b'"' | b'`' | b'\'') {
            let (value, end) = quoted(sql, i, c as char, c as char)?;
            let kind = if c == b'\'' { Kind::Str } else { Kind::Quoted };
            toks.push(Tok { kind, start: i, end, value });
            i = end;
        } else if c == b'[' {
            let close = sql[i + 1..].find(']').ok_or("unterminated [identifier]")? + i + 1;
            toks.push(Tok { kind: Kind::Quoted, start: i, end: close + 1, value: sql[i + 1..close].to_string() });
            i = close + 1;
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            let end = sql[i..]
                .char_indices()
                .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '_' || *ch == '$' || !ch.is_ascii()))
                .map_or(bytes.len(), |(n, _)| i + n);
            toks.push(Tok { kind: Kind::Word, start: i, end, value: sql[i..end].to_string() });
            i = end;
        } else if c.is_ascii_digit() || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let mut end = i;
            while end < bytes.len() {
                let b = bytes[end];
                let exponent_sign = matches!(b, b'+' | b'-') && matches!(bytes[end - 1], b'e' | b'E');
                if b.is_ascii_alphanumeric() || b == b'.' || exponent_sign {
                    end += 1;
                } else {
                    break;
                }
            }
            toks.push(Tok { kind: Kind::Other, start: i, end, value: sql[i..end].to_string() });
            i = end;
        } else {
            let ch = sql[i..].chars().next().ok_or("unexpected end")?;
            let end = i + ch.len_utf8();
            toks.push(Tok { kind: Kind::Punct(ch), start: i, end, value: ch.to_string() });
            i = end;
        }
    }
    Ok(toks)
}

/// A quoted run starting at `start` (doubled quotes escape); returns the unquoted value and
/// the end offset.
fn quoted(sql: &str, start: usize, open: char, close: char) -> Result<(String, usize), String> {
    let _ = open;
    let mut value = String::new();
    let mut chars = sql[start + 1..].char_indices().peekable();
    while let Some((n, ch)) = chars.next() {
        if ch == close {
            if chars.peek().is_some_and(|(_, next)| *next == close) {
                value.push(ch);
                chars.next();
            } else {
                return Ok((value, start + 1 + n + ch.len_utf8()));
            }
        } else {
            value.push(ch);
        }
    }
    Err(format!("unterminated {close}quoted{close} text"))
}

fn matching_paren(toks: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if t.is_punct('(') {
            depth += 1;
        } else if t.is_punct(')') {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Token index ranges `[from, to]` (inclusive) of the comma-separated items in `(from..to)`.
fn split_top_level(toks: &[Tok], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = from;
    for (i, t) in toks.iter().enumerate().take(to).skip(from) {
        if t.is_punct('(') {
            depth += 1;
        } else if t.is_punct(')') {
            depth = depth.saturating_sub(1);
        } else if t.is_punct(',') && depth == 0 {
            if i > start {
                items.push((start, i - 1));
            }
            start = i + 1;
        }
    }
    if to > start {
        items.push((start, to - 1));
    }
    items
}

/// The source text from the first to the last token of a range (comments between tokens are
/// kept; a trailing comment is not, so joining items with commas stays valid).
fn slice<'a>(sql: &'a str, toks: &[Tok], (a, b): (usize, usize)) -> &'a str {
    &sql[toks[a].start..toks[b].end]
}

const CLAUSE_WORDS: [&str; 11] =
    ["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"];

/// Whether the token at `i` starts a new column constraint clause.
fn starts_clause(toks: &[Tok], i: usize, first: usize) -> bool {
    let t = &toks[i];
    if t.kind != Kind::Word || !CLAUSE_WORDS.iter().any(|w| t.is_word(w)) {
        return false;
    }
    let prev = (i > first).then(|| &toks[i - 1]);
    let prev_is = |w: &str| prev.is_some_and(|p| p.is_word(w));
    if t.is_word("NULL") && (prev_is("NOT") || prev_is("SET") || prev_is("DEFAULT")) {
        return false;
    }
    if t.is_word("DEFAULT") && prev_is("SET") {
        return false;
    }
    if t.is_word("NOT") && !toks.get(i + 1).is_some_and(|n| n.is_word("NULL")) {
        return false;
    }
    if t.is_word("AS") && prev_is("ALWAYS") {
        return false;
    }
    true
}

fn clause_kind(toks: &[Tok], i: usize) -> ClauseKind {
    let t = &toks[i];
    if t.is_word("NOT") {
        ClauseKind::NotNull
    } else if t.is_word("NULL") {
        ClauseKind::Null
    } else if t.is_word("DEFAULT") {
        ClauseKind::Default
    } else if t.is_word("PRIMARY") {
        ClauseKind::PrimaryKey
    } else if t.is_word("UNIQUE") {
        ClauseKind::Unique
    } else if t.is_word("CHECK") {
        ClauseKind::Check
    } else if t.is_word("REFERENCES") {
        ClauseKind::References
    } else if t.is_word("COLLATE") {
        ClauseKind::Collate
    } else {
        ClauseKind::Generated
    }
}

fn parse_column(sql: &str, toks: &[Tok], (a, b): (usize, usize)) -> Result<TableColumn, String> {
    let name = toks[a].name().ok_or("a column without a name")?;
    // Find the start of every clause at depth 0.
    let mut starts = Vec::new();
    let mut depth = 0usize;
    for i in a + 1..=b {
        let t = &toks[i];
        if t.is_punct('(') {
            depth += 1;
        } else if t.is_punct(')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && starts_clause(toks, i, a + 1) {
            starts.push(i);
        }
    }
    let type_end = starts.first().copied().unwrap_or(b + 1);
    let ty = if type_end > a + 1 { slice(sql, toks, (a + 1, type_end - 1)).to_string() } else { String::new() };
    let mut clauses = Vec::new();
    let mut pending_name: Option<(usize, String)> = None;
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(b, |next| next - 1);
        if toks[s].is_word("CONSTRAINT") {
            let cname = toks.get(s + 1).and_then(Tok::name).ok_or("CONSTRAINT without a name")?;
            pending_name = Some((s, cname));
            continue;
        }
        let (from, cname) = match pending_name.take() {
            Some((from, cname)) => (from, Some(cname)),
            None => (s, None),
        };
        clauses.push(ColumnClause {
            kind: clause_kind(toks, s),
            name: cname,
            sql: slice(sql, toks, (from, end)).to_string(),
        });
    }
    if pending_name.is_some() {
        return Err(format!("column `{name}` has a CONSTRAINT name without a constraint"));
    }
    Ok(TableColumn { name, ty, clauses })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn parse_keeps_clauses_and_names_verbatim() {
        let sql = r#"CREATE TABLE "we""ird; tbl" (
            "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
            [na me] varchar(50) CONSTRAINT "ck ""x""" CHECK (length([na me]) > 0) DEFAULT 'a,b' COLLATE NOCASE,
            `ünï` numeric(10, 2) DEFAULT NULL REFERENCES "other" ("id") ON DELETE SET NULL NOT DEFERRABLE, -- trailing
            g integer GENERATED ALWAYS AS (id + 1) STORED,
            untyped,
            CONSTRAINT "uq" UNIQUE ("id", [na me]),
            CHECK (id > 0)
        ) STRICT"#;
        let def = TableDef::parse(sql).unwrap();
        assert_eq!(def.name, "we\"ird; tbl");
        let names: Vec<&str> = def.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["id", "na me", "ünï", "g", "untyped"]);
        assert_eq!(def.columns[1].ty, "varchar(50)");
        let kinds: Vec<ClauseKind> = def.columns[1].clauses.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ClauseKind::Check, ClauseKind::Default, ClauseKind::Collate]);
        assert_eq!(def.columns[1].clauses[0].name.as_deref(), Some("ck \"x\""));
        assert_eq!(def.columns[1].clauses[1].sql, "DEFAULT 'a,b'");
        let kinds: Vec<ClauseKind> = def.columns[2].clauses.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ClauseKind::Default, ClauseKind::References]);
        assert_eq!(def.columns[2].clauses[1].sql, r#"REFERENCES "other" ("id") ON DELETE SET NULL NOT DEFERRABLE"#);
        assert!(def.columns[3].is_generated());
        assert_eq!(def.columns[4].ty, "");
        assert_eq!(def.constraints.len(), 2);
        assert_eq!(def.constraints[0].name.as_deref(), Some("uq"));
        assert_eq!(def.constraints[1].sql, "CHECK (id > 0)");
        assert_eq!(def.options, "STRICT");
    }

    #[test]
    fn reserialized_definition_parses_to_the_same_definition() {
        let sql =
            r#"CREATE TABLE t ("a" int NOT NULL DEFAULT (1 + 2), b text, CONSTRAINT c CHECK (a > 0)) WITHOUT ROWID"#;
        let def = TableDef::parse(sql).unwrap();
        let again = TableDef::parse(&def.to_create_sql("t")).unwrap();
        assert_eq!(again, def);
    }

    #[test]
    fn create_table_as_select_is_unparsable() {
        assert!(matches!(TableDef::parse("CREATE TABLE t AS SELECT 1"), Err(RenderError::UnparsableTable { .. })));
    }
}
