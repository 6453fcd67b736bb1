//! Reading a schema from a database's catalog, and the scratch databases the drift check builds
//! the chain's schema in: the dialect-specific SQL behind [`crate::schema`].
//!
//! The queries run through a [`CatalogSource`] (the runner's connection), so that the backend
//! holds the SQL and the parsing of its answers but no connection of its own. Each dialect's
//! `catalog.rs` reads everything its catalog reliably says; this file dispatches and holds the
//! text helpers they share.

use super::{quote_ident, quote_literal, Dialect};
use crate::ops::ForeignKeyAction;
use crate::schema::{parse_action, Constraint, ConstraintKind, References, Schema};

/// Runs catalog queries: text columns named `c0`, `c1`, .. (NULL as `None`).
pub trait CatalogSource {
    /// Why a query failed.
    type Error;

    /// The rows of `sql`, whose `N` columns are named `c0`..`c{N-1}` and are all text.
    fn rows<const N: usize>(&mut self, sql: &str) -> Result<Vec<[Option<String>; N]>, Self::Error>;

    /// Runs statements that return nothing (transaction control, session settings).
    fn execute(&mut self, sql: &str) -> Result<(), Self::Error>;
}

/// The tables a snapshot leaves out: the runner's version and history tables, in `schema` (the
/// connection's default when `None`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Excluded<'a> {
    /// The schema of the tables; `None` leaves them out in every schema.
    pub schema: Option<&'a str>,
    /// The table names (version and history tables).
    pub tables: [&'a str; 2],
}

/// Reads the schema of the database `source` is connected to.
///
/// PostgreSQL reads in one read-only, repeatable-read transaction (a consistent snapshot, and a
/// guarantee that nothing is written) whose deparsing settings are fixed: a partition bound or
/// default on `timestamptz` is printed in the session's `TimeZone`, and the two databases being
/// compared may have different ones. SQLite reads in one transaction too; MySQL's
/// `information_schema` is not transactional.
pub(crate) fn read_schema<S: CatalogSource>(
    dialect: Dialect,
    source: &mut S,
    excluded: Excluded<'_>,
) -> Result<Schema, S::Error> {
    let (begin, end) = match dialect {
        Dialect::Postgres => (
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL TimeZone = 'UTC'; \
             SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 1",
            "COMMIT",
        ),
        // A savepoint works inside the run's own transaction too (the cross-check before a run
        // reads under the lock).
        Dialect::Sqlite => ("SAVEPOINT retort_catalog", "RELEASE retort_catalog"),
        Dialect::Mysql => ("", ""),
    };
    if !begin.is_empty() {
        source.execute(begin)?;
    }
    let schema = match dialect {
        Dialect::Postgres => super::postgres::catalog::read(source, excluded),
        Dialect::Sqlite => super::sqlite::catalog::read(source, excluded),
        Dialect::Mysql => super::mysql::catalog::read(source, excluded),
    };
    if !end.is_empty() {
        match &schema {
            Ok(_) => source.execute(end)?,
            // The read failed: that error is the one to report.
            Err(_) if dialect == Dialect::Sqlite => {
                let _ = source.execute("ROLLBACK TO retort_catalog; RELEASE retort_catalog");
            }
            Err(_) => {
                let _ = source.execute("ROLLBACK");
            }
        }
    }
    schema
}

/// Where the drift check builds the chain's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScratchPlace {
    /// A new database file (SQLite).
    File,
    /// A new database on the same server, same credentials (PostgreSQL, MySQL).
    ServerDatabase,
}

pub(crate) fn scratch_place(dialect: Dialect) -> ScratchPlace {
    match dialect {
        Dialect::Sqlite => ScratchPlace::File,
        Dialect::Postgres | Dialect::Mysql => ScratchPlace::ServerDatabase,
    }
}

