//! The project's own settings for the compile-time checks, from `[package.metadata.retort]` in
//! the `Cargo.toml` of the crate being compiled:
//!
//! ```toml
//! [package.metadata.retort]
//! dialects = ["sqlite"]                 # the databases the app runs on (default: all three)
//! rules = { type-hygiene = false }      # safety rules off (or back on) by id
//! start_after = "3058ebb55d01"          # that revision and its ancestors are not linted
//! ```
//!
//! Read once per compiler process and crate; a setting that does not parse is a compile error
//! at the `migration!` that reads it, naming the key and the fix.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::safety::find_rule;

/// The dialects a project may target.
pub const DIALECTS: [&str; 3] = ["postgres", "sqlite", "mysql"];

/// `[package.metadata.retort]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Project {
    /// The dialects the app targets; empty for all three.
    pub dialects: Vec<String>,
    /// Rules turned off (`false`) or on (`true`) by id, kebab-case.
    pub rules: BTreeMap<String, bool>,
    /// The revision after which linting starts: it and its ancestors predate adopting retort's
    /// rules (as strong_migrations' `start_after`).
    pub start_after: Option<String>,
}

impl Project {
    /// The settings of the crate `CARGO_MANIFEST_DIR` names (none outside cargo).
    pub fn current() -> Result<Project, String> {
        match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(dir) => Project::of(&PathBuf::from(dir).join("Cargo.toml")),
            None => Ok(Project::default()),
        }
    }

    /// The settings in `manifest`, read once per process.
    pub fn of(manifest: &Path) -> Result<Project, String> {
        static READ: Mutex<Vec<(PathBuf, Result<Project, String>)>> = Mutex::new(Vec::new());
        let mut read = READ.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, found)) = read.iter().find(|(p, _)| p == manifest) {
            return found.clone();
        }
        let found = std::fs::read_to_string(manifest)
            .map_err(|e| format!("reading {}: {e}", manifest.display()))
            .and_then(|text| Project::parse(&text));
        read.push((manifest.to_path_buf(), found.clone()));
        found
    }

    /// The settings in a `Cargo.toml`'s text.
    pub fn parse(text: &str) -> Result<Project, String> {
        let doc: toml::Table = text.parse().map_err(|e| format!("Cargo.toml does not parse: {e}"))?;
        let Some(table) = doc.get("package").and_then(|p| p.get("metadata")).and_then(|m| m.get("retort")) else {
            return Ok(Project::default());
        };
        let bad = |key: &str, want: &str| format!("`[package.metadata.retort]` {key}: {want}");
        let table = table.as_table().ok_or_else(|| bad("", "must be a table"))?;
        let mut project = Project::default();
        for (key, value) in table {
            match key.as_str() {
                "dialects" => {
                    let list = value.as_array().ok_or_else(|| bad("dialects", "a list, e.g. `[\"sqlite\"]`"))?;
                    for d in list {
                        match d.as_str() {
                            Some(d) if DIALECTS.contains(&d) => project.dialects.push(d.to_string()),
                            _ => {
                                return Err(bad(
                                    "dialects",
                                    &format!("{d} is not one of \"postgres\", \"sqlite\", \"mysql\""),
                                ))
                            }
                        }
                    }
                }
                "rules" => {
                    let rules = value
                        .as_table()
                        .ok_or_else(|| bad("rules", "a table of rule ids, e.g. `{ type-hygiene = false }`"))?;
                    for (id, on) in rules {
                        let rule = find_rule(id).ok_or_else(|| {
                            bad("rules", &format!("`{id}` is not a rule; SAFETY.md and `migrate lint` name them"))
                        })?;
                        let on = on.as_bool().ok_or_else(|| bad("rules", &format!("`{id}` must be true or false")))?;
                        project.rules.insert(rule.id.to_string(), on);
                    }
                }
                "start_after" => {
                    let id = value.as_str().ok_or_else(|| bad("start_after", "a revision id, as a string"))?;
                    project.start_after = Some(id.to_string());
                }
                other => {
                    return Err(bad(other, "unknown key; the keys are `dialects`, `rules` and `start_after`"));
                }
            }
        }
        Ok(project)
    }

    /// Whether the app targets `dialect`.
    pub fn targets(&self, dialect: &str) -> bool {
        self.dialects.is_empty() || self.dialects.iter().any(|d| d == dialect)
    }

    /// Whether the safety rule `id` is checked: not turned off, and about a dialect the app
    /// targets (unless turned on by name).
    pub fn checks(&self, id: &str) -> bool {
        let Some(rule) = find_rule(id) else { return true };
        rule.checked(&self.dialects, self.rules.get(rule.id).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_bad_ones_name_the_key() {
        let p = Project::parse(
            "[package]\nname = \"app\"\n[package.metadata.retort]\ndialects = [\"sqlite\"]\nrules = { type_hygiene = true, drop-column = false }\nstart_after = \"a1\"\n",
        )
        .unwrap();
        assert_eq!(p.dialects, ["sqlite"]);
        assert!(p.checks("type-hygiene"), "turned on by name, though PostgreSQL's");
        assert!(!p.checks("drop-column"));
        assert!(!p.checks("index-concurrently"), "PostgreSQL's, and the app is SQLite only");
        assert!(p.checks("rename-column"));
        assert_eq!(p.start_after.as_deref(), Some("a1"));
        assert_eq!(Project::parse("[package]\nname = \"app\"\n").unwrap(), Project::default());
        let e = Project::parse("[package.metadata.retort]\nrules = { no-such-rule = false }\n").unwrap_err();
        assert!(e.contains("`no-such-rule` is not a rule"), "{e}");
        let e = Project::parse("[package.metadata.retort]\ndialects = [\"oracle\"]\n").unwrap_err();
        assert!(e.contains("\"oracle\" is not one of"), "{e}");
        let e = Project::parse("[package.metadata.retort]\nstrat_after = \"x\"\n").unwrap_err();
        assert!(e.contains("strat_after: unknown key"), "{e}");
    }
}
