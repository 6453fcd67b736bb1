//! `schema --diesel`: diesel's `schema.rs` from the chain's model at a revision (no database).

use std::io::{self, Write};
use std::path::Path;

use retort::schema::chain;
use retort::schema::diesel::{print_schema, DieselOptions};
use serde::Serialize;

use super::migrate::dialect_of;
use super::{graph, registry, Ctx};
use crate::args::SchemaArgs;
use crate::error::CliError;
use crate::output::style::{BOLD, DIM};
use crate::output::{Verbosity, View};

/// What `schema --diesel -o PATH [--check]` prints (JSON fields in docs/cli.md).
#[derive(Serialize)]
struct Written {
    /// The revision's full id.
    revision: String,
    /// The dialect the schema is for.
    dialect: String,
    /// The file written or checked.
    path: String,
    /// Whether the file already held this schema.
    fresh: bool,
    /// `--check` on a stale file: the unified diff from the file to the schema; else empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    diff: String,
    /// Whether the file was written (not with `--check`).
    written: bool,
}

impl View for Written {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        let _ = verbosity;
        match (self.written, self.fresh) {
            (_, true) => writeln!(w, "{DIM}{} is up to date ({}, {}){DIM:#}", self.path, self.revision, self.dialect),
            (true, false) => writeln!(w, "{BOLD}wrote{BOLD:#} {} ({}, {})", self.path, self.revision, self.dialect),
            (false, false) => write!(w, "{}", self.diff),
        }
    }
}

/// The whole schema, on stdout without `-o` (as is in text, in a document with `--format json`).
#[derive(Serialize)]
struct Printed {
    revision: String,
    dialect: String,
    schema: String,
}

impl View for Printed {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        let _ = verbosity;
        write!(w, "{}", self.schema)
    }
}

/// Prints (or writes to `-o`, or checks against `-o`) diesel's schema.rs at `--at`.
pub fn diesel(ctx: &mut Ctx<'_>, args: &SchemaArgs) -> Result<(), CliError> {
    let dialect = match args.dialect {
        Some(d) => d,
        None => dialect_of(ctx.config()?)?,
    };
    let registry = registry()?;
    let graph = graph(&registry)?;
    let revision = graph.resolve(&args.at)?;
    let (schema, warnings) = chain::schema_at(&graph, &revision.id, dialect.name())
        .map_err(|e| CliError::from(retort::runner::RunError::from(e)))?;
    for w in &warnings {
        ctx.out.warn(format_args!("revision {}: {}", w.revision, w.warning));
    }
    let mut options = DieselOptions::default();
    options.sqlite_integer_primary_key_is_bigint = args.sqlite_integer_primary_key_is_bigint;
    let text = print_schema(&schema, dialect, &options);
    let Some(path) = &args.output else {
        let printed = Printed { revision: revision.id.to_string(), dialect: dialect.name().into(), schema: text };
        return ctx.out.emit(&printed);
    };
    let old = read_existing(path)?;
    let fresh = old.as_deref() == Some(text.as_str());
    let mut view = Written {
        revision: revision.id.to_string(),
        dialect: dialect.name().into(),
        path: path.display().to_string(),
        fresh,
        diff: String::new(),
        written: false,
    };
    if args.check {
        if !fresh {
            view.diff = unified_diff(old.as_deref().unwrap_or_default(), &text, &view.path);
        }
        ctx.out.emit(&view)?;
        return if fresh { Ok(()) } else { Err(CliError::SchemaStale { path: view.path }) };
    }
    if !fresh {
        std::fs::write(path, &text).map_err(|e| CliError::Usage(format!("could not write {}: {e}", path.display())))?;
        view.written = true;
    }
    ctx.out.emit(&view)
}

/// The file's text, or `None` when it does not exist.
fn read_existing(path: &Path) -> Result<Option<String>, CliError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CliError::Usage(format!("could not read {}: {e}", path.display()))),
    }
}

/// The unified diff from the file's text to the chain's schema.
fn unified_diff(old: &str, new: &str, path: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, &format!("{path} (from the chain)"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn the_diff_names_the_file_and_the_changed_lines() {
        let diff = unified_diff("a\nb\n", "a\nc\n", "src/schema.rs");
        assert_eq!(diff, "--- src/schema.rs\n+++ src/schema.rs (from the chain)\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
    }
}
