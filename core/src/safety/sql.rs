//! Just enough reading of raw SQL for the rules on `execute(..)`: which statements it runs and on
//! which table. Not a parser: it looks at each statement's first words, which is what the rules need.

/// The statements of `sql`, trimmed and lowercased, split on `;` (good enough for migration SQL;
/// a `;` inside a string literal only splits a statement the rules would not match anyway).
pub(super) fn statements(sql: &str) -> impl Iterator<Item = String> + '_ {
    sql.split(';').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty())
}

/// A data-changing statement: its verb and target table.
pub(super) struct Dml {
    pub verb: &'static str,
    pub table: String,
}

/// The data-changing statements of `sql` (`UPDATE t`, `DELETE FROM t`, `INSERT INTO t`, `MERGE INTO t`).
pub(super) fn dml(sql: &str) -> Vec<Dml> {
    statements(sql)
        .filter_map(|s| {
            let mut words = s.split_whitespace();
            let (verb, table) = match words.next()? {
                "update" => ("UPDATE", words.next()?),
                "delete" => ("DELETE", words.nth(1)?),
                "insert" => ("INSERT", words.nth(1)?),
                "merge" => ("MERGE", words.nth(1)?),
                _ => return None,
            };
            let table = table.trim_matches('"').split('(').next().unwrap_or_default().to_string();
            Some(Dml { verb, table })
        })
        .collect()
}

/// Whether `sql` sets or resets the named setting (`SET [LOCAL] lock_timeout ..`, `RESET ..`,
/// `set_config('lock_timeout', ..)`).
pub(super) fn changes_setting(sql: &str, setting: &str) -> bool {
    statements(sql).any(|s| {
        let mut words = s.split_whitespace();
        match words.next() {
            Some("set") => {
                let next = words.next();
                let name = if matches!(next, Some("local" | "session")) { words.next() } else { next };
                name.is_some_and(|n| n.split('=').next() == Some(setting))
            }
            Some("reset") => words.next() == Some(setting),
            _ => s.contains(&format!("set_config('{setting}'")),
        }
    })
}
