//! `show REV --schema`: the chain's schema model after a revision, folded from the ops.

use std::io::{self, Write};

use retort::schema::chain::{self, ChainWarning};
use retort::schema::{type_sql, Schema, Table};
use serde::Serialize;

use super::migrate::dialect_of;
use super::{graph, registry, Ctx};
use crate::args::ShowArgs;
use crate::error::CliError;
use crate::output::style::{BOLD, DIM, ID};
use crate::output::{Verbosity, View};

/// What `show REV --schema` prints (JSON fields in docs/cli.md).
#[derive(Serialize)]
struct SchemaView {
    /// The revision's full id.
    revision: String,
    /// The dialect the model is folded for.
    dialect: String,
    /// The model.
    schema: Schema,
    /// What could not be checked because raw SQL may have changed it.
    warnings: Vec<String>,
}

/// Prints the model after `args.rev` for `--dialect` or the database URL's dialect.
pub fn show(ctx: &mut Ctx<'_>, args: &ShowArgs) -> Result<(), CliError> {
    let dialect = match args.dialect {
        Some(d) => d,
        None => dialect_of(ctx.config()?)?,
    };
    let registry = registry()?;
    let graph = graph(&registry)?;
    let revision = graph.resolve(&args.rev)?;
    let (schema, warnings) = chain::schema_at(&graph, &revision.id, dialect.name())
        .map_err(|e| CliError::from(retort::runner::RunError::from(e)))?;
    let view = SchemaView {
        revision: revision.id.to_string(),
        dialect: dialect.name().to_string(),
        schema,
        warnings: warnings.iter().map(|w: &ChainWarning| format!("revision {}: {}", w.revision, w.warning)).collect(),
    };
    ctx.out.emit(&view)
}

fn table_text(w: &mut dyn Write, name: &str, table: &Table, schema: &Schema) -> io::Result<()> {
    writeln!(w, "{BOLD}table{BOLD:#} {name}")?;
    if let Some(comment) = &table.comment {
        writeln!(w, "  {DIM}-- {comment}{DIM:#}")?;
    }
    for c in &table.columns {
        let mut line = format!("  {} {}", c.name, type_sql(&c.ty));
        if !c.nullable {
            line.push_str(" NOT NULL");
        }
        if let Some(d) = &c.default {
            line.push_str(&format!(" DEFAULT {d}"));
        }
        if let Some(i) = c.identity {
            line.push_str(&format!(" {}", i.as_sql()));
        }
        if let Some(g) = &c.generated {
            line.push_str(&format!(" GENERATED ({}) {}", g.expr, if g.stored { "STORED" } else { "VIRTUAL" }));
        }
        if let Some(collation) = &c.collation {
            line.push_str(&format!(" COLLATE {collation}"));
        }
        writeln!(w, "{line}")?;
    }
    for (cname, c) in &table.constraints {
        let valid = if c.validated { "" } else { " NOT VALID" };
        writeln!(w, "  {} {cname}: {}{valid}", c.kind.name(), c.definition())?;
    }
    for ((_, iname), ix) in schema.indexes.iter().filter(|((t, _), _)| t == name) {
        let unique = if ix.unique { "unique " } else { "" };
        let method = ix.method.as_deref().map(|m| format!(" using {m}")).unwrap_or_default();
        let predicate = ix.predicate.as_deref().map(|p| format!(" where {p}")).unwrap_or_default();
        writeln!(w, "  {unique}index {iname}{method} ({}){predicate}", ix.columns.join(", "))?;
    }
    if let Some(key) = &table.partition_key {
        writeln!(w, "  partitioned by {key}")?;
    }
    for (p, bound) in &table.partitions {
        writeln!(w, "  partition {p} {bound}")?;
    }
    Ok(())
}

impl View for SchemaView {
    fn text(&self, w: &mut dyn Write, verbosity: Verbosity) -> io::Result<()> {
        let _ = verbosity;
        writeln!(w, "schema after {ID}{}{ID:#} ({})", self.revision, self.dialect)?;
        let s = &self.schema;
        for (name, table) in &s.tables {
            table_text(w, name, table, s)?;
        }
        for (name, view) in &s.views {
            let kind = if view.materialized { "materialized view" } else { "view" };
            writeln!(w, "{BOLD}{kind}{BOLD:#} {name}: {}", view.definition)?;
        }
        for (name, labels) in &s.enums {
            writeln!(w, "{BOLD}enum{BOLD:#} {name}: {}", labels.join(", "))?;
        }
        for name in s.sequences.keys() {
            writeln!(w, "{BOLD}sequence{BOLD:#} {name}")?;
        }
        for name in s.extensions.keys() {
            writeln!(w, "{BOLD}extension{BOLD:#} {name}")?;
        }
        if s.unknown.everything {
            writeln!(w, "{DIM}raw SQL ran whose effect cannot be told: the model may be incomplete{DIM:#}")?;
        } else if !s.unknown.objects.is_empty() {
            let names: Vec<&str> = s.unknown.objects.iter().map(String::as_str).collect();
            writeln!(w, "{DIM}changed by raw SQL, not modeled: {}{DIM:#}", names.join(", "))?;
        }
        for warning in &self.warnings {
            writeln!(w, "{DIM}warning: {warning}{DIM:#}")?;
        }
        Ok(())
    }
}