/// The statement creating scratch database `name` like the one `source` is connected to: on
/// MySQL with its default character set and collation, which decide the columns'.
pub(crate) fn create_database<S: CatalogSource>(
    dialect: Dialect,
    source: &mut S,
    name: &str,
) -> Result<String, S::Error> {
    let quoted = quote_ident(dialect, name);
    Ok(match dialect {
        Dialect::Mysql => {
            let rows = source.rows::<2>(
                "SELECT CAST(DEFAULT_CHARACTER_SET_NAME AS CHAR) AS c0, CAST(DEFAULT_COLLATION_NAME AS CHAR) AS c1 \
                 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()",
            )?;
            match rows.first() {
                Some([Some(charset), Some(collation)]) => format!(
                    "CREATE DATABASE {quoted} CHARACTER SET {} COLLATE {}",
                    quote_ident(dialect, charset),
                    quote_ident(dialect, collation)
                ),
                _ => format!("CREATE DATABASE {quoted}"),
            }
        }
        Dialect::Postgres | Dialect::Sqlite => format!("CREATE DATABASE {quoted}"),
    })
}

/// The statements giving scratch database `name` the per-database settings of the database
/// `source` is connected to (PostgreSQL's `ALTER DATABASE .. SET`): a database-level
/// `search_path` decides where the replayed revisions create their objects.
pub(crate) fn copy_database_settings<S: CatalogSource>(
    dialect: Dialect,
    source: &mut S,
    name: &str,
) -> Result<Vec<String>, S::Error> {
    if dialect != Dialect::Postgres {
        return Ok(Vec::new());
    }
    let rows = source.rows::<1>(
        "SELECT CAST(s.setting AS TEXT) AS c0 FROM pg_db_role_setting r, unnest(r.setconfig) AS s(setting) \
         WHERE r.setrole = 0 AND r.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )?;
    let database = quote_ident(dialect, name);
    Ok(rows
        .iter()
        .filter_map(|[setting]| {
            let (key, value) = setting.as_deref()?.split_once('=')?;
            if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                return None;
            }
            // List settings are stored as SQL already (`"$user", public`); others are one value.
            let list = matches!(key, "search_path" | "temp_tablespaces") || key.ends_with("_preload_libraries");
            let value = if list { value.to_string() } else { quote_literal(dialect, value) };
            Some(format!("ALTER DATABASE {database} SET {key} TO {value}"))
        })
        .collect())
}

/// How to let the drift check create its scratch database, for the error saying it could not.
pub(crate) fn scratch_privilege_fix(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "check builds the chain's schema in a scratch database it creates and drops: let the user create \
             databases (ALTER ROLE <user> CREATEDB), or set scratch_url in retort.toml (or --scratch-url) to an \
             empty database it may use"
        }
        Dialect::Mysql => {
            "check builds the chain's schema in a scratch database it creates and drops: grant the user \
             CREATE and DROP on them (GRANT CREATE, DROP ON `retort\\_scratch\\_%`.* TO <user>), or set \
             scratch_url in retort.toml (or --scratch-url) to an empty database it may use"
        }
        Dialect::Sqlite => "check that the temporary directory is writable, or set scratch_url",
    }
}

/// The statements that drop scratch database `name`, each an alternative to try in turn:
/// PostgreSQL 13+ ends stray sessions with `WITH (FORCE)`, older servers refuse the option.
pub(crate) fn drop_database(dialect: Dialect, name: &str) -> Vec<String> {
    let quoted = quote_ident(dialect, name);
    match dialect {
        Dialect::Postgres => {
            vec![format!("DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"), format!("DROP DATABASE IF EXISTS {quoted}")]
        }
        Dialect::Mysql | Dialect::Sqlite => vec![format!("DROP DATABASE IF EXISTS {quoted}")],
    }
}

/// The statements that empty a scratch database the user provided (`scratch_url`), which
/// cannot be dropped: every schema (PostgreSQL) or every table, view and routine.
pub(crate) fn wipe<S: CatalogSource>(dialect: Dialect, source: &mut S) -> Result<Vec<String>, S::Error> {
    let q = |name: &Option<String>| quote_ident(dialect, name.as_deref().unwrap_or_default());
    Ok(match dialect {
        Dialect::Postgres => {
            let schemas = source.rows::<1>(
                "SELECT CAST(n.nspname AS TEXT) AS c0 FROM pg_namespace n \
                 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' \
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass \
                 AND d.objid = n.oid AND d.deptype = 'e')",
            )?;
            let mut out: Vec<String> = schemas.iter().map(|[s]| format!("DROP SCHEMA {} CASCADE", q(s))).collect();
            out.push("CREATE SCHEMA IF NOT EXISTS public".into());
            out
        }
        Dialect::Mysql => {
            let objects = source.rows::<2>(
                "SELECT CAST(TABLE_NAME AS CHAR) AS c0, CAST(TABLE_TYPE AS CHAR) AS c1 FROM information_schema.TABLES \
                 WHERE TABLE_SCHEMA = DATABASE() UNION ALL SELECT CAST(ROUTINE_NAME AS CHAR) AS c0, \
                 CAST(ROUTINE_TYPE AS CHAR) AS c1 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()",
            )?;
            let mut out = vec!["SET FOREIGN_KEY_CHECKS = 0".to_string()];
            for [name, kind] in &objects {
                let what = match kind.as_deref() {
                    Some("VIEW") => "VIEW",
                    Some("PROCEDURE") => "PROCEDURE",
                    Some("FUNCTION") => "FUNCTION",
                    _ => "TABLE",
                };
                out.push(format!("DROP {what} IF EXISTS {}", q(name)));
            }
            out.push("SET FOREIGN_KEY_CHECKS = 1".into());
            out
        }
        Dialect::Sqlite => {
            let objects = source.rows::<2>(
                "SELECT name AS c0, type AS c1 FROM sqlite_master WHERE type IN ('table', 'view') \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            )?;
            let mut out = vec!["PRAGMA foreign_keys = OFF".to_string()];
            for [name, kind] in &objects {
                let what = if kind.as_deref() == Some("view") { "VIEW" } else { "TABLE" };
                out.push(format!("DROP {what} IF EXISTS {}", q(name)));
            }
            out.push("PRAGMA foreign_keys = ON".into());
            out
        }
    })
}

/// `NOT (<schema> = <excluded schema> AND <table> IN (<excluded tables>))`, for catalog
/// queries. Without a configured schema the tables are left out in every schema: they were
/// created in the default schema of the day, which a later `search_path` may have changed.
pub(super) fn not_excluded(
    dialect: Dialect,
    excluded: Excluded<'_>,
    schema_column: &str,
    table_column: &str,
) -> String {
    let tables = excluded.tables.iter().map(|t| quote_literal(dialect, *t)).collect::<Vec<_>>().join(", ");
    match excluded.schema {
        Some(schema) => {
            format!("NOT ({schema_column} = {} AND {table_column} IN ({tables}))", quote_literal(dialect, schema))
        }
        None => format!("{table_column} NOT IN ({tables})"),
    }
}

/// `text` with runs of whitespace collapsed to one space, trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text inside the parenthesis that opens at byte `open` of `text`, and the text after its
/// closing one; `None` when `open` is not a `(` or it never closes. Quotes are skipped.
pub(super) fn parenthesized(text: &str, open: usize) -> Option<(&str, &str)> {
    if text.as_bytes().get(open) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text[open..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    let end = open + i;
                    return Some((&text[open + 1..end], &text[end + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// `text` split at the commas outside parentheses and quotes, each part trimmed.
pub(super) fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut current = String::new();
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(collapse(&current));
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(collapse(&current));
    }
    parts
}

/// The value of a text column.
pub(super) fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// The value of a text column, `None` when NULL or empty.
pub(super) fn non_empty(value: &Option<String>) -> Option<String> {
    value.as_deref().filter(|v| !v.is_empty()).map(str::to_string)
}

/// Whether a boolean text column is true (`t`, `true`, `1`, `YES`).
pub(super) fn truthy(value: &Option<String>) -> bool {
    matches!(value.as_deref().map(str::to_ascii_lowercase).as_deref(), Some("t" | "true" | "1" | "yes"))
}

/// A constraint from its definition (`PRIMARY KEY (id)`, `UNIQUE NULLS NOT DISTINCT (a)`,
/// `FOREIGN KEY (a) REFERENCES t(b) ON DELETE CASCADE`, `CHECK ((age >= 0))`,
/// `EXCLUDE USING gist (..)`), as PostgreSQL's `pg_get_constraintdef` and SQLite's table SQL
/// spell it. What it cannot take apart is kept whole as the expression.
pub(super) fn constraint_from_definition(kind: ConstraintKind, definition: &str) -> Constraint {
    let definition = collapse(definition);
    let upper = definition.to_ascii_uppercase();
    let list = |from: usize| -> Option<(Vec<String>, usize)> {
        let open = from + definition[from..].find('(')?;
        let (inside, _) = parenthesized(&definition, open)?;
        let names = split_top_level(inside).into_iter().map(|c| unquote(&c)).collect();
        Some((names, open + inside.len() + 2))
    };
    let whole = |kind| Constraint { expression: Some(definition.clone()), ..Constraint::new::<String>(kind, []) };
    match kind {
        ConstraintKind::PrimaryKey | ConstraintKind::Unique => match list(0) {
            Some((columns, _)) => {
                let mut c = Constraint::new(kind, columns);
                c.nulls_not_distinct = upper.contains("NULLS NOT DISTINCT");
                c
            }
            None => whole(kind),
        },
        ConstraintKind::ForeignKey => {
            let Some((columns, end)) = list(0) else { return whole(kind) };
            let Some(at) = upper[end..].find("REFERENCES ").map(|i| end + i + "REFERENCES ".len()) else {
                return whole(kind);
            };
            let rest = &definition[at..];
            let name_end = rest.find(|c: char| c == '(' || c.is_whitespace()).unwrap_or(rest.len());
            let table = unquote(&rest[..name_end]);
            let (ref_columns, after) = match rest[name_end..].trim_start().starts_with('(') {
                true => list(at + name_end).unwrap_or((Vec::new(), at + name_end)),
                false => (Vec::new(), at + name_end),
            };
            let tail = upper[after.min(upper.len())..].to_string();
            let action = |word: &str| {
                tail.find(word).and_then(|i| {
                    let words: Vec<&str> = tail[i + word.len()..].split_whitespace().collect();
                    let two = words.iter().take(2).copied().collect::<Vec<_>>().join(" ");
                    parse_action(&two)
                        .filter(|_| two == "NO ACTION" || two == "SET NULL" || two == "SET DEFAULT")
                        .or_else(|| words.first().and_then(|w| parse_action(w)))
                })
            };
            let mut c = Constraint::new(kind, columns);
            c.references = Some(References {
                table,
                columns: ref_columns,
                on_delete: action("ON DELETE ").unwrap_or(ForeignKeyAction::NoAction),
                on_update: action("ON UPDATE ").unwrap_or(ForeignKeyAction::NoAction),
                deferrable: tail
                    .contains(" DEFERRABLE")
                    .then_some(tail.contains("INITIALLY DEFERRED"))
                    .filter(|_| !tail.contains("NOT DEFERRABLE")),
            });
            c
        }
        ConstraintKind::Check => {
            let open = definition.find('(').unwrap_or(0);
            match parenthesized(&definition, open) {
                Some((inside, _)) => Constraint::check(inside.trim()),
                None => whole(kind),
            }
        }
        ConstraintKind::Exclusion => {
            let body = definition.strip_prefix("EXCLUDE ").unwrap_or(&definition);
            Constraint { expression: Some(body.to_string()), ..Constraint::new::<String>(kind, []) }
        }
    }
}

/// An identifier without its quotes (`"a"`, `` `a` ``, `[a]`).
pub(super) fn unquote(name: &str) -> String {
    let name = name.trim();
    let quoted = (name.starts_with('"') && name.ends_with('"'))
        || (name.starts_with('`') && name.ends_with('`'))
        || (name.starts_with('[') && name.ends_with(']'));
    if quoted && name.len() >= 2 {
        name[1..name.len() - 1].to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parenthesized_skips_nested_parentheses_and_quotes() {
        let def = "CREATE INDEX ix ON t USING btree (lower(a), (b || ')')) WHERE (c > 0)";
        let open = def.find(" (").unwrap() + 1;
        let (inside, rest) = parenthesized(def, open).unwrap();
        assert_eq!(inside, "lower(a), (b || ')')");
        assert_eq!(rest, " WHERE (c > 0)");
        assert_eq!(split_top_level(inside), ["lower(a)", "(b || ')')"]);
        assert_eq!(parenthesized("no paren", 0), None);
        assert_eq!(parenthesized("(unclosed", 0), None);
    }

    #[test]
    fn excluded_tables_are_left_out_in_the_configured_schema_or_in_any() {
        let excluded = Excluded { schema: None, tables: ["v", "h"] };
        assert_eq!(not_excluded(Dialect::Postgres, excluded, "n.nspname", "c.relname"), "c.relname NOT IN ('v', 'h')");
        let excluded = Excluded { schema: Some("ops"), ..excluded };
        assert_eq!(not_excluded(Dialect::Mysql, excluded, "s", "t"), "NOT (s = 'ops' AND t IN ('v', 'h'))");
    }
}
